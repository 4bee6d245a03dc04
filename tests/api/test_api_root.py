"""The API root lists every endpoint a script may start from (found by a fresh-clone
tryout: it listed the record lists only, not the timeline, search, dump ...)."""

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

#: Schema paths a script does not start from: a record's own URLs (they come from a
#: list) and the staff-only suggestions.
NOT_STARTING_POINTS = ("{", "/clause-suggestions/")


def test_the_root_links_every_list_and_answer_of_the_schema(api):
    root = api.get(reverse("api:api-root"), HTTP_ACCEPT="application/json")
    assert root.status_code == 200
    linked = {url.removeprefix("http://testserver") for url in root.json().values()}

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = {p for p in schema["paths"] if not any(part in p for part in NOT_STARTING_POINTS)}
    assert paths - linked == set()
    for url in linked:
        assert api.get(url, HTTP_ACCEPT="application/json").status_code in (200, 400), url


def test_the_root_answers_as_every_endpoint_does(api):
    """It said ``Vary: Cookie`` only and took any query parameter (a tryout)."""
    root = api.get(reverse("api:api-root"))
    assert "Accept" in root["Vary"]
    for bad in ({"nope": "1"}, {"format": "csv"}, {"format": ""}):
        answer = api.get(reverse("api:api-root"), bad)
        assert answer.status_code == 400, bad
        assert answer.json()["error"]["details"].keys() == bad.keys()
