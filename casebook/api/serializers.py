"""How each public record looks in the API.

Links to other records are small objects (slug, name, portal and API URLs);
a link to a record that is not public is ``null``, and lists leave such
records out, so nothing unpublished shows through a published record.
Dates come with their precision and a display form ("March 2025").
"""

from __future__ import annotations

import html
import re
from typing import Any

from django.db import models
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested
from casebook.records import models as m
from casebook.records.attribution import ota_attribution
from casebook.records.tombstones import RECORD_TYPE_NAMES
from casebook.records.versions import in_force_from, version_date_key, version_key

#: The API's name for each record type (``api:<name>-detail``).
API_NAMES: dict[type, str] = RECORD_TYPE_NAMES


def api_url(request, record: m.PublishableModel) -> str:
    """Absolute API URL of a record."""
    path = reverse(f"api:{API_NAMES[type(record)]}-detail", kwargs={"slug": record.slug})
    return request.build_absolute_uri(path) if request else path


def portal_url(request, record: m.PublishableModel) -> str | None:
    """Absolute URL of a record's portal page, or null while the portal has none."""
    path = record.get_absolute_url()
    if not path:
        return None
    return request.build_absolute_uri(path) if request else path


def public_or_none(record: m.PublishableModel | None) -> m.PublishableModel | None:
    return record if record is not None and record.is_public else None


#: Suffixes of fields that qualify another field of the same object: ``made_on_precision``
#: and ``made_on_display`` qualify ``made_on``, ``accounts_qualifier`` qualifies ``accounts``.
COMPANION_SUFFIXES = ("_precision", "_display", "_qualifier")


def qualified_field(name: str) -> str | None:
    """The field a companion qualifies (``"made_on"`` for ``"made_on_precision"``), or None."""
    for suffix in COMPANION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


class EmptyIsNullMixin:
    """The API's one rule for a missing value: what is unknown is ``null``.

    - A field that may be empty says ``allow_null`` (so the schema marks it
      nullable) and answers ``null``, never ``""``: model fields that may be blank
      or null get ``allow_null`` here; declared fields say it themselves. Lists
      are never null (an empty list is ``[]``), nor are booleans.
    - A companion field (:data:`COMPANION_SUFFIXES`) says nothing about a value that
      is not there: when ``conduct_end`` is null, ``conduct_end_precision`` is null
      too (not the stored default ``"day"``), and when ``accounts`` is null so is
      ``accounts_qualifier`` (not ``"about"``).
    """

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if (model_field.blank or model_field.null) and not isinstance(
            model_field, models.JSONField | models.BooleanField
        ):
            kwargs["allow_null"] = True
            kwargs.pop("allow_blank", None)  # "" is never sent: it is null
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            qualified = fields.get(qualified_field(name) or "")
            if getattr(qualified, "allow_null", False):
                field.allow_null = True  # the schema says a companion may be null
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for name, field in self.fields.items():
            if getattr(field, "allow_null", False) and data.get(name) == "":
                data[name] = None
            qualified = qualified_field(name)
            if qualified in data and data[qualified] is None and name in data:
                data[name] = None  # nothing to qualify
        return data


class ModelSerializer(EmptyIsNullMixin, serializers.ModelSerializer):
    """DRF's ModelSerializer with the API's rule for empty values."""


class Serializer(EmptyIsNullMixin, serializers.Serializer):
    """DRF's Serializer with the API's rule for empty values."""


class SelectableFieldsMixin:
    """Keeps only the fields the view passed as ``keep_fields`` in the context."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        keep = self.context.get("keep_fields")
        if keep is not None:
            for name in list(self.fields):
                if name not in keep:
                    self.fields.pop(name)


class RecordLinkSerializer(Serializer):
    """A link to another public record."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.SerializerMethodField()
    portal_url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_name(self, obj) -> str:
        return str(obj)

    def get_portal_url(self, obj) -> str | None:
        return portal_url(self.context.get("request"), obj)

    def get_api_url(self, obj) -> str:
        return api_url(self.context.get("request"), obj)


class PublicLinkField(serializers.Field):
    """A foreign key shown as a :class:`RecordLinkSerializer`, or null when not public."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        record = public_or_none(value)
        if record is None:
            return None
        return nested(self, RecordLinkSerializer, record)

    def get_attribute(self, instance):
        # Null values must still reach to_representation's "null" answer.
        try:
            return super().get_attribute(instance)
        except (AttributeError, KeyError):
            return None


PublicLinkField = extend_schema_field(RecordLinkSerializer(allow_null=True))(PublicLinkField)


class PublicLinkListField(serializers.Field):
    """A many-to-many of records, public ones only, as links."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        records = [r for r in value.all() if r.is_public]
        return nested(self, RecordLinkSerializer, records, many=True)


PublicLinkListField = extend_schema_field(RecordLinkSerializer(many=True))(PublicLinkListField)


class TermSerializer(Serializer):
    """A term of a controlled vocabulary (topic, legal theory, capability ...)."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class CitationSerializer(ModelSerializer):
    """A public source cited for a record, with pinpoint and quote."""

    source = PublicLinkField(help_text="The cited source.")
    source_url = serializers.URLField(
        source="source.url", read_only=True, allow_null=True, help_text="The source's address."
    )

    class Meta:
        model = m.Citation
        fields = ["source", "source_url", "pinpoint", "quote", "supports", "verification"]


class RecordSerializer(SelectableFieldsMixin, ModelSerializer):
    """Fields every public record has: slug, URLs, caveats, citations, timestamps."""

    portal_url = serializers.SerializerMethodField(help_text="The record's portal page.")
    api_url = serializers.SerializerMethodField(help_text="This record in the API.")
    citations = serializers.SerializerMethodField(help_text="Public sources cited, with quotes.")

    common_fields = ["slug", "portal_url", "api_url"]
    trailing_fields = ["caveats", "citations", "published_at", "updated_at"]

    def get_portal_url(self, obj) -> str | None:
        return portal_url(self.context.get("request"), obj)

    def get_api_url(self, obj) -> str:
        return api_url(self.context.get("request"), obj)

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, obj) -> list[dict]:
        # Views prefetch only public citations, ordered.
        citations = [c for c in obj.citations.all() if c.source.is_public]
        return nested(self, CitationSerializer, citations, many=True)


def record_fields(*own: str) -> list[str]:
    return [*RecordSerializer.common_fields, *own, *RecordSerializer.trailing_fields]


class PartySerializer(RecordSerializer):
    """An organisation, agency, court, legislature or person."""

    class Meta:
        model = m.Party
        fields = record_fields(
            "name", "short_name", "kind", "country", "aliases", "website", "description"
        )


class SourceSerializer(RecordSerializer):
    """A document that supports claims: a post, filing, report, article or video."""

    published_on_display = serializers.CharField(source="published_display", read_only=True)

    class Meta:
        model = m.Source
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


class AccusedPartySerializer(ModelSerializer):
    """One accused party of an allegation, with its own figures and response."""

    party = PublicLinkField()
    capabilities = TermSerializer(many=True, read_only=True)
    techniques = TermSerializer(many=True, read_only=True)
    response_source = PublicLinkField()
    figures_source = PublicLinkField(help_text="The source of this row's own figures.")

    class Meta:
        model = m.AccusedParty
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
        model = m.Allegation
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
            m.format_date(obj.conduct_start, obj.conduct_start_precision)
            if obj.conduct_start
            else None
        )

    def get_conduct_end_display(self, obj) -> str | None:
        return (
            m.format_date(obj.conduct_end, obj.conduct_end_precision) if obj.conduct_end else None
        )

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


class CasePartySerializer(ModelSerializer):
    party = PublicLinkField()

    class Meta:
        model = m.CaseParty
        fields = ["party", "role", "notes"]


class CaseSerializer(RecordSerializer):
    """A court case: court, docket number, parties with roles, status."""

    court = PublicLinkField()
    topics = TermSerializer(many=True, read_only=True)
    parties = serializers.SerializerMethodField(help_text="Public parties and their roles.")
    allegations = PublicLinkListField(help_text="Public allegations the case concerns.")

    class Meta:
        model = m.Case
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
        model = m.Settlement
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
        model = m.Holding
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
        model = m.Guidance
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


def carried_over_field() -> serializers.CharField:
    """A clause's carry-over note: where its confirmation came from, or null."""
    return serializers.CharField(
        source="carried_over_note",
        read_only=True,
        allow_null=True,
        help_text="'carried over from version recorded on YYYY-MM-DD' when the confirmation "
        "was carried over from an earlier version repeating the text word for word; null when "
        "confirmed by hand.",
    )


class ClauseSerializer(ModelSerializer):
    category = TermSerializer(read_only=True)
    carried_over = carried_over_field()

    class Meta:
        model = m.Clause
        fields = ["category", "section", "text", "verification", "notes", "carried_over"]


class AttributionSerializer(Serializer):
    """The credit an Open Terms Archive version carries (ODC-BY 1.0)."""

    text = serializers.CharField(
        read_only=True, help_text="'Recorded by Open Terms Archive contributors, ODC-BY 1.0'."
    )
    licence_url = serializers.URLField(read_only=True, help_text="The licence (ODC-BY 1.0).")
    permalink = serializers.URLField(
        read_only=True, help_text="This version's text in the public OTA collection."
    )


class InForceFromSerializer(Serializer):
    """Since when a version was in force, and on what basis."""

    date = serializers.DateField(read_only=True)
    date_precision = serializers.ChoiceField(
        choices=m.DatePrecision.choices, source="precision", read_only=True
    )
    basis = serializers.ChoiceField(
        choices=["effective", "observed"],
        read_only=True,
        help_text="'effective': the date the text states. 'observed': the text states none, "
        "and this is the day Open Terms Archive recorded it (observed in force, not effective).",
    )
    date_display = serializers.CharField(source="display", read_only=True)


class OTAVersionFieldsMixin(metaclass=serializers.SerializerMetaclass):
    """The fields a terms version adds once Open Terms Archive may have recorded it."""

    key = serializers.SerializerMethodField(
        help_text="Stable id: '<document>/<date>', the date being the OTA record time "
        "(YYYY-MM-DDTHH-MM-SSZ) for an imported version, else the effective date "
        "(YYYY-MM-DD) or 'undated'."
    )
    api_url = serializers.SerializerMethodField(help_text="This version in the API.")
    in_force_from = serializers.SerializerMethodField(
        help_text="Since when the version was in force; null when unknown."
    )
    attribution = serializers.SerializerMethodField(
        help_text="Credit to carry with an imported version; null for versions entered by hand."
    )

    def get_key(self, obj) -> str:
        return version_key(obj)

    def get_api_url(self, obj) -> str:
        return version_api_url(self.context.get("request"), obj)

    @extend_schema_field(InForceFromSerializer(allow_null=True))
    def get_in_force_from(self, obj) -> dict | None:
        start = in_force_from(obj)
        if start is None:
            return None
        return {**InForceFromSerializer(start).data}

    @extend_schema_field(AttributionSerializer(allow_null=True))
    def get_attribution(self, obj) -> dict | None:
        credit = ota_attribution(obj)
        return credit.as_dict() if credit else None


#: Fields of a version about its Open Terms Archive record (full text aside).
OTA_VERSION_FIELDS = ["origin", "recorded_at", "ota_permalink", "in_force_from", "attribution"]


class TermsVersionSummarySerializer(OTAVersionFieldsMixin, ModelSerializer):
    """A version of a terms document: when it took effect, when OTA recorded it, its credit.

    The full text is left out here (a document may have hundreds of versions): it is
    at the version's ``api_url``.
    """

    effective_from_display = serializers.CharField(source="effective_display", read_only=True)
    reviewed_categories = TermSerializer(many=True, read_only=True)

    class Meta:
        model = m.TermsVersion
        fields = [
            "key",
            "api_url",
            "effective_from",
            "effective_from_precision",
            "effective_from_display",
            "label",
            "retrieved_on",
            "archive_url",
            "notes",
            "reviewed_categories",
            *OTA_VERSION_FIELDS,
        ]


class TermsVersionSerializer(TermsVersionSummarySerializer):
    """A version of a terms document with its clauses."""

    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta(TermsVersionSummarySerializer.Meta):
        fields = [*TermsVersionSummarySerializer.Meta.fields, "clauses"]


class TermsDocumentSerializer(RecordSerializer):
    """A vendor's terms document with its versions and their clauses."""

    vendor = PublicLinkField()
    versions = TermsVersionSerializer(many=True, read_only=True)

    class Meta:
        model = m.TermsDocument
        fields = record_fields("title", "vendor", "kind", "url", "description", "versions")


def clause_key(clause: m.Clause) -> str:
    """Stable id of a clause: ``<version key>/<category>``."""
    return f"{version_key(clause.version)}/{clause.category.slug}"


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


def version_api_url(request, version: m.TermsVersion) -> str:
    document, date = version_key(version).split("/")
    path = reverse("api:terms-version-detail", kwargs={"document": document, "date": date})
    return _absolute(request, path)


def clause_api_url(request, clause: m.Clause) -> str:
    document, date = version_key(clause.version).split("/")
    kwargs = {"document": document, "date": date, "category": clause.category.slug}
    return _absolute(request, reverse("api:clause-detail", kwargs=kwargs))


def version_portal_url(request, version: m.TermsVersion) -> str | None:
    """The version's own portal page (null if its document is not public)."""
    if public_or_none(version.document) is None:
        return None
    path = reverse(
        "portal:terms_version",
        kwargs={"slug": version.document.slug, "key": version_date_key(version)},
    )
    return _absolute(request, path)


class VersionLinkSerializer(Serializer):
    """A link to a terms version."""

    key = serializers.SerializerMethodField(help_text="'<document>/<YYYY-MM-DD or undated>'.")
    api_url = serializers.SerializerMethodField()

    def get_key(self, obj) -> str:
        return version_key(obj)

    def get_api_url(self, obj) -> str:
        return version_api_url(self.context.get("request"), obj)


class VersionClauseSerializer(ClauseSerializer):
    """A clause of a version, with its stable key and API URL."""

    key = serializers.SerializerMethodField(
        help_text="Stable id: '<document>/<effective date or undated>/<category>'."
    )
    api_url = serializers.SerializerMethodField(help_text="This clause in the API.")

    class Meta(ClauseSerializer.Meta):
        fields = ["key", "api_url", *ClauseSerializer.Meta.fields]

    def get_key(self, obj) -> str:
        return clause_key(obj)

    def get_api_url(self, obj) -> str:
        return clause_api_url(self.context.get("request"), obj)


class TermsVersionRowSerializer(SelectableFieldsMixin, OTAVersionFieldsMixin, ModelSerializer):
    """A version of a public terms document, with its text, document, vendor and clauses."""

    portal_url = serializers.SerializerMethodField(help_text="The version's portal page.")
    document = PublicLinkField()
    vendor = PublicLinkField(source="document.vendor")
    effective_from_display = serializers.CharField(source="effective_display", read_only=True)
    reviewed_categories = TermSerializer(many=True, read_only=True)
    clauses = VersionClauseSerializer(many=True, read_only=True)

    class Meta:
        model = m.TermsVersion
        fields = [
            "key",
            "api_url",
            "portal_url",
            "document",
            "vendor",
            "effective_from",
            "effective_from_precision",
            "effective_from_display",
            "label",
            "retrieved_on",
            "archive_url",
            "notes",
            "reviewed_categories",
            "clauses",
            *OTA_VERSION_FIELDS,
            "full_text",
            "updated_at",
        ]

    def get_portal_url(self, obj) -> str | None:
        return version_portal_url(self.context.get("request"), obj)


class ClauseRowSerializer(SelectableFieldsMixin, ModelSerializer):
    """A clause with the document and version it comes from (the flat clause list)."""

    key = serializers.SerializerMethodField(
        help_text="Stable id: '<document>/<effective date or undated>/<category>'."
    )
    api_url = serializers.SerializerMethodField(help_text="This clause in the API.")
    portal_url = serializers.SerializerMethodField(help_text="The version's portal page.")
    version = VersionLinkSerializer(read_only=True, help_text="The version the clause is in.")
    document = PublicLinkField(source="version.document")
    vendor = PublicLinkField(source="version.document.vendor")
    effective_from = serializers.DateField(
        source="version.effective_from", read_only=True, allow_null=True
    )
    effective_from_precision = serializers.CharField(
        source="version.effective_from_precision", read_only=True
    )
    effective_from_display = serializers.CharField(
        source="version.effective_display", read_only=True
    )
    category = TermSerializer(read_only=True)
    attribution = serializers.SerializerMethodField(
        help_text="Credit to carry when the version was recorded by Open Terms Archive; else null."
    )

    class Meta:
        model = m.Clause
        fields = [
            "key",
            "api_url",
            "portal_url",
            "version",
            "document",
            "vendor",
            "effective_from",
            "effective_from_precision",
            "effective_from_display",
            "category",
            "section",
            "text",
            "verification",
            "notes",
            "carried_over",
            "attribution",
        ]

    carried_over = carried_over_field()

    def get_key(self, obj) -> str:
        return clause_key(obj)

    def get_api_url(self, obj) -> str:
        return clause_api_url(self.context.get("request"), obj)

    def get_portal_url(self, obj) -> str | None:
        return version_portal_url(self.context.get("request"), obj.version)

    @extend_schema_field(AttributionSerializer(allow_null=True))
    def get_attribution(self, obj) -> dict | None:
        credit = ota_attribution(obj.version)
        return credit.as_dict() if credit else None


class EventSerializer(RecordSerializer):
    """A dated happening on the timeline that is not a record's own date."""

    date_display = serializers.CharField(read_only=True)
    parties = PublicLinkListField()
    topics = TermSerializer(many=True, read_only=True)
    record = serializers.SerializerMethodField(help_text="The record the event belongs to.")

    class Meta:
        model = m.Event
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


# --------------------------------------------------------------------------
# Answers of the selectors (timeline, terms in force, comparisons, search)
# --------------------------------------------------------------------------


class AnyRecordLinkField(serializers.Field):
    """A link to a record of any type (always public: selectors return public records)."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return nested(self, RecordLinkSerializer, value)


AnyRecordLinkField = extend_schema_field(RecordLinkSerializer)(AnyRecordLinkField)


class TimelineEntrySerializer(Serializer):
    """One dated fact on the timeline, linked to the record it belongs to."""

    key = serializers.CharField(read_only=True, help_text="Stable unique id of the entry.")
    date = serializers.DateField(read_only=True)
    date_precision = serializers.ChoiceField(
        choices=m.DatePrecision.choices, source="precision", read_only=True
    )
    date_display = serializers.CharField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="E.g. 'allegation_made', 'event:ruling'."
    )
    headline = serializers.CharField(read_only=True)
    record_type = serializers.CharField(read_only=True)
    record = AnyRecordLinkField()
    parties = RecordLinkSerializer(many=True, read_only=True)


class ClauseInForceSerializer(Serializer):
    """The answer for one terms document of the vendor."""

    document = AnyRecordLinkField()
    version = TermsVersionSummarySerializer(read_only=True, allow_null=True)
    clause = ClauseSerializer(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)


class ClauseLookupSerializer(Serializer):
    """Which clause of a vendor in a category was in force on a date."""

    vendor = PublicLinkField(help_text="The vendor; null when it is not public.")
    category = TermSerializer(read_only=True)
    on = serializers.DateField(read_only=True)
    status = serializers.CharField(
        read_only=True,
        help_text="'present', 'not_present' (in the reviewed version) or 'not_reviewed'.",
    )
    status_display = serializers.SerializerMethodField()
    documents = ClauseInForceSerializer(many=True, read_only=True)

    def get_status_display(self, obj) -> str:
        from casebook.records.selectors import ClauseStatus

        return str(ClauseStatus(obj.status).label)


class AccuserClauseSerializer(Serializer):
    """The accuser's no-competing-models clause on the day the alleged conduct began."""

    on = serializers.DateField(read_only=True, help_text="Conduct start, else the allegation date.")
    lookup = ClauseLookupSerializer(read_only=True)
    added_later = serializers.BooleanField(
        read_only=True, help_text="True when the clause only came into force after that date."
    )
    later = ClauseInForceSerializer(read_only=True, allow_null=True)


class AllegationDetailSerializer(AllegationSerializer):
    """An allegation with the accuser's clause in force when the conduct began."""

    accuser_clause = serializers.SerializerMethodField()

    class Meta(AllegationSerializer.Meta):
        fields = [*AllegationSerializer.Meta.fields, "accuser_clause"]

    @extend_schema_field(AccuserClauseSerializer)
    def get_accuser_clause(self, obj) -> dict:
        from casebook.records.selectors import allegation_accuser_clause

        answer = allegation_accuser_clause(obj)
        return nested(self, AccuserClauseSerializer, answer)


class TermsMatrixRowSerializer(Serializer):
    vendor = AnyRecordLinkField()
    cells = ClauseLookupSerializer(many=True, read_only=True)


class TermsMatrixSerializer(Serializer):
    """Vendors × clause categories, as in force on a date."""

    on = serializers.DateField(read_only=True)
    categories = TermSerializer(many=True, read_only=True)
    rows = serializers.SerializerMethodField()

    @extend_schema_field(TermsMatrixRowSerializer(many=True))
    def get_rows(self, obj) -> list[dict]:
        rows = [{"vendor": vendor, "cells": cells} for vendor, cells in obj.rows]
        return nested(self, TermsMatrixRowSerializer, rows, many=True)


class ComparisonRowSerializer(Serializer):
    """One column of the side-by-side: an allegation's totals or one accused party."""

    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    allegation = AnyRecordLinkField()
    accused = serializers.SerializerMethodField()
    accuser = AnyRecordLinkField()
    date_display = serializers.CharField(read_only=True)
    venue = serializers.CharField(read_only=True, allow_null=True)
    accounts = serializers.IntegerField(read_only=True, allow_null=True)
    accounts_qualifier = serializers.CharField(read_only=True, allow_null=True)
    exchanges = serializers.IntegerField(read_only=True, allow_null=True)
    exchanges_qualifier = serializers.CharField(read_only=True, allow_null=True)
    figures_basis = serializers.CharField(read_only=True, allow_null=True)
    capabilities = serializers.ListField(child=serializers.CharField(), read_only=True)
    techniques = serializers.ListField(child=serializers.CharField(), read_only=True)
    legal_theories = serializers.ListField(child=serializers.CharField(), read_only=True)
    response = serializers.CharField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)
    source_count = serializers.IntegerField(read_only=True)

    @extend_schema_field(RecordLinkSerializer(allow_null=True))
    def get_accused(self, obj) -> dict | None:
        if obj.accused is None:
            return None
        return nested(self, RecordLinkSerializer, obj.accused.party)


_MARK_TAGS = re.compile(r"</?mark>")


class SearchHitSerializer(Serializer):
    record_type = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    snippet = serializers.SerializerMethodField(
        help_text="Plain text around the matches (no HTML: the portal alone highlights them)."
    )
    rank = serializers.FloatField(read_only=True)
    record = AnyRecordLinkField()

    def get_snippet(self, hit) -> str:
        """The hit's snippet as plain text: the portal's HTML, unmarked and unescaped."""
        # The selector escapes every character of the text, so the only tags are <mark>.
        return html.unescape(_MARK_TAGS.sub("", str(hit.snippet)))


class SearchResultsSerializer(Serializer):
    """Public records matching a full-text query, best first."""

    query = serializers.CharField(read_only=True)
    counts = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    hits = SearchHitSerializer(many=True, read_only=True)
