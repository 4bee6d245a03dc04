"""The comparison page's bar charts: one panel per figure, on a labelled linear axis.

Labels and values are HTML text above each bar, so they stay at body size and wrap
on a phone (a scaled SVG viewBox shrank them to 10 px, and SVG text cannot wrap).
Bars and gridlines are SVGs without a viewBox, positioned in percentages of the
chart's width, so the chart fills its column at any width. A panel whose figure
no row states is not drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from casebook.records.selectors import ComparisonRow

#: Pixels: the height of a bar.
BAR_HEIGHT = 22

#: The figures charted: (field of ComparisonRow, panel title, unit on the axis).
FIGURES = (
    ("exchanges", "Exchanges", "exchanges (prompts and answers), as stated"),
    ("accounts", "Accounts", "accounts, as stated"),
)


@dataclass(frozen=True)
class Bar:
    """One row's bar: ``percent`` of the axis width (0 for no figure), its label and value."""

    label: str
    value: int | None
    qualifier: str
    percent: float

    @property
    def height(self) -> int:
        return BAR_HEIGHT


@dataclass(frozen=True)
class Tick:
    """A gridline of the axis at ``percent`` of its width, with its label (e.g. "4M")."""

    percent: float
    label: str


@dataclass(frozen=True)
class Panel:
    """One figure's chart: bars for every row, the axis ticks and the unit."""

    title: str
    unit: str
    bars: list[Bar]
    ticks: list[Tick]


def nice_step(top: float, count: int = 4) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about ``count`` ticks up to ``top``."""
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def short_number(value: float) -> str:
    """A tick label: 16000000 → "16M", 2500 → "2.5k", 40 → "40"."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def figure_panel(rows: list[ComparisonRow], field: str, title: str, unit: str) -> Panel | None:
    """The panel for one figure, or None when no row states it (nothing to plot)."""
    values = [getattr(row, field) for row in rows]
    stated = [v for v in values if v is not None]
    if not stated or max(stated) == 0:
        return None
    step = max(1, nice_step(max(stated)))  # counts: no fractional ticks
    axis_max = step * math.ceil(max(stated) / step)
    bars = [
        Bar(
            label=row.label,
            value=value,
            qualifier=getattr(row, f"{field}_qualifier"),
            percent=round(100 * value / axis_max, 2) if value else 0,
        )
        for row, value in zip(rows, values, strict=True)
    ]
    ticks = [
        Tick(percent=round(100 * k * step / axis_max, 2), label=short_number(k * step))
        for k in range(round(axis_max / step) + 1)
    ]
    return Panel(title, unit, bars, ticks)


def figures_chart(rows: list[ComparisonRow]) -> list[Panel]:
    """The panels worth drawing for the compared rows (empty when no figure is stated)."""
    panels = (figure_panel(rows, field, title, unit) for field, title, unit in FIGURES)
    return [panel for panel in panels if panel is not None]
