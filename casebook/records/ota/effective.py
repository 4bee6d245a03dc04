"""The effective date a terms text states about itself, with its precision.

Open Terms Archive records *when it saw* a text; the vendor's own statement of
when the text took effect ("Effective: January 31, 2024", "Last updated: May
27th, 2026") lives in the text. :func:`read_effective_date` finds that
statement and parses it. It never falls back on the record date.

Statements found in the GenAI and genai-eu collections (2023-10 to 2026-08),
all handled here:

- a label, then a date, on one line or run together: ``Effective: January 31,
  2024``, ``Effective:November 28, 2025``, ``UpdatedNovember 14, 2023``,
  ``**Effective:** January 31, 2024 ([previous version](...))``,
  ``_Last Modified: June 4, 2024_``, ``Version Effective Date: March 21, 2024``,
  ``Effective from 13 November 2023``, ``_Effective as of May 27 2025_``,
  ``Last Update: 2025-02-10``, ``Latest updated: 2025-03-24``,
  ``Effective August 28, 2025[Previous Version](...)``;
  a label after the end of a sentence on a long line (``...API._Last updated:
  August 21, 2026These Meta Model API Terms...``), or capitalised with a colon
  in the middle of one (``Terms of Service** **Last Updated: May 01, 2025**
  **Tempo Inc.**``); a label alone on its line
  with the date on the next one (``This Privacy Policy is effective as of``);
- sentences about the document: ``These Terms are effective and were last
  updated on June 20, 2024.``, ``This policy was published on June 8, 2026
  with an effective date of July 8, 2026.``;
- day precision: ``January 31, 2024``, ``May 27th, 2026``, ``October 12th
  2023``, ``OCT 21, 2025``, ``Sep 26, 2023``, ``28 August 2025``, ``24 October,
  2025``, ``2023-11-04``, ``11/13/2024``, ``8/23/2023``, ``2025年8月27日``,
  ``2024 年 12 月 19 日`` (labels ``生效日期``, ``更新日期``, ``协议更新日期``,
  ``协议发布及生效日期``);
- month precision: ``Last Updated: October 2025``, ``Last updated - Sep,
  2023``, ``Last updated: **January 2023**``, ``2025年8月``;
- year precision: a label followed by a year alone (``Last updated: 2023``).

Not dates, so unknown: relative ages (``Updated: 9 days ago``, ``Updated:
yesterday``) — the age is relative to a page rendering OTA does not date —,
changelog lines that start with a date (``* 2024-01-10: We've updated...``),
and "effective" clauses that are not about the document (``Terms related to
Copilot Health are effective as of May 13, 2026``; ``effective as of the
Effective Date``).

An "effective" statement wins over an "updated" one; among equals the first in
the text wins.

**Numeric dates** (``11-04-2023``, ``12/05/2024``) are read month first or day
first only when that is certain: a part above 12 settles it, equal parts do
not matter, and otherwise the ``order`` hint decides. The hint comes from the
service's own texts (:func:`numeric_order_hint`): xAI wrote ``Effective date:
11-04-2023`` and later restated it as ``Effective date: 2023-11-04`` (month
first); Replit writes ``02/24/2025`` (month first) next to ``12/05/2024``.
Without a hint an ambiguous numeric date is unknown (``date`` None, the
statement kept), because its month is not known and a year alone would
claim the version in force from 1 January.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from casebook.records.models import DatePrecision

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)(?!\d)"

#: Each date form, tried in this order at the place a statement puts its date.
DATE_FORMS = [
    (
        "mdy",
        _MONTH.format("m1") + r"\s*" + _DAY.format("d1") + r"(?!\d)\s*,?\s*" + _YEAR.format("y1"),
    ),
    ("dmy", _DAY.format("d2") + r"\s+" + _MONTH.format("m2") + r"\s*,?\s*" + _YEAR.format("y2")),
    ("iso", r"(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>[01]?\d)[-/.](?P<d3>[0-3]?\d)(?!\d)"),
    ("num", r"(?P<a4>[0-3]?\d)(?P<s4>[-/.])(?P<b4>[0-3]?\d)(?P=s4)(?P<y4>(?:19|20)\d\d)(?!\d)"),
    ("cjk", r"(?P<y5>(?:19|20)\d\d)\s*年\s*(?P<m5>[01]?\d)\s*月(?:\s*(?P<d5>[0-3]?\d)\s*日)?"),
    ("my", _MONTH.format("m6") + r"\s*,?\s*" + _YEAR.format("y6")),
    ("y", _YEAR.format("y7") + r"(?!\s*[-/.年])"),
]
_DATE = "|".join(f"(?:{pattern})" for _, pattern in DATE_FORMS)

_EFFECTIVE = (
    r"(?:version\s+)?effective(?:\s+date)?(?:\s+(?:from|as\s+of|on|of))?"
    r"|(?:协议)?(?:发布及)?生效日期"
)
_UPDATED = (
    r"(?:last\s+|latest\s+)?(?:updated|update|modified|revised)(?:\s+on)?"
    r"|date\s+of\s+last\s+update|(?:协议)?更新日期"
)
_SEPARATOR = r"\s*(?:[:：\-–—,]\s*)?"
#: A label opens a line or follows the end of a sentence, a link or a table cell.
_LEAD = r"(?:^|(?<=[.!?)\]|]))\s*"
STATEMENT = re.compile(
    _LEAD + rf"(?P<label>(?P<effective>{_EFFECTIVE})|(?P<updated>{_UPDATED})){_SEPARATOR}"
    rf"(?:{_DATE})",
    re.IGNORECASE | re.MULTILINE | re.ASCII,
)
#: "These Terms are effective and were last updated on ...", "This policy ... with an
#: effective date of ...": sentences whose subject is the document itself.
SENTENCE = re.compile(
    r"(?:^|(?<=[.!?]))\s*(?:this|these)\s[^.\n]{0,120}?\b(?:(?P<effective>effective)"
    r"(?:\s+date)?|(?P<updated>updated))(?:\s+(?:on|as\s+of|from|of))?\s+"
    rf"(?:{_DATE})",
    re.IGNORECASE | re.MULTILINE | re.ASCII,
)
#: A capitalised label with a colon in the middle of a line run together by OTA's
#: extraction: "Terms of Service Last Updated: May 01, 2025 Tempo Inc. provides...".
INLINE = re.compile(
    r"(?<=\s)(?P<label>(?P<effective>(?-i:Effective(?: [Dd]ate)?))"
    r"|(?P<updated>(?-i:Last [Uu]pdated|Last [Mm]odified|Updated)))\s*[:：]\s*"
    rf"(?:{_DATE})",
    re.IGNORECASE | re.ASCII,
)
#: A label alone at the end of a line, its date on the next line.
LABEL_ALONE = re.compile(
    rf"(?:^\s*|^\s*(?:this|these)\s.*\s)(?P<label>{_EFFECTIVE}|{_UPDATED})\s*[:：]?\s*$",
    re.IGNORECASE | re.ASCII,
)

#: Lines without one of these words hold no statement (a cheap first pass).
KEYWORD = re.compile(r"effective|update|modified|revised|生效|更新", re.IGNORECASE)

_MARKUP = re.compile(r"\]\([^)\s]*\)|[*_#>\\`\u200b-\u200d\ufeff]")


@dataclass(frozen=True)
class StatedDate:
    """What a text says about its own date.

    ``statement`` is the words as found (markup removed), e.g. ``"Last Updated:
    May 27th, 2026"``. ``date`` is the first day of the stated span and
    ``precision`` a :class:`DatePrecision` value (day, month or year); both are
    None when the statement's date is ambiguous (a numeric date with no order
    known).
    """

    statement: str
    date: datetime.date | None
    precision: str | None
    #: ``"effective"`` or ``"updated"``: what the statement says the date is.
    kind: str = "effective"


def clean(text: str) -> str:
    """The text with Markdown emphasis, link targets and invisible joiners removed."""
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return _MARKUP.sub(lambda match: "]" if match.group().startswith("]") else "", text)


def read_effective_date(text: str, order: str | None = None) -> StatedDate | None:
    """The effective date ``text`` states about itself, or None when it states none.

    ``order`` (``"mdy"``, ``"dmy"`` or None) reads ambiguous numeric dates; see
    the module docstring. Never raises on any string.
    """
    best: tuple[int, int, StatedDate] | None = None
    for rank_offset, start, match in _statements(clean(text)):
        stated = _stated(match, order)
        if stated is None:
            continue
        rank = (0 if match.group("effective") else 2) + rank_offset
        if stated.date is None:
            rank += 4  # an ambiguous statement only if nothing better is said
        if best is None or (rank, start) < best[:2]:
            best = (rank, start, stated)
    return best[2] if best else None


def _statements(text: str) -> Iterable[tuple[int, int, re.Match]]:
    """(rank offset, position, match) of every dated statement, line by line."""
    lines = text.splitlines()
    offset = 0
    for index, line in enumerate(lines):
        if KEYWORD.search(line):
            for match in STATEMENT.finditer(line):
                yield 0, offset + match.start(), match
            for match in SENTENCE.finditer(line):
                yield 1, offset + match.start(), match
            for match in INLINE.finditer(line):
                yield 1, offset + match.start(), match
            alone = LABEL_ALONE.search(line) if len(line) < 200 else None
            if alone:
                following = next((n for n in lines[index + 1 : index + 4] if n.strip()), "")
                match = STATEMENT.match(f"{alone.group('label')} {following.strip()}")
                if match:
                    yield 0, offset, match
        offset += len(line) + 1


def _stated(match: re.Match, order: str | None) -> StatedDate | None:
    statement = " ".join(match.group().split())
    try:
        parsed = _date(match.groupdict(), order)
    except ValueError:  # 31 February and the like: not a date
        return None
    kind = "effective" if match.group("effective") else "updated"
    if parsed is None:
        return StatedDate(statement, None, None, kind)
    return StatedDate(statement, *parsed, kind)


def _date(groups: dict, order: str | None) -> tuple[datetime.date, str] | None:
    """The matched date form as (first day, precision); None when ambiguous."""
    day = DatePrecision.DAY.value
    if groups["y1"]:
        return _make(groups["y1"], _month(groups["m1"]), groups["d1"]), day
    if groups["y2"]:
        return _make(groups["y2"], _month(groups["m2"]), groups["d2"]), day
    if groups["y3"]:
        return _make(groups["y3"], groups["m3"], groups["d3"]), day
    if groups["y4"]:
        month_day = numeric_order(int(groups["a4"]), int(groups["b4"]), order)
        if month_day is None:
            return None
        return _make(groups["y4"], *month_day), day
    if groups["y5"]:
        if groups["d5"]:
            return _make(groups["y5"], groups["m5"], groups["d5"]), day
        return _make(groups["y5"], groups["m5"], 1), DatePrecision.MONTH.value
    if groups["y6"]:
        return _make(groups["y6"], _month(groups["m6"]), 1), DatePrecision.MONTH.value
    return _make(groups["y7"], 1, 1), DatePrecision.YEAR.value


def _month(name: str) -> int:
    return MONTHS[name.lower()]


def _make(year, month, day) -> datetime.date:
    return datetime.date(int(year), int(month), int(day))


def numeric_order(first: int, second: int, order: str | None) -> tuple[int, int] | None:
    """(month, day) of a numeric date written ``first-second-year``; None when unsure."""
    if first > 12 >= second:
        return second, first
    if second > 12 >= first or first == second:
        return first, second
    if order == "mdy":
        return first, second
    if order == "dmy":
        return second, first
    return None


#: A numeric date: "11-04-2023", "8/23/2023", "2023-11-04".
_NUMERIC = re.compile(
    r"(?<!\d)(?:(?P<a>[0-3]?\d)[-/.](?P<b>[0-3]?\d)[-/.](?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d))(?!\d)",
    re.ASCII,
)
#: The label that makes a numeric date a statement about the text's own date.
_LABEL_BEFORE = re.compile(rf"(?:{_EFFECTIVE}|{_UPDATED}){_SEPARATOR}$", re.IGNORECASE | re.ASCII)


def numeric_order_hint(texts: Iterable[str]) -> str | None:
    """How a service writes numeric dates, from its own texts: ``"mdy"``, ``"dmy"`` or None.

    Evidence: a dated statement whose numeric date has a part above 12, or an
    ambiguous numeric date restated elsewhere as an ISO date with the same year
    and numbers. Contradictory or no evidence gives None.
    """
    numeric: set[tuple[int, int, int]] = set()
    iso: set[tuple[int, int, int]] = set()
    for text in texts:
        for match in _NUMERIC.finditer(text):
            if not _LABEL_BEFORE.search(clean(text[max(0, match.start() - 60) : match.start()])):
                continue
            if match.group("y"):
                numeric.add((int(match.group("a")), int(match.group("b")), int(match.group("y"))))
            else:
                iso.add((int(match.group("iy")), int(match.group("im")), int(match.group("id"))))
    votes = set()
    for first, second, year in numeric:
        if first > 12 >= second:
            votes.add("dmy")
        elif second > 12 >= first:
            votes.add("mdy")
        elif first != second:
            if (year, first, second) in iso:
                votes.add("mdy")
            if (year, second, first) in iso:
                votes.add("dmy")
    return votes.pop() if len(votes) == 1 else None
