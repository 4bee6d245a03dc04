"""The 503 answer for a lost database, on every path an error can take.

Views (portal and API) are covered end to end with real servers in
test_processes.py; here the error comes from a real failed connection to a
port where no database listens, raised outside a view (``handler500``) and in
the API's exception handler.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import OperationalError as DjangoOperationalError
from django.test import RequestFactory

from casebook.api.exceptions import exception_handler
from casebook.middleware import DatabaseUnavailableMiddleware, server_error
from tests.servers import free_port


def real_connection_error() -> psycopg.OperationalError:
    """The error psycopg raises when nothing listens where the database should be."""
    try:
        psycopg.connect(host="127.0.0.1", port=free_port(), user="nobody", connect_timeout=2)
    except psycopg.OperationalError as exc:
        return exc
    raise AssertionError("something listens on a free port")


@pytest.mark.parametrize("wrap", [lambda e: e, lambda e: DjangoOperationalError(str(e))])
@pytest.mark.parametrize(("path", "json"), [("/allegations/", False), ("/api/v1/sources/", True)])
def test_an_outage_raised_outside_a_view_is_a_503(settings, wrap, path, json):
    settings.CASEBOOK_DATABASE_RETRY_AFTER = 9
    request = RequestFactory().get(path)
    error = wrap(real_connection_error())
    try:
        raise error
    except Exception:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "9"
    if json:
        assert response["Content-Type"] == "application/json"
        assert b'"code": "database_unavailable"' in response.content
    else:
        assert response["Content-Type"].startswith("text/html")
        assert b"Temporarily unavailable" in response.content


def test_any_other_error_outside_a_view_stays_a_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_the_api_handler_answers_an_outage_in_the_error_shape():
    response = exception_handler(real_connection_error(), {})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.data["error"]["code"] == "database_unavailable"
    assert response.data["error"]["status"] == 503


def test_the_middleware_leaves_other_errors_alone():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("a bug")) is None
    assert middleware.process_exception(request, real_connection_error()).status_code == 503
