"""The record types the portal shows, with their names and URLs, and cross-type reads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import DateField
from django.db.models.functions import Cast, Coalesce

from casebook.records.models import (
    Allegation,
    Case,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
    Source,
    TermsDocument,
)


@dataclass(frozen=True)
class RecordType:
    """A publishable record type as the portal names it ("terms" for terms documents)."""

    key: str
    model: type[PublishableModel]
    singular: str
    plural: str

    @property
    def list_url_name(self) -> str:
        return f"portal:{self.key}_list"


RECORD_TYPES: dict[str, RecordType] = {
    t.key: t
    for t in (
        RecordType("allegation", Allegation, "allegation", "Allegations"),
        RecordType("case", Case, "case", "Cases"),
        RecordType("settlement", Settlement, "settlement", "Settlements"),
        RecordType("guidance", Guidance, "guidance document", "Guidance"),
        RecordType("terms", TermsDocument, "terms document", "Vendor terms"),
        RecordType("party", Party, "party", "Parties"),
        RecordType("event", Event, "event", "Events"),
        RecordType("source", Source, "source", "Sources"),
    )
}

_TYPE_BY_MODEL = {t.model: t for t in RECORD_TYPES.values()}


def record_type_of(record: PublishableModel) -> RecordType:
    """The portal record type of a record instance."""
    return _TYPE_BY_MODEL[type(record)]


def recent_public_records(limit: int = 10) -> list[PublishableModel]:
    """The most recently changed public records of every type, newest first.

    One query per record type, whatever the size of the data.
    """
    records: list[PublishableModel] = []
    last = Coalesce("changed_on", Cast("updated_at", DateField()))
    for record_type in RECORD_TYPES.values():
        public = record_type.model.objects.public().annotate(last=last)
        records.extend(public.order_by("-last", "-updated_at")[:limit])
    records.sort(key=lambda r: (r.last_changed, r.updated_at), reverse=True)
    return records[:limit]


def last_changed_time(record: PublishableModel) -> datetime.datetime:
    """When ``record`` last changed, as a time: its last save, or the start (UTC) of the
    day the dataset says it changed (see :attr:`PublishableModel.last_changed`)."""
    if record.changed_on is None:
        return record.updated_at
    return datetime.datetime.combine(record.changed_on, datetime.time.min, tzinfo=datetime.UTC)
