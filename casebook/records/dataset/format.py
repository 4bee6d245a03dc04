"""The dataset file's shape, declared once, and writing it as text.

``SPECS`` says how each kind of row appears in the file; the checker, the
writer and the exporter all walk it. Reading a file from disk is
:mod:`.reading`; the imported (Open Terms Archive) versions of a terms document
are declared in :mod:`.recorded`, their full texts kept in a companion file
(:mod:`.companion`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from casebook.records.dataset.reading import MAX_DEPTH, parse_bytes, read_file
from casebook.records.dataset.recorded import RECORDED_VERSIONS_SPEC
from casebook.records.dataset.spec import PUBLISHABLE_FIELDS, DatasetError, Spec, describe
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Case,
    CaseParty,
    Citation,
    Clause,
    ClauseCategory,
    Event,
    Figures,
    Guidance,
    Holding,
    LegalTheory,
    Party,
    Settlement,
    Source,
    Technique,
    TermsDocument,
    TermsVersion,
    Topic,
    Vocabulary,
)

FORMAT = "casebook-dataset"
VERSION = 1

#: Re-exported: the names the rest of Casebook has always imported from here.
__all__ = [
    "CITATION_SPEC",
    "FORMAT",
    "MAX_DEPTH",
    "PUBLISHABLE_FIELDS",
    "SPECS",
    "VERSION",
    "VOCABULARY_SPECS",
    "DatasetError",
    "LoadReport",
    "Spec",
    "buffered",
    "describe",
    "dumps",
    "file_record_count",
    "iter_dumps",
    "parse_bytes",
    "read_file",
]


def _vocab(key: str, model: type[Vocabulary]) -> Spec:
    return Spec(key=key, model=model, fields=("name", "description"))


FIGURES = Figures.COLUMNS

VOCABULARY_SPECS = (
    _vocab("capabilities", Capability),
    _vocab("techniques", Technique),
    _vocab("legal_theories", LegalTheory),
    _vocab("clause_categories", ClauseCategory),
    _vocab("topics", Topic),
)

CITATION_SPEC = Spec(
    key="citations",
    model=Citation,
    fields=("pinpoint", "quote", "supports", "verification"),
    refs=("source",),
    identity=("source", "pinpoint"),
)

SPECS = (
    Spec(
        key="parties",
        model=Party,
        fields=("name", "short_name", "kind", "country", "aliases", "website", "description"),
        cited=True,
    ),
    Spec(
        key="sources",
        model=Source,
        fields=(
            "title",
            "url",
            "publisher",
            "author",
            "kind",
            "published_on",
            "published_on_precision",
            "accessed_on",
            "archive_url",
            "notes",
        ),
        cited=True,
    ),
    Spec(
        key="terms_documents",
        model=TermsDocument,
        fields=(
            "title",
            "kind",
            "url",
            "description",
            "ota_collection",
            "ota_service",
            "ota_terms_type",
        ),
        refs=("vendor",),
        cited=True,
        children=(
            Spec(
                key="versions",
                model=TermsVersion,
                parent_field="document",
                identity=("effective_from",),
                scope=(("origin", TermsVersion.Origin.MANUAL),),
                fields=(
                    "effective_from",
                    "effective_from_precision",
                    "label",
                    "retrieved_on",
                    "archive_url",
                    "notes",
                ),
                many=("reviewed_categories",),
                children=(
                    Spec(
                        key="clauses",
                        model=Clause,
                        parent_field="version",
                        identity=("category",),
                        fields=("section", "text", "verification", "notes"),
                        refs=("category",),
                    ),
                ),
            ),
            RECORDED_VERSIONS_SPEC,
        ),
    ),
    Spec(
        key="allegations",
        model=Allegation,
        fields=(
            "title",
            "summary",
            "made_on",
            "made_on_precision",
            "venue",
            "venue_detail",
            "conduct_start",
            "conduct_start_precision",
            "conduct_end",
            "conduct_end_precision",
            "status",
            "status_as_of",
            *FIGURES,
        ),
        refs=("accuser", "figures_source"),
        many=("legal_theories", "topics"),
        extra=("breached_clause",),
        cited=True,
        children=(
            Spec(
                key="accused",
                model=AccusedParty,
                parent_field="allegation",
                identity=("party",),
                fields=(
                    *FIGURES,
                    "conduct",
                    "response",
                    "response_summary",
                    "response_on",
                    "response_as_of",
                ),
                refs=("party", "response_source", "figures_source"),
                many=("capabilities", "techniques"),
            ),
        ),
    ),
    Spec(
        key="cases",
        model=Case,
        fields=(
            "name",
            "docket_number",
            "reporter_citation",
            "filed_on",
            "status",
            "status_as_of",
            "summary",
        ),
        refs=("court",),
        many=("topics", "allegations"),
        cited=True,
        children=(
            Spec(
                key="parties",
                related_name="case_parties",
                model=CaseParty,
                parent_field="case",
                identity=("party", "role"),
                fields=("role", "notes"),
                refs=("party",),
            ),
        ),
    ),
    Spec(
        key="settlements",
        model=Settlement,
        fields=(
            "title",
            "amount",
            "amount_qualifier",
            "currency",
            "per_unit_amount",
            "per_unit_qualifier",
            "unit_name",
            "unit_count",
            "class_definition",
            "release_scope",
            "terms_summary",
            "announced_on",
            "preliminary_approval_on",
            "final_approval_on",
            "status_as_of",
        ),
        refs=("case",),
        many=("topics",),
        cited=True,
    ),
    Spec(
        key="guidance",
        model=Guidance,
        fields=(
            "title",
            "document_type",
            "issued_on",
            "issued_on_precision",
            "formal_citation",
            "summary",
        ),
        refs=("issuer", "case", "superseded_by"),
        many=("topics",),
        cited=True,
        children=(
            Spec(
                key="holdings",
                model=Holding,
                parent_field="guidance",
                identity=("position",),
                fields=("proposition", "pinpoint", "quote"),
            ),
        ),
    ),
    Spec(
        key="events",
        model=Event,
        fields=("date", "date_precision", "kind", "headline", "description"),
        refs=Event.RECORD_FIELDS,
        many=("parties", "topics"),
        cited=True,
    ),
)


@dataclass
class LoadReport:
    """What a load did (or, for a dry run, would do), one line per row."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"create    {label}" for label in self.created]
            + [f"change    {label}" for label in self.changed]
            + [f"delete    {label}" for label in self.deleted]
            + [f"unchanged {label}" for label in self.unchanged]
        )

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.changed)} changed, "
            f"{len(self.deleted)} deleted, {len(self.unchanged)} unchanged"
        )


def dumps(data: dict) -> str:
    """The file's exact text: two-space indents, UTF-8 characters kept, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _nested(value: Any, level: int) -> str:
    """``value`` as :func:`dumps` writes it ``level`` objects deep (JSON has no raw newline)."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def iter_dumps(items: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """The text of :func:`dumps` in pieces, for a file too big to hold in memory.

    ``items`` are the file's top-level keys and values in order; a value that is
    an iterator (a generator of rows) is written as a JSON list, row by row, so
    only one row is in memory at a time. ``"".join(iter_dumps(data.items()))``
    equals ``dumps(data)`` byte for byte.
    """
    separator = "{\n"
    for key, value in items:
        yield f"{separator}  {json.dumps(key, ensure_ascii=False)}: "
        separator = ",\n"
        if not isinstance(value, Iterator):
            yield _nested(value, 1)
            continue
        opening = "[\n    "
        for row in value:
            yield opening + _nested(row, 2)
            opening = ",\n    "
        yield "[]" if opening == "[\n    " else "\n  ]"
    yield "{}\n" if separator == "{\n" else "\n}\n"


def buffered(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """``pieces`` as UTF-8 chunks of about ``size`` bytes (fewer, larger writes to a socket)."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def file_record_count(data: Any) -> int:
    """How many top-level records (vocabulary terms included) a parsed file holds."""
    if not isinstance(data, dict):
        return 0
    sections = [data.get(spec.key) for spec in SPECS]
    vocabularies = data.get("vocabularies")
    if isinstance(vocabularies, dict):
        sections += [vocabularies.get(spec.key) for spec in VOCABULARY_SPECS]
    return sum(len(items) for items in sections if isinstance(items, list))
