"""Schemathesis against our own OpenAPI schema: every endpoint, no server error, conformant answers.

This is the schemathesis run of CI (``.ci/run`` runs the whole suite). It
drives the WSGI application in-process over a small published dataset (with
drafts beside it), with a fixed number of generated requests per operation so
it stays quick.
"""

import json
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    positive_data_acceptance,
    response_schema_conformance,
)

from casebook.records.models import EditorialStatus
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
)

EXAMPLES_PER_OPERATION = 12

#: The refusals of a request the schema allows that no static schema can express.
SCHEMA_CANNOT_SAY = re.compile(
    r"Unknown value|Unknown comparison key"
    r"|different words|[Cc]ursor|Only with updated_since|Cannot be combined|past the last page"
)

# The schema exactly as /api/v1/schema/ serves it, generated without a request.
_raw = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
schema = schemathesis.openapi.from_dict(_raw)
schema.app = get_wsgi_application()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test's database connection after each
    request (Django's test client avoids this the same way), losing the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def published_data(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    vendor = PartyFactory(slug="vendor")
    category = ClauseCategoryFactory(slug="no-competing-models")
    ClauseFactory(version__document__vendor=vendor, category=category)
    allegation = AllegationFactory(slug="allegation", accuser=vendor)
    AccusedPartyFactory(allegation=allegation)
    AllegationFactory(slug="draft", editorial_status=EditorialStatus.DRAFT)
    SettlementFactory()
    HoldingFactory()
    EventFactory()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_the_schema(case):
    query = case.query or {}
    sparse = "fields" in query or "omit" in query
    # With `fields` or `omit` an answer rightly lacks fields its schema lists as required:
    # there, `answer_keeps_the_chosen_fields` checks the shape instead.
    skipped = [positive_data_acceptance, *([response_schema_conformance] if sparse else [])]
    response = case.call_and_validate(excluded_checks=skipped)
    assert response.status_code < 500
    if sparse and response.status_code == 200:
        answer_keeps_the_chosen_fields(response, query)
    # "Positive data acceptance": every request the schema allows is accepted, but for the
    # refusals no static schema can express, and only those: a well-formed slug or
    # comparison key naming no public record (slugs change with the data; listing them
    # would publish the whole index in the schema), a cursor the API did not give or
    # without `updated_since`, `q` past its distinct-word limit, `ordering` combined with
    # `updated_since`, and a search page past the last. Each is a 400 naming the
    # parameter. (The response schema check holds every null to a field the schema
    # declares nullable; tests/api/test_empty_is_null.py checks that no "" is left.)
    try:
        case.validate_response(response, checks=[positive_data_acceptance])
    except FailureGroup as failure:
        assert response.status_code == 400, failure
        error = response.json()["error"]
        messages = [message for found in error["details"].values() for message in found]
        assert error["code"] == "invalid_parameter" and messages, error
        unexpressible = [m for m in messages if SCHEMA_CANNOT_SAY.search(m)]
        assert unexpressible == messages, (case.as_curl_command(), error)


def answer_keeps_the_chosen_fields(response, query: dict) -> None:
    """Each object of a JSON answer has exactly the fields `fields` keeps and `omit` leaves."""
    if not response.headers.get("Content-Type", "").startswith("application/json"):
        return
    body = response.json()
    objects = body["results"] if isinstance(body.get("results"), list) else [body]

    def names(value) -> set[str]:
        values = value if isinstance(value, list) else [value]
        return {name for item in values for name in str(item).split(",")}

    for item in objects:
        keys = set(item)
        if "fields" in query:
            assert keys <= names(query["fields"]), (keys, query)
        if "omit" in query:
            assert not keys & names(query["omit"]), (keys, query)
