"""The timeline, read in the database: one ``UNION ALL`` of every public dated fact.

Each kind of dated fact (an allegation's date, a case's filing, each of a
settlement's three dates, a guidance document's issue, the first recorded
version of each effective date of a terms document, an event) is one branch:
a ``.values()`` queryset of the same seven columns (``tl_date``,
``tl_precision``, ``tl_kind``, ``tl_headline``, ``tl_type``, ``tl_key``,
``tl_source``). The branches are filtered in the database, joined with
``QuerySet.union(all=True)``, then ordered by ``(tl_date, tl_key)`` and sliced,
so a page costs the same whatever the size of the data. Only the rows of the
page are then turned into :class:`TimelineEntry` objects, with a fixed number
of queries (one per kind of fact shown, plus prefetches).

An event is always of type ``"event"`` (the "Events" filter shows every event);
when it belongs to a record, its entry links to that record.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Collate, Concat

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    DatePrecision,
    Event,
    Guidance,
    Party,
    Settlement,
    TermsVersion,
    Topic,
)
from casebook.records.registry import TIMELINE_RECORD_TYPES
from casebook.records.timelineentries import TimelineEntry, hydrate

#: The columns every branch of the union selects, in this order.
COLUMNS = ("tl_date", "tl_precision", "tl_kind", "tl_headline", "tl_type", "tl_key", "tl_source")


@dataclass(frozen=True)
class TimelineFilters:
    """What a reader asked for. ``None`` means no filter; a list matches any of its values.

    ``date_from``/``date_to`` are inclusive and compare with the stored date,
    which for an imprecise date is the first day of its month or year.
    """

    parties: Sequence[Party] | None = None
    record_types: Sequence[str] | None = None
    topics: Sequence[Topic] | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _text(*parts: Any) -> Any:
    """A text column: ``Concat`` of the parts, in byte order on PostgreSQL (like Python)."""
    expression = Concat(*parts, output_field=CharField()) if len(parts) > 1 else parts[0]
    if connection.vendor == "postgresql":
        return Collate(expression, "C")
    return expression


def _columns(queryset: QuerySet, **columns: Any) -> QuerySet:
    """``queryset`` reduced to :data:`COLUMNS`, in their order."""
    annotated = queryset.annotate(**{name: columns[name] for name in COLUMNS})
    return annotated.values(*COLUMNS).order_by()


def _has(through: QuerySet, owner: str, field: str, values: Sequence[Any]) -> Exists:
    return Exists(through.filter(**{owner: OuterRef("pk"), f"{field}__in": values}))


def _allegation_branch(flt: TimelineFilters) -> list[QuerySet]:
    qs = Allegation.objects.public()
    if flt.parties is not None:
        qs = qs.filter(
            Q(accuser__in=flt.parties)
            | _has(AccusedParty.objects.public(), "allegation", "party", flt.parties)
        )
    if flt.topics is not None:
        qs = qs.filter(_has(Allegation.topics.through.objects, "allegation", "topic", flt.topics))
    return [
        _columns(
            qs,
            tl_date=F("made_on"),
            tl_precision=F("made_on_precision"),
            tl_kind=Value("allegation_made"),
            tl_headline=F("title"),
            tl_type=Value("allegation"),
            tl_key=_text(Value("allegation:"), "slug", Value(":made_on")),
            tl_source=F("pk"),
        )
    ]


def _case_party_filter(case_ref: str, parties: Sequence[Party]) -> Exists:
    return Exists(CaseParty.objects.filter(case=OuterRef(case_ref), party__in=parties))


def _case_branch(flt: TimelineFilters) -> list[QuerySet]:
    qs = Case.objects.public().filter(filed_on__isnull=False)
    if flt.parties is not None:
        qs = qs.filter(Q(court__in=flt.parties) | _case_party_filter("pk", flt.parties))
    if flt.topics is not None:
        qs = qs.filter(_has(Case.topics.through.objects, "case", "topic", flt.topics))
    return [
        _columns(
            qs,
            tl_date=F("filed_on"),
            tl_precision=Value(DatePrecision.DAY.value),
            tl_kind=Value("case_filed"),
            tl_headline=_text("name", Value(" filed")),
            tl_type=Value("case"),
            tl_key=_text(Value("case:"), "slug", Value(":filed_on")),
            tl_source=F("pk"),
        )
    ]


#: A settlement's own dates: (field, entry kind, headline suffix).
SETTLEMENT_DATES = (
    ("announced_on", "settlement_announced", " announced"),
    ("preliminary_approval_on", "settlement_preliminary_approval", ": preliminary approval"),
    ("final_approval_on", "settlement_final_approval", ": final approval"),
)


def _settlement_branch(flt: TimelineFilters) -> list[QuerySet]:
    qs = Settlement.objects.public()
    if flt.parties is not None:
        # The parties of a settlement are those of its case, when the case is public.
        qs = qs.filter(case__in=Case.objects.public()).filter(
            _case_party_filter("case", flt.parties)
        )
    if flt.topics is not None:
        qs = qs.filter(_has(Settlement.topics.through.objects, "settlement", "topic", flt.topics))
    return [
        _columns(
            qs.filter(**{f"{field}__isnull": False}),
            tl_date=F(field),
            tl_precision=Value(DatePrecision.DAY.value),
            tl_kind=Value(kind),
            tl_headline=_text("title", Value(suffix)),
            tl_type=Value("settlement"),
            tl_key=_text(Value("settlement:"), "slug", Value(f":{field}")),
            tl_source=F("pk"),
        )
        for field, kind, suffix in SETTLEMENT_DATES
    ]


def _guidance_branch(flt: TimelineFilters) -> list[QuerySet]:
    qs = Guidance.objects.public()
    if flt.parties is not None:
        qs = qs.filter(issuer__in=flt.parties)
    if flt.topics is not None:
        qs = qs.filter(_has(Guidance.topics.through.objects, "guidance", "topic", flt.topics))
    return [
        _columns(
            qs,
            tl_date=F("issued_on"),
            tl_precision=F("issued_on_precision"),
            tl_kind=Value("guidance_issued"),
            tl_headline=F("title"),
            tl_type=Value("guidance"),
            tl_key=_text(Value("guidance:"), "slug", Value(":issued_on")),
            tl_source=F("pk"),
        )
    ]


def _terms_branch(flt: TimelineFilters) -> list[QuerySet]:
    """One entry per document and effective date, from the first version recorded with it.

    Open Terms Archive records a new version at each change of the text, and
    several often state the same effective date: the date took effect once.
    "First" is by ``recorded_at`` (unknown first), then id.
    """
    if flt.topics is not None:
        return []  # terms versions have no topics
    first_of_date = TermsVersion.objects.filter(
        document=OuterRef("document"), effective_from=OuterRef("effective_from")
    ).order_by(F("recorded_at").asc(nulls_first=True), "id")
    qs = TermsVersion.objects.public().filter(
        effective_from__isnull=False, id=Subquery(first_of_date.values("id")[:1])
    )
    if flt.parties is not None:
        qs = qs.filter(document__vendor__in=flt.parties)
    return [
        _columns(
            qs,
            tl_date=F("effective_from"),
            tl_precision=F("effective_from_precision"),
            tl_kind=Value("terms_version_effective"),
            tl_headline=_text("document__title", Value(": version effective")),
            tl_type=Value("terms"),
            tl_key=_text(
                Value("terms:"),
                "document__slug",
                Value(":"),
                Cast("effective_from", output_field=CharField()),
            ),
            tl_source=F("pk"),
        )
    ]


def _event_branch(flt: TimelineFilters) -> list[QuerySet]:
    qs = Event.objects.public()
    if flt.parties is not None:
        qs = qs.filter(_has(Event.parties.through.objects, "event", "party", flt.parties))
    if flt.topics is not None:
        qs = qs.filter(_has(Event.topics.through.objects, "event", "topic", flt.topics))
    return [
        _columns(
            qs,
            tl_date=F("date"),
            tl_precision=F("date_precision"),
            tl_kind=Concat(Value("event:"), "kind", output_field=CharField()),
            tl_headline=F("headline"),
            tl_type=Value("event"),
            tl_key=_text(Value("event:"), "slug"),
            tl_source=F("pk"),
        )
    ]


_BRANCHES: dict[str, Callable[[TimelineFilters], list[QuerySet]]] = {
    "allegation": _allegation_branch,
    "case": _case_branch,
    "settlement": _settlement_branch,
    "guidance": _guidance_branch,
    "terms": _terms_branch,
    "event": _event_branch,
}


def _branches(flt: TimelineFilters, after: tuple | None = None, before: tuple | None = None):
    wanted = TIMELINE_RECORD_TYPES if flt.record_types is None else flt.record_types
    for record_type in TIMELINE_RECORD_TYPES:
        if record_type not in wanted:
            continue
        for branch in _BRANCHES[record_type](flt):
            if flt.date_from is not None:
                branch = branch.filter(tl_date__gte=flt.date_from)
            if flt.date_to is not None:
                branch = branch.filter(tl_date__lte=flt.date_to)
            if after is not None:
                date, key = after
                branch = branch.filter(Q(tl_date__gt=date) | Q(tl_date=date, tl_key__gt=key))
            if before is not None:
                date, key = before
                branch = branch.filter(Q(tl_date__lt=date) | Q(tl_date=date, tl_key__lt=key))
            yield branch


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
        rows = ordered_rows(flt, limit=limit, before=before, descending=True)
        return hydrate(rows[::-1])
    return hydrate(ordered_rows(flt, limit=limit, after=after))


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
    branches = list(_branches(flt, after, before))
    if not branches or limit <= 0:
        return []
    if len(branches) > 1 and connection.features.supports_slicing_ordering_in_compound:
        branches = [branch.order_by(*order)[: offset + limit] for branch in branches]
    first, *rest = branches
    rows = first.union(*rest, all=True) if rest else first
    return list(rows.order_by(*order)[offset : offset + limit])


class TimelineWindow:
    """The filtered timeline as a sliceable sequence for Django's ``Paginator``.

    ``count`` must be given (from :func:`timeline_summary`); a slice runs
    :func:`ordered_rows` (one query).
    """

    def __init__(self, flt: TimelineFilters, count: int):
        self.flt, self._count = flt, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[dict]:
        start, stop = window.start or 0, window.stop
        return ordered_rows(self.flt, offset=start, limit=max(0, stop - start))


def iter_timeline(flt: TimelineFilters, *, chunk: int = 1000) -> Iterator[TimelineEntry]:
    """Every entry of the filtered timeline, oldest first, read ``chunk`` rows at a time."""
    after = None
    while True:
        entries = timeline_slice(flt, limit=chunk, after=after)
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


def timeline_summary(flt: TimelineFilters) -> TimelineSummary:
    """Count and date range of the filtered timeline, computed in the database (one query)."""
    dates = [branch.values("tl_date") for branch in _branches(flt)]
    if not dates:
        return TimelineSummary(0, None, None)
    first, *rest = dates
    union = first.union(*rest, all=True) if rest else first
    totals = union.aggregate(count=Count("*"), first=Min("tl_date"), last=Max("tl_date"))
    return TimelineSummary(totals["count"], _as_date(totals["first"]), _as_date(totals["last"]))


def bucket_counts(flt: TimelineFilters, trunc: Callable[[str], Any]) -> dict[datetime.date, int]:
    """Entries per bucket of the filtered timeline, counted in the database (one query).

    ``trunc`` maps a column name to an expression giving the first day of its
    bucket (e.g. ``TruncMonth``). Keys are those first days; empty buckets are left out.
    """
    grouped = [
        branch.annotate(tl_bucket=trunc("tl_date"))
        .values("tl_bucket")
        .annotate(tl_count=Count("pk"))
        .values_list("tl_bucket", "tl_count")
        .order_by()
        for branch in _branches(flt)
    ]
    if not grouped:
        return {}
    first, *rest = grouped
    counts: dict[datetime.date, int] = {}
    for bucket, n in first.union(*rest, all=True) if rest else first:
        day = _as_date(bucket)
        counts[day] = counts.get(day, 0) + n
    return counts
