"""The staff-only list of suggested clauses no analyst has decided on yet.

Suggestions are never public: this endpoint answers 401 without credentials and
403 to anyone who is not staff, and its answers are marked private so no shared
cache keeps them.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers

from casebook.api.schema import error_responses
from casebook.api.views import CasebookAPIMixin
from casebook.records import selectors
from casebook.records.models import ClauseSuggestion


class ClauseSuggestionSerializer(serializers.ModelSerializer):
    """A passage a match rule found in a terms version, awaiting an analyst."""

    document = serializers.SlugRelatedField(
        source="version.document", slug_field="slug", read_only=True
    )
    version_recorded_at = serializers.DateTimeField(
        source="version.recorded_at", read_only=True, allow_null=True
    )
    version_effective_from = serializers.DateField(
        source="version.effective_from", read_only=True, allow_null=True
    )
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    rule = serializers.CharField(source="rule.pattern", read_only=True, allow_null=True)
    section = serializers.SerializerMethodField(help_text="The heading above it; null if none.")

    class Meta:
        model = ClauseSuggestion
        fields = [
            "id",
            "document",
            "version_recorded_at",
            "version_effective_from",
            "category",
            "rule",
            "section",
            "text",
            "created_at",
        ]

    def get_section(self, obj) -> str | None:
        return obj.section or None


class IsStaff(permissions.IsAdminUser):
    """Active staff members only (inactive users never authenticate)."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_active


@extend_schema(
    summary="Suggested clauses awaiting review (staff only)",
    description="Passages the clause match rules found in terms versions that no analyst has "
    "confirmed or rejected yet, oldest version first. Staff only: 401 without credentials, "
    "403 for a caller who is not staff. Never cached by shared caches.",
    responses={200: ClauseSuggestionSerializer(many=True), **error_responses(400, 401, 403, 429)},
)
class ClauseSuggestionListView(CasebookAPIMixin, generics.ListAPIView):
    """``GET /api/clause-suggestions/``: pending suggestions, paginated."""

    serializer_class = ClauseSuggestionSerializer
    permission_classes = [IsStaff]
    filter_backends: list = []

    def allowed_parameters(self) -> set[str]:
        return {"format", "page", "page_size"}

    def get_queryset(self):
        return selectors.clause_suggestions_pending()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response
