"""One JSON shape for every error the API returns.

Every error, whatever raised it, answers::

    {"error": {"status": 400, "code": "invalid_parameter",
               "message": "Unknown query parameter: 'acuser'.",
               "details": {"acuser": ["Unknown query parameter."]}}}

``details`` maps a parameter or field name to its messages (empty when the
error is about the request as a whole).
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from casebook.middleware import is_database_unavailable, retry_after_seconds

logger = logging.getLogger(__name__)


class Retracted(exceptions.APIException):
    """The record at this URL was retracted: 410 Gone, with the retraction's date and note.

    ``details`` carries the tombstone (see :mod:`casebook.records.selectors.tombstones`),
    each value as a one-item list like every other ``details`` entry::

        {"slug": ["…"], "type": ["allegation"], "retracted_at": ["2026-03-01T12:00:00Z"],
         "note": ["Withdrawn by the accuser."]}
    """

    status_code = status.HTTP_410_GONE
    default_code = "retracted"

    def __init__(self, tombstone: dict[str, str]):
        message = f"This {tombstone['type']} was retracted on {tombstone['retracted_at']}."
        if tombstone["note"]:
            message += f" Retraction note: {tombstone['note']}"
        super().__init__(message, code=self.default_code)
        self.tombstone = tombstone


class InvalidParameter(exceptions.ValidationError):
    """A query parameter is unknown or its value is malformed: 400 naming the parameter."""

    default_code = "invalid_parameter"

    def __init__(self, errors: dict[str, list[str] | str]):
        super().__init__(errors, code=self.default_code)
        self.errors = {
            name: [str(m) for m in (msgs if isinstance(msgs, list | tuple) else [msgs])]
            for name, msgs in errors.items()
        }


def error_body(status_code: int, code: str, message: str, details: dict | None = None) -> dict:
    """The error envelope shared by every error response."""
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "details": details or {},
        }
    }


def database_unavailable_body() -> dict:
    """The 503 error envelope answered while the database is unreachable."""
    return error_body(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        "database_unavailable",
        "The database is unavailable at the moment; try again after Retry-After seconds.",
    )


def invalid_parameters_message(errors: dict[str, list[str]]) -> str:
    """One sentence for the error's ``message``: each set of messages once, after the
    parameters it is about (``Invalid query parameter 'a', 'b': Unknown query parameter.
    'c': Must not be empty.``): each message is a sentence, ended by its full stop.

    Parameters with the same messages share them: two unknown parameters used to
    print the same long list of the endpoint's parameters twice.
    """
    by_messages: dict[tuple[str, ...], list[str]] = {}
    for name, messages in errors.items():
        by_messages.setdefault(tuple(messages), []).append(repr(name))
    return "Invalid query parameter " + " ".join(
        f"{', '.join(names)}: {' '.join(messages)}" for messages, names in by_messages.items()
    )


def _flatten(detail: Any) -> dict[str, list[str]]:
    """DRF's error detail as ``{name: [messages]}``."""
    if isinstance(detail, dict):
        return {
            str(name): [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for name, msgs in detail.items()
        }
    return {}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, with every answer rewrapped in the one error envelope."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if is_database_unavailable(exc):
        logger.error("Database unavailable while answering the API: %s", exc)
        return Response(
            database_unavailable_body(),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(retry_after_seconds()), "Cache-Control": "no-store"},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django's 500 handling (and logging) takes over
    if isinstance(exc, Retracted):
        details = {name: [value] for name, value in exc.tombstone.items()}
        code = Retracted.default_code
        message = str(exc.detail)
    elif isinstance(exc, InvalidParameter):
        details = exc.errors
        message = invalid_parameters_message(details)
        code = InvalidParameter.default_code
    elif isinstance(exc, exceptions.ValidationError):
        details = _flatten(exc.detail)
        code = "invalid"
        message = "The request is invalid."
        if isinstance(exc.detail, list) and exc.detail:
            message = " ".join(str(m) for m in exc.detail)
    else:
        details = {}
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        if not isinstance(code, str):
            code = "error"
        message = str(getattr(exc, "detail", exc))
    response.data = error_body(response.status_code, code, message, details)
    return response


def not_found(request, *args, **kwargs) -> JsonResponse:
    """404 in the error envelope for any path under /api/v1/ that names no endpoint."""
    body = error_body(
        status.HTTP_404_NOT_FOUND,
        "not_found",
        f"No API endpoint at {request.path}. See the schema for the endpoints.",
    )
    return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)
