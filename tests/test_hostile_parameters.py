"""Kind: query parameters that parse but overflow or mislead.

Every parameter of every API endpoint (as the OpenAPI schema lists them) and of
every portal page answers 200 or a 400 that names the parameter — never a 500,
whatever its value: overflowing dates and times, numbers past 64 bits, digits
that are not ASCII, NUL bytes, very long strings, hand-made cursors.
"""

import base64
import datetime
import json
import re

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.portal import forms as portal_forms
from casebook.portal import views as portal_views
from casebook.portal.filters import TermsMatrixFilter
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    StaffUserFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.0",
    "1e400",
    "²",
    "١٢",
    "9" * 30,
    "9" * 5000,
    str(2**63),
    str(2**64),
    "\x00",
    "a\x00b",
    "0000-01-01",
    "0001-01-01",
    "10000-01-01",
    "9999-12-31",
    "2024-02-30",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+23:59",
    "2024-01-01T25:00",
    "2024-01-01T00:00:00+99:00",
    "NaN",
    "inf",
    "null",
    "' OR 1=1 --",
    "../../etc/passwd",
    "a" * 10_000,
    "csv",
    "json",
    "-updated_at",
    "pk",
    "slug,-slug,",
    "\u202e\U0001f600",
    b64("o=1&r=0&p=garbage"),
    b64("o=99999999999999999999999&p=2024-01-01"),
    b64("p=9999-12-31T23:59:59-14:00"),
    b64("p=0001-01-01T00:00:00+14:00"),
    b64("r=2"),
    b64("p=\x00"),
    b64("a|x|y"),
    b64("b|2024-01-01|allegation:x"),
    "!!!",
]

VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(str),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
)


@pytest.fixture
def world():
    """One public record of each type, each with the slug ``rec`` (detail routes use it)."""
    vendor = PartyFactory(slug="vendor", name="Quokka vendor")
    PartyFactory(slug="rec")
    SourceFactory(slug="rec")
    category = ClauseCategoryFactory(slug="no-competing-models")
    TopicFactory(slug="distillation")
    document = TermsDocumentFactory(slug="rec", vendor=vendor)
    version = TermsVersionFactory(document=document, effective_from=datetime.date(2024, 1, 1))
    ClauseFactory(version=version, category=category)
    allegation = AllegationFactory(slug="rec", title="Quokka claim", accuser=vendor)
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(slug="rec-accused"))
    case = CaseFactory(slug="rec")
    SettlementFactory(slug="rec", case=case)
    GuidanceFactory(slug="rec")
    EventFactory(slug="rec")
    return vendor


# --------------------------------------------------------------------------
# API: every operation and query parameter of the OpenAPI schema
# --------------------------------------------------------------------------

_SCHEMA = json.loads(
    json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)
)

#: Valid values of the parameters an operation requires, so that one bad value is alone.
REQUIRED = {
    "/api/v1/search/": {"q": "quokka"},
    "/api/v1/clause-in-force/": {
        "vendor": "vendor",
        "category": "no-competing-models",
        "on": "2025-01-01",
    },
}
#: Path parameters of detail routes: values of the world's records.
PATH_VALUES = {
    "slug": "rec",
    "document": "rec",
    "date": "2024-01-01",
    "category": "no-competing-models",
    "allegation": "rec",
    "party": "rec-accused",
}


#: Endpoints only staff may read (anyone else gets 401/403, tested in their own files).
STAFF_ONLY = {"/api/v1/clause-suggestions/"}


def api_operations() -> list[tuple[str, list[str]]]:
    operations = []
    for path, item in sorted(_SCHEMA["paths"].items()):
        get = item.get("get")
        if get is None or path.endswith(("/schema/", "/docs/")):
            continue
        names = sorted(
            {p["name"] for p in get.get("parameters", []) if p["in"] == "query"} | {"format"}
        )
        operations.append((path, names))
    return operations


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES.get(m.group(1), "x"), path)


def names_in_error(response) -> set[str]:
    body = response.json()
    return set(body["error"]["details"])


@pytest.mark.parametrize("path, names", api_operations(), ids=[p for p, _ in api_operations()])
def test_every_api_parameter_answers_200_or_400_naming_it(client, world, path, names):
    url = concrete(path)
    if "{number}" in path:  # a revision of the record: its number depends on the database
        revisions = url.split("revisions/")[0] + "revisions/"
        url = f"{revisions}{client.get(revisions).json()['current']}/"
    base = REQUIRED.get(path, {})
    if path in STAFF_ONLY:
        client.force_login(StaffUserFactory())

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(name=st.sampled_from(names), value=VALUES)
    def check(name, value):
        cache.clear()  # throttle counts
        response = client.get(url, {**base, name: value})
        if value == "":
            # A script's empty value is a mistake to name (the portal's forms redirect).
            assert response.status_code == 400, (url, name, response.status_code)
        assert response.status_code in (200, 400), (url, name, value, response.status_code)
        if response.status_code == 400:
            assert name in names_in_error(response), (url, name, value, response.json())

    check()


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"updated_since": "9999-12-31T23:59:59-14:00"}, "updated_since"),
        ({"updated_since": "0001-01-01T00:00:00+14:00"}, "updated_since"),
        ({"page": "²"}, "page"),
        ({"page": str(10**30)}, "page"),
        ({"page_size": "١٢"}, "page_size"),
        ({"updated_since": "2020-01-01", "cursor": b64("p=garbage")}, "cursor"),
        ({"updated_since": "2020-01-01", "cursor": b64("p=9999-12-31T23:59:59-14:00")}, "cursor"),
    ],
)
@pytest.mark.parametrize("endpoint", ["sources", "allegations", "terms-versions", "events"])
def test_known_overflows_are_400s(client, world, endpoint, query, parameter):
    if endpoint == "terms-versions" and "cursor" in query:
        parameter = "cursor"  # no cursor on this list: refused as unknown
    response = client.get(f"/api/v1/{endpoint}/", query)
    assert response.status_code == 400, response.content
    assert parameter in names_in_error(response)


def test_a_far_future_updated_since_in_utc_is_an_empty_page_not_an_error(client, world):
    response = client.get("/api/v1/sources/", {"updated_since": "9999-12-31T23:59:59+14:00"})
    assert response.status_code == 200
    assert response.json()["results"] == []


# --------------------------------------------------------------------------
# Portal: every list's filters, and the pages read from forms
# --------------------------------------------------------------------------

PORTAL_LISTS = {
    "/parties/": portal_views.PartyListView,
    "/sources/": portal_views.SourceListView,
    "/terms/": portal_views.TermsListView,
    "/allegations/": portal_views.AllegationListView,
    "/cases/": portal_views.CaseListView,
    "/settlements/": portal_views.SettlementListView,
    "/guidance/": portal_views.GuidanceListView,
    "/events/": portal_views.EventListView,
}
PORTAL_PAGES = {
    **{
        url: sorted({*view.filterset_class.base_filters, "page", "format"})
        for url, view in PORTAL_LISTS.items()
    },
    "/timeline/": sorted(portal_forms.TimelineForm.base_fields),
    "/compare/terms/": sorted(
        {*portal_forms.TermsMatrixForm.base_fields, *TermsMatrixFilter.base_filters, "page"}
    ),
    "/compare/terms/history/": sorted(portal_forms.ClauseHistoryForm.base_fields),
    "/compare/allegations/": ["key"],
    "/search/": [*sorted(portal_forms.SearchForm.base_fields), "page"],
}
PORTAL_REQUIRED = {
    "/compare/terms/history/": {"vendor": "vendor", "category": "no-competing-models"},
    "/search/": {"q": "quokka"},
}


def portal_error_names(response) -> set[str]:
    content = response.content.decode()
    named = set(re.findall(r"<dt><code>(\w+)</code></dt>", content))
    if 'class="error"' in content:  # the comparison page's own error line
        named |= set(re.findall(r'<p class="error" role="alert">(\w+):', content))
    return named


@pytest.mark.parametrize("url", sorted(PORTAL_PAGES))
def test_every_portal_parameter_answers_200_or_400_naming_it(client, world, url):
    names = PORTAL_PAGES[url]
    base = PORTAL_REQUIRED.get(url, {})

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(name=st.sampled_from(names), value=VALUES)
    def check(name, value):
        response = client.get(url, {**base, name: value})
        if value == "":
            # An empty value means "no filter": the page redirects to the URL without it.
            assert response.status_code == 302, (url, name, response.status_code)
            assert f"{name}=" not in response["Location"], (url, name, response["Location"])
            response = client.get(response["Location"])
        assert response.status_code in (200, 400), (url, name, value, response.status_code)
        if response.status_code == 400:
            assert name in portal_error_names(response), (url, name, value)

    check()


@pytest.mark.parametrize(
    "url, query, parameter",
    [
        ("/sources/", {"date_from": "10000-01-01"}, "date_from"),
        ("/sources/", {"ordering": "nonsense"}, "ordering"),
        ("/sources/", {"page": str(10**30)}, "page"),
        ("/sources/", {"page": "²"}, "page"),
        ("/sources/", {"format": "xml"}, "format"),
        ("/parties/", {"country": "a\x00b"}, "country"),
        ("/allegations/", {"party": "no-such-party"}, "party"),
        ("/timeline/", {"date_to": "0000-01-01"}, "date_to"),
        ("/timeline/", {"record_type": "nonsense"}, "record_type"),
        ("/compare/terms/", {"on": "2024-13-01"}, "on"),
        ("/search/", {"q": "quokka", "type": "nonsense"}, "type"),
        ("/search/", {"q": "quokka", "page": "99"}, "page"),
        ("/search/", {"q": "q" * 201}, "q"),
    ],
)
def test_portal_answers_400_naming_the_parameter(client, world, url, query, parameter):
    response = client.get(url, query)
    assert response.status_code == 400
    assert parameter in portal_error_names(response)
    assert "Quokka claim" not in response.content.decode()  # not the unfiltered list


def test_portal_ignores_parameters_it_does_not_know(client, world):
    response = client.get("/allegations/", {"utm_source": "newsletter"})
    assert response.status_code == 200
    assert "Quokka claim" in response.content.decode()
