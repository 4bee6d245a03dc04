"""Tombstones: what the public surfaces say about a retracted record.

A retracted record's content is never shown again, but readers who copied it
(a journalist's sync script, a feed reader, a mirror of the dump) must learn
that it was withdrawn. Every surface reports a retraction with the same four
facts, and nothing else of the record:

- ``slug``: the record's stable identifier;
- ``type``: the record type, as the API names it (``allegation``, ``terms`` ...);
- ``retracted_at``: when it was retracted (an aware datetime);
- ``note``: the public retraction note.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from casebook.records import dumpcache
from casebook.records.models import EditorialStatus, PublishableModel
from casebook.records.registry import RECORD_TYPES, record_type, record_type_of
from casebook.records.selectors.home import read_by_keys


@dataclass(frozen=True)
class Tombstone:
    """The public trace of one retracted record."""

    slug: str
    type: str
    retracted_at: datetime.datetime
    note: str
    model: type[PublishableModel]

    def as_dict(self) -> dict[str, str]:
        """The JSON form: ``{"slug", "type", "retracted_at" (ISO 8601, UTC), "note"}``."""
        return {
            "slug": self.slug,
            "type": self.type,
            "retracted_at": self.retracted_at.astimezone(datetime.UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "note": self.note,
        }


def _retracted(model: type[PublishableModel]) -> QuerySet:
    """Retracted records of ``model``, with ``retracted_when`` (the retraction's date, or the
    last change for one recorded without it) and only the fields a tombstone shows."""
    return (
        model.objects.filter(editorial_status=EditorialStatus.RETRACTED)
        .alias(retracted_when=Coalesce("retracted_at", "updated_at"))
        .only("slug", "editorial_status", "retracted_at", "retraction_note", "updated_at")
    )


def tombstone(record: PublishableModel) -> Tombstone:
    """The tombstone of a retracted ``record``.

    A retraction recorded before ``retracted_at`` existed is dated by the
    record's last change. Raises ``ValueError`` if the record is not retracted.
    """
    if record.editorial_status != EditorialStatus.RETRACTED:
        raise ValueError(f"{record.slug} is not retracted")
    return Tombstone(
        slug=record.slug,
        type=record_type_of(record).name,
        retracted_at=record.retracted_at or record.updated_at,
        note=record.retraction_note,
        model=type(record),
    )


def retracted_tombstones(
    model: type[PublishableModel], *, changed_since: datetime.datetime | None = None
) -> list[Tombstone]:
    """Tombstones of every retracted record of ``model``, oldest retraction first.

    ``changed_since`` keeps the records changed at or after that moment: those
    retracted since, and those whose retraction note was corrected since. One
    query; only the four public facts are read from the database.
    """
    records = _retracted(model)
    if changed_since is not None:
        records = records.filter(updated_at__gte=changed_since)
    return [tombstone(record) for record in records.order_by("retracted_when", "slug")]


def recent_tombstones(limit: int) -> list[Tombstone]:
    """The ``limit`` latest retractions of every record type, newest first.

    Which records those are is kept until the data changes, as
    :func:`~casebook.records.selectors.home.recent_public_records` keeps its own:
    finding them is a query per record type. Each is read again, one query per
    record type among them, and one no longer retracted is left out.
    """
    keys = dumpcache.kept_until_change(
        "recent-tombstones", limit, lambda: _recent_tombstone_keys(limit)
    )
    records = read_by_keys(keys, lambda name: _retracted(record_type(name).model))
    return [tombstone(record) for record in records]


def _recent_tombstone_keys(limit: int) -> list[tuple[str, int]]:
    """(record type name, pk) of the ``limit`` records retracted last, newest first."""
    found: list[tuple[datetime.datetime, str, str, int]] = []
    for retracted_type in RECORD_TYPES:
        records = _retracted(retracted_type.model).order_by("-retracted_when", "-slug")[:limit]
        for record in records:
            dated = tombstone(record)
            found.append((dated.retracted_at, dated.slug, retracted_type.name, record.pk))
    # By time and slug alone, as the tombstones were always sorted; ties keep the types' order.
    found.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [(name, pk) for _, _, name, pk in found[:limit]]
