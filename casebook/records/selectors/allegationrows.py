"""The API's allegations list and their CSV as plain rows, a page or a chunk at a time.

The CSV of 10,000 allegations built from model instances spent half its time in
Django's many-to-many prefetches (a related manager per allegation and accused row
and relation: 15,222 of them per 1,000 allegations) and ran past a worker's timeout,
and a page of the JSON list spent two thirds of its time the same way (issue #12).
Here the allegations are read with ``.values()`` (a page, or chunks of
``eventrows.CSV_CHUNK_SIZE``), and each kind of link with one query over their ids, into
:class:`AllegationRow` and :class:`AccusedRow` objects that carry what
``AllegationSerializer`` reads, so the bytes are those of the model path (the detail
still reads a model through ``allegation_api_list``, for its accuser's clause).

The rules are those of ``allegation_api_list``: public allegations (applied by the
caller's queryset), accused rows of public parties (``AccusedParty.objects.public()``),
citations of public sources, a breached clause only when its terms document is
public, and links to records that are not public kept but marked so (the serializer
shows them as null).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db.models import Model, QuerySet

from casebook.records.models import (
    AccusedParty,
    Allegation,
    EditorialStatus,
    Figures,
    LegalTheory,
    Party,
    PublishableModel,
    Source,
    TermsDocument,
    Topic,
    format_date,
)
from casebook.records.selectors import eventrows
from casebook.records.selectors.eventrows import (
    CitationRow,
    Link,
    Term,
    citation_rows,
    link_from,
    named_columns,
)

#: The allegation's own columns the serializer reads.
ALLEGATION_COLUMNS = (
    "id",
    "slug",
    "title",
    "summary",
    "made_on",
    "made_on_precision",
    "venue",
    "venue_detail",
    "conduct_start",
    "conduct_start_precision",
    "conduct_end",
    "conduct_end_precision",
    "status",
    "status_as_of",
    *Figures.COLUMNS,
    "caveats",
    "published_at",
    "updated_at",
)

#: An accused row's own columns the serializer reads.
ACCUSED_COLUMNS = (
    *Figures.COLUMNS,
    "conduct",
    "response",
    "response_summary",
    "response_on",
    "response_as_of",
)

#: (attribute, model) of the allegation's links to other records.
ALLEGATION_LINKS = (("accuser", Party), ("figures_source", Source))
#: (attribute, model) of an accused row's links to other records.
ACCUSED_LINKS = (("party", Party), ("figures_source", Source), ("response_source", Source))
#: The breached clause's columns (its terms document is a link: see ``CLAUSE_DOCUMENT``).
CLAUSE_COLUMNS = (
    "breached_clause__id",
    "breached_clause__section",
    "breached_clause__text",
    "breached_clause__category__slug",
    "breached_clause__category__name",
    "breached_clause__version__effective_from",
)
CLAUSE_DOCUMENT = "breached_clause__version__document"


class RowList(list):
    """A list that answers ``all()`` like a related manager, for the serializers' reads."""

    def all(self) -> RowList:
        return self


@dataclass(frozen=True, slots=True)
class VersionRef:
    """The terms version of a breached clause: its document's link and start date."""

    document: Link
    effective_from: datetime.date | None


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A breached clause whose terms document is public, as ``ClauseRefSerializer`` reads it."""

    version: VersionRef
    category: Term
    section: str
    text: str


@dataclass(slots=True)
class AccusedRow:
    """One accused row (of a public party) with its own figures, response and terms."""

    party: Link
    figures_source: Link | None
    response_source: Link | None
    accounts: int | None
    accounts_qualifier: str
    exchanges: int | None
    exchanges_qualifier: str
    figures_basis: str
    figures_pinpoint: str
    conduct: str
    response: str
    response_summary: str
    response_on: datetime.date | None
    response_as_of: datetime.date | None
    capabilities: RowList = field(default_factory=RowList)
    techniques: RowList = field(default_factory=RowList)

    model = AccusedParty


@dataclass(slots=True)
class AllegationRow:
    """One public allegation: its columns, links (marked public or not), the public
    breached clause (or None), and its accused rows, legal theories, topics and
    citations of public sources as :class:`RowList`, each in the API's order."""

    id: int
    slug: str
    title: str
    summary: str
    made_on: datetime.date
    made_on_precision: str
    venue: str
    venue_detail: str
    conduct_start: datetime.date | None
    conduct_start_precision: str
    conduct_end: datetime.date | None
    conduct_end_precision: str
    status: str
    status_as_of: datetime.date | None
    accounts: int | None
    accounts_qualifier: str
    exchanges: int | None
    exchanges_qualifier: str
    figures_basis: str
    figures_pinpoint: str
    caveats: str
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    accuser: Link | None = None
    figures_source: Link | None = None
    public_breached_clause: ClauseRef | None = None
    accused: RowList = field(default_factory=RowList)
    legal_theories: RowList = field(default_factory=RowList)
    topics: RowList = field(default_factory=RowList)
    citations: RowList = field(default_factory=RowList)

    model = Allegation

    @property
    def made_on_display(self) -> str:
        """The date at its precision, as ``Allegation.made_on_display`` shows it."""
        return format_date(self.made_on, self.made_on_precision)


def allegation_api_rows(allegations: QuerySet[Allegation]) -> QuerySet[dict[str, Any]]:
    """``allegations`` (public, filtered and ordered) as dicts of their own columns, their
    breached clause's and their links' columns, for :func:`allegation_rows_page`;
    nothing prefetched."""
    columns = [*ALLEGATION_COLUMNS, *CLAUSE_COLUMNS, *_link_columns(CLAUSE_DOCUMENT, TermsDocument)]
    for name, model in ALLEGATION_LINKS:
        columns += _link_columns(name, model)
    return allegations.prefetch_related(None).values(*columns)


def allegation_csv_rows(
    allegations: QuerySet[Allegation], chunk_size: int | None = None
) -> Iterator[AllegationRow]:
    """``allegations`` (public, filtered and ordered) as :class:`AllegationRow`, lazily.

    Reads ``chunk_size`` (default ``eventrows.CSV_CHUNK_SIZE``) allegations at a time, then six
    queries per chunk (accused rows, their capabilities and techniques, legal theories,
    topics, citations).
    """
    chunk_size = chunk_size or eventrows.CSV_CHUNK_SIZE
    values = allegation_api_rows(allegations).iterator(chunk_size=chunk_size)
    while chunk := list(islice(values, chunk_size)):
        yield from allegation_rows_page(chunk)


def allegation_rows_page(rows: Iterable[dict[str, Any]]) -> list[AllegationRow]:
    """The allegations of ``rows`` (from :func:`allegation_api_rows`) with their links:
    six queries, none when there are no rows."""
    allegations = [_allegation_row(row) for row in rows]
    if not allegations:
        return allegations
    by_id = {allegation.id: allegation for allegation in allegations}
    for allegation_id, accused in _accused_rows(list(by_id)):
        by_id[allegation_id].accused.append(accused)
    for name, model in (("legal_theories", LegalTheory), ("topics", Topic)):
        for allegation_id, term in _terms(model, "allegations", list(by_id)):
            getattr(by_id[allegation_id], name).append(term)
    for allegation_id, citation in citation_rows(Allegation, list(by_id)):
        by_id[allegation_id].citations.append(citation)
    return allegations


#: The API's allegations list reads its pages as :class:`AllegationRow`.
ALLEGATION_ROWS = eventrows.PlainRows(allegation_api_rows, allegation_rows_page)


def _link_columns(name: str, model: type[PublishableModel]) -> list[str]:
    return [f"{name}__{c}" for c in ("slug", "editorial_status", *named_columns(model))]


def _link(row: dict[str, Any], name: str, model: type[PublishableModel]) -> Link | None:
    """The link in ``row``'s :func:`_link_columns` of ``name``, or None when it is null."""
    slug = row[f"{name}__slug"]
    if slug is None:
        return None
    names = (row[f"{name}__{c}"] for c in named_columns(model))
    # PublishableModel.is_public: published.
    public = row[f"{name}__editorial_status"] == EditorialStatus.PUBLISHED
    return link_from(model, slug, *names, is_public=public)


def _allegation_row(row: dict[str, Any]) -> AllegationRow:
    allegation = AllegationRow(**{column: row[column] for column in ALLEGATION_COLUMNS})
    for name, model in ALLEGATION_LINKS:
        setattr(allegation, name, _link(row, name, model))
    document = _link(row, CLAUSE_DOCUMENT, TermsDocument)
    # Allegation.public_breached_clause: only when the clause's document is public.
    if row["breached_clause__id"] is not None and document is not None and document.is_public:
        allegation.public_breached_clause = ClauseRef(
            VersionRef(document, row["breached_clause__version__effective_from"]),
            Term(row["breached_clause__category__slug"], row["breached_clause__category__name"]),
            row["breached_clause__section"],
            row["breached_clause__text"],
        )
    return allegation


def _accused_rows(allegation_ids: list[int]) -> list[tuple[int, AccusedRow]]:
    """The public accused rows of the allegations, in AccusedParty's order within each,
    with their capabilities and techniques: three queries."""
    columns = [*ACCUSED_COLUMNS]
    for name, model in ACCUSED_LINKS:
        columns += _link_columns(name, model)
    # AccusedParty's ordering, with the allegation's id in place of its ordering: the
    # rows are grouped by allegation here, so only the order within one counts.
    ordering = ["allegation_id", *AccusedParty._meta.ordering[1:]]
    rows = (
        AccusedParty.objects.public()
        .filter(allegation_id__in=allegation_ids)
        .order_by(*ordering)
        .values("id", "allegation_id", *columns)
    )
    accused: list[tuple[int, AccusedRow]] = []
    by_id: dict[int, AccusedRow] = {}
    for row in rows:
        links = {name: _link(row, name, model) for name, model in ACCUSED_LINKS}
        item = AccusedRow(**links, **{column: row[column] for column in ACCUSED_COLUMNS})
        by_id[row["id"]] = item
        accused.append((row["allegation_id"], item))
    if by_id:
        for name in ("capabilities", "techniques"):
            related = AccusedParty._meta.get_field(name).related_model
            for accused_id, term in _terms(related, "accused_rows", list(by_id)):
                getattr(by_id[accused_id], name).append(term)
    return accused


def _terms(model: type[Model], related_name: str, ids: list[int]) -> list[tuple[int, Term]]:
    """(id of the linked row, term) of every ``model`` term linked to a row of ``ids``
    through ``related_name``, in the vocabulary's order (by name)."""
    rows = (
        model.objects.filter(**{f"{related_name}__in": ids})
        .order_by(*model._meta.ordering, "id")
        .values_list(related_name, "slug", "name")
    )
    return [(row_id, Term(slug, name)) for row_id, slug, name in rows]


__all__ = [
    "ALLEGATION_ROWS",
    "AccusedRow",
    "AllegationRow",
    "CitationRow",
    "ClauseRef",
    "RowList",
    "allegation_api_rows",
    "allegation_csv_rows",
    "allegation_rows_page",
]
