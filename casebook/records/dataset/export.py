"""Writing the database out in the dataset format (see docs/dataset-format.md).

Every key is present and records are in slug order, so export → load →
export is byte-identical and the bundled file stays in this canonical form.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db import models

from casebook.records.dataset.format import (
    CITATION_SPEC,
    FORMAT,
    PUBLISHABLE_FIELDS,
    SPECS,
    VERSION,
    VOCABULARY_SPECS,
    Spec,
    file_record_count,
)
from casebook.records.dataset.recorded import RECORDED_VERSIONS_SPEC, carried_over_ref, record_time
from casebook.records.models import RECORD_MODELS, Clause


def _value(obj: models.Model, name: str) -> Any:
    value = getattr(obj, name)
    if isinstance(value, datetime.datetime):
        return record_time(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Exporter:
    """Turns rows into the file's dictionaries; ``public_only`` leaves out what is not public."""

    def __init__(self, public_only: bool, recorded: bool):
        self.public_only = public_only
        self.recorded = recorded
        self.public_ids: dict[type, set[int]] = {}
        if public_only:
            for model in RECORD_MODELS:
                self.public_ids[model] = set(model.objects.public().values_list("pk", flat=True))

    def visible(self, obj: models.Model | None) -> bool:
        if obj is None:
            return False
        ids = self.public_ids.get(type(obj))
        return ids is None or obj.pk in ids

    def ref(self, obj: models.Model | None) -> str | None:
        if obj is None or not self.visible(obj):
            return None
        return obj.slug

    def row(self, spec: Spec, obj: models.Model) -> dict | None:
        out: dict[str, Any] = {}
        if "slug" in spec.identity:
            out["slug"] = obj.slug
        for name in spec.fields:
            out[name] = _value(obj, name)
        for name in spec.refs:
            target = getattr(obj, name)
            slug = self.ref(target)
            if target is not None and slug is None and not obj._meta.get_field(name).null:
                return None  # a required link to something not public: leave the row out
            out[name] = slug
        for name in spec.many:
            out[name] = sorted(
                related.slug for related in getattr(obj, name).all() if self.visible(related)
            )
        if "breached_clause" in spec.extra:
            out["breached_clause"] = self.clause_ref(obj.breached_clause)
        if "carried_over_from" in spec.extra:
            out["carried_over_from"] = carried_over_ref(obj)
        if spec.cited:
            for name in PUBLISHABLE_FIELDS:
                out[name] = getattr(obj, name)
            # the record's own change day: what it was loaded with, or the day staff changed it
            out["changed_on"] = obj.last_changed.isoformat() if obj.last_changed else None
            out["citations"] = [
                self.row(CITATION_SPEC, citation)
                for citation in sorted(
                    obj.citations.all(), key=lambda c: (c.source.slug, c.pinpoint)
                )
                if self.visible(citation.source)
            ]
        for child in spec.children:
            if child is RECORDED_VERSIONS_SPEC and not self.recorded:
                continue
            items = sorted(
                (item for item in getattr(obj, child.accessor).all() if child.in_scope(item)),
                key=identity_key(child),
            )
            rows = [self.row(child, item) for item in items]
            out[child.key] = [row for row in rows if row is not None]
        return out

    def clause_ref(self, clause: Clause | None) -> dict | None:
        if clause is None or not self.visible(clause.version.document):
            return None
        return {
            "document": clause.version.document.slug,
            "effective_from": _value(clause.version, "effective_from"),
            "category": clause.category.slug,
        }


def export_dataset(
    *,
    public_only: bool = False,
    recorded: bool | None = None,
    on_record: Callable[[], None] | None = None,
) -> dict:
    """The database as one dictionary in the dataset format.

    With ``public_only`` only published records appear, and links to records
    that are not public are left out (a row that cannot stand without one is
    left out too), so the dump is safe to publish. ``on_record`` is called
    after each top-level record, for a progress bar. For a large database use
    :func:`iter_export`, which holds one chunk of rows at a time. ``recorded``:
    see :func:`iter_export`.
    """
    items = iter_export(public_only=public_only, recorded=recorded, on_record=on_record)
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in items}


def iter_export(
    *,
    public_only: bool = False,
    recorded: bool | None = None,
    on_record: Callable[[], None] | None = None,
) -> Iterator[tuple[str, Any]]:
    """The file's top-level keys and values in order, record lists as lazy row iterators.

    Feed it to :func:`casebook.records.dataset.format.iter_dumps` to stream the
    file. Rows are read in chunks of :data:`CHUNK` with their related rows
    prefetched per chunk, so memory and the size of every query stay bounded
    whatever the size of the database (one ``IN`` list of 10,000 ids is what
    SQLite refused before). The iterators must be consumed in order.

    ``recorded`` says whether terms documents list their ``recorded_versions``
    (Open Terms Archive's, full texts included); by default they do unless
    ``public_only``: the public dump lists them apart, without their texts and
    with their credit (:mod:`casebook.records.selectors.dump`).
    """
    on_record = on_record or (lambda: None)
    exporter = _Exporter(public_only, recorded=not public_only if recorded is None else recorded)
    yield "format", FORMAT
    yield "version", VERSION
    yield (
        "vocabularies",
        {
            spec.key: [exporter.row(spec, term) for term in spec.model.objects.order_by("slug")]
            for spec in VOCABULARY_SPECS
        },
    )
    for spec in SPECS:
        yield spec.key, _rows(exporter, spec, on_record)


#: Top-level records read (with their prefetched children) per round trip.
CHUNK = 500


def _rows(exporter: _Exporter, spec: Spec, on_record: Callable[[], None]) -> Iterator[dict]:
    queryset = spec.model.objects.order_by("slug")
    if exporter.public_only:
        queryset = queryset.public()
    for obj in _prefetched(spec, queryset).iterator(chunk_size=CHUNK):
        row = exporter.row(spec, obj)
        if row is not None:
            yield row
        on_record()


def record_count(data: Any = None) -> int:
    """How many top-level records a parsed file (or, without one, the database) holds."""
    if data is None:
        return sum(spec.model.objects.count() for spec in SPECS)
    return file_record_count(data)


def _prefetched(spec: Spec, queryset: models.QuerySet) -> models.QuerySet:
    """Load a type's rows with everything the export reads, in a fixed number of queries."""
    lookups: list[Any] = []

    def walk(s: Spec, prefix: str) -> None:
        for name in s.many:
            lookups.append(prefix + name)
        for name in s.refs:
            lookups.append(prefix + name)
        if s.cited:
            lookups.append(prefix + "citations__source")
        if "carried_over_from" in s.extra:
            lookups.append(prefix + "carried_over_from__version")
        for child in s.children:
            lookups.append(prefix + child.accessor)
            walk(child, prefix + child.accessor + "__")

    walk(spec, "")
    if "breached_clause" in spec.extra:
        lookups += ["breached_clause__version__document", "breached_clause__category"]
    return queryset.prefetch_related(*lookups)


def identity_key(spec: Spec) -> Callable[[models.Model], tuple]:
    """Sort rows by their identity, the same way on every database (unknown dates first)."""

    def key(obj: models.Model) -> tuple:
        parts = []
        for name in spec.identity:
            value = getattr(obj, name)
            value = value.slug if name in spec.refs else value
            parts.append((value is not None, value))
        return tuple(parts)

    return key
