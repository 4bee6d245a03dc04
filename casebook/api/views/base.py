"""What every API view shares: strict parameters, conditional GET, CSV, error responses."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from casebook.api import messages
from casebook.api.exceptions import InvalidParameter
from casebook.api.pagination import check_paging_parameters
from casebook.api.renderers import JSONRenderer
from casebook.api.schema import error_responses
from casebook.records.attribution import Attribution
from casebook.records.filters.repeats import NOT_REPEATABLE, repeated_single_values


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


def serialized_csv_rows(
    records: QuerySet | Iterable[Any], serializer_class: type[Serializer], context: dict[str, Any]
) -> Iterator[list[Any]]:
    """A record list's CSV: its columns are the list serializer's fields, declared once.

    The header row names the fields that ``context["keep_fields"]`` leaves (all when
    None); each record is one row, each field one cell (see :func:`csv_cell`).
    ``records`` is a queryset, read in chunks with related rows prefetched per chunk,
    or rows a selector reads in chunks itself (``allegation_csv_rows``), so memory
    stays flat. The API's ``?format=csv`` and the portal's "Download as CSV" both
    stream these rows, so the same list has the same columns on both.
    """
    keep = context.get("keep_fields")
    columns = [n for n in serializer_class().fields if keep is None or n in keep]
    # One serializer for every row: building one per row (its fields deep-copied each
    # time) made the CSV of 10,000 allegations take minutes.
    serializer = serializer_class(context=context)
    yield columns
    if isinstance(records, QuerySet):
        records = records.iterator(chunk_size=500)
    for record in records:
        data = serializer.to_representation(record)
        yield [csv_cell(data.get(column)) for column in columns]


#: Fields of a record serializer that a :class:`~casebook.records.selectors.RecordRow`
#: answers besides the record's own columns.
ROW_FIELDS = frozenset({"portal_url", "api_url", "citations"})


def plain_columns(serializer_class: type[Serializer], model: type) -> list[str] | None:
    """The model columns ``serializer_class`` shows, when it shows nothing else than them
    and :data:`ROW_FIELDS` (so plain rows can stand in for records); None otherwise."""
    concrete = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    fields = serializer_class().fields
    columns = [name for name in fields if name not in ROW_FIELDS]
    if all(name in concrete and fields[name].source == name for name in columns):
        return columns
    return None


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

    def repeatable_parameters(self) -> set[str]:
        """Parameters that may be given more than once (none unless a view says so)."""
        return set()

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
        repeated = repeated_single_values(request.query_params, self.repeatable_parameters())
        if repeated:
            raise InvalidParameter({name: NOT_REPEATABLE for name in repeated})
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
        if request.accepted_renderer.format == "csv":
            check_paging_parameters(request)

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


LIST_ERRORS = error_responses(400, 401, 429)


DETAIL_ERRORS = error_responses(400, 401, 404, 429)


RECORD_DETAIL_ERRORS = error_responses(400, 401, 404, 410, 429)


CURSOR_PARAMETER = OpenApiParameter(
    "cursor", str, description="Opaque cursor from `next` or `previous` (with `updated_since`)."
)
