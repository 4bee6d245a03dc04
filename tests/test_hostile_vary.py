"""Kind: content negotiation. An API answer whose format follows ``Accept`` says ``Vary: Accept``.

Otherwise a shared cache may hand the CSV it stored to a client that asked for
JSON. Every API answer carries it: JSON and CSV, errors, and 304 Not Modified.
"""

import pytest
from django.core.cache import cache
from django.utils.cache import cc_delim_re

from tests.factories import AllegationFactory, EventFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/sources/",
    "/api/v1/allegations/",
    "/api/v1/events/",
    "/api/v1/terms-versions/",
    "/api/v1/timeline/",
    "/api/v1/search/?q=quokka",
]
OTHERS = [
    "/api/v1/allegations/claim/",
    "/api/v1/terms-matrix/",
    "/api/v1/compare/",
    "/api/v1/dump/",
]


@pytest.fixture(autouse=True)
def records():
    cache.clear()
    AllegationFactory(slug="claim", title="Quokka claim")
    EventFactory(headline="Quokka event")
    yield
    cache.clear()


def varies_on_accept(response) -> bool:
    return "accept" in {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "headers, content_type",
    [
        ({}, "application/json"),
        ({"HTTP_ACCEPT": "application/json"}, "application/json"),
        ({"HTTP_ACCEPT": "text/csv"}, "text/csv"),
        ({"HTTP_ACCEPT": "text/csv;q=0.5, application/json"}, "application/json"),
    ],
)
def test_lists_vary_on_accept_in_both_formats(client, url, headers, content_type):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert varies_on_accept(response), (url, headers, response.get("Vary"))


@pytest.mark.parametrize("url", [u + ("&" if "?" in u else "?") + "format=csv" for u in LISTS])
def test_csv_by_format_parameter_varies_on_accept(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert varies_on_accept(response)


@pytest.mark.parametrize("url", LISTS + OTHERS)
def test_not_modified_answers_vary_on_accept(client, url):
    first = client.get(url, HTTP_ACCEPT="application/json")
    assert first.status_code == 200 and varies_on_accept(first)
    again = client.get(url, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert varies_on_accept(again), (url, again.get("Vary"))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sources/?nonsense=1",
        "/api/v1/sources/?ordering=nonsense",
        "/api/v1/allegations/no-such-claim/",
        "/api/v1/sources/?format=xml",
    ],
)
def test_errors_vary_on_accept_too(client, url):
    response = client.get(url, HTTP_ACCEPT="text/csv")
    assert response.status_code in (400, 404, 406)
    assert response["Content-Type"].startswith("application/json")
    assert varies_on_accept(response)
