"""OpenAPI pieces shared by the endpoints: the API's description and the error shape."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiFilterExtension
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from casebook.api.pagination import MAX_PAGE_NUMBER, MAX_PAGE_SIZE, PAGE_SIZE

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
    """Postprocessing hook: the API's long description, the response examples, and the
    bounds every query parameter really has (see :func:`bound_query_parameters`)."""
    from casebook.api.examples import add_examples

    result["info"]["description"] = API_DESCRIPTION
    bound_query_parameters(result)
    return add_examples(result)


#: A value with something besides white space (blank is empty) and no NUL character
#: (PostgreSQL cannot compare one): anything else is a 400.
NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


def bound_query_parameters(result: dict) -> None:
    """Say in the schema what each query parameter accepts, so that a client or a fuzzer
    built from the schema sends only what the API takes (schemathesis checks that every
    request the schema allows is accepted). Changes ``result``, an OpenAPI 3 document as
    a dict, in place:

    - no parameter takes an empty or blank value ("Must not be empty") or a NUL
      character: strings get ``minLength: 1`` and a pattern;
    - ``page`` and ``page_size`` start at 1 and stop at their maximums;
    - ``fields`` and ``omit`` name top-level fields of the operation's own answer: a
      comma-separated list (``style: form, explode: false``) of those names.

    What no schema can say stays a 400 naming the parameter: a slug naming no public
    record, a cursor not given by the API, ``q`` past its distinct-word limit.
    """
    components = result.get("components", {}).get("schemas", {})
    for path in result.get("paths", {}).values():
        for operation in path.values():
            answer = _answer_fields(operation, components)
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                schema = parameter.setdefault("schema", {})
                name = parameter["name"]
                if name in ("fields", "omit") and answer:
                    parameter["schema"] = {
                        "type": "array",
                        "items": {"type": "string", "enum": answer},
                        "minItems": 1,
                    }
                    parameter.update(style="form", explode=False)
                    continue
                target = schema.get("items", schema) if schema.get("type") == "array" else schema
                if target.get("type") == "string" and "enum" not in target:
                    target.setdefault("minLength", 1)
                    if "format" not in target:
                        target.setdefault("pattern", NOT_BLANK)
                if name in ("page", "page_size"):
                    target.setdefault("minimum", 1)
                if name == "page":
                    target.setdefault("maximum", MAX_PAGE_NUMBER)
                if name == "page_size":
                    target.setdefault("maximum", MAX_PAGE_SIZE)


def _answer_fields(operation: dict, components: dict) -> list[str]:
    """The top-level field names of an operation's JSON answer (of each item of a page)."""
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    schema = components.get(schema.get("$ref", "").rsplit("/", 1)[-1], schema)
    items = schema.get("properties", {}).get("results", {}).get("items")
    if items is not None:
        schema = components.get(items.get("$ref", "").rsplit("/", 1)[-1], items)
    return sorted(schema.get("properties", {}))


class StrictOrderingFilterExtension(OpenApiFilterExtension):
    """``ordering`` in the schema: a comma-separated list of the view's ordering fields,
    each optionally prefixed with ``-`` (descending), as :class:`StrictOrderingFilter`
    accepts them."""

    target_class = "casebook.api.filters.StrictOrderingFilter"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs) -> list[dict]:
        fields = getattr(auto_schema.view, "ordering_fields", None) or []
        choices = [choice for field in fields for choice in (field, f"-{field}")]
        return [
            {
                "name": self.target.ordering_param,
                "required": False,
                "in": "query",
                "description": "Fields to order by, comma-separated; `-` before a field "
                "orders it descending. Ties are broken by the record's id.",
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": choices},
                    "minItems": 1,
                },
                "style": "form",
                "explode": False,
            }
        ]


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
        403: "Staff only: sign in as a staff member (session) or send a staff member's token.",
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
