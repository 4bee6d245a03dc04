"""Parties, sources, cases, settlements, guidance and events as the API shows them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested
from casebook.api.serializers.base import (
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
