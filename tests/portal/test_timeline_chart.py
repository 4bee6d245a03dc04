"""The timeline chart's axis: units chosen by span, buckets, folded gaps, stacked same-day dots."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.portal import timelinechart
from casebook.records.selectors.timeline import TimelineEntry

DATES = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2090, 12, 31))
UNITS = st.sampled_from(["day", "week", "month", "year"])


def entry(date: datetime.date, key: str, record_type: str = "event") -> TimelineEntry:
    return TimelineEntry(
        date=date,
        precision="day",
        date_display=date.isoformat(),
        kind="event:other",
        headline=f"Headline {key}",
        record=None,
        record_type=record_type,
        parties=(),
        key=key,
    )


@given(DATES, st.integers(min_value=0, max_value=40_000))
def test_the_unit_follows_the_span(first, days):
    last = first + datetime.timedelta(days=days)
    unit = timelinechart.choose_unit(first, last)
    expected = (
        "day"
        if days <= timelinechart.DAY_SPAN
        else "week"
        if days <= timelinechart.WEEK_SPAN
        else "month"
        if days <= timelinechart.MONTH_SPAN
        else "year"
    )
    assert unit == expected


def test_a_one_month_filter_gets_day_ticks_and_a_quarter_week_ticks():
    assert timelinechart.choose_unit(datetime.date(2025, 9, 1), datetime.date(2025, 9, 30)) == "day"
    assert (
        timelinechart.choose_unit(datetime.date(2025, 9, 1), datetime.date(2025, 11, 30)) == "week"
    )
    assert (
        timelinechart.choose_unit(datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)) == "month"
    )
    assert (
        timelinechart.choose_unit(datetime.date(2015, 6, 1), datetime.date(2026, 12, 31)) == "year"
    )


@given(DATES, UNITS)
def test_a_date_lies_in_its_bucket_and_buckets_tile_the_calendar(date, unit):
    start = timelinechart.bucket_start(date, unit)
    after = timelinechart.next_bucket(start, unit)
    assert start <= date < after
    assert timelinechart.bucket_start(after, unit) == after
    assert timelinechart.bucket_start(after - datetime.timedelta(days=1), unit) == start
    if unit == "week":
        assert start.weekday() == 0  # Monday, as date_trunc('week') and TruncWeek


@given(st.lists(DATES, min_size=1, max_size=30))
def test_slots_run_from_the_first_to_the_last_entry_and_keep_every_count(dates):
    unit = timelinechart.choose_unit(min(dates), max(dates))
    counts: dict[datetime.date, int] = {}
    for date in dates:
        start = timelinechart.bucket_start(date, unit)
        counts[start] = counts.get(start, 0) + 1
    slots = timelinechart.slots(counts, unit)
    assert slots[0].start == min(counts) and slots[-1].end == timelinechart.next_bucket(
        max(counts), unit
    )
    assert all(a.end == b.start for a, b in zip(slots, slots[1:], strict=False))
    assert sum(s.count for s in slots) == len(dates)
    assert all(s.count == 0 for s in slots if s.is_break)
    # No two breaks in a row, and a break never sits at either end.
    assert not slots[0].is_break and not slots[-1].is_break


def test_a_long_empty_span_is_folded_into_one_break():
    """One 2015 entry and the rest from 2023: the empty years take one slot, not seven."""
    counts = {datetime.date(2015, 1, 1): 1}
    counts.update({datetime.date(year, 1, 1): 5 for year in range(2023, 2027)})

    slots = timelinechart.slots(counts, "year")

    assert [(s.start.year, s.is_break) for s in slots] == [
        (2015, False),
        (2016, True),
        (2023, False),
        (2024, False),
        (2025, False),
        (2026, False),
    ]
    chart = timelinechart.timeline_chart(counts, [], "year")
    breaks = [t for t in chart["ticks"] if t["is_break"]]
    assert [t["title"] for t in breaks] == ["No entries from 2016 to 2022"]
    bars = chart["bars"]
    # The 2015 bar and the 2023 bar are one and a half years apart, not eight.
    year = bars[2]["x"] - bars[1]["x"]
    assert bars[1]["x"] - bars[0]["x"] == pytest.approx(1.5 * year, abs=1)


def test_short_gaps_are_kept():
    counts = {datetime.date(2025, m, 1): 1 for m in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)}
    assert not any(s.is_break for s in timelinechart.slots(counts, "month"))


@given(st.integers(min_value=2, max_value=30), st.sampled_from(["event", "case"]))
def test_entries_on_the_same_day_get_distinct_dots(n, record_type):
    day = datetime.date(2025, 9, 5)
    entries = [entry(day, f"event:e{i:02d}", record_type) for i in range(n)]
    entries.append(entry(datetime.date(2025, 9, 20), "event:later"))
    counts = {timelinechart.bucket_start(e.date, "day"): 0 for e in entries}
    for e in entries:
        counts[e.date] += 1

    chart = timelinechart.timeline_chart(counts, entries, "day")

    spots = [(p["x"], p["y"]) for p in chart["points"]]
    assert len(set(spots)) == len(entries)
    assert [p["entry"].key for p in chart["points"]] == [e.key for e in entries]
    assert all(0 <= x <= chart["width"] and 0 <= y <= chart["bars_top"] for x, y in spots)


@given(DATES, st.integers(min_value=0, max_value=40_000))
def test_tick_labels_stay_few_and_readable(first, days):
    last = first + datetime.timedelta(days=days)
    unit = timelinechart.choose_unit(first, last)
    counts = {timelinechart.bucket_start(first, unit): 1, timelinechart.bucket_start(last, unit): 1}
    chart = timelinechart.timeline_chart(counts, [], unit)
    labels = [t["label"] for t in chart["ticks"] if t["label"]]
    assert 1 <= len(labels) <= timelinechart.MAX_LABELS
    xs = [t["x"] for t in chart["ticks"]]
    assert xs == sorted(xs) and xs[0] >= timelinechart.LEFT and xs[-1] <= timelinechart.WIDTH


def test_the_phone_layout_has_a_row_per_slot_with_its_count():
    counts = {datetime.date(2025, 9, d): d for d in (1, 2, 5)}
    tall = timelinechart.timeline_chart(counts, [], "day")["tall"]
    assert [(r["label"], r["count"]) for r in tall["rows"]] == [
        ("1 Sep", 1),
        ("2 Sep", 2),
        ("3 Sep", 0),
        ("4 Sep", 0),
        ("5 Sep", 5),
    ]
    assert max(r["bar_width"] for r in tall["rows"]) + tall["label_width"] < tall["width"]
