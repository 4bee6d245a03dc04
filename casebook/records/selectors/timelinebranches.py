"""The branches of the timeline's ``UNION ALL``: one queryset per kind of dated fact.

Each kind of dated fact (an allegation's date, a case's filing, each of a
settlement's three dates, a guidance document's issue, the first recorded
version of each effective date of a terms document, an event) is one branch:
a ``.values()`` queryset of the same seven columns (:data:`COLUMNS`), filtered
in the database. A record type's dates, name and public rows are those the
registry (:mod:`casebook.records.registry`) declares; what is said here is how
each type is filtered by party and topic. :mod:`casebook.records.selectors.timeline`
joins, orders and slices the branches.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Collate, Concat

from casebook.records.models import (
    AccusedParty,
    CaseParty,
    DatePrecision,
    Party,
    TermsVersion,
    Topic,
)
from casebook.records.models.expressions import InIdsReadFirst, linked_to
from casebook.records.registry import TIMELINE_RECORD_TYPES, RecordType, record_type
from casebook.records.versions import RECORD_ORDER

#: The columns every branch of the union selects, in this order.
COLUMNS = ("tl_date", "tl_precision", "tl_kind", "tl_headline", "tl_type", "tl_key", "tl_source")

#: What an entry's headline adds to its record's title, by date field (nothing if not listed).
HEADLINE_SUFFIXES = {
    "filed_on": " filed",
    "announced_on": " announced",
    "preliminary_approval_on": ": preliminary approval",
    "final_approval_on": ": final approval",
}


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

    def cache_key(self) -> tuple:
        """The filters as plain values (ids and names sorted): equal for filters that match
        the same entries, different otherwise (``None`` stays apart from an empty list)."""

        def ids(items: Sequence[Any] | None) -> tuple | None:
            return None if items is None else tuple(sorted(getattr(i, "pk", i) for i in items))

        record_types = None if self.record_types is None else tuple(sorted(self.record_types))
        return (ids(self.parties), record_types, ids(self.topics), self.date_from, self.date_to)


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


def _own_dates(declared: RecordType, queryset: QuerySet, title: str) -> list[QuerySet]:
    """One branch per date the registry declares for ``declared``, each a field of the record.

    The entry's kind is the type's name and the date's (``"settlement_announced"``
    for ``announced_on``), its precision the date's ``<field>_precision`` if the
    model has one (else a day), its headline ``title`` and the date's suffix.
    """
    model, name = declared.model, declared.name
    branches = []
    for field in declared.timeline_dates:
        precision = f"{field}_precision"
        has_precision = any(f.name == precision for f in model._meta.get_fields())
        dated = queryset
        if model._meta.get_field(field).null:
            dated = dated.filter(**{f"{field}__isnull": False})
        suffix = HEADLINE_SUFFIXES.get(field)
        branches.append(
            _columns(
                dated,
                tl_date=F(field),
                tl_precision=F(precision) if has_precision else Value(DatePrecision.DAY.value),
                tl_kind=Value(f"{name}_{field.removesuffix('_on')}"),
                tl_headline=_text(title, Value(suffix)) if suffix else F(title),
                tl_type=Value(name),
                tl_key=_text(Value(f"{name}:"), "slug", Value(f":{field}")),
                tl_source=F("pk"),
            )
        )
    return branches


def _allegation_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    queryset = declared.public()
    if flt.parties is not None:
        queryset = queryset.filter(
            Q(accuser__in=flt.parties)
            | InIdsReadFirst(
                "pk",
                AccusedParty.objects.public().filter(party__in=flt.parties).values("allegation"),
            )
        )
    if flt.topics is not None:
        queryset = queryset.filter(linked_to(declared.model, "topics", flt.topics))
    return _own_dates(declared, queryset, "title")


def _case_party_filter(case_ref: str, parties: Sequence[Party]) -> Exists:
    return Exists(CaseParty.objects.filter(case=OuterRef(case_ref), party__in=parties))


def _case_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    queryset = declared.public()
    if flt.parties is not None:
        queryset = queryset.filter(Q(court__in=flt.parties) | _case_party_filter("pk", flt.parties))
    if flt.topics is not None:
        queryset = queryset.filter(linked_to(declared.model, "topics", flt.topics))
    return _own_dates(declared, queryset, "name")


def _settlement_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    queryset = declared.public()
    if flt.parties is not None:
        # The parties of a settlement are those of its case, when the case is public.
        queryset = queryset.filter(case__in=record_type("case").public()).filter(
            _case_party_filter("case", flt.parties)
        )
    if flt.topics is not None:
        queryset = queryset.filter(linked_to(declared.model, "topics", flt.topics))
    return _own_dates(declared, queryset, "title")


def _guidance_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    queryset = declared.public()
    if flt.parties is not None:
        queryset = queryset.filter(issuer__in=flt.parties)
    if flt.topics is not None:
        queryset = queryset.filter(linked_to(declared.model, "topics", flt.topics))
    return _own_dates(declared, queryset, "title")


def _terms_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    """One entry per document and effective date, from the first version recorded with it.

    Open Terms Archive records a new version at each change of the text, and
    several often state the same effective date: the date took effect once.
    "First" is by ``recorded_at`` (unknown first), then id.
    """
    if flt.topics is not None:
        return []  # terms versions have no topics
    # "Not the first" is "an earlier version of the same document and date exists": a
    # NOT EXISTS that the database runs as one anti-join, where a "first id of its date"
    # subquery ran once per version (12 ms of the timeline's 5,000 versions at the
    # large bench size, against 4 ms).
    earlier_of_date = (
        TermsVersion.objects.annotate(record_order=RECORD_ORDER)
        .filter(document=OuterRef("document"), effective_from=OuterRef("effective_from"))
        .filter(
            Q(record_order__lt=OuterRef("record_order"))
            | Q(record_order=OuterRef("record_order"), id__lt=OuterRef("id"))
        )
    )
    queryset = (
        TermsVersion.objects.public()
        .filter(effective_from__isnull=False)
        .annotate(record_order=RECORD_ORDER)
        .filter(~Exists(earlier_of_date))
    )
    if flt.parties is not None:
        queryset = queryset.filter(document__vendor__in=flt.parties)
    return [
        _columns(
            queryset,
            tl_date=F("effective_from"),
            tl_precision=F("effective_from_precision"),
            tl_kind=Value("terms_version_effective"),
            tl_headline=_text("document__title", Value(": version effective")),
            tl_type=Value(declared.name),
            tl_key=_text(
                Value(f"{declared.name}:"),
                "document__slug",
                Value(":"),
                Cast("effective_from", output_field=CharField()),
            ),
            tl_source=F("pk"),
        )
    ]


def _event_branches(declared: RecordType, flt: TimelineFilters) -> list[QuerySet]:
    """Every public event; an event is always of type ``"event"``, whatever it belongs to."""
    queryset = declared.public()
    if flt.parties is not None:
        queryset = queryset.filter(linked_to(declared.model, "parties", flt.parties))
    if flt.topics is not None:
        queryset = queryset.filter(linked_to(declared.model, "topics", flt.topics))
    return [
        _columns(
            queryset,
            tl_date=F("date"),
            tl_precision=F("date_precision"),
            tl_kind=Concat(Value("event:"), "kind", output_field=CharField()),
            tl_headline=F("headline"),
            tl_type=Value(declared.name),
            tl_key=_text(Value(f"{declared.name}:"), "slug"),
            tl_source=F("pk"),
        )
    ]


#: How each record type with dates on the timeline is filtered into branches, by name
#: (tests/records/test_registry.py pins the names to ``TIMELINE_RECORD_TYPES``).
BRANCHES: dict[str, Callable[[RecordType, TimelineFilters], list[QuerySet]]] = {
    "allegation": _allegation_branches,
    "case": _case_branches,
    "settlement": _settlement_branches,
    "guidance": _guidance_branches,
    "terms": _terms_branches,
    "event": _event_branches,
}


def timeline_branches(
    flt: TimelineFilters, after: tuple | None = None, before: tuple | None = None
) -> Iterator[QuerySet]:
    """The branches the filters ask for, in the registry's order, cut to the dates asked for.

    ``after``/``before`` are ``(date, key)`` positions: only rows strictly after or
    before them are kept.
    """
    wanted = TIMELINE_RECORD_TYPES if flt.record_types is None else flt.record_types
    for name in TIMELINE_RECORD_TYPES:
        if name not in wanted:
            continue
        for branch in BRANCHES[name](record_type(name), flt):
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
