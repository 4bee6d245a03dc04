"""OpenAPI pieces shared by the endpoints: the API's description and the error shape."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from casebook.api.pagination import MAX_PAGE_SIZE, PAGE_SIZE

API_DESCRIPTION = f"""
Read-only access to Casebook's published records of disputes over AI model
distillation: parties, sources, allegations, cases, settlements, guidance,
vendors' terms and the timeline. Only published records appear, in every
response, CSV file and dump.

**Identifiers.** Every record has a stable `slug`, its portal page `url`
and its `api_url`. Dates carry their precision (`day`, `month`, `year`,
`approximate`) and a display form ("March 2025", "c. 2024").

**Filters.** Lists take the filters listed on each endpoint. An unknown
query parameter or a malformed value answers `400` naming the parameter;
nothing is ignored silently. `q` finds whole words in any case and script;
it takes at most 10 different words and 200 characters.

**Pages.** Lists answer pages of {PAGE_SIZE} records with a total `count`;
`page_size` may ask for up to {MAX_PAGE_SIZE}. The timeline, and any list
asked for with `updated_since`, use cursors: follow `next`.

**Fields.** `fields=slug,title` keeps only those fields; `omit=citations`
leaves fields out.

**Empty values.** An optional value that is unknown or empty (a URL, a
date, a number, a text) is `null`, never `""`; the schema marks each such
field nullable. Lists are never null: an empty one is `[]`.

**CSV.** Every list answers CSV with `format=csv` (or `Accept: text/csv`):
all matching records, flattened, streamed.

**Caching.** Responses carry `ETag` and `Last-Modified`; send
`If-None-Match` (or `If-Modified-Since`) to get `304 Not Modified`.

**Limits.** Anonymous callers may make 60 requests a minute; callers
with a token (`Authorization: Token <key>`, issued by Casebook staff) 600.
Past the limit the API answers `429` with `Retry-After` in seconds.

**Errors.** Every error has the same shape:
`{{"error": {{"status": 400, "code": "invalid_parameter", "message": "...",
"details": {{"parameter": ["message"]}}}}}}`.
""".strip()


def describe_api(result: dict, generator, request, public) -> dict:
    """Postprocessing hook: the API's long description and the response examples."""
    from casebook.api.examples import add_examples

    result["info"]["description"] = API_DESCRIPTION
    return add_examples(result)


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="Machine-readable code, e.g. 'invalid_parameter'.")
    message = serializers.CharField(help_text="What went wrong, in a sentence.")
    details = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by parameter or field name; empty when about the whole request.",
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error response."""

    error = ErrorDetailSerializer()


def error_responses(*codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """The documented error answers of an endpoint."""
    descriptions = {
        400: "Unknown query parameter or malformed value; `details` names it.",
        401: "The token is not valid.",
        404: "No public record with that slug.",
        410: "The record was retracted: `details` gives its `slug`, `type`, `retracted_at` "
        "and the public retraction `note` (each as a one-item list); nothing else of it is shown.",
        429: "Too many requests; retry after the `Retry-After` header's seconds.",
    }
    examples = {
        400: [
            OpenApiExample(
                "Unknown parameter",
                value={
                    "error": {
                        "status": 400,
                        "code": "invalid_parameter",
                        "message": "Invalid query parameter 'acuser': Unknown query parameter.",
                        "details": {"acuser": ["Unknown query parameter."]},
                    }
                },
            )
        ],
        410: [
            OpenApiExample(
                "Retracted record",
                value={
                    "error": {
                        "status": 410,
                        "code": "retracted",
                        "message": "This allegation was retracted on 2026-03-01T12:00:00Z. "
                        "Retraction note: Withdrawn by the accuser.",
                        "details": {
                            "slug": ["an-allegation"],
                            "type": ["allegation"],
                            "retracted_at": ["2026-03-01T12:00:00Z"],
                            "note": ["Withdrawn by the accuser."],
                        },
                    }
                },
            )
        ],
    }
    return {
        (code, "application/json"): OpenApiResponse(
            ErrorSerializer, description=descriptions[code], examples=examples.get(code, [])
        )
        for code in codes
    }


FIELDS_PARAMETERS = [
    OpenApiParameter(
        "fields",
        str,
        description="Comma-separated top-level fields to keep, e.g. `slug,title`.",
    ),
    OpenApiParameter(
        "omit", str, description="Comma-separated top-level fields to leave out, e.g. `citations`."
    ),
]
