"""The timeline page's chart: a server-drawn SVG whose axis fits the filtered range.

The chart is drawn from what the database counted (entries per day of the whole
filtered timeline, see :func:`casebook.records.selectors.timeline_day_counts`, summed
here into buckets) plus the entries of the visible page, so it does not grow with the data. The
bucket (and tick) unit is chosen from the span of the filtered dates: days for
up to :data:`DAY_SPAN` days, weeks up to :data:`WEEK_SPAN`, months up to
:data:`MONTH_SPAN`, years beyond. The range starts at the first entry and ends
at the last; a long run of empty buckets is drawn as one narrow break.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from casebook.records.registry import TIMELINE_RECORD_TYPES
from casebook.records.selectors import TimelineEntry

#: Longest span (in days, last date minus first) drawn with day, week and month buckets.
DAY_SPAN, WEEK_SPAN, MONTH_SPAN = 45, 26 * 7, 5 * 366

#: SVG geometry of the wide chart (user units; the SVG scales to its box).
WIDTH, LEFT, RIGHT, BAR_HEIGHT, ROW, DOT = 1000, 110, 20, 70, 24, 5
#: Width of a folded run of empty buckets, in buckets.
BREAK_WIDTH = 0.5
#: At most this many tick labels are written; ticks in between stay unlabelled.
MAX_LABELS = 12
#: Same-day entries of one row are stacked this many high, then offset sideways.
STACK = 4


def choose_unit(first: datetime.date, last: datetime.date) -> str:
    """``"day"``, ``"week"``, ``"month"`` or ``"year"``: the bucket unit for ``first``..``last``."""
    span = (last - first).days
    if span <= DAY_SPAN:
        return "day"
    if span <= WEEK_SPAN:
        return "week"
    if span <= MONTH_SPAN:
        return "month"
    return "year"


def bucket_start(date: datetime.date, unit: str) -> datetime.date:
    """The first day of the bucket holding ``date`` (weeks start on Monday, as in SQL)."""
    if unit == "day":
        return date
    if unit == "week":
        return date - datetime.timedelta(days=date.weekday())
    if unit == "month":
        return date.replace(day=1)
    return date.replace(month=1, day=1)


def bucket_counts(day_counts: dict[datetime.date, int], unit: str) -> dict[datetime.date, int]:
    """Entries per bucket of ``unit``, keyed by the bucket's first day, from entries per day.

    Empty buckets are left out.
    """
    counts: dict[datetime.date, int] = {}
    for day, count in day_counts.items():
        start = bucket_start(day, unit)
        counts[start] = counts.get(start, 0) + count
    return counts


def next_bucket(start: datetime.date, unit: str) -> datetime.date:
    """The first day of the bucket after the one starting on ``start``."""
    if unit == "day":
        return start + datetime.timedelta(days=1)
    if unit == "week":
        return start + datetime.timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def bucket_label(start: datetime.date, unit: str) -> str:
    """A short label for a bucket: ``"3 Mar"``, ``"wk 3 Mar"``, ``"Mar 2025"``, ``"2025"``."""
    if unit == "day":
        return f"{start.day} {start:%b}"
    if unit == "week":
        return f"{start.day} {start:%b}"
    if unit == "month":
        return f"{start:%b %Y}"
    return str(start.year)


def bucket_title(start: datetime.date, unit: str) -> str:
    """The full name of a bucket, for titles and the table: ``"week of 3 March 2025"``."""
    if unit == "day":
        return f"{start.day} {start:%B %Y}"
    if unit == "week":
        return f"week of {start.day} {start:%B %Y}"
    if unit == "month":
        return f"{start:%B %Y}"
    return str(start.year)


@dataclass(frozen=True)
class Slot:
    """One column of the axis: a bucket, or a run of empty buckets drawn as a break."""

    start: datetime.date
    end: datetime.date  # first day after the slot
    count: int
    is_break: bool


def slots(counts: dict[datetime.date, int], unit: str) -> list[Slot]:
    """The axis from the first to the last non-empty bucket, long empty runs folded.

    A run of empty buckets longer than two buckets and than a third of the
    axis (one 2015 entry before years of entries from 2023) becomes one break slot.
    """
    if not counts:
        return []
    start, last = min(counts), max(counts)
    buckets = []
    while start <= last:
        buckets.append((start, counts.get(start, 0)))
        start = next_bucket(start, unit)
    limit = max(2, len(buckets) // 3)
    out: list[Slot] = []
    run: list[datetime.date] = []

    def flush(run: list[datetime.date]) -> None:
        if len(run) > limit:
            out.append(Slot(run[0], next_bucket(run[-1], unit), 0, True))
        else:
            out.extend(Slot(b, next_bucket(b, unit), 0, False) for b in run)

    for bucket, n in buckets:
        if n:
            flush(run)
            run = []
            out.append(Slot(bucket, next_bucket(bucket, unit), n, False))
        else:
            run.append(bucket)
    flush(run)
    return out


def _ticks(axis: list[Slot], unit: str, x_of_slot: list[float]) -> list[dict[str, Any]]:
    labelled = [i for i, s in enumerate(axis) if not s.is_break]
    every = max(1, -(-len(labelled) // MAX_LABELS))
    shown = set(labelled[::every])
    return [
        {
            "x": round(x_of_slot[i], 1),
            "label": bucket_label(s.start, unit) if i in shown else "",
            "is_break": s.is_break,
            "title": (
                f"No entries from {bucket_title(s.start, unit)} "
                f"to {bucket_title(s.end - datetime.timedelta(days=1), unit)}"
                if s.is_break
                else bucket_title(s.start, unit)
            ),
        }
        for i, s in enumerate(axis)
    ]


def _points(
    entries: list[TimelineEntry], axis: list[Slot], slot_x: list[float], width: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dots of the page's entries on one row per record type, same-day entries stacked."""
    types = [t for t in TIMELINE_RECORD_TYPES if any(e.record_type == t for e in entries)]
    placed: dict[tuple[str, datetime.date], int] = {}
    for e in entries:
        placed[(e.record_type, e.date)] = placed.get((e.record_type, e.date), 0) + 1
    depth = min(STACK, max(placed.values(), default=1))
    row_height = ROW + (depth - 1) * (2 * DOT + 2)
    rows = [{"key": t, "y": 8 + i * row_height, "height": row_height} for i, t in enumerate(types)]
    seen: dict[tuple[str, datetime.date], int] = {}
    points = []
    for e in entries:
        i = next(k for k, s in enumerate(axis) if s.start <= e.date < s.end)
        slot = axis[i]
        fraction = (e.date - slot.start).days / max(1, (slot.end - slot.start).days)
        n = seen.get((e.record_type, e.date), 0)
        seen[(e.record_type, e.date)] = n + 1
        row = rows[types.index(e.record_type)]
        x = slot_x[i] + fraction * (width - 2 * DOT) + DOT + (n // STACK) * (2 * DOT + 2)
        y = row["y"] + DOT + 4 + (n % STACK) * (2 * DOT + 2)
        points.append({"x": round(x, 1), "y": round(y, 1), "entry": e})
    return rows, points


def timeline_chart(
    counts: dict[datetime.date, int], entries: list[TimelineEntry], unit: str
) -> dict[str, Any] | None:
    """Everything the template draws: slots, bars, ticks, rows and dots (``None`` if empty).

    ``counts`` are entries per bucket of the whole filtered timeline; ``entries``
    are the visible page's entries, drawn as dots above the bars.
    """
    axis = slots(counts, unit)
    if not axis:
        return None
    plot = WIDTH - LEFT - RIGHT
    # A break is drawn half as wide as a bucket.
    width = plot / sum(BREAK_WIDTH if s.is_break else 1 for s in axis)
    slot_x, x = [], float(LEFT)
    for s in axis:
        slot_x.append(x)
        x += width * (BREAK_WIDTH if s.is_break else 1)
    rows, points = _points(entries, axis, slot_x, width)
    dots_height = sum(r["height"] for r in rows) + 8
    top = max(counts.values())
    bars = []
    for i, s in enumerate(axis):
        if s.count:
            height = max(2.0, BAR_HEIGHT * s.count / top)
            bars.append(
                {
                    "x": round(slot_x[i] + 1, 1),
                    "y": round(dots_height + BAR_HEIGHT - height, 1),
                    "width": round(max(1.0, width - 2), 1),
                    "height": round(height, 1),
                    "slot": s,
                    "title": bucket_title(s.start, unit),
                }
            )
    axis_y = dots_height + BAR_HEIGHT
    return {
        "tall": _tall(axis, unit, top),
        "unit": unit,
        "width": WIDTH,
        "left": LEFT,
        "height": axis_y + 26,
        "axis_y": axis_y,
        "bars_top": dots_height,
        "rows": rows,
        "points": points,
        "bars": bars,
        "ticks": _ticks(axis, unit, slot_x),
        "slots": [{"slot": s, "title": _ticks([s], unit, [0])[0]["title"]} for s in axis],
        "total": sum(counts.values()),
        "top": top,
    }


#: Geometry of the tall chart shown on phones: one row per slot, bars across.
TALL_WIDTH, TALL_LABEL, TALL_ROW = 340, 120, 24


def _tall(axis: list[Slot], unit: str, top: int) -> dict[str, Any]:
    """The phone layout: a vertical axis, one row per bucket with its bar and count."""
    plot = TALL_WIDTH - TALL_LABEL - 40
    rows = []
    for i, s in enumerate(axis):
        rows.append(
            {
                "y": i * TALL_ROW,
                "label": "…" if s.is_break else bucket_label(s.start, unit),
                "count": s.count,
                "bar_width": round(plot * s.count / top, 1) if s.count else 0,
                "is_break": s.is_break,
            }
        )
    return {
        "width": TALL_WIDTH,
        "label_width": TALL_LABEL,
        "height": len(axis) * TALL_ROW + 4,
        "rows": rows,
    }
