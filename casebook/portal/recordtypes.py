"""Reads across every record type: the most recently changed records, and when a record changed.

The types themselves are declared once, in :mod:`casebook.records.registry`.
"""

from __future__ import annotations

import datetime

from django.db.models import DateField
from django.db.models.functions import Cast, Coalesce

from casebook.records.models import PublishableModel
from casebook.records.registry import RECORD_TYPES_BY_RANK


def recent_public_records(limit: int = 10) -> list[PublishableModel]:
    """The most recently changed public records of every type, newest first.

    One query per record type, whatever the size of the data.
    """
    records: list[PublishableModel] = []
    last = Coalesce("changed_on", Cast("updated_at", DateField()))
    for record_type in RECORD_TYPES_BY_RANK:
        public = record_type.public().annotate(last=last)
        records.extend(public.order_by("-last", "-updated_at")[:limit])
    records.sort(key=lambda r: (r.last_changed, r.updated_at), reverse=True)
    return records[:limit]


def last_changed_time(record: PublishableModel) -> datetime.datetime:
    """When ``record`` last changed, as a time: its last save, or the start (UTC) of the
    day the dataset says it changed (see :attr:`PublishableModel.last_changed`)."""
    if record.changed_on is None:
        return record.updated_at
    return datetime.datetime.combine(record.changed_on, datetime.time.min, tzinfo=datetime.UTC)
