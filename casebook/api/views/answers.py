"""Answers from the selectors: timeline, clause in force, terms matrix (paged), comparison."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django_filters import FilterSet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from casebook.api import messages
from casebook.api.exceptions import InvalidParameter
from casebook.api.nested import REPRESENTED
from casebook.api.pagination import (
    MAX_PAGE_NUMBER,
    MAX_PAGE_SIZE,
    KeyCursorPagination,
    PageNumberPagination,
)
from casebook.api.renderers import JSONRenderer
from casebook.api.serializers import (
    ClauseLookupSerializer,
    ComparisonRowSerializer,
    TermSerializer,
    TermsMatrixRowSerializer,
    TermsMatrixSerializer,
    TimelineEntrySerializer,
)
from casebook.api.views.base import LIST_ERRORS, CasebookAPIMixin, CSVRenderer, csv_cell
from casebook.records import csvwriter, selectors
from casebook.records.filters import TermsMatrixFilterSet
from casebook.records.filters.repeats import repeatable_filters

#: Terms documents (rows) on a page of the terms matrix, by default.
MATRIX_PAGE_SIZE = 25


def on_date_field() -> serializers.DateField:
    """The ``on`` parameter of the terms answers: optional, today by default
    (:func:`on_or_today`)."""
    return serializers.DateField(required=False, help_text="The date (YYYY-MM-DD); default today.")


def on_or_today(query: dict) -> datetime.date:
    """The validated ``on``, or today in the site's time zone (``TIME_ZONE``), as the
    portal's terms matrix takes it."""
    return query.get("on") or timezone.localdate()


def with_date(link: str | None, on: datetime.date) -> str | None:
    """A page link that names the date its page answered for (``on=YYYY-MM-DD``): with
    ``on`` left to default, the next page asked for after midnight would answer for
    another day, and the pages would not fit together."""
    return None if link is None else replace_query_param(link, "on", on.isoformat())


def slug_field(queryset: QuerySet, help_text: str, **kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=queryset, help_text=help_text, **kwargs
    )


class SelectorView(CasebookAPIMixin, APIView):
    """A GET endpoint answering from a selector, with its query validated by a serializer."""

    query_serializer: type[serializers.Serializer]
    renderer_classes = [JSONRenderer]

    def allowed_parameters(self) -> set[str]:
        return {"format", *self.query_serializer().fields, *self.extra_parameters}

    def repeatable_parameters(self) -> set[str]:
        """The query serializer's list fields (``party``, ``topic``, ``key`` …)."""
        fields = self.query_serializer().fields
        return {name for name, field in fields.items() if isinstance(field, serializers.ListField)}

    extra_parameters: tuple[str, ...] = ()

    def query(self) -> dict:
        """The validated query parameters, or a 400 naming the bad one."""
        serializer = messages.standardise_serializer(
            self.query_serializer(data=self.request.query_params)
        )
        if not serializer.is_valid():
            raise InvalidParameter(
                {name: _messages(errors) for name, errors in serializer.errors.items()}
            )
        return serializer.validated_data

    def get_serializer_context(self) -> dict:
        return {"request": self.request, "view": self}


def stream_csv(
    items: Iterable, serializer_class: type[serializers.Serializer], context: dict, name: str
) -> StreamingHttpResponse:
    """Selector answers as streamed CSV: one column per field, cells as in the lists' CSV."""
    serializer = serializer_class(context=context)  # one for every row, as in the lists' CSV
    columns = list(serializer.fields)

    def rows() -> Iterator[list[Any]]:
        yield columns
        for item in items:
            data = serializer.to_representation(item)
            yield [csv_cell(data[c]) for c in columns]

    return csvwriter.csv_response(rows(), f"casebook-{name}")


def _messages(errors: Any) -> list[str]:
    if isinstance(errors, dict):
        return [msg for value in errors.values() for msg in _messages(value)]
    if isinstance(errors, list):
        return [msg for value in errors for msg in _messages(value)]
    return [str(errors)]


class TimelineQuery(serializers.Serializer):
    party = serializers.ListField(
        child=slug_field(selectors.party_choices(), "Party slug."),
        required=False,
        help_text="Entries involving this party (slug; repeatable).",
    )
    record_type = serializers.ListField(
        child=serializers.ChoiceField(choices=selectors.TIMELINE_RECORD_TYPES),
        required=False,
        help_text="Entries of this record type (repeatable). Every event is of type "
        "'event', whatever record it belongs to.",
    )
    topic = serializers.ListField(
        child=slug_field(selectors.topic_choices(), "Topic slug."),
        required=False,
        help_text="Entries filed under this topic (slug; repeatable).",
    )
    date_after = serializers.DateField(required=False, help_text="On or after (YYYY-MM-DD).")
    date_before = serializers.DateField(required=False, help_text="On or before (YYYY-MM-DD).")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, help_text="Entries per page."
    )
    cursor = serializers.CharField(required=False, help_text="Opaque cursor from next/previous.")


class TimelineAPIView(SelectorView):
    """Every public dated fact, oldest first, by cursor: the entries of the portal's timeline."""

    query_serializer = TimelineQuery
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="The timeline",
        description="Every public dated fact (records' own dates and events), sorted by date, "
        "paged by cursor: follow `next`. `format=csv` streams the whole filtered timeline.",
        parameters=[TimelineQuery],
        responses={
            # An inline serializer (not a raw $ref) so that TimelineEntry is in the components.
            (200, "application/json"): inline_serializer(
                "TimelinePage",
                {
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "results": TimelineEntrySerializer(many=True),
                },
            ),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        query = self.query()
        flt = selectors.timeline_filters(
            parties=query.get("party") or None,
            record_types=query.get("record_type") or None,
            topics=query.get("topic") or None,
            date_from=query.get("date_after"),
            date_to=query.get("date_before"),
        )
        context = self.get_serializer_context()
        if request.accepted_renderer.format == "csv":
            return self.csv(selectors.iter_timeline(flt), context)
        paginator = KeyCursorPagination()
        page = paginator.paginate(partial(selectors.timeline_slice, flt), request)
        self.last_modified = max((e.record.updated_at for e in page), default=None)
        data = TimelineEntrySerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(data)

    def csv(self, entries: Iterable, context: dict) -> StreamingHttpResponse:
        return stream_csv(entries, TimelineEntrySerializer, context, "timeline")


class ClauseInForceQuery(serializers.Serializer):
    vendor = slug_field(selectors.party_choices(), "Vendor (party slug).")
    category = slug_field(selectors.clause_category_choices(), "Clause category slug.")
    on = on_date_field()


class ClauseInForceView(SelectorView):
    """Which clause of vendor V in category C was in force on date D?"""

    query_serializer = ClauseInForceQuery

    @extend_schema(
        summary="Clause in force on a date",
        description="For each public terms document of the vendor: the version in force on the "
        "date (latest effective date on or before it; `on`, today by default) and its clause "
        "in the category. "
        "`status` is `present`, `not_present` (the version in force was reviewed and has no "
        "such clause), `not_reviewed` or `no_version_in_force` (no document has a version "
        "in force on the date).",
        parameters=[ClauseInForceQuery],
        responses={200: ClauseLookupSerializer, **LIST_ERRORS},
    )
    def get(self, request):
        query = self.query()
        lookup = selectors.clause_lookup(
            vendor=query["vendor"], category=query["category"], on=on_or_today(query)
        )
        return Response(ClauseLookupSerializer(lookup, context=self.get_serializer_context()).data)


class TermsMatrixQuery(serializers.Serializer):
    on = on_date_field()
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_NUMBER, help_text="Page number."
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=f"Terms documents (rows) per page; default {MATRIX_PAGE_SIZE}.",
    )


class TermsMatrixPagination(PageNumberPagination):
    """The matrix's pages: terms documents, fewer by default than a list's records (each
    row carries a cell per category)."""

    page_size = MATRIX_PAGE_SIZE


def filter_parameters(filterset_class: type[FilterSet]) -> list[OpenApiParameter]:
    """A FilterSet's repeatable slug filters as OpenAPI query parameters (strings, exploded)."""
    return [
        OpenApiParameter(
            name,
            str,
            many=True,
            explode=True,
            description=declared.extra.get("help_text", ""),
        )
        for name, declared in filterset_class.base_filters.items()
    ]


class TermsMatrixAPIView(SelectorView):
    """Terms documents × clause categories as in force on a date, a page of documents at a
    time: the portal's terms matrix as data."""

    query_serializer = TermsMatrixQuery
    filterset_class = TermsMatrixFilterSet
    extra_parameters = tuple(TermsMatrixFilterSet.base_filters)

    def repeatable_parameters(self) -> set[str]:
        return repeatable_filters(self.filterset_class)

    @extend_schema(
        summary="Terms matrix on a date",
        description="One row per public terms document of a public vendor (by vendor name, "
        "then title), paged: `count` documents in all, follow `next`. Each row has one cell "
        "per clause category asked for (every category by default): the answer of the "
        "clause-in-force lookup for that document on the date. `vendor` and `document` "
        "choose the rows, `category` the columns.",
        parameters=[TermsMatrixQuery, *filter_parameters(TermsMatrixFilterSet)],
        responses={
            200: inline_serializer(
                "TermsMatrixPage",
                {
                    "count": serializers.IntegerField(help_text="Documents matching the filters."),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "on": serializers.DateField(),
                    "categories": TermSerializer(many=True),
                    "results": TermsMatrixRowSerializer(many=True),
                },
            ),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        query = self.query()
        filterset = self.filterset_class(
            request.query_params, queryset=selectors.terms_matrix_documents()
        )
        messages.standardise_form(filterset.form)
        if not filterset.is_valid():
            raise InvalidParameter(dict(filterset.errors))
        paginator = TermsMatrixPagination()
        page = paginator.paginate_queryset(filterset.qs, request, view=self)
        on = on_or_today(query)
        matrix = selectors.terms_matrix(
            on=on,
            documents=page,
            categories=filterset.form.cleaned_data.get("category") or None,
        )
        # A row's cells all show its document's version in force: represent it once.
        context = {**self.get_serializer_context(), REPRESENTED: {}}
        data = TermsMatrixSerializer(matrix, context=context).data
        return Response(
            {
                "count": paginator.page.paginator.count,
                "next": with_date(paginator.get_next_link(), on),
                "previous": with_date(paginator.get_previous_link(), on),
                **data,
            }
        )


class ComparisonQuery(serializers.Serializer):
    key = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="'<allegation>' or '<allegation>/<accused party>' (repeatable, kept in order). "
        "The answer's `choices` lists every key.",
    )


class ComparisonView(SelectorView):
    """The side-by-side of chosen allegations and accused parties, as data."""

    query_serializer = ComparisonQuery

    @extend_schema(
        summary="Compare accused parties side by side",
        description="One row per key asked for, with figures, capabilities, techniques, legal "
        "theories, response and status. `choices` lists the keys of the allegations named "
        "in `key` (the allegation's own, comparing all its accused parties, and one per "
        "accused party), not every key: find allegations with the allegations list's "
        "`title` or `q` filters.",
        parameters=[ComparisonQuery],
        responses={
            200: inline_serializer(
                "Comparison",
                {
                    "rows": ComparisonRowSerializer(many=True),
                    "choices": inline_serializer(
                        "ComparisonChoice",
                        {"key": serializers.CharField(), "label": serializers.CharField()},
                        many=True,
                    ),
                },
            ),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        keys = self.query().get("key", [])
        try:
            rows = selectors.comparison_rows(keys)
        except selectors.UnknownComparisonKey as exc:
            raise InvalidParameter({"key": str(exc)}) from exc
        context = self.get_serializer_context()
        # Only the named allegations' keys: an answer that listed every key grew with the
        # database (30,000 keys at the large bench size).
        choices = [
            {"key": key, "label": label} for key, label in selectors.comparison_choices(keys)
        ]
        return Response(
            {
                "rows": ComparisonRowSerializer(rows, many=True, context=context).data,
                "choices": choices,
            }
        )
