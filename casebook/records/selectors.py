"""Read-side queries shared by the portal and the API.

Every function here reads public data only, through the models' ``.public()``
querysets, and runs a fixed number of queries whatever the size of the data, so
the portal page and the API endpoint built on a selector give the same answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    DatePrecision,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
    TermsVersion,
    Topic,
    format_date,
)

#: Slug of the clause category "no training of competing models".
COMPETING_MODELS_CATEGORY = "no-competing-models"


class ClauseStatus(models.TextChoices):
    """What is known about a clause category in a terms version."""

    PRESENT = "present", "In force"
    NOT_PRESENT = "not_present", "Not present in the reviewed version"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------

#: The record types of timeline entries, in the order filters list them.
TIMELINE_RECORD_TYPES = ("allegation", "case", "settlement", "guidance", "terms", "event")

#: Which record type an event takes from the record it belongs to.
_EVENT_RECORD_TYPES = {
    "allegation": "allegation",
    "case": "case",
    "settlement": "settlement",
    "guidance": "guidance",
    "terms_document": "terms",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact on the timeline, linked to the record it belongs to."""

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


def _public_parties(*parties: Party | None) -> tuple[Party, ...]:
    """The public ones among ``parties``, each once, in the order given."""
    seen: dict[int, Party] = {}
    for party in parties:
        if party is not None and party.is_public and party.pk not in seen:
            seen[party.pk] = party
    return tuple(seen.values())


def _entry(
    record: PublishableModel,
    record_type: str,
    *,
    date: datetime.date,
    precision: str,
    kind: str,
    headline: str,
    parties: tuple[Party, ...],
    topics: Iterable[Topic],
    key: str,
) -> TimelineEntry:
    return TimelineEntry(
        date=date,
        precision=precision,
        date_display=format_date(date, precision),
        kind=kind,
        headline=headline,
        record=record,
        record_type=record_type,
        parties=parties,
        key=key,
        topics=tuple(topics),
    )


def _allegation_entries() -> list[TimelineEntry]:
    allegations = (
        Allegation.objects.public()
        .select_related("accuser")
        .prefetch_related(
            Prefetch(
                "accused",
                # .public() also hides accused rows whose party is not public.
                queryset=AccusedParty.objects.public().select_related("party"),
                to_attr="public_accused",
            ),
            "topics",
        )
    )
    return [
        _entry(
            a,
            "allegation",
            date=a.made_on,
            precision=a.made_on_precision,
            kind="allegation_made",
            headline=a.title,
            parties=_public_parties(a.accuser, *(row.party for row in a.public_accused)),
            topics=a.topics.all(),
            key=f"allegation:{a.slug}:made_on",
        )
        for a in allegations
    ]


def _case_parties_prefetch(lookup: str) -> Prefetch:
    return Prefetch(
        lookup,
        queryset=CaseParty.objects.filter(party__in=Party.objects.public()).select_related("party"),
        to_attr="public_case_parties",
    )


def _case_entries() -> list[TimelineEntry]:
    cases = (
        Case.objects.public()
        .filter(filed_on__isnull=False)
        .select_related("court")
        .prefetch_related(_case_parties_prefetch("case_parties"), "topics")
    )
    return [
        _entry(
            c,
            "case",
            date=c.filed_on,
            precision=DatePrecision.DAY,
            kind="case_filed",
            headline=f"{c.name} filed",
            parties=_public_parties(*(cp.party for cp in c.public_case_parties), c.court),
            topics=c.topics.all(),
            key=f"case:{c.slug}:filed_on",
        )
        for c in cases
    ]


#: A settlement's own dates: (field, entry kind, headline suffix).
_SETTLEMENT_DATES = (
    ("announced_on", "settlement_announced", "announced"),
    ("preliminary_approval_on", "settlement_preliminary_approval", "preliminary approval"),
    ("final_approval_on", "settlement_final_approval", "final approval"),
)


def _settlement_entries() -> list[TimelineEntry]:
    settlements = (
        Settlement.objects.public()
        .select_related("case")
        .prefetch_related(_case_parties_prefetch("case__case_parties"), "topics")
    )
    entries = []
    for s in settlements:
        # The parties of a settlement are those of its case, when the case is public.
        case_parties = s.case.public_case_parties if s.case.is_public else []
        parties = _public_parties(*(cp.party for cp in case_parties))
        for field_name, kind, suffix in _SETTLEMENT_DATES:
            date = getattr(s, field_name)
            if date is None:
                continue
            headline = f"{s.title} {suffix}" if suffix == "announced" else f"{s.title}: {suffix}"
            entries.append(
                _entry(
                    s,
                    "settlement",
                    date=date,
                    precision=DatePrecision.DAY,
                    kind=kind,
                    headline=headline,
                    parties=parties,
                    topics=s.topics.all(),
                    key=f"settlement:{s.slug}:{field_name}",
                )
            )
    return entries


def _guidance_entries() -> list[TimelineEntry]:
    guidance = Guidance.objects.public().select_related("issuer").prefetch_related("topics")
    return [
        _entry(
            g,
            "guidance",
            date=g.issued_on,
            precision=g.issued_on_precision,
            kind="guidance_issued",
            headline=g.title,
            parties=_public_parties(g.issuer),
            topics=g.topics.all(),
            key=f"guidance:{g.slug}:issued_on",
        )
        for g in guidance
    ]


def _terms_entries() -> list[TimelineEntry]:
    versions = (
        TermsVersion.objects.public()
        .filter(effective_from__isnull=False)
        .select_related("document__vendor")
    )
    return [
        _entry(
            v.document,
            "terms",
            date=v.effective_from,
            precision=v.effective_from_precision,
            kind="terms_version_effective",
            headline=f"{v.document.title}: version effective",
            parties=_public_parties(v.document.vendor),
            topics=(),
            key=f"terms:{v.document.slug}:{v.effective_from.isoformat()}",
        )
        for v in versions
    ]


def _event_entries() -> list[TimelineEntry]:
    events = (
        Event.objects.public()
        .select_related(*Event.RECORD_FIELDS)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
            "topics",
        )
    )
    entries = []
    for e in events:
        record, record_type = e, "event"
        for field_name in Event.RECORD_FIELDS:
            if getattr(e, f"{field_name}_id") is not None:
                record, record_type = getattr(e, field_name), _EVENT_RECORD_TYPES[field_name]
                break
        entries.append(
            _entry(
                record,
                record_type,
                date=e.date,
                precision=e.date_precision,
                kind=f"event:{e.kind}",
                headline=e.headline,
                parties=_public_parties(*e.public_parties),
                topics=e.topics.all(),
                key=f"event:{e.slug}",
            )
        )
    return entries


_TIMELINE_SOURCES = {
    "allegation": _allegation_entries,
    "case": _case_entries,
    "settlement": _settlement_entries,
    "guidance": _guidance_entries,
    "terms": _terms_entries,
}


def timeline_entries(
    *,
    parties: Iterable[Party] | None = None,
    record_types: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[TimelineEntry]:
    """Every public dated fact, sorted by date: the timeline of the portal and the API.

    The entries are the public records' own dates (an allegation's date, a
    case's filing, a settlement's announcement and approvals, a guidance
    document's issue, the effective date of each known version of a public
    terms document) plus the public events. An event that belongs to a record
    takes that record's type and links to it.

    Filters combine with AND; each filter given as a list matches any of its
    values. ``parties`` matches entries that involve one of the parties;
    ``topics`` matches entries of records or events filed under one of the
    topics (terms versions have no topics); ``date_from`` and ``date_to`` are
    inclusive and compare with the stored date, which for an imprecise date is
    the first day of its month or year.
    """
    wanted_types = set(record_types) if record_types is not None else None
    entries: list[TimelineEntry] = []
    for record_type, build in _TIMELINE_SOURCES.items():
        if wanted_types is None or record_type in wanted_types:
            entries.extend(build())
    # Events can belong to any record type, so they are always read.
    entries.extend(
        e for e in _event_entries() if wanted_types is None or e.record_type in wanted_types
    )

    party_ids = {p.pk for p in parties} if parties is not None else None
    topic_ids = {t.pk for t in topics} if topics is not None else None
    entries = [
        e
        for e in entries
        if (date_from is None or e.date >= date_from)
        and (date_to is None or e.date <= date_to)
        and (party_ids is None or any(p.pk in party_ids for p in e.parties))
        and (topic_ids is None or any(t.pk in topic_ids for t in e.topics))
    ]
    entries.sort(key=lambda e: (e.date, e.key))
    return entries
