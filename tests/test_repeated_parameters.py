"""Kind: a parameter that takes one value, given twice, is a 400 naming it.

``?status=alleged&status=responded`` used to keep the last value silently, on the
portal and in the API, so a reader saw a list filtered by half of what was asked.
The oracle is the documentation, not the code under test: in the API, a
parameter is repeatable when the OpenAPI schema says so (an exploded array, or
"repeat" in its description); on the portal, when the same filter is.
"""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from casebook.records.filters import RECORD_FILTERSETS, AccusedPartyFilterSet
from casebook.records.filters.repeats import (
    NOT_REPEATABLE,
    repeatable_filters,
    repeatable_form_fields,
)

pytestmark = pytest.mark.django_db

#: Needs a staff token before it reads its parameters (tested in tests/api).
STAFF_ONLY = {"/api/v1/clause-suggestions/"}
#: Values a parameter may be given twice with: ``format`` must name a format.
TWO_VALUES = {"format": ("json", "json")}


def schema_parameters() -> list[tuple[str, str, bool]]:
    """``(path, name, repeatable)`` for each query parameter of each list or answer endpoint."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation or "{" in path or path in STAFF_ONLY:
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            exploded_array = parameter.get("schema", {}).get("type") == "array" and parameter.get(
                "explode", True
            )
            described = "repeat" in parameter.get("description", "").lower()
            found.append((path, parameter["name"], bool(exploded_array or described)))
    return found


PARAMETERS = schema_parameters()


def test_the_schema_lists_both_kinds():
    repeatable = {name for _, name, repeats in PARAMETERS if repeats}
    single = {name for _, name, repeats in PARAMETERS if not repeats}
    assert {"party", "topic", "accused"} <= repeatable
    assert {"status", "kind", "q", "page", "made_after", "fields"} <= single


@pytest.mark.parametrize(("path", "name", "repeatable"), PARAMETERS)
def test_api_refuses_a_single_value_parameter_given_twice(path, name, repeatable):
    first, second = TWO_VALUES.get(name, ("a", "b"))

    response = APIClient().get(f"{path}?{name}={first}&{name}={second}")

    errors = response.json()["error"]["details"] if response.status_code == 400 else {}
    if repeatable:
        assert NOT_REPEATABLE not in errors.get(name, [])
    else:
        assert response.status_code == 400, (path, name)
        assert errors[name] == [NOT_REPEATABLE]


PORTAL_LISTS = [
    *((f"portal:{name}_list", filterset) for name, filterset in RECORD_FILTERSETS.items()),
    ("portal:accused_party_list", AccusedPartyFilterSet),
]


@pytest.mark.parametrize(("url_name", "filterset"), PORTAL_LISTS)
def test_portal_lists_refuse_a_single_value_filter_given_twice(client, url_name, filterset):
    form = client.get(reverse(url_name)).context["filter"].form
    form_fields = set(form.fields)
    # The portal's names for the shared filters (``party`` for a vendor…) are its own;
    # tests/api/test_portal_parity.py holds them to the API's filters.
    repeatable = repeatable_form_fields(form.fields)
    assert repeatable >= set(repeatable_filters(filterset)) & form_fields
    single = sorted(form_fields - repeatable - {"ordering"})
    assert single, url_name  # every list has a filter of one value (q, at least)

    for name in single:
        response = client.get(reverse(url_name), {name: ["a", "b"]})
        assert response.status_code == 400, (url_name, name)
        assert name in response.content.decode()
        assert NOT_REPEATABLE in response.content.decode()
    for name in sorted(form_fields & repeatable):
        response = client.get(reverse(url_name), {name: ["a", "b"]})
        assert NOT_REPEATABLE not in response.content.decode(), (url_name, name)


@pytest.mark.parametrize(
    ("url_name", "name"),
    [("portal:timeline", "date_from"), ("portal:search", "q"), ("portal:clause_history", "vendor")],
)
def test_other_portal_pages_refuse_a_single_value_given_twice(client, url_name, name):
    response = client.get(reverse(url_name), {name: ["2024-01-01", "2025-01-01"]})

    assert response.status_code == 400
    assert NOT_REPEATABLE in response.content.decode()
