"""Editorial rules a dataset file must keep, checked on the parsed file (``check_casebook``).

The structural and workflow rules (types, links, "a published record cites a
published source") are checked by loading the file in a dry run
(:func:`casebook.records.dataset.load_dataset`); this module holds the rules
that say whether what the file claims is honest, each checkable by machine:

- :func:`unread_source_problems` — a citation of a document that was not read
  is marked ``unverified`` (the one convention for an unread primary document,
  see the methodology page); a source records that it was not read by notes
  that begin "Not read";
- :func:`quote_problems` — a citation's quote on a record that holds clause
  texts or holdings is verbatim in one of them ("…" may stand for omitted words);
- :func:`uncertain_day_problems` — a date at day precision whose caveat (or a
  source's or terms version's notes) says the day is uncertain;
- :func:`event_span_problems` — an event dated before the record it belongs to
  began (a case's filing, a settlement's case filing, an allegation's conduct
  or, when no conduct start is known, the allegation itself; guidance's issue);
- :func:`none_found_problems` — an accused row says "none found" (a search was
  made) but names no ``response_source`` documenting the search; with no search
  on record its response is ``not_searched``.

Each problem is one line ``"<section>[<slug>].<field>: <what is wrong>"``.
The file must already have passed :func:`~casebook.records.dataset.check_dataset`.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from typing import Any

from casebook.records.dataset.rules import show

UNVERIFIED = "unverified"
NONE_FOUND = "none_found"
NOT_SEARCHED = "not_searched"

#: Notes of a source that was not read (the stored-copy check failed or was not made).
NOT_READ = re.compile(r"^\s*not read\b", re.IGNORECASE)

#: Words in a caveat that say a day is not known: "the exact day is not certain",
#: "day is approximate", "17–18 September", "17 or 18 September", "2026-04-23/24".
_MONTHS = "|".join(calendar.month_name[1:])
UNCERTAIN_DAY = re.compile(
    r"\bexact day\b"
    r"|\bday (?:is|was) (?:not certain|uncertain|unknown|not known|not fixed|approximate)"
    r"|\baround this date\b"
    rf"|\b\d{{1,2}}\s*(?:–|-|or|to)\s*\d{{1,2}} (?:{_MONTHS})\b"
    r"|\b\d{4}-\d{2}-\d{2}/\d{2}\b",
    re.IGNORECASE,
)

#: Ellipses a quote may use for omitted words.
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")

#: Each dated section: the date fields at a precision, and where its caveat is.
DAY_FIELDS = {
    "sources": (("published_on", "published_on_precision"),),
    "allegations": (
        ("made_on", "made_on_precision"),
        ("conduct_start", "conduct_start_precision"),
        ("conduct_end", "conduct_end_precision"),
    ),
    "guidance": (("issued_on", "issued_on_precision"),),
    "events": (("date", "date_precision"),),
}

CITED_SECTIONS = (
    "parties",
    "sources",
    "terms_documents",
    "allegations",
    "cases",
    "settlements",
    "guidance",
    "events",
)


def audit_dataset(data: dict[str, Any]) -> list[str]:
    """Every editorial problem of a parsed, structurally valid dataset file (empty when none)."""
    return (
        unread_source_problems(data)
        + quote_problems(data)
        + uncertain_day_problems(data)
        + event_span_problems(data)
        + none_found_problems(data)
    )


def _records(data: dict[str, Any], section: str) -> Iterator[dict[str, Any]]:
    yield from data.get(section) or []


def unread_source_problems(data: dict[str, Any]) -> list[str]:
    """Citations of a source whose notes say it was not read, marked other than unverified."""
    unread = {
        source["slug"]: source.get("notes", "")
        for source in _records(data, "sources")
        if NOT_READ.match(source.get("notes", ""))
    }
    problems = []
    for section in CITED_SECTIONS:
        for record in _records(data, section):
            for citation in record.get("citations", []):
                mark = citation.get("verification", "secondary")
                if citation["source"] in unread and mark != UNVERIFIED:
                    problems.append(
                        f"{section}[{record['slug']}].citations[{citation['source']}]"
                        f'.verification: is "{mark}", but that source was not read '
                        f"(its notes: “{show(unread[citation['source']], 60)}”); "
                        f'a citation of an unread document is marked "{UNVERIFIED}"'
                    )
    return problems


def quote_in(quote: str, texts: list[str]) -> bool:
    """Whether ``quote`` is verbatim in one of ``texts``; "…" stands for omitted words."""
    parts = [part for part in _ELLIPSIS.split(quote.strip()) if part]
    for text in texts:
        start = 0
        for part in parts:
            found = text.find(part, start)
            if found < 0:
                break
            start = found + len(part)
        else:
            return True
    return False


def quote_problems(data: dict[str, Any]) -> list[str]:
    """Quotes on terms documents and guidance not verbatim in their clauses or holdings."""
    problems = []
    quoted: list[tuple[str, dict[str, Any], list[str], str]] = []
    for document in _records(data, "terms_documents"):
        texts = [
            clause["text"]
            for key in ("versions", "recorded_versions")
            for version in document.get(key, [])
            for clause in version.get("clauses", [])
        ]
        quoted.append(("terms_documents", document, texts, "clause"))
    for guidance in _records(data, "guidance"):
        texts = [h["quote"] for h in guidance.get("holdings", []) if h.get("quote")]
        quoted.append(("guidance", guidance, texts, "holding"))
    for section, record, texts, what in quoted:
        if not texts:
            continue
        for citation in record.get("citations", []):
            quote = citation.get("quote", "")
            if quote and not quote_in(quote, texts):
                problems.append(
                    f"{section}[{record['slug']}].citations[{citation['source']}].quote: "
                    f"“{show(quote, 60)}” is not verbatim in any {what} of this record"
                )
    return problems


def uncertain_day_problems(data: dict[str, Any]) -> list[str]:
    """Dates at day precision on records whose caveat says the day is not known."""
    problems = []
    for section, fields in DAY_FIELDS.items():
        for record in _records(data, section):
            where = f"{section}[{record['slug']}]"
            problems += _uncertain(where, record, fields, "caveats")
            if section == "sources":  # a source says how it was dated in its notes
                problems += _uncertain(where, record, fields, "notes")
    for document in _records(data, "terms_documents"):
        for version in document.get("versions", []):
            where = f"terms_documents[{document['slug']}].versions[{version.get('effective_from')}]"
            fields = (("effective_from", "effective_from_precision"),)
            problems += _uncertain(where, version, fields, "notes")
    return problems


def _uncertain(where: str, record: dict, fields: tuple, caveat_key: str) -> list[str]:
    match = UNCERTAIN_DAY.search(record.get(caveat_key, "") or "")
    if match is None:
        return []
    return [
        f"{where}.{name}: is at day precision, but its {caveat_key} say the day is "
        f"uncertain (“{match.group()}”); use month or approximate precision, or the "
        "day a source fixes with the other dates in the caveat"
        for name, precision in fields
        if record.get(name) and record.get(precision, "day") == "day"
    ]


def date_span(value: str, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a stored date at ``precision`` can mean."""
    first = datetime.date.fromisoformat(value)
    if precision == "day":
        return first, first
    if precision == "month":
        last_day = calendar.monthrange(first.year, first.month)[1]
        return first, first.replace(day=last_day)
    # year, and approximate ("c. 2024"), which is shown as its year
    return first, datetime.date(first.year, 12, 31)


def record_starts(data: dict[str, Any]) -> dict[tuple[str, str], tuple[str, datetime.date]]:
    """When each dated record began, keyed by (event field, slug): (what, first day)."""
    starts: dict[tuple[str, str], tuple[str, datetime.date]] = {}
    filed = {}
    for case in _records(data, "cases"):
        if case.get("filed_on"):
            filed[case["slug"]] = date_span(case["filed_on"], "day")[0]
            starts["case", case["slug"]] = ("its filing (filed_on)", filed[case["slug"]])
    for settlement in _records(data, "settlements"):
        if settlement.get("case") in filed:
            starts["settlement", settlement["slug"]] = (
                "the filing of its case",
                filed[settlement["case"]],
            )
    for allegation in _records(data, "allegations"):
        name, precision = "made_on", allegation.get("made_on_precision", "day")
        if allegation.get("conduct_start"):
            name, precision = "conduct_start", allegation.get("conduct_start_precision", "day")
        if allegation.get(name):
            starts["allegation", allegation["slug"]] = (
                f"its {name}",
                date_span(allegation[name], precision)[0],
            )
    for guidance in _records(data, "guidance"):
        if guidance.get("issued_on"):
            precision = guidance.get("issued_on_precision", "day")
            starts["guidance", guidance["slug"]] = (
                "its issue (issued_on)",
                date_span(guidance["issued_on"], precision)[0],
            )
    return starts


def event_span_problems(data: dict[str, Any]) -> list[str]:
    """Events dated wholly before the record they belong to began."""
    starts = record_starts(data)
    problems = []
    for event in _records(data, "events"):
        for field in ("allegation", "case", "settlement", "guidance"):
            start = starts.get((field, event.get(field)))
            if start is None:
                continue
            last = date_span(event["date"], event.get("date_precision", "day"))[1]
            if last < start[1]:
                problems.append(
                    f"events[{event['slug']}].date: {event['date']} is before {start[0]} "
                    f"of {field} “{event[field]}” ({start[1].isoformat()}); "
                    "an event belongs to a record only within its span"
                )
    return problems


def none_found_problems(data: dict[str, Any]) -> list[str]:
    """Accused rows whose response is "none found" with no source documenting a search."""
    problems = []
    for allegation in _records(data, "allegations"):
        for row in allegation.get("accused") or []:
            if row.get("response") == NONE_FOUND and not row.get("response_source"):
                problems.append(
                    f"allegations[{allegation['slug']}].accused[{row['party']}].response: "
                    f'is "{NONE_FOUND}", but no response_source documents a search; '
                    f'cite the search, or say "{NOT_SEARCHED}"'
                )
    return problems
