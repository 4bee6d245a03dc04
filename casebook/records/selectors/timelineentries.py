"""Timeline entries built from rows of the timeline's union, with a fixed number of queries.

:func:`hydrate` turns the rows of a page (see :mod:`casebook.records.selectors.timeline`)
into :class:`TimelineEntry` objects: one query per record type present in the
rows, plus its prefetches, whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
    TermsVersion,
    format_date,
)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact on the timeline, linked to the record it belongs to.

    ``record_type`` is the type of the fact itself (an event is ``"event"``
    even when ``record`` is the allegation it belongs to); ``key`` is unique
    and stable, and ``(date, key)`` is the timeline's order.
    """

    date: datetime.date
    precision: str
    date_display: str
    kind: str
    headline: str
    record: PublishableModel
    record_type: str
    parties: tuple[Party, ...]
    key: str


#: What a loader gives for each id it was asked for: the record the entry links to and the
#: public parties it names.
Loaded = dict[int, tuple[PublishableModel, tuple[Party, ...]]]


def _public(*parties: Party | None) -> tuple[Party, ...]:
    """The public ones of ``parties``, each once, in order."""
    seen: dict[int, Party] = {}
    for party in parties:
        if party is not None and party.is_public and party.pk not in seen:
            seen[party.pk] = party
    return tuple(seen.values())


def _public_case_parties() -> QuerySet:
    return CaseParty.objects.filter(party__in=Party.objects.public()).select_related("party")


def _allegations(ids: Iterable[int]) -> Loaded:
    rows = Allegation.objects.public().filter(pk__in=ids).select_related("accuser")
    rows = rows.prefetch_related(
        Prefetch(
            "accused",
            queryset=AccusedParty.objects.public().select_related("party"),
            to_attr="public_accused",
        ),
    )
    return {a.pk: (a, _public(a.accuser, *(r.party for r in a.public_accused))) for a in rows}


def _cases(ids: Iterable[int]) -> Loaded:
    rows = Case.objects.public().filter(pk__in=ids).select_related("court")
    rows = rows.prefetch_related(
        Prefetch("case_parties", queryset=_public_case_parties(), to_attr="public_case_parties"),
    )
    return {c.pk: (c, _public(*(cp.party for cp in c.public_case_parties), c.court)) for c in rows}


def _settlements(ids: Iterable[int]) -> Loaded:
    rows = Settlement.objects.public().filter(pk__in=ids).select_related("case")
    rows = rows.prefetch_related(
        Prefetch(
            "case__case_parties",
            queryset=_public_case_parties(),
            to_attr="public_case_parties",
        ),
    )
    loaded = {}
    for settlement in rows:
        case = settlement.case
        parties = case.public_case_parties if case.is_public else []
        loaded[settlement.pk] = (settlement, _public(*(cp.party for cp in parties)))
    return loaded


def _guidance(ids: Iterable[int]) -> Loaded:
    rows = Guidance.objects.public().filter(pk__in=ids).select_related("issuer")
    return {g.pk: (g, _public(g.issuer)) for g in rows}


def _terms_versions(ids: Iterable[int]) -> Loaded:
    rows = TermsVersion.objects.public().filter(pk__in=ids).select_related("document__vendor")
    return {v.pk: (v.document, _public(v.document.vendor)) for v in rows}


def _events(ids: Iterable[int]) -> Loaded:
    rows = Event.objects.public().filter(pk__in=ids).select_related(*Event.RECORD_FIELDS)
    rows = rows.prefetch_related(
        Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties")
    )
    loaded = {}
    for event in rows:
        record = next(
            (getattr(event, f) for f in Event.RECORD_FIELDS if getattr(event, f"{f}_id")), event
        )
        loaded[event.pk] = (record, _public(*event.public_parties))
    return loaded


#: How the rows of each record type on the timeline are loaded, by name: ``tl_source`` ids
#: to what the entries show (tests/records/test_registry.py pins the names to
#: ``TIMELINE_RECORD_TYPES``).
LOADERS: dict[str, Callable[[Iterable[int]], Loaded]] = {
    "allegation": _allegations,
    "case": _cases,
    "settlement": _settlements,
    "guidance": _guidance,
    "terms": _terms_versions,
    "event": _events,
}


def hydrate(rows: Sequence[dict]) -> list[TimelineEntry]:
    """:class:`TimelineEntry` objects for ``rows`` of ``timeline.ordered_rows``, in their order.

    Runs one query per record type present in ``rows`` (plus its prefetches),
    whatever the number of rows. Each record is read through its public rule, and a
    row whose record is gone or no longer public is left out: kept rows
    (``timeline.kept_rows``) may outlive a change that another process made without
    a cache shared with this one (a management command beside ``make run``), and no
    such row may show what is no longer public.
    """
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["tl_type"], set()).add(row["tl_source"])
    found = {name: LOADERS[name](ids) for name, ids in wanted.items()}
    entries = []
    for row in rows:
        loaded = found[row["tl_type"]].get(row["tl_source"])
        if loaded is None:
            continue
        record, parties = loaded
        date = row["tl_date"]
        if isinstance(date, datetime.datetime):
            date = date.date()
        entries.append(
            TimelineEntry(
                date=date,
                precision=row["tl_precision"],
                date_display=format_date(date, row["tl_precision"]),
                kind=row["tl_kind"],
                headline=row["tl_headline"],
                record=record,
                record_type=row["tl_type"],
                parties=parties,
                key=row["tl_key"],
            )
        )
    return entries
