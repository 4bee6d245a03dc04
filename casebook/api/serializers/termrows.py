"""The flat lists of terms versions and clauses in the API, each row under its own key."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.serializers.base import (
    ModelSerializer,
    PublicLinkField,
    SelectableFieldsMixin,
    Serializer,
    TermSerializer,
)
from casebook.api.serializers.termlinks import (
    clause_api_url,
    clause_key,
    version_api_url,
    version_portal_url,
)
from casebook.api.serializers.terms import (
    OTA_VERSION_FIELDS,
    AttributionSerializer,
    ClauseSerializer,
    OTAVersionFieldsMixin,
    carried_over_field,
)
from casebook.links import keyed_url
from casebook.records.attribution import ota_attribution
from casebook.records.models import Clause, TermsVersion
from casebook.records.versions import version_key


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

    def to_representation(self, instance: Clause) -> dict:
        """The fields above, in their order, built here rather than by DRF's loop over
        them: a page of versions lists 500 clauses, and the loop was a third of the
        answer's work. Each version's key is worked out once, not once per clause.
        The answer is the generic path's (``super().to_representation``), as
        tests/api/test_version_clause_fields.py holds for any clause."""
        version = instance.version
        version_keys = self.__dict__.setdefault("_version_keys", {})
        if version.pk not in version_keys:
            version_keys[version.pk] = version_key(version).split("/")
        document, date = version_keys[version.pk]
        category = instance.category
        request = self.context.get("request")
        data = {
            "key": f"{document}/{date}/{category.slug}",
            "api_url": keyed_url(
                request,
                "api:clause-detail",
                "category",
                category.slug,
                document=document,
                date=date,
            ),
            "category": self.fields["category"].to_representation(category),
        }
        for name, value in (
            ("section", instance.section),
            ("text", instance.text),
            ("verification", instance.verification),
            ("notes", instance.notes),
            ("carried_over", instance.carried_over_note),
        ):
            data[name] = None if value is None else str(value)
        return self.empty_as_null(data)


class TermsVersionRowSerializer(SelectableFieldsMixin, OTAVersionFieldsMixin, ModelSerializer):
    """A version of a public terms document, with its text, document, vendor and clauses."""

    document = PublicLinkField()
    vendor = PublicLinkField(source="document.vendor")
    effective_from_display = serializers.CharField(source="effective_display", read_only=True)
    reviewed_categories = TermSerializer(many=True, read_only=True)
    clauses = VersionClauseSerializer(many=True, read_only=True)

    class Meta:
        model = TermsVersion
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
        model = Clause
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
