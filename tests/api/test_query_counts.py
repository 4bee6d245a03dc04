"""Each endpoint runs a number of SQL queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import Allegation, Capability, Case, TermsDocument
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CaseFactory,
    CasePartyFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def add_records(count: int) -> None:
    """``count`` published records of every type, each with its rows and links."""
    category = ClauseCategoryFactory(slug="no-competing-models")
    topic = TopicFactory(slug="distillation")
    for _ in range(count):
        vendor = PartyFactory()
        ClauseFactory(version__document__vendor=vendor, category=category)
        allegation = AllegationFactory(accuser=vendor)
        allegation.topics.add(topic)
        row = AccusedPartyFactory(allegation=allegation)
        coding, _ = Capability.objects.get_or_create(slug="coding", defaults={"name": "Coding"})
        row.capabilities.add(coding, CapabilityFactory())
        case = CaseFactory()
        case.allegations.add(allegation)
        CasePartyFactory(case=case)
        SettlementFactory(case=case)
        HoldingFactory()
        event = EventFactory(case=case)
        event.parties.add(vendor)


LIST_URLS = [
    ("api:party-list", {}),
    ("api:source-list", {}),
    ("api:allegation-list", {}),
    ("api:case-list", {}),
    ("api:settlement-list", {}),
    ("api:guidance-list", {}),
    ("api:terms-list", {}),
    ("api:clause-list", {}),
    ("api:event-list", {}),
    ("api:accused-party-list", {}),
    ("api:accused-party-list", {"capability": "coding", "page_size": "500"}),
    ("api:allegation-list", {"updated_since": "2000-01-01", "page_size": "500"}),
    ("api:allegation-list", {"topic": "distillation", "page_size": "500"}),
    ("api:timeline", {"page_size": "500"}),
    ("api:terms-matrix", {"on": "2026-01-01"}),
    ("api:search", {"q": "Party"}),
    ("api:compare", {}),
]


def queries(api, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.mark.parametrize(("url_name", "params"), LIST_URLS)
def test_list_queries_do_not_grow_with_data(api, url_name, params):
    url = reverse(url_name)
    add_records(1)
    small = queries(api, url, params)
    add_records(9)
    assert queries(api, url, params) == small


@pytest.mark.parametrize(
    "url_name", ["api:party-list", "api:allegation-list", "api:case-list", "api:terms-list"]
)
def test_queries_do_not_grow_with_page_size(api, url_name):
    add_records(10)
    url = reverse(url_name)
    assert queries(api, url, {"page_size": "2"}) == queries(api, url, {"page_size": "500"})


@pytest.mark.parametrize(
    ("url_name", "model"),
    [
        ("api:allegation-detail", "allegation"),
        ("api:case-detail", "case"),
        ("api:terms-detail", "terms"),
    ],
)
def test_detail_queries_do_not_grow_with_data(api, url_name, model):
    add_records(1)
    models = {"allegation": Allegation, "case": Case, "terms": TermsDocument}
    first = models[model].objects.first()
    url = reverse(url_name, kwargs={"slug": first.slug})
    small = queries(api, url, {})
    add_records(9)
    assert queries(api, url, {}) == small


@pytest.mark.parametrize("url_name", ["api:allegation-list", "api:accused-party-list"])
def test_csv_queries_do_not_grow_with_data(api, url_name):
    url = reverse(url_name)
    add_records(1)

    def csv_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(url, {"format": "csv"})
            b"".join(response.streaming_content)
        return len(captured)

    small = csv_queries()
    add_records(9)
    assert csv_queries() == small
