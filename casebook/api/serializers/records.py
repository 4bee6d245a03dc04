"""Parties, sources, cases, settlements, guidance and events as the API shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested
from casebook.api.serializers.base import (
    CitationSerializer,
    ModelSerializer,
    PublicLinkField,
    PublicLinkListField,
    RecordLinkSerializer,
    RecordSerializer,
    TermSerializer,
    public_or_none,
    record_fields,
)
from casebook.records.models import (
    Case,
    CaseParty,
    Event,
    Guidance,
    Holding,
    Party,
    Settlement,
    Source,
)
from casebook.records.selectors import EventRow


class PartySerializer(RecordSerializer):
    """An organisation, agency, court, legislature or person."""

    class Meta:
        model = Party
        fields = record_fields(
            "name", "short_name", "kind", "country", "aliases", "website", "description"
        )


class SourceSerializer(RecordSerializer):
    """A document that supports claims: a post, filing, report, article or video."""

    published_on_display = serializers.CharField(source="published_display", read_only=True)

    class Meta:
        model = Source
        fields = [
            "slug",
            "portal_url",
            "api_url",
            "title",
            "url",
            "publisher",
            "author",
            "kind",
            "published_on",
            "published_on_precision",
            "published_on_display",
            "accessed_on",
            "archive_url",
            "notes",
            "caveats",
            "published_at",
            "updated_at",
        ]


class CasePartySerializer(ModelSerializer):
    party = PublicLinkField()

    class Meta:
        model = CaseParty
        fields = ["party", "role", "notes"]


class CaseSerializer(RecordSerializer):
    """A court case: court, docket number, parties with roles, status."""

    court = PublicLinkField()
    topics = TermSerializer(many=True, read_only=True)
    parties = serializers.SerializerMethodField(help_text="Public parties and their roles.")
    allegations = PublicLinkListField(help_text="Public allegations the case concerns.")

    class Meta:
        model = Case
        fields = record_fields(
            "name",
            "court",
            "docket_number",
            "reporter_citation",
            "filed_on",
            "status",
            "status_as_of",
            "summary",
            "topics",
            "parties",
            "allegations",
        )

    @extend_schema_field(CasePartySerializer(many=True))
    def get_parties(self, obj) -> list[dict]:
        rows = [row for row in obj.case_parties.all() if row.party.is_public]
        return nested(self, CasePartySerializer, rows, many=True)


class SettlementSerializer(RecordSerializer):
    """A settlement: fund, per-unit payout, class and approval dates."""

    case = PublicLinkField()
    topics = TermSerializer(many=True, read_only=True)

    class Meta:
        model = Settlement
        fields = record_fields(
            "title",
            "case",
            "amount",
            "amount_qualifier",
            "currency",
            "per_unit_amount",
            "per_unit_qualifier",
            "unit_name",
            "unit_count",
            "class_definition",
            "release_scope",
            "terms_summary",
            "announced_on",
            "preliminary_approval_on",
            "final_approval_on",
            "status_as_of",
            "topics",
        )


class HoldingSerializer(ModelSerializer):
    class Meta:
        model = Holding
        fields = ["position", "proposition", "pinpoint", "quote"]


class GuidanceSerializer(RecordSerializer):
    """An authority's report, guidance, rule or decision, with its holdings."""

    issuer = PublicLinkField()
    issued_on_display = serializers.CharField(source="issued_display", read_only=True)
    case = PublicLinkField()
    superseded_by = PublicLinkField()
    topics = TermSerializer(many=True, read_only=True)
    holdings = HoldingSerializer(many=True, read_only=True)

    class Meta:
        model = Guidance
        fields = record_fields(
            "title",
            "issuer",
            "document_type",
            "issued_on",
            "issued_on_precision",
            "issued_on_display",
            "formal_citation",
            "summary",
            "case",
            "superseded_by",
            "topics",
            "holdings",
        )


class EventSerializer(RecordSerializer):
    """A dated happening on the timeline that is not a record's own date."""

    # (The docstring above is the schema's description.) It shows an Event, or an
    # EventRow of the API's list page (casebook.records.selectors.eventrows), which
    # carries the same values and its relations as lists. Rows are built by
    # to_representation directly rather than by DRF's field loop, which cost most of an
    # events page (issue #12 item 6); the declared fields still give the schema, the
    # field order, fields=/omit= and the conversion of each plain value, and
    # tests/api/test_events_output.py pins the bytes.

    date_display = serializers.CharField(read_only=True)
    parties = PublicLinkListField()
    topics = TermSerializer(many=True, read_only=True)
    record = serializers.SerializerMethodField(help_text="The record the event belongs to.")

    class Meta:
        model = Event
        fields = record_fields(
            "date",
            "date_precision",
            "date_display",
            "kind",
            "headline",
            "description",
            "parties",
            "topics",
            "record",
        )

    @extend_schema_field(RecordLinkSerializer(allow_null=True))
    def get_record(self, obj) -> dict | None:
        record = public_or_none(obj.record)
        return nested(self, RecordLinkSerializer, record) if record else None

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, obj) -> list[dict]:
        # The view's prefetch (or the page's rows) holds public citations only, ordered.
        citations = [c for c in related(obj, "citations") if c.source.is_public]
        return nested(self, CitationSerializer, citations, many=True)

    def parties_of(self, obj) -> list[dict]:
        """What ``parties`` (a :class:`PublicLinkListField`) shows."""
        parties = [p for p in related(obj, "parties") if p.is_public]
        return nested(self, RecordLinkSerializer, parties, many=True)

    def topics_of(self, obj) -> list[dict]:
        """What ``topics`` (a list of :class:`TermSerializer`) shows."""
        return nested(self, TermSerializer, related(obj, "topics"), many=True)

    def to_representation(self, instance) -> dict:
        data = {name: read(instance) for name, read in self._readers()}
        for name, nullable, qualified in self._empty_rules():
            if nullable and data.get(name) == "":
                data[name] = None
            if qualified in data and data[qualified] is None and name in data:
                data[name] = None  # nothing to qualify
        return data

    def _readers(self) -> list[tuple[str, Callable[[Event | EventRow], Any]]]:
        """(name, reader of the field's JSON value) for each field kept, in order."""
        readers = self.__dict__.get("_readers_cache")
        if readers is None:
            own = {
                "portal_url": self.get_portal_url,
                "api_url": self.get_api_url,
                "parties": self.parties_of,
                "topics": self.topics_of,
                "record": self.get_record,
                "citations": self.get_citations,
            }
            readers = [(n, own.get(n) or plain_reader(f)) for n, f in self.fields.items()]
            self.__dict__["_readers_cache"] = readers
        return readers


def related(event: Event | EventRow, name: str) -> Any:
    """The rows of relation ``name`` of an event: an EventRow's list, else the event's
    (prefetched) ``<name>.all()``."""
    return getattr(event, name) if isinstance(event, EventRow) else getattr(event, name).all()


def plain_reader(field: serializers.Field) -> Callable[[Any], Any]:
    """What DRF's serializer loop answers for ``field`` of an object: null for a null
    attribute, else the field's representation of it."""
    if len(field.source_attrs) != 1:
        return lambda obj: _drf_value(field, obj)
    attribute = field.source_attrs[0]
    represent = field.to_representation

    def read(obj: Any) -> Any:
        value = getattr(obj, attribute)
        return None if value is None else represent(value)

    return read


def _drf_value(field: serializers.Field, obj: Any) -> Any:
    value = field.get_attribute(obj)
    return None if value is None else field.to_representation(value)
