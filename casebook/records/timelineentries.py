"""Timeline entries built from rows of the timeline's union, with a fixed number of queries.

:func:`hydrate` turns the rows of a page (see :mod:`casebook.records.timeline`)
into :class:`TimelineEntry` objects: one query per record type present in the
rows, plus its prefetches, whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

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
    Topic,
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
    topics: tuple[Topic, ...] = ()


def _hydrators() -> dict[str, Callable[[Iterable[int]], dict[int, tuple]]]:
    def public(*parties: Party | None) -> tuple[Party, ...]:
        seen: dict[int, Party] = {}
        for party in parties:
            if party is not None and party.is_public and party.pk not in seen:
                seen[party.pk] = party
        return tuple(seen.values())

    case_parties = CaseParty.objects.filter(party__in=Party.objects.public()).select_related(
        "party"
    )

    def allegations(ids):
        rows = Allegation.objects.filter(pk__in=ids).select_related("accuser")
        rows = rows.prefetch_related(
            Prefetch(
                "accused",
                queryset=AccusedParty.objects.public().select_related("party"),
                to_attr="public_accused",
            ),
            "topics",
        )
        return {
            a.pk: (a, public(a.accuser, *(r.party for r in a.public_accused)), a.topics.all())
            for a in rows
        }

    def cases(ids):
        rows = Case.objects.filter(pk__in=ids).select_related("court")
        rows = rows.prefetch_related(
            Prefetch("case_parties", queryset=case_parties, to_attr="public_case_parties"),
            "topics",
        )
        return {
            c.pk: (c, public(*(cp.party for cp in c.public_case_parties), c.court), c.topics.all())
            for c in rows
        }

    def settlements(ids):
        rows = Settlement.objects.filter(pk__in=ids).select_related("case")
        rows = rows.prefetch_related(
            Prefetch("case__case_parties", queryset=case_parties, to_attr="public_case_parties"),
            "topics",
        )
        out = {}
        for s in rows:
            parties = s.case.public_case_parties if s.case.is_public else []
            out[s.pk] = (s, public(*(cp.party for cp in parties)), s.topics.all())
        return out

    def guidance(ids):
        rows = Guidance.objects.filter(pk__in=ids).select_related("issuer")
        rows = rows.prefetch_related("topics")
        return {g.pk: (g, public(g.issuer), g.topics.all()) for g in rows}

    def terms(ids):
        rows = TermsVersion.objects.filter(pk__in=ids).select_related("document__vendor")
        return {v.pk: (v.document, public(v.document.vendor), ()) for v in rows}

    def events(ids):
        rows = Event.objects.filter(pk__in=ids).select_related(*Event.RECORD_FIELDS)
        rows = rows.prefetch_related(
            Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
            "topics",
        )
        out = {}
        for e in rows:
            record = next((getattr(e, f) for f in Event.RECORD_FIELDS if getattr(e, f"{f}_id")), e)
            out[e.pk] = (record, public(*e.public_parties), e.topics.all())
        return out

    return {
        "allegation": allegations,
        "case": cases,
        "settlement": settlements,
        "guidance": guidance,
        "terms": terms,
        "event": events,
    }


def hydrate(rows: Sequence[dict]) -> list[TimelineEntry]:
    """:class:`TimelineEntry` objects for ``rows`` of ``timeline.ordered_rows``, in their order.

    Runs one query per record type present in ``rows`` (plus its prefetches),
    whatever the number of rows.
    """
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["tl_type"], set()).add(row["tl_source"])
    hydrators = _hydrators()
    found = {t: hydrators[t](ids) for t, ids in wanted.items()}
    entries = []
    for row in rows:
        record, parties, topics = found[row["tl_type"]][row["tl_source"]]
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
                topics=tuple(topics),
            )
        )
    return entries
