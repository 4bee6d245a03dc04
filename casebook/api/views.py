"""The read-only API's endpoints: thin views over the public querysets and the selectors."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, serializers, viewsets
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from casebook.api import filters, messages
from casebook.api import serializers as s
from casebook.api.exceptions import InvalidParameter, Retracted
from casebook.api.pagination import (
    MAX_PAGE_NUMBER,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    KeyCursorPagination,
    PageNumberPagination,
    UpdatedSinceCursorPagination,
)
from casebook.api.schema import FIELDS_PARAMETERS, error_responses
from casebook.records import csvwriter, dataset, dumpcache, selectors, timeline
from casebook.records import models as m
from casebook.records.attribution import Attribution
from casebook.records.ota import dump as ota_dump
from casebook.records.textsearch import MAX_QUERY_LENGTH, MAX_TERMS, validate_query
from casebook.records.tombstones import retracted_tombstones, tombstone
from casebook.records.versions import in_force_ordering, version_date_key, version_key_filter

# --------------------------------------------------------------------------
# Shared behaviour: strict parameters, conditional GET, CSV
# --------------------------------------------------------------------------


class CSVRenderer(BaseRenderer):
    """Declares ``text/csv`` for lists; the rows themselves are streamed by the view."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        raise NotImplementedError("CSV lists are streamed by CSVListMixin.csv_response.")


def csv_cell(value: Any) -> Any:
    """A JSON value as one CSV cell: links as their slug, lists joined with '; '.

    Numbers stay numbers and text stays text; :func:`casebook.records.csvwriter.neutralise`
    makes each cell safe when it is written.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dict):
        for key in ("slug", "party", "source", "key"):
            if key in value:
                return csv_cell(value[key])
        if "proposition" in value:
            return value["proposition"]
        if "licence_url" in value:  # an Open Terms Archive credit
            return Attribution.line_from_dict(value)
        if "date_display" in value:  # a date with its precision or basis
            return value["date_display"]
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        return "; ".join(str(csv_cell(item)) for item in value)
    return str(value)


class CasebookAPIMixin:
    """What every endpoint shares: strict query parameters and ETag / Last-Modified."""

    #: No OPTIONS answers: the OpenAPI schema describes every endpoint.
    metadata_class = None
    #: Query parameters every endpoint accepts besides its own.
    common_parameters = frozenset({"format", "fields", "omit"})
    #: When the answer last changed, if known; set by the handler.
    last_modified: datetime.datetime | None = None

    def allowed_parameters(self) -> set[str]:
        return set(self.common_parameters)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return  # the handler answers 405 with the methods allowed
        unknown = sorted(set(request.query_params) - self.allowed_parameters())
        if unknown:
            allowed = ", ".join(sorted(self.allowed_parameters()))
            raise InvalidParameter(
                {
                    name: f"Unknown query parameter. This endpoint takes: {allowed}."
                    for name in unknown
                }
            )
        # "?status=" would otherwise mean "no filter": say so instead of ignoring it.
        empty = sorted(name for name, values in request.query_params.lists() if "" in values)
        if empty:
            raise InvalidParameter({name: "Must not be empty." for name in empty})
        # No database stores a NUL character; reject it rather than fail on it.
        nul = sorted(
            n for n, values in request.query_params.lists() if any("\x00" in v for v in values)
        )
        if nul:
            raise InvalidParameter({name: "Must not contain NUL characters." for name in nul})

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except (exceptions.NotFound, Http404) as exc:
            if request.method not in ("GET", "HEAD"):
                return super().perform_content_negotiation(request, force=True)
            asked = request.query_params.get("format")
            message = "Use json, or csv on a list."
            if asked:
                message = f"{messages.unknown_value(asked)} {message}"
            raise InvalidParameter({"format": message}) from exc

    def finalize_response(self, request, response, *args, **kwargs):
        response = self._finalize(request, response, *args, **kwargs)
        # The answer's format can follow the Accept header (JSON or CSV), so caches must
        # key on it: on every answer, errors and 304s included.
        patch_vary_headers(response, ["Accept"])
        return response

    def _finalize(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), CSVRenderer
        ):
            # Errors are JSON even when CSV was asked for (CSV rows are streamed).
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, Response):
            return response  # streamed CSV and downloads carry no validator
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["keep_fields"] = self.selected_fields()
        return context

    def selected_fields(self) -> set[str] | None:
        """The field names that ``fields=`` and ``omit=`` leave, or None for all."""
        params = self.request.query_params
        if "fields" not in params and "omit" not in params:
            return None
        serializer_class = self.get_serializer_class()
        available = list(serializer_class().fields)
        keep = set(available)
        for param in ("fields", "omit"):
            if param not in params:
                continue
            names = [n.strip() for n in params[param].split(",") if n.strip()]
            unknown = [n for n in names if n not in available]
            if unknown or not names:
                raise InvalidParameter(
                    {param: f"Unknown field(s) {unknown}; fields are: {', '.join(available)}."}
                )
            keep = keep & set(names) if param == "fields" else keep - set(names)
        return keep


class RecordViewSet(CasebookAPIMixin, viewsets.ReadOnlyModelViewSet):
    """A list (JSON or streamed CSV) and a detail by slug of one public record type."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filter_backends = [filters.StrictFilterBackend, filters.StrictOrderingFilter]
    ordering_fields: list[str] = ["slug", "updated_at"]

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
                self._paginator = PageNumberPagination()
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
        return [t.as_dict() for t in retracted_tombstones(model, changed_since=since)]

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
        record = model.objects.filter(
            slug=self.kwargs[self.lookup_field], editorial_status=m.EditorialStatus.RETRACTED
        ).first()
        if record is not None:
            raise Retracted(tombstone(record).as_dict())

    def csv_response(self, queryset: QuerySet) -> StreamingHttpResponse:
        """Every matching record as CSV, streamed in chunks so memory stays flat."""
        context = self.get_serializer_context()
        serializer_class = self.get_serializer_class()
        keep = context["keep_fields"]
        columns = [n for n in serializer_class().fields if keep is None or n in keep]

        # One serializer for every row: building one per row (its fields deep-copied each
        # time) made the CSV of 10,000 allegations take minutes.
        serializer = serializer_class(context=context)

        def rows() -> Iterator[list[Any]]:
            yield columns
            for obj in queryset.iterator(chunk_size=500):
                data = serializer.to_representation(obj)
                yield [csv_cell(data.get(column)) for column in columns]

        return csvwriter.csv_response(rows(), f"casebook-{self.basename}")


def public_citations() -> Prefetch:
    return Prefetch(
        "citations",
        queryset=m.Citation.objects.public()
        .select_related("source")
        .order_by("source__slug", "pinpoint"),
    )


def public_parties_prefetch(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=m.Party.objects.public())


LIST_ERRORS = error_responses(400, 401, 429)
DETAIL_ERRORS = error_responses(400, 401, 404, 429)
RECORD_DETAIL_ERRORS = error_responses(400, 401, 404, 410, 429)
CURSOR_PARAMETER = OpenApiParameter(
    "cursor", str, description="Opaque cursor from `next` or `previous` (with `updated_since`)."
)


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


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


@record_schema(
    "parties", "Organisations, agencies, courts, legislatures and people.", s.PartySerializer
)
class PartyViewSet(RecordViewSet):
    serializer_class = s.PartySerializer
    filterset_class = filters.PartyFilterSet
    ordering_fields = ["name", "slug", "updated_at"]

    def get_queryset(self):
        return m.Party.objects.public().prefetch_related(public_citations())


@record_schema(
    "sources",
    "Documents that support the records: posts, filings, reports, press.",
    s.SourceSerializer,
)
class SourceViewSet(RecordViewSet):
    serializer_class = s.SourceSerializer
    filterset_class = filters.SourceFilterSet
    ordering_fields = ["title", "published_on", "slug", "updated_at"]

    def get_queryset(self):
        return m.Source.objects.public()


@record_schema(
    "allegations",
    "Accusations that a party extracted another's models, with each accused party's figures.",
    s.AllegationSerializer,
    s.AllegationDetailSerializer,
)
class AllegationViewSet(RecordViewSet):
    filterset_class = filters.AllegationFilterSet
    ordering_fields = ["made_on", "title", "slug", "updated_at"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.AllegationDetailSerializer
        return s.AllegationSerializer

    def get_queryset(self):
        accused = (
            m.AccusedParty.objects.public()
            .select_related("party", "response_source", "figures_source")
            .prefetch_related("capabilities", "techniques")
        )
        return (
            m.Allegation.objects.public()
            .select_related(
                "accuser",
                "figures_source",
                "breached_clause__version__document",
                "breached_clause__category",
            )
            .prefetch_related(
                Prefetch("accused", queryset=accused),
                "legal_theories",
                "topics",
                public_citations(),
            )
        )


@record_schema(
    "cases", "Court cases: court, docket, parties with their roles, status.", s.CaseSerializer
)
class CaseViewSet(RecordViewSet):
    serializer_class = s.CaseSerializer
    filterset_class = filters.CaseFilterSet
    ordering_fields = ["filed_on", "name", "slug", "updated_at"]

    def get_queryset(self):
        return (
            m.Case.objects.public()
            .select_related("court")
            .prefetch_related(
                Prefetch("case_parties", queryset=m.CaseParty.objects.select_related("party")),
                Prefetch("allegations", queryset=m.Allegation.objects.public()),
                "topics",
                public_citations(),
            )
        )


@record_schema(
    "settlements",
    "Settlements: fund, per-unit payout, class and approval dates.",
    s.SettlementSerializer,
)
class SettlementViewSet(RecordViewSet):
    serializer_class = s.SettlementSerializer
    filterset_class = filters.SettlementFilterSet
    ordering_fields = ["announced_on", "amount", "title", "slug", "updated_at"]

    def get_queryset(self):
        return (
            m.Settlement.objects.public()
            .select_related("case")
            .prefetch_related("topics", public_citations())
        )


@record_schema(
    "guidance",
    "Reports, guidance, rules and decisions, each with its holdings.",
    s.GuidanceSerializer,
)
class GuidanceViewSet(RecordViewSet):
    serializer_class = s.GuidanceSerializer
    filterset_class = filters.GuidanceFilterSet
    ordering_fields = ["issued_on", "title", "slug", "updated_at"]

    def get_queryset(self):
        return (
            m.Guidance.objects.public()
            .select_related("issuer", "case", "superseded_by")
            .prefetch_related("holdings", "topics", public_citations())
        )


@record_schema(
    "terms documents",
    "Vendors' terms documents with their versions and clauses.",
    s.TermsDocumentSerializer,
)
class TermsDocumentViewSet(RecordViewSet):
    serializer_class = s.TermsDocumentSerializer
    filterset_class = filters.TermsDocumentFilterSet
    ordering_fields = ["title", "slug", "updated_at"]

    def get_queryset(self):
        # Full texts are at each version's own URL: a document may have hundreds of versions.
        versions = (
            m.TermsVersion.objects.defer("full_text")
            .order_by(*in_force_ordering())
            .prefetch_related(
                "reviewed_categories",
                Prefetch(
                    "clauses",
                    queryset=m.Clause.objects.select_related(
                        "category", "carried_over_from__version"
                    ),
                ),
            )
        )
        return (
            m.TermsDocument.objects.public()
            .select_related("vendor")
            .prefetch_related(Prefetch("versions", queryset=versions), public_citations())
        )


@record_schema(
    "events",
    "Dated happenings that are not a record's own date (the timeline has both).",
    s.EventSerializer,
)
class EventViewSet(RecordViewSet):
    serializer_class = s.EventSerializer
    filterset_class = filters.EventFilterSet
    ordering_fields = ["date", "slug", "updated_at"]

    def get_queryset(self):
        return (
            m.Event.objects.public()
            .select_related(*m.Event.RECORD_FIELDS)
            .prefetch_related("parties", "topics", public_citations())
        )


class KeyedRowViewSet(CasebookAPIMixin, viewsets.GenericViewSet):
    """A flat list (JSON pages or streamed CSV) of rows of terms documents, and a detail by key.

    The detail action is ``retrieve_key`` (not ``retrieve``) so that the router
    adds no ``<pk>`` route: its URL, with one part per piece of the key, is in urls.py.
    """

    filter_backends = [filters.StrictFilterBackend, filters.StrictOrderingFilter]
    pagination_class = PageNumberPagination

    get_renderers = RecordViewSet.get_renderers
    csv_response = RecordViewSet.csv_response

    def allowed_parameters(self) -> set[str]:
        base = super().allowed_parameters()
        if self.action != "list":
            return base
        return base | set(self.filterset_class.base_filters) | {"ordering", "page", "page_size"}

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
            url = s.clause_api_url(self.request, obj)
        else:
            url = s.version_api_url(self.request, obj)
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
            (200, "application/json"): s.TermsVersionRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    ),
)
class TermsVersionViewSet(KeyedRowViewSet):
    """Versions of public terms documents, flat, with their clauses."""

    serializer_class = s.TermsVersionRowSerializer
    filterset_class = filters.TermsVersionFilterSet
    ordering_fields = ["effective_from", "updated_at"]
    basename = "terms-version"

    def get_queryset(self):
        clauses = m.Clause.objects.select_related(
            "category", "carried_over_from__version"
        ).order_by("category__slug")
        return (
            m.TermsVersion.objects.public()
            .select_related("document__vendor")
            .prefetch_related("reviewed_categories", Prefetch("clauses", queryset=clauses))
            .order_by("document__slug", *in_force_ordering())
        )

    @extend_schema(
        summary="One terms version, by document and effective date",
        description="The version of a public terms document in force from the date (or the "
        "undated version), or the version Open Terms Archive recorded at that time, with its "
        "clauses, full text and attribution. Its `key` is '<document>/<date key>'.",
        parameters=[KEY_PARAMETERS["document"], KEY_PARAMETERS["date"], *FIELDS_PARAMETERS],
        responses={200: s.TermsVersionRowSerializer, **DETAIL_ERRORS},
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
            (200, "application/json"): s.ClauseRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    ),
)
class ClauseViewSet(KeyedRowViewSet):
    """Clauses of public terms documents, flat, with the version each comes from."""

    serializer_class = s.ClauseRowSerializer
    filterset_class = filters.ClauseFilterSet
    ordering_fields = ["version__effective_from", "category__slug"]
    basename = "clause"
    version_prefix = "version__"

    def get_queryset(self):
        return (
            m.Clause.objects.public()
            .select_related("version__document__vendor", "category", "carried_over_from__version")
            .defer("version__full_text")
            .order_by("version__document__slug", "version__effective_from", "category__slug")
        )

    @extend_schema(
        summary="One clause, by document, effective date and category",
        description="The clause in the category of a version of a public terms document. Its "
        "`key` is '<document>/<date or undated>/<category>'.",
        parameters=[*KEY_PARAMETERS.values(), *FIELDS_PARAMETERS],
        responses={200: s.ClauseRowSerializer, **DETAIL_ERRORS},
    )
    def retrieve_key(self, request, *args, **kwargs):
        return super().retrieve_key(request, *args, **kwargs)

    def key_filter(self) -> dict:
        return {**self.version_filter("version__"), "category__slug": self.kwargs["category"]}

    def changed_at(self, row) -> datetime.datetime:
        if self.action == "list":
            return row.updated_at
        return max(row.updated_at, row.version.updated_at, row.version.document.updated_at)


# --------------------------------------------------------------------------
# Answers from the selectors
# --------------------------------------------------------------------------


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
        child=slug_field(m.Party.objects.public(), "Party slug."),
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
        child=slug_field(m.Topic.objects.all(), "Topic slug."),
        required=False,
        help_text="Entries filed under this topic (slug; repeatable).",
    )
    date_after = serializers.DateField(required=False, help_text="On or after (YYYY-MM-DD).")
    date_before = serializers.DateField(required=False, help_text="On or before (YYYY-MM-DD).")
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, help_text="Entries per page."
    )
    cursor = serializers.CharField(required=False, help_text="Opaque cursor from next/previous.")


class TimelineView(SelectorView):
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
                    "results": s.TimelineEntrySerializer(many=True),
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
            return self.csv(timeline.iter_timeline(flt), context)
        paginator = KeyCursorPagination()
        page = paginator.paginate(partial(timeline.timeline_slice, flt), request)
        self.last_modified = max((e.record.updated_at for e in page), default=None)
        data = s.TimelineEntrySerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(data)

    def csv(self, entries: Iterable, context: dict) -> StreamingHttpResponse:
        return stream_csv(entries, s.TimelineEntrySerializer, context, "timeline")


class ClauseInForceQuery(serializers.Serializer):
    vendor = slug_field(m.Party.objects.public(), "Vendor (party slug).")
    category = slug_field(m.ClauseCategory.objects.all(), "Clause category slug.")
    on = serializers.DateField(help_text="The date (YYYY-MM-DD).")


class ClauseInForceView(SelectorView):
    """Which clause of vendor V in category C was in force on date D?"""

    query_serializer = ClauseInForceQuery

    @extend_schema(
        summary="Clause in force on a date",
        description="For each public terms document of the vendor: the version in force on the "
        "date (latest effective date on or before it) and its clause in the category. "
        "`status` is `present`, `not_present` (the version in force was reviewed and has no "
        "such clause) or `not_reviewed`.",
        parameters=[ClauseInForceQuery],
        responses={200: s.ClauseLookupSerializer, **LIST_ERRORS},
    )
    def get(self, request):
        query = self.query()
        lookup = selectors.clause_lookup(
            vendor=query["vendor"], category=query["category"], on=query["on"]
        )
        return Response(
            s.ClauseLookupSerializer(lookup, context=self.get_serializer_context()).data
        )


class TermsMatrixQuery(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="The date (YYYY-MM-DD); default today.")
    category = serializers.ListField(
        child=slug_field(m.ClauseCategory.objects.all(), "Clause category slug."),
        required=False,
        help_text="Only these clause categories (slug; repeatable).",
    )


class TermsMatrixView(SelectorView):
    """Vendors × clause categories as in force on a date: the portal's terms matrix as data."""

    query_serializer = TermsMatrixQuery

    @extend_schema(
        summary="Terms matrix on a date",
        description="For every vendor with public terms and each clause category: the answer "
        "of the clause-in-force lookup on the date.",
        parameters=[TermsMatrixQuery],
        responses={200: s.TermsMatrixSerializer, **LIST_ERRORS},
    )
    def get(self, request):
        query = self.query()
        matrix = selectors.terms_matrix(
            on=query.get("on") or datetime.date.today(),
            categories=query.get("category") or None,
        )
        return Response(s.TermsMatrixSerializer(matrix, context=self.get_serializer_context()).data)


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
        "theories, response and status; `choices` lists every key that can be asked for.",
        parameters=[ComparisonQuery],
        responses={
            200: inline_serializer(
                "Comparison",
                {
                    "rows": s.ComparisonRowSerializer(many=True),
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
        choices = [{"key": key, "label": label} for key, label in selectors.comparison_choices()]
        return Response(
            {
                "rows": s.ComparisonRowSerializer(rows, many=True, context=context).data,
                "choices": choices,
            }
        )


SEARCH_RECORD_TYPES = (
    "party",
    "source",
    "allegation",
    "case",
    "settlement",
    "guidance",
    "terms",
    "event",
)


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


class SearchView(SelectorView):
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
                    "results": s.SearchHitSerializer(many=True),
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
                results.hits, s.SearchHitSerializer, self.get_serializer_context(), "search"
            )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(results.hits, request, view=self)
        data = s.SearchHitSerializer(page, many=True, context=self.get_serializer_context()).data
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


class DumpView(CasebookAPIMixin, APIView):
    """The whole published dataset as one JSON file, in the format of export_casebook."""

    renderer_classes = [JSONRenderer]

    def allowed_parameters(self) -> set[str]:
        return {"format"}

    @extend_schema(
        summary="Download the whole published dataset",
        description="Every published record in one JSON file, in the dataset format of "
        "`export_casebook` (docs/dataset-format.md). Drafts, records in review and "
        "retracted records are left out, and so are links to them. The `retracted` section "
        "lists the retracted records of each type, by slug, with the date and note of the "
        'retraction and nothing else: `{"allegations": [{"slug": …, '
        '"retracted_at": …, "note": …}], …}`. The `ota_versions` section lists the published '
        "versions recorded by Open Terms Archive (without their full text, which is at each "
        "version's API URL), each with its `attribution` (ODC-BY 1.0).",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The dataset file."),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        # Streamed, and built once per version of the data (see records/dumpcache.py): the
        # version is known before any row is read, so a client holding it gets a 304.
        version = dumpcache.data_version()
        etag = f'"{version}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        response = StreamingHttpResponse(
            dumpcache.cached("dump", version, public_dump),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="casebook.json"'
        response["ETag"] = etag
        return response


def public_dump() -> Iterator[bytes]:
    """The published dataset and the retracted section, as UTF-8 chunks, row by row."""

    def items() -> Iterator[tuple[str, Any]]:
        yield from dataset.iter_export(public_only=True)
        yield (
            "retracted",
            {
                spec.key: [
                    {name: value for name, value in t.as_dict().items() if name != "type"}
                    for t in retracted_tombstones(spec.model)
                ]
                for spec in dataset.SPECS
            },
        )
        yield (ota_dump.SECTION, ota_dump.public_ota_versions())

    return dataset.buffered(dataset.iter_dumps(items()))


class GuidePageView(TemplateView):
    """The portal's "API for journalists" page: what the API answers, with curl examples."""

    template_name = "api/guide.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        # Absolute URLs, so the curl examples can be pasted as they are.
        context["origin"] = self.request.build_absolute_uri("/").rstrip("/")
        context["page_size"] = PAGE_SIZE
        context["max_page_size"] = MAX_PAGE_SIZE
        return context
