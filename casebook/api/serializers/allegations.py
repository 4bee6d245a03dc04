"""Allegations and their accused parties as the API shows them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested
from casebook.api.serializers.answers import ClauseInForceSerializer, ClauseLookupSerializer
from casebook.api.serializers.base import (
    ModelSerializer,
    PublicLinkField,
    RecordSerializer,
    Serializer,
    TermSerializer,
    record_fields,
)
from casebook.records.models import AccusedParty, Allegation, format_date


class AccusedPartySerializer(ModelSerializer):
    """One accused party of an allegation, with its own figures and response."""

    party = PublicLinkField()
    capabilities = TermSerializer(many=True, read_only=True)
    techniques = TermSerializer(many=True, read_only=True)
    response_source = PublicLinkField()
    figures_source = PublicLinkField(help_text="The source of this row's own figures.")

    class Meta:
        model = AccusedParty
        fields = [
            "party",
            "accounts",
            "accounts_qualifier",
            "exchanges",
            "exchanges_qualifier",
            "figures_basis",
            "figures_source",
            "figures_pinpoint",
            "conduct",
            "capabilities",
            "techniques",
            "response",
            "response_summary",
            "response_on",
            "response_as_of",
            "response_source",
        ]


class ClauseRefSerializer(Serializer):
    """A clause of a terms version, as pointed at by an allegation."""

    document = PublicLinkField(source="version.document")
    effective_from = serializers.DateField(
        source="version.effective_from", read_only=True, allow_null=True
    )
    category = TermSerializer(read_only=True)
    section = serializers.CharField(read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True)


class AllegationSerializer(RecordSerializer):
    """One party's public accusation that others extracted its models' abilities."""

    accuser = PublicLinkField()
    figures_source = PublicLinkField(help_text="The source of the total figures.")
    made_on_display = serializers.CharField(read_only=True)
    conduct_start_display = serializers.SerializerMethodField()
    conduct_end_display = serializers.SerializerMethodField()
    legal_theories = TermSerializer(many=True, read_only=True)
    topics = TermSerializer(many=True, read_only=True)
    breached_clause = serializers.SerializerMethodField()
    accused = serializers.SerializerMethodField(help_text="The accused parties (public only).")

    class Meta:
        model = Allegation
        fields = record_fields(
            "title",
            "summary",
            "accuser",
            "made_on",
            "made_on_precision",
            "made_on_display",
            "venue",
            "venue_detail",
            "conduct_start",
            "conduct_start_precision",
            "conduct_start_display",
            "conduct_end",
            "conduct_end_precision",
            "conduct_end_display",
            "status",
            "status_as_of",
            "accounts",
            "accounts_qualifier",
            "exchanges",
            "exchanges_qualifier",
            "figures_basis",
            "figures_source",
            "figures_pinpoint",
            "legal_theories",
            "topics",
            "breached_clause",
            "accused",
        )

    def get_conduct_start_display(self, obj) -> str | None:
        return (
            format_date(obj.conduct_start, obj.conduct_start_precision)
            if obj.conduct_start
            else None
        )

    def get_conduct_end_display(self, obj) -> str | None:
        return format_date(obj.conduct_end, obj.conduct_end_precision) if obj.conduct_end else None

    @extend_schema_field(ClauseRefSerializer(allow_null=True))
    def get_breached_clause(self, obj) -> dict | None:
        clause = obj.public_breached_clause
        if clause is None:
            return None
        return nested(self, ClauseRefSerializer, clause)

    @extend_schema_field(AccusedPartySerializer(many=True))
    def get_accused(self, obj) -> list[dict]:
        rows = [row for row in obj.accused.all() if row.party.is_public]
        return nested(self, AccusedPartySerializer, rows, many=True)


class AccuserClauseSerializer(Serializer):
    """The accuser's no-competing-models clause on the day the alleged conduct began."""

    on = serializers.DateField(read_only=True, help_text="Conduct start, else the allegation date.")
    lookup = ClauseLookupSerializer(read_only=True)
    added_later = serializers.BooleanField(
        read_only=True, help_text="True when the clause only came into force after that date."
    )
    later = ClauseInForceSerializer(
        read_only=True,
        allow_null=True,
        help_text="When no such clause was in force on `on`: the first that came into force "
        "later, in the version in force from its date (as clause-in-force gives it); else null.",
    )


class AllegationDetailSerializer(AllegationSerializer):
    """An allegation with the accuser's clause in force when the conduct began."""

    # The docstring is the schema's description; the clause itself is read by the view
    # (selectors.allegation_accuser_clause) and passed in the context as ``accuser_clauses``,
    # by the allegation's primary key: a serializer shapes, it does not read.

    accuser_clause = serializers.SerializerMethodField()

    class Meta(AllegationSerializer.Meta):
        fields = [*AllegationSerializer.Meta.fields, "accuser_clause"]

    @extend_schema_field(AccuserClauseSerializer)
    def get_accuser_clause(self, obj) -> dict:
        answer = self.context["accuser_clauses"][obj.pk]
        return nested(self, AccuserClauseSerializer, answer)
