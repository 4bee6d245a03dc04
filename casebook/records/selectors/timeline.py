"""The timeline's reads, in the database: one ``UNION ALL`` of every public dated fact.

Each kind of dated fact is one branch of the union (see
:mod:`casebook.records.selectors.timelinebranches`): a ``.values()`` queryset of the same
seven columns, filtered in the database. The branches are joined with
``QuerySet.union(all=True)``, then ordered by ``(tl_date, tl_key)`` and sliced,
so a page costs the same whatever the size of the data. Only the rows of the
page are then turned into :class:`TimelineEntry` objects, with a fixed number
of queries (one per kind of fact shown, plus prefetches; see
:mod:`casebook.records.selectors.timelineentries`).

An event is always of type ``"event"`` (the "Events" filter shows every event);
when it belongs to a record, its entry links to that record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count

from casebook.records import dumpcache
from casebook.records.models import Party, Topic
from casebook.records.selectors.timelinebranches import TimelineFilters, timeline_branches
from casebook.records.selectors.timelineentries import TimelineEntry, hydrate

ORDER = ("tl_date", "tl_key")
REVERSE_ORDER = ("-tl_date", "-tl_key")


def timeline_slice(
    flt: TimelineFilters,
    *,
    limit: int,
    after: tuple | None = None,
    before: tuple | None = None,
) -> list[TimelineEntry]:
    """Up to ``limit`` entries in date order, strictly after ``after`` or before ``before``.

    ``after``/``before`` are ``(date, key)`` positions (a keyset cursor). With
    ``before``, the ``limit`` entries just before it, still oldest first.
    """
    if before is not None:
        rows = kept_rows(flt, limit=limit, before=before, descending=True)
        return hydrate(rows[::-1])
    return hydrate(kept_rows(flt, limit=limit, after=after))


def kept_rows(flt: TimelineFilters, **window: Any) -> list[dict]:
    """:func:`ordered_rows` for a page (``window``: its keyword arguments), kept until
    the data changes (:func:`casebook.records.dumpcache.kept_until_change`).

    The query of a page is quick (6 ms at the large bench size, through the date
    indexes), but building and compiling its union of branches took 14 ms more of
    Python on every request, and the same pages (the first above all) are asked for
    again and again. Each page's rows are kept apart, under the filters and the window.
    """
    identity = (flt.cache_key(), sorted(window.items()))
    return dumpcache.kept_until_change(
        "timeline-rows", identity, lambda: ordered_rows(flt, **window)
    )


def ordered_rows(
    flt: TimelineFilters,
    *,
    limit: int,
    offset: int = 0,
    after: tuple | None = None,
    before: tuple | None = None,
    descending: bool = False,
) -> list[dict]:
    """Rows ``offset``..``offset + limit`` of the filtered timeline in ``(date, key)`` order.

    Where the database allows it (PostgreSQL), each branch is ordered and cut
    to ``offset + limit`` rows before the union, so each reads its date index
    instead of sorting every row.
    """
    order = REVERSE_ORDER if descending else ORDER
    branches = list(timeline_branches(flt, after, before))
    if not branches or limit <= 0:
        return []
    if len(branches) > 1 and connection.features.supports_slicing_ordering_in_compound:
        branches = [branch.order_by(*order)[: offset + limit] for branch in branches]
    first, *rest = branches
    rows = first.union(*rest, all=True) if rest else first
    return list(rows.order_by(*order)[offset : offset + limit])


class TimelineWindow:
    """The filtered timeline as a sliceable sequence for Django's ``Paginator``.

    ``count`` must be given (from :func:`timeline_summary`); a slice is the
    :class:`TimelineEntry` objects of that window: :func:`ordered_rows` (one query),
    then the records of those rows (one query per type shown, see :func:`hydrate`).
    """

    def __init__(self, flt: TimelineFilters, count: int):
        self.flt, self._count = flt, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[TimelineEntry]:
        start, stop = window.start or 0, window.stop
        return hydrate(kept_rows(self.flt, offset=start, limit=max(0, stop - start)))


def iter_timeline(flt: TimelineFilters, *, chunk: int = 1000) -> Iterator[TimelineEntry]:
    """Every entry of the filtered timeline, oldest first, read ``chunk`` rows at a time
    (not kept in the cache: an export reads each chunk once)."""
    after = None
    while True:
        entries = hydrate(ordered_rows(flt, limit=chunk, after=after))
        yield from entries
        if len(entries) < chunk:
            return
        after = (entries[-1].date, entries[-1].key)


@dataclass(frozen=True)
class TimelineSummary:
    """How many entries the filtered timeline has; its first and last dates (``None`` if empty)."""

    count: int
    first: datetime.date | None
    last: datetime.date | None

    @classmethod
    def of(cls, day_counts: dict[datetime.date, int]) -> TimelineSummary:
        """The summary of a timeline whose entries per day are ``day_counts``."""
        if not day_counts:
            return cls(0, None, None)
        return cls(sum(day_counts.values()), min(day_counts), max(day_counts))


def _as_date(value: Any) -> datetime.date | None:
    if (
        value is None
        or isinstance(value, datetime.date)
        and not isinstance(value, datetime.datetime)
    ):
        return value
    if isinstance(value, datetime.datetime):
        return value.date()
    return datetime.date.fromisoformat(str(value)[:10])


def timeline_day_counts(flt: TimelineFilters) -> dict[datetime.date, int]:
    """Entries per day of the filtered timeline: :func:`count_timeline_days`, kept until
    the data changes (:func:`casebook.records.dumpcache.kept_until_change`).

    Counting every public dated fact is the one read of the timeline page that grows
    with the data (about 60 ms at 100,000 events on PostgreSQL, where the query of a
    page of entries takes under 10), and the counts change only when the data does.
    """
    return dumpcache.kept_until_change(
        "timeline-day-counts", flt.cache_key(), lambda: count_timeline_days(flt)
    )


def count_timeline_days(flt: TimelineFilters) -> dict[datetime.date, int]:
    """Entries per day of the filtered timeline, counted in the database (one query).

    Keys are the stored dates (for an imprecise date, the first day of its month or
    year); days without entries are left out. The answer is as long as the timeline
    has distinct days (about 5,000 at the large bench size), whatever its number of
    entries; the count, the date range and the chart's buckets of any unit all
    follow from it (:meth:`TimelineSummary.of`,
    :func:`casebook.portal.timelinechart.bucket_counts`), so the page reads the whole
    filtered timeline once, not once per aggregate.
    """
    grouped = [
        branch.values("tl_date")
        .annotate(tl_count=Count("pk"))
        .values_list("tl_date", "tl_count")
        .order_by()
        for branch in timeline_branches(flt)
    ]
    if not grouped:
        return {}
    first, *rest = grouped
    union = (first.union(*rest, all=True) if rest else first).order_by()
    # Days shared by branches (an event on the day of a filing) are summed in the
    # database: the ORM cannot group a union, so the union's SQL is wrapped.
    try:
        sql, params = union.query.sql_with_params()
    except EmptyResultSet:  # every branch matches nothing (an empty list of topics, say)
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tl_date, SUM(tl_count) FROM ({sql}) AS branch_days GROUP BY tl_date",
            params,
        )
        return {_as_date(day): int(count) for day, count in cursor.fetchall()}


def timeline_summary(flt: TimelineFilters) -> TimelineSummary:
    """Count and date range of the filtered timeline: one query, :func:`timeline_day_counts`."""
    return TimelineSummary.of(timeline_day_counts(flt))


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
    :func:`timeline_slice` and :func:`timeline_day_counts`,
    which order, filter and count in the database.

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
