"""A figure's own source is shown next to it, and stale-able statuses say "as of" when.

Both faces (portal page and API) over the same records; a source that is not public
never shows, on either.
"""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from casebook.records.models import AccusedParty, EditorialStatus
from tests.factories import AccusedPartyFactory, AllegationFactory, SettlementFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def allegation_with_sourced_figures():
    source = SourceFactory(title="Per-lab figures page")
    allegation = AllegationFactory(
        figures_source=source, figures_pinpoint="para. 4", status_as_of=datetime.date(2026, 5, 1)
    )
    row = AccusedPartyFactory(
        allegation=allegation,
        exchanges=13_000_000,
        figures_source=source,
        figures_pinpoint="t=251s",
        response=AccusedParty.Response.NONE_FOUND,
        response_as_of=datetime.date(2026, 11, 28),
    )
    return allegation, row, source


def test_the_page_shows_each_figure_with_its_source(client, allegation_with_sourced_figures):
    allegation, row, source = allegation_with_sourced_figures

    content = client.get(allegation.get_absolute_url()).content.decode()

    exchanges_cell = content.split('data-label="Exchanges">')[1].split("</td>")[0]
    assert "13,000,000" in exchanges_cell or "13000000" in exchanges_cell
    assert source.get_absolute_url() in exchanges_cell
    assert "t=251s" in exchanges_cell
    assert "para. 4" in content
    assert "as of 28 November 2026" in content
    assert "as of 1 May 2026" in content


def test_the_api_gives_each_figure_its_source(allegation_with_sourced_figures):
    allegation, row, source = allegation_with_sourced_figures

    body = APIClient().get(reverse("api:allegation-detail", args=[allegation.slug])).json()

    assert body["figures_source"]["slug"] == source.slug
    assert body["figures_pinpoint"] == "para. 4"
    assert body["status_as_of"] == "2026-05-01"
    [accused] = body["accused"]
    assert accused["figures_source"]["slug"] == source.slug
    assert accused["figures_pinpoint"] == "t=251s"
    assert accused["response_as_of"] == "2026-11-28"


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW])
def test_an_unpublished_figures_source_never_shows(client, allegation_with_sourced_figures, status):
    allegation, row, source = allegation_with_sourced_figures
    source.editorial_status = status
    source.save()

    content = client.get(allegation.get_absolute_url()).content.decode()
    body = APIClient().get(reverse("api:allegation-detail", args=[allegation.slug])).json()

    assert source.title not in content
    assert source.get_absolute_url() not in content
    assert body["figures_source"] is None
    assert body["accused"][0]["figures_source"] is None


def test_final_approval_not_granted_says_as_of_when(client):
    settlement = SettlementFactory(final_approval_on=None, status_as_of=datetime.date(2026, 5, 14))
    case = settlement.case
    case.status_as_of = datetime.date(2026, 5, 14)
    case.save()

    detail = client.get(settlement.get_absolute_url()).content.decode()
    listing = client.get(reverse("portal:settlement_list")).content.decode()
    case_page = client.get(case.get_absolute_url()).content.decode()
    api = APIClient().get(reverse("api:settlement-detail", args=[settlement.slug])).json()

    assert "not granted as of 14 May 2026" in detail
    assert "not granted as of 14 May 2026" in listing
    assert "as of 14 May 2026" in case_page
    assert api["status_as_of"] == "2026-05-14"


def test_without_an_as_of_date_the_page_says_not_yet(client):
    settlement = SettlementFactory(final_approval_on=None, status_as_of=None)

    assert "not yet" in client.get(settlement.get_absolute_url()).content.decode()
