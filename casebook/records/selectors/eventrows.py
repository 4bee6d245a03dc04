"""The API's events list as plain rows: a page of events and its links, without models.

An events page built from model instances spent most of its time making them and
running Django's prefetches (about 200 instances and a filtered queryset per event
and relation; issue #12). Here the page is read with ``.values()`` and each of its
relations with one query over the page's ids, into :class:`EventRow` and
:class:`Link` objects that carry only what the API shows. The queries are the
same five as :func:`~casebook.records.selectors.lists.event_api_list` runs (count,
page, parties, topics, citations), and the same rules: public events whose record
is public (``Event.objects.public()``, applied by the caller's queryset), parties
marked public or not (for the serializer to hide), citations of public sources.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from casebook.records.models import (
    Citation,
    EditorialStatus,
    Event,
    Party,
    PublishableModel,
    Source,
    Topic,
    format_date,
)
from casebook.records.selectors.keptcounts import kept_count

#: The event's own columns the API shows.
EVENT_ROW_COLUMNS = (
    "id",
    "slug",
    "date",
    "date_precision",
    "kind",
    "headline",
    "description",
    "caveats",
    "published_at",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a record: its model, slug and the name ``str(record)`` shows (its name
    or title, else its slug), whether it is public, and a source's address (``url``)."""

    model: type[PublishableModel]
    slug: str
    name: str
    is_public: bool = True
    url: str = ""

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Term:
    """A term of a vocabulary (a topic): slug and name."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class CitationRow:
    """A citation of a public source (``source``, with its ``url``)."""

    source: Link
    pinpoint: str
    quote: str
    supports: str
    verification: str


@dataclass(slots=True)
class EventRow:
    """One public event of a page: its columns, its public record (or None), its parties
    (each marked public or not), its topics and its citations of public sources, each
    in the API's order."""

    id: int
    slug: str
    date: datetime.date
    date_precision: str
    kind: str
    headline: str
    description: str
    caveats: str
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    record: Link | None = None
    parties: list[Link] = field(default_factory=list)
    topics: list[Term] = field(default_factory=list)
    citations: list[CitationRow] = field(default_factory=list)

    model = Event

    @property
    def date_display(self) -> str:
        """The date at its precision, as ``Event.date_display`` shows it."""
        return format_date(self.date, self.date_precision)


def named_columns(model: type[PublishableModel]) -> tuple[str, ...]:
    """The columns ``str()`` of a ``model`` record shows, in the order it tries them."""
    fields = {f.name for f in model._meta.concrete_fields}
    return tuple(name for name in ("name", "title") if name in fields)


def link_from(
    model: type[PublishableModel], slug: str, *names: str, is_public: bool = True, url: str = ""
) -> Link:
    """The link of a ``model`` record from its slug and :func:`named_columns` values."""
    # PublishableModel.__str__: the name, else the title, else the slug.
    return Link(model, slug, next((name for name in names if name), slug), is_public, url)


def event_api_rows(events: QuerySet[Event]) -> QuerySet[dict[str, Any]]:
    """``events`` (public events, filtered and ordered) as dicts of their own columns
    and their record's link columns, for :func:`event_api_page`; nothing prefetched."""
    columns = list(EVENT_ROW_COLUMNS)
    for name in Event.RECORD_FIELDS:
        model = Event._meta.get_field(name).related_model
        columns += [f"{name}__slug", *(f"{name}__{c}" for c in named_columns(model))]
    return events.prefetch_related(None).values(*columns)


class RowsToPage:
    """A list's records as a sequence for a paginator: counted on the ``records``
    (public, filtered and ordered) alone, sliced as their plain ``rows`` (the same
    queryset read with ``.values()``, as :func:`event_api_rows` reads it).

    Counting the rows instead would keep their LEFT JOINs to the linked records'
    tables, which SQLite runs for every record counted (PostgreSQL drops them); the
    count is the same, since each record has one row.
    """

    def __init__(self, records: QuerySet, rows: QuerySet[dict[str, Any]]):
        self.records, self.rows = records, rows

    def count(self) -> int:
        return kept_count(self.records)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> QuerySet[dict[str, Any]]:
        return self.rows[window]


@dataclass(frozen=True)
class PlainRows:
    """How a list reads a page as plain rows instead of models (issue #12): ``values``
    turns the list's queryset into dicts of columns, ``page`` turns a page of those
    dicts into the rows the list's serializer reads."""

    values: Callable[[QuerySet], QuerySet[dict[str, Any]]]
    page: Callable[[Iterable[dict[str, Any]]], list]


def event_api_page(rows: Iterable[dict[str, Any]]) -> list[EventRow]:
    """The events of ``rows`` (from :func:`event_api_rows`) with their record, public
    parties, public or not
    (in Party's order), topics (in Topic's order) and citations of public
    sources (by source slug, then pinpoint): three queries, none when there are no rows."""
    events = [_event_row(row) for row in rows]
    if not events:
        return events
    by_id = {event.id: event for event in events}
    for event_id, link in _party_links(by_id):
        by_id[event_id].parties.append(link)
    for event_id, term in _topic_terms(by_id):
        by_id[event_id].topics.append(term)
    for event_id, citation in citation_rows(Event, list(by_id)):
        by_id[event_id].citations.append(citation)
    return events


#: The API's events list reads its pages as :class:`EventRow`.
EVENT_ROWS = PlainRows(event_api_rows, event_api_page)

#: Rows a CSV reads at a time (events here, allegations and other records in their
#: modules), with one query per kind of link per chunk: memory stays flat.
CSV_CHUNK_SIZE = 1000


def event_csv_rows(events: QuerySet[Event], chunk_size: int | None = None) -> Iterator[EventRow]:
    """``events`` (public events, filtered and ordered) as :class:`EventRow`, lazily:
    ``chunk_size`` (default :data:`CSV_CHUNK_SIZE`) events at a time, each chunk read as
    :func:`event_api_page` reads a page (three queries), so memory stays flat."""
    chunk_size = chunk_size or CSV_CHUNK_SIZE
    values = event_api_rows(events).iterator(chunk_size=chunk_size)
    while chunk := list(islice(values, chunk_size)):
        yield from event_api_page(chunk)


def _event_row(row: dict[str, Any]) -> EventRow:
    event = EventRow(**{column: row[column] for column in EVENT_ROW_COLUMNS})
    for name in Event.RECORD_FIELDS:
        slug = row[f"{name}__slug"]
        if slug is not None:
            model = Event._meta.get_field(name).related_model
            names = (row[f"{name}__{c}"] for c in named_columns(model))
            event.record = link_from(model, slug, *names)
            break
    return event


def _party_links(by_id: dict[int, EventRow]) -> list[tuple[int, Link]]:
    # Public or not, as the events' other readers load them (the serializer hides the
    # others): filtering here led SQLite without statistics to scan every public party.
    # The filter's join to the events is the one values_list reads the event's id from.
    rows = (
        Party.objects.filter(events__in=list(by_id))
        .order_by(*Party._meta.ordering, "id")
        .values_list("events", "editorial_status", "slug", *named_columns(Party))
    )
    return [
        # PublishableModel.is_public: published.
        (event_id, link_from(Party, slug, *names, is_public=status == EditorialStatus.PUBLISHED))
        for event_id, status, slug, *names in rows
    ]


def _topic_terms(by_id: dict[int, EventRow]) -> list[tuple[int, Term]]:
    rows = (
        Topic.objects.filter(events__in=list(by_id))
        .order_by(*Topic._meta.ordering, "id")
        .values_list("events", "slug", "name")
    )
    return [(event_id, Term(slug, name)) for event_id, slug, name in rows]


def citation_rows(model: type[PublishableModel], ids: list[int]) -> list[tuple[int, CitationRow]]:
    """(record id, citation) of each citation of a public source of the ``model``
    records of ``ids``, by source slug, then pinpoint (the API's order): one query."""
    names = named_columns(Source)
    rows = (
        Citation.objects.public()
        .filter(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
        .order_by("source__slug", "pinpoint")
        .values_list(
            "object_id",
            "source__slug",
            "source__url",
            "pinpoint",
            "quote",
            "supports",
            "verification",
            *(f"source__{n}" for n in names),
        )
    )
    return [
        (
            record_id,
            CitationRow(link_from(Source, slug, *rest, url=url), pinpoint, quote, supports, check),
        )
        for record_id, slug, url, pinpoint, quote, supports, check, *rest in rows
    ]
