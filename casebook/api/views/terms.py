"""Terms versions and clauses, each listed and read under its own key."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponsePermanentRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.response import Response

from casebook.api import filters
from casebook.api.pagination import MAX_PAGE_SIZE, PAGE_SIZE, PageNumberPagination
from casebook.api.schema import FIELDS_PARAMETERS
from casebook.api.serializers import (
    ClauseRowSerializer,
    TermsVersionRowSerializer,
    clause_api_url,
    version_api_url,
)
from casebook.api.views.base import DETAIL_ERRORS, LIST_ERRORS, CasebookAPIMixin
from casebook.api.views.records import RecordViewSet
from casebook.records import selectors
from casebook.records.filters.repeats import repeatable_filters
from casebook.records.versions import version_date_key, version_key_filter


class KeyedRowViewSet(CasebookAPIMixin, viewsets.GenericViewSet):
    """A flat list (JSON pages or streamed CSV) of rows of terms documents, and a detail by key.

    The detail action is ``retrieve_key`` (not ``retrieve``) so that the router
    adds no ``<pk>`` route: its URL, with one part per piece of the key, is in urls.py.
    """

    filter_backends = [filters.StrictFilterBackend, filters.StrictOrderingFilter]
    pagination_class = PageNumberPagination

    get_renderers = RecordViewSet.get_renderers
    csv_response = RecordViewSet.csv_response
    csv_records = RecordViewSet.csv_records

    def allowed_parameters(self) -> set[str]:
        base = super().allowed_parameters()
        if self.action != "list":
            return base
        return base | set(self.filterset_class.base_filters) | {"ordering", "page", "page_size"}

    def repeatable_parameters(self) -> set[str]:
        return repeatable_filters(self.filterset_class) if self.action == "list" else set()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            return self.csv_response(queryset)
        page = self.paginate_queryset(queryset)
        self.last_modified = max((self.changed_at(row) for row in page), default=None)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve_key(self, request, *args, **kwargs):
        instance = self.get_object()
        canonical = self.canonical_url(instance)
        if canonical is not None:
            return HttpResponsePermanentRedirect(canonical)
        self.last_modified = self.changed_at(instance)
        return Response(self.get_serializer(instance).data)

    def changed_at(self, row) -> datetime.datetime:
        raise NotImplementedError

    def version_filter(self, prefix: str = "") -> dict:
        """The ORM filter of the version the URL names; 404 when the date is no real date."""
        found = version_key_filter(self.kwargs["date"], prefix)
        if found is None:
            raise Http404
        return {f"{prefix}document__slug": self.kwargs["document"], **found}

    def get_object(self):
        # An old key (the effective date) of imported versions may name several: the
        # hand-entered one first, then the first recorded; retrieve_key redirects to its key.
        prefix = self.version_prefix
        obj = (
            self.get_queryset()
            .filter(**self.key_filter())
            .order_by(f"{prefix}origin", f"{prefix}recorded_at", "pk")
            .first()
        )
        if obj is None:
            raise Http404
        return obj

    #: How the viewset's model reaches the version ("" or "version__").
    version_prefix = ""

    def canonical_url(self, obj) -> str | None:
        """The object's URL under its own key, when the request named it by an old key."""
        version = obj.version if self.version_prefix else obj
        if version_date_key(version) == self.kwargs["date"]:
            return None
        if self.version_prefix:
            url = clause_api_url(self.request, obj)
        else:
            url = version_api_url(self.request, obj)
        query = self.request.META.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url

    def key_filter(self) -> dict:
        raise NotImplementedError


KEY_PARAMETERS = {
    "document": OpenApiParameter(
        "document", str, OpenApiParameter.PATH, description="The terms document's slug."
    ),
    "date": OpenApiParameter(
        "date",
        str,
        OpenApiParameter.PATH,
        description="The version's date key: for a version recorded by Open Terms Archive its "
        "record time (YYYY-MM-DDTHH-MM-SSZ), else its effective date (YYYY-MM-DD) or `undated`. "
        "An effective date that names an imported version redirects (301) to its own key.",
    ),
    "category": OpenApiParameter(
        "category", str, OpenApiParameter.PATH, description="The clause category's slug."
    ),
}


KEYED_LIST_DESCRIPTION = (
    f" Paged ({PAGE_SIZE} a page, `page_size` up to {MAX_PAGE_SIZE}). `format=csv` streams "
    "every match as CSV: one column per field, links as slugs or keys, lists joined with '; '."
)


@extend_schema_view(
    list=extend_schema(
        summary="List terms versions",
        description="Every version of the public terms documents, with its clauses: filter by "
        "document, vendor and effective date. Ordered by document, then the date each version "
        "was in force from (its effective date, or for an imported version that states none the "
        "day it was recorded; unknown first), then record time." + KEYED_LIST_DESCRIPTION,
        parameters=FIELDS_PARAMETERS,
        responses={
            (200, "application/json"): TermsVersionRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    ),
)
class TermsVersionViewSet(KeyedRowViewSet):
    """Versions of public terms documents, flat, with their clauses."""

    serializer_class = TermsVersionRowSerializer
    filterset_class = filters.TermsVersionFilterSet
    ordering_fields = ["effective_from", "updated_at"]
    basename = "terms-version"

    def get_queryset(self):
        return selectors.terms_version_rows()

    @extend_schema(
        summary="One terms version, by document and effective date",
        description="The version of a public terms document in force from the date (or the "
        "undated version), or the version Open Terms Archive recorded at that time, with its "
        "clauses, full text and attribution. Its `key` is '<document>/<date key>'.",
        parameters=[KEY_PARAMETERS["document"], KEY_PARAMETERS["date"], *FIELDS_PARAMETERS],
        responses={200: TermsVersionRowSerializer, **DETAIL_ERRORS},
    )
    def retrieve_key(self, request, *args, **kwargs):
        return super().retrieve_key(request, *args, **kwargs)

    def key_filter(self) -> dict:
        return self.version_filter()

    def changed_at(self, row) -> datetime.datetime:
        return max(
            [row.updated_at, row.document.updated_at, *(c.updated_at for c in row.clauses.all())]
        )


@extend_schema_view(
    list=extend_schema(
        summary="List clauses",
        description="Every clause of every version of the public terms documents, flat: "
        "filter by vendor, document, category and effective date. `format=csv` streams them.",
        parameters=FIELDS_PARAMETERS,
        responses={
            (200, "application/json"): ClauseRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    ),
)
class ClauseViewSet(KeyedRowViewSet):
    """Clauses of public terms documents, flat, with the version each comes from."""

    serializer_class = ClauseRowSerializer
    filterset_class = filters.ClauseFilterSet
    ordering_fields = ["version__effective_from", "category__slug"]
    basename = "clause"
    version_prefix = "version__"

    def get_queryset(self):
        return selectors.clause_rows()

    @extend_schema(
        summary="One clause, by document, effective date and category",
        description="The clause in the category of a version of a public terms document. Its "
        "`key` is '<document>/<date or undated>/<category>'.",
        parameters=[*KEY_PARAMETERS.values(), *FIELDS_PARAMETERS],
        responses={200: ClauseRowSerializer, **DETAIL_ERRORS},
    )
    def retrieve_key(self, request, *args, **kwargs):
        return super().retrieve_key(request, *args, **kwargs)

    def key_filter(self) -> dict:
        return {**self.version_filter("version__"), "category__slug": self.kwargs["category"]}

    def changed_at(self, row) -> datetime.datetime:
        if self.action == "list":
            return row.updated_at
        return max(row.updated_at, row.version.updated_at, row.version.document.updated_at)
