"""Kind: a CSV answer refuses a paging parameter no page could have, as JSON does.

A CSV lists every match at once, so ``page`` and ``page_size`` do not apply to it,
but ``?page_size=null&format=csv`` answered 200 where the JSON page answers 400:
one schema describes both formats, and a client reading it is told the value is
wrong (schemathesis found it). The oracle is the schema: every list or answer
that offers ``text/csv`` and declares ``page`` or ``page_size``.
"""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from casebook.api.pagination import MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db

#: Needs a staff token before it reads its parameters (tested in tests/api).
STAFF_ONLY = {"/api/v1/clause-suggestions/"}
#: Values no page could have, for each paging parameter.
BAD_VALUES = {
    "page": ["0", "-1", "null", "two", "1.5"],
    "page_size": ["0", str(MAX_PAGE_SIZE + 1), "null", "-3", "²"],
}
#: What a required parameter is given, so the request reaches the paging check.
REQUIRED = {"q": "distillation", "vendor": "x", "category": "x", "on": "2024-01-01"}


def csv_paging_cases() -> list[tuple[str, dict, str]]:
    """``(path, required query, paging parameter)`` from the public schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    cases = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation or "{" in path or path in STAFF_ONLY:
            continue
        offers_csv = any(
            "text/csv" in r.get("content", {}) for r in operation["responses"].values()
        )
        parameters = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
        required = {n: REQUIRED[n] for n, p in parameters.items() if p.get("required")}
        cases += [(path, required, n) for n in BAD_VALUES if offers_csv and n in parameters]
    return cases


CASES = csv_paging_cases()


def test_the_schema_names_csv_lists_with_paging():
    paths = {path for path, _, _ in CASES}
    assert {"/api/v1/allegations/", "/api/v1/events/", "/api/v1/search/"} <= paths


@pytest.mark.parametrize(("path", "required", "name"), CASES)
def test_a_csv_answer_refuses_a_paging_value_no_page_could_have(path, required, name):
    api = APIClient()
    for value in BAD_VALUES[name]:
        response = api.get(path, {**required, name: value, "format": "csv"})
        assert response.status_code == 400, (path, name, value, response.content[:200])
        assert name in response.json()["error"]["details"], (path, name, value)


@pytest.mark.parametrize(("path", "required", "name"), CASES)
def test_a_csv_answer_takes_a_good_paging_value_and_lists_every_match(path, required, name):
    response = APIClient().get(path, {**required, name: "1", "format": "csv"})
    assert response.status_code == 200, (path, name, response.content[:200])
    assert response["Content-Type"].startswith("text/csv")
