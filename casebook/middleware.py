"""While the database is unreachable, answer 503 with ``Retry-After``, and recover alone.

A lost database is not a bug in a page: every page and endpoint answers
``503 Service Unavailable`` with ``Retry-After`` (the portal a short HTML page,
the API its one JSON error shape) instead of a 500. Nothing is kept between
requests: Django closes a connection that failed, the next request opens a new
one, and answers are normal again as soon as the database is back.

The API's own exception handler (``casebook.api.exceptions``) answers the
same way for errors raised inside DRF views; this middleware covers the rest
(portal and admin views, template rendering, streamed answers such as CSV,
which read the database only once sent), and ``server_error`` covers errors
raised by other middleware.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import psycopg
from django import db
from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)

#: Errors that mean "the database cannot be reached or used right now" (Django wraps
#: most driver errors in its own classes; psycopg's are listed for those it does not).
DATABASE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    db.OperationalError,
    db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True when ``exc`` says the database is unreachable or unusable (not a bug in a query)."""
    return isinstance(exc, DATABASE_UNAVAILABLE_ERRORS)


def retry_after_seconds() -> int:
    """Seconds a client should wait before trying again (``CASEBOOK_DATABASE_RETRY_AFTER``)."""
    return int(settings.CASEBOOK_DATABASE_RETRY_AFTER)


def is_api_request(request: HttpRequest) -> bool:
    """True for a request to the JSON API (namespace ``api``, or a path under /api/)."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "api" in match.namespaces
    return request.path.startswith("/api/")


def database_unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """503 with ``Retry-After``: the API's JSON error shape, or the portal's short HTML page."""
    logger.error("Database unavailable while answering %s: %s", request.path, exc)
    if is_api_request(request):
        from casebook.api.exceptions import database_unavailable_body

        response: HttpResponse = JsonResponse(database_unavailable_body(), status=503)
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    return response


def ensure_database_usable() -> None:
    """Connect if need be and check the connection answers.

    Raises ``django.db.OperationalError`` when the database cannot be reached.
    """
    if connection.connection is not None and not connection.is_usable():
        connection.close()  # a broken connection: the next attempt opens a new one
        raise db.OperationalError("The database connection was lost.")
    with connection.wrap_database_errors:
        connection.ensure_connection()


class DatabaseUnavailableMiddleware:
    """Turns a database outage raised by a view (or its template) into a 503.

    A streamed answer reads the database only while it is sent, too late for a
    503: before one is sent, the connection is checked (one ``SELECT 1`` on
    PostgreSQL).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming and not isinstance(response, FileResponse):
            try:
                ensure_database_usable()
            except DATABASE_UNAVAILABLE_ERRORS as exc:
                response.close()
                return database_unavailable_response(request, exc)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A 503 for a database outage; None (Django's usual handling) for anything else."""
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a 503 when the uncaught error was a database outage, else Django's 500.

    Reached for errors raised outside views (in another middleware), which
    ``DatabaseUnavailableMiddleware.process_exception`` never sees.
    """
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return database_unavailable_response(request, exc)
    return defaults.server_error(request, template_name)
