"""The timeline read in the database: pages, counts per bucket and summaries agree with the list."""

import datetime
import itertools

import pytest

from casebook.portal.timelinechart import bucket_counts, bucket_start
from casebook.records import selectors
from casebook.records.models import EditorialStatus
from casebook.records.selectors import timeline
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    EventFactory,
    GuidanceFactory,
    SettlementFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
EVERYTHING = timeline.TimelineFilters()


def spread_entries():
    """Entries of every type on dates spread over weeks, months and years, some on one day."""
    day = datetime.date(2025, 9, 5)
    AllegationFactory(made_on=datetime.date(2015, 3, 2))
    AllegationFactory(made_on=day)
    CaseFactory(filed_on=datetime.date(2024, 12, 30))  # a Monday, in ISO week 1 of 2025
    SettlementFactory(final_approval_on=datetime.date(2025, 12, 1))
    GuidanceFactory(issued_on=datetime.date(2025, 1, 5))  # a Sunday
    TermsVersionFactory(effective_from=datetime.date(2024, 2, 29))
    for i in range(3):
        EventFactory(date=day, slug=f"same-day-{i}")
    EventFactory(date=datetime.date(2026, 1, 1))


def test_pages_walk_the_whole_timeline_both_ways():
    spread_entries()
    everything = selectors.timeline_entries()
    assert len(everything) == 13

    forward, after = [], None
    while page := timeline.timeline_slice(EVERYTHING, limit=3, after=after):
        forward.extend(page)
        after = (page[-1].date, page[-1].key)
    backward, before = [], (datetime.date(9999, 1, 1), "")
    while page := timeline.timeline_slice(EVERYTHING, limit=4, before=before):
        backward[:0] = page
        before = (page[0].date, page[0].key)

    assert forward == everything
    assert backward == everything
    assert [(e.date, e.key) for e in everything] == sorted((e.date, e.key) for e in everything)


@pytest.mark.parametrize("unit", ["day", "week", "month", "year"])
def test_counts_per_bucket_are_those_of_the_list(unit):
    spread_entries()
    expected: dict[datetime.date, int] = {}
    for e in selectors.timeline_entries():
        start = bucket_start(e.date, unit)
        expected[start] = expected.get(start, 0) + 1

    assert bucket_counts(timeline.timeline_day_counts(EVERYTHING), unit) == expected


def test_counts_per_day_are_those_of_the_list_under_filters():
    """Days shared by several record types are summed; filters apply before counting."""
    spread_entries()
    EventFactory(date=datetime.date(2024, 12, 30))  # the case's filing day
    for flt in (
        EVERYTHING,
        timeline.TimelineFilters(record_types=["event", "case"]),
        timeline.TimelineFilters(date_from=datetime.date(2025, 1, 1)),
        timeline.TimelineFilters(record_types=[]),
    ):
        expected: dict[datetime.date, int] = {}
        for e in timeline.iter_timeline(flt, chunk=4):
            expected[e.date] = expected.get(e.date, 0) + 1
        assert timeline.timeline_day_counts(flt) == expected
    assert timeline.timeline_day_counts(EVERYTHING)[datetime.date(2024, 12, 30)] == 2


def test_the_summary_counts_and_spans_the_filtered_entries():
    spread_entries()
    flt = timeline.TimelineFilters(
        record_types=["event", "case"], date_from=datetime.date(2025, 1, 1)
    )
    entries = list(timeline.iter_timeline(flt, chunk=2))

    summary = timeline.timeline_summary(flt)

    assert (summary.count, summary.first, summary.last) == (
        len(entries),
        entries[0].date,
        entries[-1].date,
    )
    assert {e.record_type for e in entries} == {"event"}  # the case was filed in 2024
    assert timeline.timeline_summary(timeline.TimelineFilters(record_types=[])) == (
        timeline.TimelineSummary(0, None, None)
    )


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_hidden_records_never_reach_counts_summaries_or_pages(status):
    EventFactory(date=datetime.date(2025, 6, 23))
    hidden_day = datetime.date(2019, 4, 1)
    hidden_allegation = AllegationFactory(editorial_status=status, made_on=hidden_day)
    EventFactory(allegation=hidden_allegation, date=hidden_day)
    EventFactory(editorial_status=status, date=hidden_day)
    CaseFactory(editorial_status=status, filed_on=hidden_day)
    SettlementFactory(
        editorial_status=status, case__editorial_status=status, announced_on=hidden_day
    )
    GuidanceFactory(editorial_status=status, issued_on=hidden_day)
    TermsVersionFactory(document__editorial_status=status, effective_from=hidden_day)

    summary = timeline.timeline_summary(EVERYTHING)
    counts = bucket_counts(timeline.timeline_day_counts(EVERYTHING), "year")
    page = timeline.timeline_slice(EVERYTHING, limit=50)

    assert (summary.count, summary.first) == (1, datetime.date(2025, 6, 23))
    assert counts == {datetime.date(2025, 1, 1): 1}
    assert [e.date for e in page] == [datetime.date(2025, 6, 23)]


def test_terms_dates_take_the_first_recorded_version():
    """Several versions with one effective date make one entry, with the first one's precision."""
    document = TermsDocumentFactory()
    day = datetime.date(2024, 5, 1)
    moment = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
    TermsVersionFactory(
        document=document,
        effective_from=day,
        effective_from_precision="month",
        recorded_at=moment,
        origin="ota",
    )
    TermsVersionFactory(
        document=document, effective_from=day, effective_from_precision="year", recorded_at=None
    )
    TermsVersionFactory(document=document, effective_from=datetime.date(2025, 1, 1))

    entries = selectors.timeline_entries(record_types=["terms"])

    assert [(e.date, e.precision) for e in entries] == [
        (day, "year"),
        (datetime.date(2025, 1, 1), "day"),
    ]
    assert timeline.timeline_summary(timeline.TimelineFilters(record_types=["terms"])).count == 2


def test_an_empty_window_reads_nothing():
    """An empty page (of an empty timeline) is an empty list, on both databases."""
    assert timeline.ordered_rows(EVERYTHING, limit=0) == []
    EventFactory()
    assert timeline.ordered_rows(EVERYTHING, limit=0, offset=1) == []
    assert len(timeline.ordered_rows(EVERYTHING, limit=5)) == 1


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_the_first_recorded_version_of_a_date_wins_whatever_the_order_of_entry(order):
    """Three versions of one effective date, written in every order: the entry takes the
    earliest recorded; on a date that also has a version entered by hand, that one."""
    document = TermsDocumentFactory()
    recorded = [datetime.datetime(2024, 6, day, tzinfo=datetime.UTC) for day in (1, 2, 3)]
    precisions = ["month", "year", "day"]
    by_hand_day, recorded_only_day = datetime.date(2024, 5, 1), datetime.date(2024, 7, 1)
    for index in order:
        for day, offset in ((by_hand_day, 0), (recorded_only_day, 10)):
            TermsVersionFactory(
                document=document,
                effective_from=day,
                effective_from_precision=precisions[index],
                recorded_at=recorded[index] + datetime.timedelta(days=offset),
                origin="ota",
            )
        if index == 1:
            TermsVersionFactory(
                document=document,
                effective_from=by_hand_day,
                effective_from_precision="approximate",
            )

    entries = selectors.timeline_entries(record_types=["terms"])

    assert [(e.date, e.precision) for e in entries] == [
        (by_hand_day, "approximate"),
        (recorded_only_day, "month"),
    ]
