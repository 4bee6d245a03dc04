"""Vendor terms as the API shows them: documents, versions, clauses, their keys and links."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import RepresentedOnceMixin, nested
from casebook.api.serializers.base import (
    ModelSerializer,
    PublicLinkField,
    RecordSerializer,
    Serializer,
    TermSerializer,
    record_fields,
)
from casebook.api.serializers.termlinks import (
    VERSIONS_LIST,
    absolute_url,
    version_api_url,
    version_portal_url,
)
from casebook.records.attribution import ota_attribution
from casebook.records.models import Clause, DatePrecision, TermsDocument, TermsVersion
from casebook.records.versions import (
    in_force_from,
    version_key,
    versions_in_order,
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
        model = Clause
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
        choices=DatePrecision.choices, source="precision", read_only=True
    )
    basis = serializers.ChoiceField(
        choices=["effective", "observed"],
        read_only=True,
        help_text="'effective': the date the text states. 'observed': the text states none, "
        "and this is the day Open Terms Archive recorded it (observed in force, not effective).",
    )
    date_display = serializers.CharField(source="display", read_only=True)


class OTAVersionFieldsMixin(metaclass=serializers.SerializerMetaclass):
    """A terms version's key and links, and what Open Terms Archive recorded of it."""

    key = serializers.SerializerMethodField(
        help_text="Stable id: '<document>/<date>', the date being the OTA record time "
        "(YYYY-MM-DDTHH-MM-SSZ) for an imported version, else the effective date "
        "(YYYY-MM-DD) or 'undated'."
    )
    api_url = serializers.SerializerMethodField(help_text="This version in the API.")
    portal_url = serializers.SerializerMethodField(
        help_text="The version's portal page; null when its document is not public."
    )
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

    def get_portal_url(self, obj) -> str | None:
        return version_portal_url(self.context.get("request"), obj)

    @extend_schema_field(InForceFromSerializer(allow_null=True))
    def get_in_force_from(self, obj) -> dict | None:
        start = in_force_from(obj)
        if start is None:
            return None
        return nested(self, InForceFromSerializer, start)

    @extend_schema_field(AttributionSerializer(allow_null=True))
    def get_attribution(self, obj) -> dict | None:
        credit = ota_attribution(obj)
        return credit.as_dict() if credit else None


#: Fields of a version about its Open Terms Archive record (full text aside).
OTA_VERSION_FIELDS = ["origin", "recorded_at", "ota_permalink", "in_force_from", "attribution"]


class TermsVersionSummarySerializer(RepresentedOnceMixin, OTAVersionFieldsMixin, ModelSerializer):
    """A version of a terms document: when it took effect, when OTA recorded it, its credit.

    The full text is left out here (a document may have hundreds of versions): it is
    at the version's ``api_url``.
    """

    effective_from_display = serializers.CharField(source="effective_display", read_only=True)
    reviewed_categories = TermSerializer(many=True, read_only=True)

    class Meta:
        model = TermsVersion
        fields = [
            "key",
            "api_url",
            "portal_url",
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


#: A terms document's own fields, in every shape the API gives it.
TERMS_DOCUMENT_FIELDS = ("title", "vendor", "kind", "url", "description")


class TermsDocumentSerializer(RecordSerializer):
    """A vendor's terms document in a list: its fields, how many versions it has, its
    latest version (without clauses) and the link to all of them. Its size does not grow
    with its versions: a document may have hundreds."""

    # version_count is the selector's annotation and latest_version reads its one-item
    # prefetch latest_versions (casebook.records.selectors.terms_document_api_list).
    vendor = PublicLinkField()
    version_count = serializers.IntegerField(
        read_only=True, help_text="How many versions of the document Casebook holds."
    )
    latest_version = serializers.SerializerMethodField(
        help_text="The document's last version in force order (the last of its `versions`), "
        "without clauses: they are at its `api_url`. Null when it has no version."
    )
    versions_url = serializers.SerializerMethodField(
        help_text="Every version of this document, with its clauses: the terms-versions "
        "list filtered by `document`."
    )

    class Meta:
        model = TermsDocument
        fields = record_fields(
            *TERMS_DOCUMENT_FIELDS, "version_count", "latest_version", "versions_url"
        )

    @extend_schema_field(TermsVersionSummarySerializer(allow_null=True))
    def get_latest_version(self, obj) -> dict | None:
        latest = obj.latest_versions
        return nested(self, TermsVersionSummarySerializer, latest[0]) if latest else None

    def get_versions_url(self, obj) -> str:
        query = urlencode({"document": obj.slug})
        return absolute_url(self.context.get("request"), f"{reverse(VERSIONS_LIST)}?{query}")


class TermsDocumentDetailSerializer(TermsDocumentSerializer):
    """A vendor's terms document: the list's fields and every version in force order,
    each as a summary whose ``api_url`` gives its clauses and full text."""

    versions = TermsVersionSummarySerializer(many=True, read_only=True)

    class Meta(TermsDocumentSerializer.Meta):
        fields = record_fields(
            *TERMS_DOCUMENT_FIELDS, "version_count", "latest_version", "versions_url", "versions"
        )

    @extend_schema_field(TermsVersionSummarySerializer(allow_null=True))
    def get_latest_version(self, obj) -> dict | None:
        # The last of the versions shown (no query of its own); a revision's frozen
        # versions come in the model's order, so they are put in force order here.
        ordered = versions_in_order(obj.versions.all())
        return nested(self, TermsVersionSummarySerializer, ordered[-1]) if ordered else None


class TermsDocumentWithClausesSerializer(TermsDocumentDetailSerializer):
    """A terms document as of one of its revisions: its detail's fields, every version
    with its clauses as the revision froze them (a version's ``api_url`` answers what it
    holds now), and ``version_count`` and ``latest_version`` counted from those versions."""

    version_count = serializers.SerializerMethodField(
        help_text="How many versions the document had at this revision."
    )
    versions = TermsVersionSerializer(many=True, read_only=True)

    def get_version_count(self, obj) -> int:
        return len(obj.versions.all())
