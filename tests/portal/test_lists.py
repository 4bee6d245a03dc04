"""Record lists: filters, ordering, pagination and CSV download."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from casebook.records.models import Allegation, Case, Event, Guidance, Source, TermsDocument
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    EventFactory,
    GuidanceFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [
    ("party", "portal/party_list.html"),
    ("source", "portal/source_list.html"),
    ("terms", "portal/terms_list.html"),
    ("allegation", "portal/allegation_list.html"),
    ("case", "portal/case_list.html"),
    ("settlement", "portal/settlement_list.html"),
    ("guidance", "portal/guidance_list.html"),
    ("event", "portal/event_list.html"),
]


def listed(client, record_type: str, **params) -> list:
    response = client.get(reverse(f"portal:{record_type}_list"), params)
    assert response.status_code == 200
    return list(response.context["object_list"])


def csv_rows(client, record_type: str, **params) -> list[dict]:
    response = client.get(reverse(f"portal:{record_type}_list"), {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming  # the whole list is streamed, never held in memory
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("record_type, template", LISTS)
def test_each_list_renders_public_records(client, world, record_type, template):
    response = client.get(reverse(f"portal:{record_type}_list"))
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    assert response.context["object_list"]
    record = response.context["object_list"][0]
    assert record.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize("record_type, _", LISTS)
def test_each_list_downloads_as_csv(client, world, record_type, _):
    rows = csv_rows(client, record_type)
    expected = set(
        listed(client, record_type)[0]._meta.model.objects.public().values_list("slug", flat=True)
    )
    assert {row["slug"] for row in rows} == expected
    assert all(row["portal_url"].startswith("http://testserver/") for row in rows)


def test_csv_keeps_the_filters_and_ignores_the_page(client, world):
    other = AllegationFactory(title="Other allegation")
    assert {r["slug"] for r in csv_rows(client, "allegation", party=world.accused.slug)} == {
        world.allegation.slug
    }
    assert {r["slug"] for r in csv_rows(client, "allegation", page=2)} == {
        world.allegation.slug,
        other.slug,
    }


def test_allegation_csv_has_the_figures_and_accused(client, world):
    # The API's columns: linked records and terms by slug.
    (row,) = csv_rows(client, "allegation")
    assert row["accuser"] == world.accuser.slug
    assert row["accused"] == world.accused.slug
    assert row["exchanges"] == str(world.allegation.exchanges)
    assert row["legal_theories"] == "terms-breach"


def test_allegation_list_filters_by_party_in_either_role(client, world):
    other = AllegationFactory()
    assert listed(client, "allegation", party=world.accuser.slug) == [world.allegation]
    assert listed(client, "allegation", party=world.accused.slug) == [world.allegation]
    assert listed(client, "allegation", party=other.accuser.slug) == [other]


def test_allegation_list_filters_by_status_topic_theory_and_dates(client, world):
    other = AllegationFactory(status=Allegation.Status.LITIGATED, made_on=datetime.date(2024, 5, 1))
    assert listed(client, "allegation", status="litigated") == [other]
    assert listed(client, "allegation", topic="distillation") == [world.allegation]
    assert listed(client, "allegation", legal_theory="terms-breach") == [world.allegation]
    assert listed(client, "allegation", date_from="2025-01-01") == [world.allegation]
    assert listed(client, "allegation", date_to="2024-12-31") == [other]


def test_allegation_list_orders(client, world):
    older = AllegationFactory(made_on=datetime.date(2020, 1, 1))
    assert listed(client, "allegation", ordering="date") == [older, world.allegation]
    assert listed(client, "allegation", ordering="-date") == [world.allegation, older]


def test_case_list_filters(client, world):
    other = CaseFactory(status=Case.Status.DECIDED, filed_on=datetime.date(2020, 1, 1))
    assert listed(client, "case", party=world.accused.slug) == [world.case]
    # A court is not a party to the case (as in the API); it has its own filter.
    assert listed(client, "case", party=world.court.slug) == []
    assert listed(client, "case", court=world.court.slug) == [world.case]
    assert listed(client, "case", status="decided") == [other]
    assert listed(client, "case", topic="distillation") == [world.case]
    assert listed(client, "case", date_to="2021-01-01") == [other]


def test_settlement_list_filters(client, world):
    other = SettlementFactory(announced_on=None, preliminary_approval_on=None)
    assert listed(client, "settlement", party=world.accuser.slug) == [world.settlement]
    assert listed(client, "settlement", topic="distillation") == [world.settlement]
    assert listed(client, "settlement", date_from="2025-01-01") == [world.settlement]
    assert set(listed(client, "settlement")) == {world.settlement, other}


def test_guidance_list_filters(client, world):
    rule = GuidanceFactory(
        document_type=Guidance.DocumentType.RULE, issued_on=datetime.date(2023, 3, 16)
    )
    assert listed(client, "guidance", party=world.guidance.issuer.slug) == [world.guidance]
    assert listed(client, "guidance", document_type="rule") == [rule]
    assert listed(client, "guidance", topic="distillation") == [world.guidance]
    assert listed(client, "guidance", date_to="2024-01-01") == [rule]


def test_terms_list_filters_by_vendor_kind_and_clause_category(client, world):
    other = TermsDocumentFactory(kind=TermsDocument.Kind.USAGE_POLICY)
    assert listed(client, "terms", party=world.accuser.slug) == [world.terms]
    assert listed(client, "terms", kind="usage_policy") == [other]
    assert listed(client, "terms", clause_category="no-competing-models") == [world.terms]


def test_party_list_filters(client, world):
    assert listed(client, "party", kind="court") == [world.court]
    assert world.accused in listed(client, "party", country="cn")
    assert world.accuser not in listed(client, "party", country="cn")
    assert listed(client, "party", q=world.accuser.name) == [world.accuser]


def test_source_list_filters(client, world):
    press = SourceFactory(kind=Source.Kind.SECONDARY, publisher="Daily Paper")
    assert listed(client, "source", kind="secondary") == [press]
    assert listed(client, "source", publisher="daily") == [press]
    assert press in listed(client, "source", date_from="2026-02-23")


def test_event_list_filters(client, world):
    assert listed(client, "event", party=world.accuser.slug) == [world.event]
    assert listed(client, "event", kind="policy") == [world.lone_event]
    assert listed(client, "event", topic="distillation") == [world.event]
    late = EventFactory(date=datetime.date(2026, 6, 1))
    assert listed(client, "event", date_from="2026-01-01") == [late]


def test_lists_paginate_and_keep_the_filters_in_page_links(client):
    for _ in range(30):
        EventFactory(kind=Event.Kind.HEARING)
    EventFactory(kind=Event.Kind.RULING)
    response = client.get(reverse("portal:event_list"), {"kind": "hearing"})
    assert len(response.context["object_list"]) == 25
    assert response.context["paginator"].count == 30
    assert "?kind=hearing&amp;page=2" in response.content.decode()
    second = client.get(reverse("portal:event_list"), {"kind": "hearing", "page": 2})
    assert len(second.context["object_list"]) == 5


def test_invalid_filter_value_answers_400_naming_it_not_the_unfiltered_list(client, world):
    response = client.get(reverse("portal:allegation_list"), {"date_from": "not-a-date"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "<code>date_from</code>" in content and "Enter a valid date" in content
    assert world.allegation.title not in content
