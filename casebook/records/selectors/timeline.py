"""The timeline's reads: its entries and the filters a request asks for."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from casebook.records.models import Party, Topic
from casebook.records.timeline import TimelineEntry, TimelineFilters, iter_timeline


def timeline_entries(
    *,
    parties: Iterable[Party] | None = None,
    record_types: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[TimelineEntry]:
    """Every public dated fact of the filtered timeline, sorted by ``(date, key)``.

    The whole list, for exports and small data; pages and charts read
    :mod:`casebook.records.timeline` (``timeline_slice``, ``timeline_summary``,
    ``bucket_counts``), which order, filter and count in the database.

    The entries are the public records' own dates (an allegation's date, a
    case's filing, a settlement's announcement and approvals, a guidance
    document's issue, the effective date of each known version of a public
    terms document) plus the public events. An event is of type ``"event"``
    whatever it belongs to, and links to the record it belongs to, if any.

    Filters combine with AND; ``None`` means no filter, and a list matches any
    of its values (so an empty list matches nothing). ``parties`` matches
    entries that involve one of the parties; ``topics`` matches entries of
    records or events filed under one of the topics (terms versions have no
    topics); ``date_from`` and ``date_to`` are inclusive and compare with the
    stored date, which for an imprecise date is the first day of its month or year.
    """
    return list(iter_timeline(timeline_filters(parties, record_types, topics, date_from, date_to)))


def timeline_filters(
    parties: Iterable[Party] | None = None,
    record_types: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> TimelineFilters:
    """The :class:`TimelineFilters` of the given criteria (``None``: no filter)."""
    return TimelineFilters(
        parties=list(parties) if parties is not None else None,
        record_types=list(record_types) if record_types is not None else None,
        topics=list(topics) if topics is not None else None,
        date_from=date_from,
        date_to=date_to,
    )
