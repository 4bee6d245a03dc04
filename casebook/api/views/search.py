"""Search across every public record type."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from casebook.api.pagination import MAX_PAGE_NUMBER, MAX_PAGE_SIZE, PageNumberPagination
from casebook.api.renderers import JSONRenderer
from casebook.api.serializers import SearchHitSerializer
from casebook.api.views.answers import SelectorView, stream_csv
from casebook.api.views.base import LIST_ERRORS, CSVRenderer
from casebook.records import selectors
from casebook.records.registry import RECORD_TYPES
from casebook.records.textsearch import MAX_QUERY_LENGTH, MAX_TERMS, validate_query

#: The ``type`` a search can be limited to: every record type, by its one name.
SEARCH_RECORD_TYPES = tuple(t.name for t in RECORD_TYPES)


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(
        validators=[validate_query],
        help_text='Words to find: web-search syntax ("a phrase", -excluded, or); at most '
        f"{MAX_TERMS} different words and {MAX_QUERY_LENGTH} characters (more is a 400).",
    )
    type = serializers.ChoiceField(
        choices=SEARCH_RECORD_TYPES, required=False, help_text="Only this record type."
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_NUMBER, help_text="Page number."
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, help_text="Hits per page."
    )


class SearchAPIView(SelectorView):
    """Full-text search over every public record, best match first."""

    query_serializer = SearchQuery
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="Search",
        description="Public records matching the words, best first, paged with a total count; "
        "`counts` gives the hits per record type over all types. `format=csv` streams every "
        "hit (not one page): one row per hit, the record as its slug. Main records come first, "
        "sources last; `suggestion` corrects misspelt words.",
        parameters=[SearchQuery],
        responses={
            (200, "application/json"): inline_serializer(
                "SearchPage",
                {
                    "query": serializers.CharField(),
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "counts": serializers.DictField(child=serializers.IntegerField()),
                    "suggestion": serializers.CharField(
                        allow_null=True,
                        help_text="The query with misspelt words corrected "
                        "(`distilation` → `distillation`), or null.",
                    ),
                    "results": SearchHitSerializer(many=True),
                },
            ),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        query = self.query()
        results = selectors.search_records(query["q"], record_type=query.get("type"))
        if request.accepted_renderer.format == "csv":
            return stream_csv(
                results.hits, SearchHitSerializer, self.get_serializer_context(), "search"
            )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(results.hits, request, view=self)
        data = SearchHitSerializer(page, many=True, context=self.get_serializer_context()).data
        return Response(
            {
                "query": results.query,
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "counts": results.counts,
                "suggestion": results.suggestion,
                "results": data,
            }
        )
