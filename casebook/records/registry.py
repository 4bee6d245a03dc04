"""The public record types, each declared once.

A record type is one kind of publishable record that has its own public page,
API endpoint and CSV: parties, sources, allegations, cases, settlements,
guidance, vendor terms and events. Each is declared here once, with the one
name it goes by in URLs, the API, CSV and code (``"terms"`` for a terms
document, everywhere), its labels, its public rows, the dates it puts on the
timeline and the fields search reads. The portal, the API, search, the
timeline and the tombstones read these declarations rather than listing the
types again.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.records.models import (
    Allegation,
    Case,
    Event,
    Guidance,
    Party,
    PublishableModel,
    PublishableQuerySet,
    Settlement,
    Source,
    TermsDocument,
)


class UnknownRecordType(LookupError):
    """No public record type has this name, or this model is not a public record type."""


@dataclass(frozen=True)
class RecordType:
    """One public record type.

    ``name`` is its one name in URLs, the API (``type`` fields, ``?type=``),
    CSV and code; ``path`` is the URL segment of its lists and pages (``/<path>/``
    on the portal, ``/api/v1/<path>/`` in the API). ``singular`` and ``plural``
    are the portal's labels (``plural`` also names its CSV download). ``rank``
    orders the types where a reader sees them side by side (the portal's lists
    of types, search hits of one tier): main records first, then parties,
    events and sources. ``timeline_dates`` are the date fields that put the
    record on the timeline (a lookup across a relation for a terms document,
    whose dates are its versions'); none for parties and sources.
    ``search_title_fields`` and ``search_body_fields`` are the text fields the
    search index reads, heaviest first (see :mod:`casebook.records.searchindex`).
    """

    name: str
    model: type[PublishableModel]
    path: str
    singular: str
    plural: str
    rank: int
    timeline_dates: tuple[str, ...]
    search_title_fields: tuple[str, ...]
    search_body_fields: tuple[str, ...]

    def public(self) -> PublishableQuerySet:
        """The rows of this type the public may see: ``Model.objects.public()``, the one rule."""
        return self.model.objects.public()

    @property
    def label(self) -> str:
        """The model's own name, capitalised ("Terms document", "Guidance"): how a
        citation names the type."""
        return str(self.model._meta.verbose_name).capitalize()

    @property
    def on_timeline(self) -> bool:
        """Whether records of this type have dates of their own on the timeline."""
        return bool(self.timeline_dates)

    @property
    def list_url_name(self) -> str:
        """The portal URL name of this type's list page (no arguments)."""
        return f"portal:{self.name}_list"

    @property
    def detail_url_name(self) -> str:
        """The portal URL name of a record's page of this type (takes the slug)."""
        return f"portal:{self.name}_detail"


#: Every public record type, in the API's order (parties and sources, which the others
#: cite, first): the order of the API's enums of types and of search's counts.
RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        name="party",
        model=Party,
        path="parties",
        singular="party",
        plural="Parties",
        rank=5,
        timeline_dates=(),
        search_title_fields=("name", "short_name", "aliases"),
        search_body_fields=("description",),
    ),
    RecordType(
        name="source",
        model=Source,
        path="sources",
        singular="source",
        plural="Sources",
        rank=7,
        timeline_dates=(),
        search_title_fields=("title",),
        search_body_fields=("publisher", "author", "notes"),
    ),
    RecordType(
        name="allegation",
        model=Allegation,
        path="allegations",
        singular="allegation",
        plural="Allegations",
        rank=0,
        timeline_dates=("made_on",),
        search_title_fields=("title",),
        search_body_fields=("summary", "venue_detail"),
    ),
    RecordType(
        name="case",
        model=Case,
        path="cases",
        singular="case",
        plural="Cases",
        rank=1,
        timeline_dates=("filed_on",),
        search_title_fields=("name", "docket_number"),
        search_body_fields=("summary",),
    ),
    RecordType(
        name="settlement",
        model=Settlement,
        path="settlements",
        singular="settlement",
        plural="Settlements",
        rank=2,
        timeline_dates=("announced_on", "preliminary_approval_on", "final_approval_on"),
        search_title_fields=("title",),
        search_body_fields=("class_definition", "release_scope", "terms_summary"),
    ),
    RecordType(
        name="guidance",
        model=Guidance,
        path="guidance",
        singular="guidance document",
        plural="Guidance",
        rank=3,
        timeline_dates=("issued_on",),
        search_title_fields=("title", "formal_citation"),
        search_body_fields=("summary",),
    ),
    RecordType(
        name="terms",
        model=TermsDocument,
        path="terms",
        singular="terms document",
        plural="Vendor terms",
        rank=4,
        timeline_dates=("versions__effective_from",),
        search_title_fields=("title",),
        search_body_fields=("description",),
    ),
    RecordType(
        name="event",
        model=Event,
        path="events",
        singular="event",
        plural="Events",
        rank=6,
        timeline_dates=("date",),
        search_title_fields=("headline",),
        search_body_fields=("description",),
    ),
)

#: The same types by ``rank``: as the portal lists them side by side, and search ranks them.
RECORD_TYPES_BY_RANK: tuple[RecordType, ...] = tuple(sorted(RECORD_TYPES, key=lambda t: t.rank))

#: The names of the types with dates on the timeline, by rank (the timeline's filter order).
TIMELINE_RECORD_TYPES: tuple[str, ...] = tuple(
    t.name for t in RECORD_TYPES_BY_RANK if t.on_timeline
)

_BY_NAME: dict[str, RecordType] = {t.name: t for t in RECORD_TYPES}
_BY_MODEL: dict[type[PublishableModel], RecordType] = {t.model: t for t in RECORD_TYPES}


def record_type(name: str) -> RecordType:
    """The record type called ``name`` (``"allegation"``, ``"terms"``, …).

    Raises :class:`UnknownRecordType` for any other name.
    """
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise UnknownRecordType(f"No public record type is called {name!r}.") from None


def record_type_of(record: PublishableModel | type[PublishableModel]) -> RecordType:
    """The record type of a record instance or of a model class.

    Raises :class:`UnknownRecordType` for a model that is not a public record type
    (a terms version, an accused-party row, a vocabulary).
    """
    model = record if isinstance(record, type) else type(record)
    try:
        return _BY_MODEL[model._meta.concrete_model]
    except (KeyError, AttributeError):
        raise UnknownRecordType(f"{model.__name__} is not a public record type.") from None
