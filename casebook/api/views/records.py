"""The publishable records' endpoints: one read-only viewset per record type."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from casebook.api import filters
from casebook.api.exceptions import InvalidParameter, Retracted
from casebook.api.pagination import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    PageNumberPagination,
    UpdatedSinceCursorPagination,
)
from casebook.api.renderers import JSONRenderer
from casebook.api.schema import FIELDS_PARAMETERS
from casebook.api.serializers import (
    AllegationDetailSerializer,
    AllegationSerializer,
    CaseSerializer,
    EventSerializer,
    GuidanceSerializer,
    PartySerializer,
    SettlementSerializer,
    SourceSerializer,
    TermsDocumentDetailSerializer,
    TermsDocumentSerializer,
)
from casebook.api.views.base import (
    CURSOR_PARAMETER,
    LIST_ERRORS,
    RECORD_DETAIL_ERRORS,
    CasebookAPIMixin,
    CSVRenderer,
    plain_columns,
    serialized_csv_rows,
)
from casebook.records import csvwriter, selectors
from casebook.records.filters.repeats import repeatable_filters


class RecordViewSet(CasebookAPIMixin, viewsets.ReadOnlyModelViewSet):
    """A list (JSON or streamed CSV) and a detail by slug of one public record type."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filter_backends = [filters.StrictFilterBackend, filters.StrictOrderingFilter]
    ordering_fields: list[str] = ["slug", "updated_at"]
    #: Pages by number (``updated_since`` pages by cursor instead: see ``paginator``).
    pagination_class = PageNumberPagination
    #: How the list reads a page as plain rows instead of models, for the types whose
    #: pages cost most in making models and running prefetches (issue #12); None: models.
    plain_rows: selectors.PlainRows | None = None

    def get_renderers(self):
        renderers = [JSONRenderer()]
        if getattr(self, "action", None) == "list":
            renderers.append(CSVRenderer())
        return renderers

    def allowed_parameters(self) -> set[str]:
        allowed = super().allowed_parameters()
        if self.action == "list":
            allowed |= set(self.filterset_class.base_filters)
            allowed |= {"ordering", "page", "page_size", "cursor"}
        return allowed

    def repeatable_parameters(self) -> set[str]:
        if self.action == "list":
            return repeatable_filters(self.filterset_class)
        return set()

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            params = self.request.query_params
            if "updated_since" in params:
                if "page" in params:
                    raise InvalidParameter({"page": "With updated_since, follow the cursor."})
                self._paginator = UpdatedSinceCursorPagination()
            else:
                if "cursor" in params:
                    raise InvalidParameter({"cursor": "Only with updated_since or the timeline."})
                self._paginator = self.pagination_class()
        return self._paginator

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return self.csv_response(queryset)
        page = self.paginate_queryset(queryset)
        self.last_modified = max((obj.updated_at for obj in page), default=None)
        serializer = self.get_serializer(page, many=True)
        response = self.get_paginated_response(serializer.data)
        if isinstance(self.paginator, UpdatedSinceCursorPagination):
            response.data["retracted"] = self.retracted_since()
        return response

    def paginate_queryset(self, queryset):
        """The page of ``queryset``: models, or the rows of :attr:`plain_rows`."""
        if self.plain_rows is None:
            return super().paginate_queryset(queryset)
        rows = self.plain_rows.values(queryset)
        if not isinstance(self.paginator, UpdatedSinceCursorPagination):
            rows = selectors.RowsToPage(queryset, rows)  # a cursor counts nothing
        page = super().paginate_queryset(rows)
        return None if page is None else self.plain_rows.page(page)

    def retracted_since(self) -> list[dict[str, str]]:
        """Tombstones of this type retracted (or whose note changed) at or after
        ``updated_since``, oldest retraction first.

        On the first page of the sync only (no ``cursor``); pages reached through
        ``next`` carry an empty list, so a script sees each retraction once.
        Other filters do not apply: a tombstone shows nothing they could match.
        """
        if "cursor" in self.request.query_params:
            return []
        # The value as the list's own filter read it (it was validated there).
        filterset = self.filterset_class(self.request.query_params)
        filterset.is_valid()
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        since = filterset.form.cleaned_data["updated_since"].astimezone(datetime.UTC)
        model = self.get_queryset().model
        return [t.as_dict() for t in selectors.retracted_tombstones(model, changed_since=since)]

    def retrieve(self, request, *args, **kwargs):
        try:
            instance = self.get_object()
        except Http404:
            self.raise_if_retracted()
            raise
        self.last_modified = instance.updated_at
        return Response(self.get_serializer(instance).data)

    def raise_if_retracted(self) -> None:
        """410 Gone, with the retraction's date and note, when the slug names a retracted
        record of this type."""
        model = self.get_queryset().model
        record = selectors.retracted_record_by_slug(model, self.kwargs[self.lookup_field])
        if record is not None:
            raise Retracted(selectors.tombstone(record).as_dict())

    def csv_response(self, queryset: QuerySet) -> StreamingHttpResponse:
        """Every matching record as CSV, streamed in chunks so memory stays flat."""
        rows = serialized_csv_rows(
            self.csv_records(queryset), self.get_serializer_class(), self.get_serializer_context()
        )
        return csvwriter.csv_response(rows, f"casebook-{self.basename}")

    def csv_records(self, queryset: QuerySet) -> QuerySet | Iterable:
        """What the CSV serializes of ``queryset`` (filtered and ordered): plain rows in
        chunks when the serializer shows only the records' own columns and citations
        (parties), else the records themselves, read in chunks with their prefetches,
        unless a type reads plain rows of its own (allegations, events)."""
        columns = plain_columns(self.get_serializer_class(), queryset.model)
        if columns is None:
            return queryset
        return selectors.record_csv_rows(queryset, columns)


def record_schema(name: str, description: str, serializer, detail_serializer=None):
    """Schema docs shared by each record endpoint."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {name}",
            description=description
            + f" Paged ({PAGE_SIZE} a page, `page_size` up to {MAX_PAGE_SIZE}); with "
            "`updated_since`, by cursor instead (no `count`). `format=csv` streams every match "
            "as CSV: one column per field, links as slugs, lists joined with '; '.",
            parameters=[*FIELDS_PARAMETERS, CURSOR_PARAMETER],
            responses={
                (200, "application/json"): serializer(many=True),
                (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
                **LIST_ERRORS,
            },
        ),
        retrieve=extend_schema(
            summary=f"One of the {name}, by slug",
            parameters=FIELDS_PARAMETERS,
            responses={200: detail_serializer or serializer, **RECORD_DETAIL_ERRORS},
        ),
    )


@record_schema(
    "parties", "Organisations, agencies, courts, legislatures and people.", PartySerializer
)
class PartyViewSet(RecordViewSet):
    serializer_class = PartySerializer
    filterset_class = filters.PartyFilterSet
    ordering_fields = ["name", "slug", "updated_at"]

    def get_queryset(self):
        return selectors.party_api_list()


@record_schema(
    "sources",
    "Documents that support the records: posts, filings, reports, press.",
    SourceSerializer,
)
class SourceViewSet(RecordViewSet):
    serializer_class = SourceSerializer
    filterset_class = filters.SourceFilterSet
    ordering_fields = ["title", "published_on", "slug", "updated_at"]

    def get_queryset(self):
        return selectors.source_list()


@record_schema(
    "allegations",
    "Accusations that a party extracted another's models, with each accused party's figures.",
    AllegationSerializer,
    AllegationDetailSerializer,
)
class AllegationViewSet(RecordViewSet):
    filterset_class = filters.AllegationFilterSet
    ordering_fields = ["made_on", "title", "slug", "updated_at"]
    #: Making 50 allegations, 150 accused rows and their prefetches cost most of a page.
    plain_rows = selectors.ALLEGATION_ROWS

    def get_serializer_class(self):
        if self.action == "retrieve":
            return AllegationDetailSerializer
        return AllegationSerializer

    def get_object(self):
        """The allegation, with its accuser's clause read for the detail's ``accuser_clause``
        (unless ``fields``/``omit`` leave that field out)."""
        allegation = super().get_object()
        keep = self.selected_fields()
        if keep is None or "accuser_clause" in keep:
            clause = selectors.allegation_accuser_clause(allegation)
            self.accuser_clauses = {allegation.pk: clause}
        return allegation

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["accuser_clauses"] = getattr(self, "accuser_clauses", {})
        return context

    def get_queryset(self):
        return selectors.allegation_api_list()

    def csv_records(self, queryset: QuerySet) -> Iterable:
        """Plain rows in chunks: the prefetches of model instances (a related manager per
        allegation, accused row and relation) took half of a 10,000-row CSV (issue #12)."""
        return selectors.allegation_csv_rows(queryset)


@record_schema(
    "cases", "Court cases: court, docket, parties with their roles, status.", CaseSerializer
)
class CaseViewSet(RecordViewSet):
    serializer_class = CaseSerializer
    filterset_class = filters.CaseFilterSet
    ordering_fields = ["filed_on", "name", "slug", "updated_at"]

    def get_queryset(self):
        return selectors.case_api_list()


@record_schema(
    "settlements",
    "Settlements: fund, per-unit payout, class and approval dates.",
    SettlementSerializer,
)
class SettlementViewSet(RecordViewSet):
    serializer_class = SettlementSerializer
    filterset_class = filters.SettlementFilterSet
    ordering_fields = ["announced_on", "amount", "title", "slug", "updated_at"]

    def get_queryset(self):
        return selectors.settlement_api_list()


@record_schema(
    "guidance",
    "Reports, guidance, rules and decisions, each with its holdings.",
    GuidanceSerializer,
)
class GuidanceViewSet(RecordViewSet):
    serializer_class = GuidanceSerializer
    filterset_class = filters.GuidanceFilterSet
    ordering_fields = ["issued_on", "title", "slug", "updated_at"]

    def get_queryset(self):
        return selectors.guidance_api_list()


@record_schema(
    "terms documents",
    "Vendors' terms documents, each with its number of versions, its latest version and "
    "the link to all of them (`versions_url`); the detail lists every version. Clauses are "
    "at each version's `api_url`.",
    TermsDocumentSerializer,
    TermsDocumentDetailSerializer,
)
class TermsDocumentViewSet(RecordViewSet):
    filterset_class = filters.TermsDocumentFilterSet
    ordering_fields = ["title", "slug", "updated_at"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return TermsDocumentDetailSerializer
        return TermsDocumentSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.terms_document_api_detail()
        return selectors.terms_document_api_list()


@record_schema(
    "events",
    "Dated happenings that are not a record's own date (the timeline has both).",
    EventSerializer,
)
class EventViewSet(RecordViewSet):
    serializer_class = EventSerializer
    filterset_class = filters.EventFilterSet
    ordering_fields = ["date", "slug", "updated_at"]
    #: Making ~200 instances and running Django's prefetches cost most of a page.
    plain_rows = selectors.EVENT_ROWS

    def get_queryset(self):
        return selectors.event_api_list()

    def csv_records(self, queryset: QuerySet) -> Iterable:
        """Plain rows in chunks, each read as a page of the list is (issue #12)."""
        return selectors.event_csv_rows(queryset)
