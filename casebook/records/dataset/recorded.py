"""The versions Open Terms Archive recorded, as a terms document's ``recorded_versions``.

A terms document lists its hand-entered versions under ``versions`` (one per
effective date) and the versions ``import_ota`` wrote under
``recorded_versions``, each found again by its record time (``recorded_at``,
ISO 8601 in UTC, e.g. ``"2025-01-08T14:03:11Z"``), with the OTA fields the
import wrote (full text, commit, permalink, release path, the effective date
and its precision as the text states it, or null) and its **confirmed** clauses.
A clause carried over from an earlier version names that version's record time
in ``carried_over_from``. Clause suggestions and change proposals are work in
progress, never public, and never in the file.

A load writes the recorded versions the file lists and never deletes others: a
database may hold versions recorded after the file was written (the importer
never deletes either). The full texts are kept in a companion file
(:mod:`.companion`), so the dataset itself stays small.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from casebook.records.clauses.verbatim import quote_problem
from casebook.records.dataset.rules import INVALID, type_problem
from casebook.records.dataset.spec import Spec
from casebook.records.models import Clause, TermsVersion

#: The clauses of a recorded version: as a hand-entered version's, plus their provenance.
RECORDED_CLAUSES_SPEC = Spec(
    key="clauses",
    model=Clause,
    parent_field="version",
    identity=("category",),
    fields=("section", "text", "verification", "notes"),
    refs=("category",),
    extra=("carried_over_from",),
)

RECORDED_VERSIONS_SPEC = Spec(
    key="recorded_versions",
    related_name="versions",
    model=TermsVersion,
    parent_field="document",
    identity=("recorded_at",),
    scope=(("origin", TermsVersion.Origin.OTA),),
    keep_unlisted=True,
    fields=(
        "recorded_at",
        "effective_from",
        "effective_from_precision",
        "label",
        "ota_commit",
        "ota_permalink",
        "ota_release_path",
        "retrieved_on",
        "archive_url",
        "notes",
        "full_text",
    ),
    many=("reviewed_categories",),
    children=(RECORDED_CLAUSES_SPEC,),
)


def record_time(value: datetime.datetime) -> str:
    """A record time as the file writes it: ISO 8601 in UTC with a ``Z``."""
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def carried_over_ref(clause: Clause) -> str | None:
    """The record time of the version ``clause`` was carried over from, or None."""
    source = clause.carried_over_from
    if source is None or source.version.recorded_at is None:
        return None
    return record_time(source.version.recorded_at)


def check_recorded_versions(document: Any, error: Callable[[str, str], None]) -> None:
    """Rules across a checked terms document's recorded versions (a ``validate.Row``).

    Each confirmed clause must quote its version's full text word for word (when
    the file gives the text), and ``carried_over_from`` must name an earlier
    recorded version of the same document holding a clause of the same category.
    ``error(path, message)`` records each problem.
    """
    clauses_by_time: dict[Any, set[str | None]] = {}
    for version in document.children.get("recorded_versions", []):
        recorded_at = version.values.get("recorded_at")
        full_text = version.values.get("full_text") or ""
        for clause in version.children.get("clauses", []):
            problem = quote_problem(clause.values.get("text") or "", full_text)
            if problem:
                error(f"{clause.path}.text", problem)
            source = clause.carried_over_from
            if source is None:
                continue
            if not isinstance(source, datetime.datetime):
                continue  # reported when read
            categories = clauses_by_time.get(source)
            if categories is None or clause.refs.get("category") not in categories:
                error(
                    f"{clause.path}.carried_over_from",
                    "names no earlier recorded version of this document with a clause of "
                    "this category",
                )
        clauses_by_time[recorded_at] = {c.refs.get("category") for c in version.children["clauses"]}


def read_record_time(value: Any, path: str, error: Callable[[str, str], None]) -> Any:
    """A record time written ``"2025-01-08T14:03:11Z"`` as an aware datetime, or None.

    A value of the wrong shape is reported through ``error(path, message)`` and
    gives :data:`~casebook.records.dataset.rules.INVALID`.
    """
    if value is None:
        return None
    model_field = TermsVersion._meta.get_field("recorded_at")
    problem = type_problem(model_field, value)
    if problem is not None:
        error(path, problem)
        return INVALID
    return model_field.to_python(value)


def find_carried_source(clause: Clause, recorded_at: datetime.datetime) -> Clause:
    """The clause of the same document and category recorded at ``recorded_at``."""
    return Clause.objects.get(
        version__document_id=clause.version.document_id,
        version__recorded_at=recorded_at,
        category_id=clause.category_id,
    )
