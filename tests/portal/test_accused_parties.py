"""The portal's accused-parties list: one row per accused party, the API's rows and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from casebook.records.models import Allegation, EditorialStatus, Party
from tests.factories import AccusedPartyFactory, AllegationFactory, PartyFactory

pytestmark = pytest.mark.django_db

URL = "/accused-parties/"


@pytest.fixture
def rows():
    allegation = AllegationFactory(title="Lab accuses two", slug="lab-accuses-two")
    first = AccusedPartyFactory(
        allegation=allegation, party=PartyFactory(name="First Lab", slug="first"), accounts=3400
    )
    second = AccusedPartyFactory(
        allegation=allegation,
        party=PartyFactory(name="Second Lab", slug="second"),
        exchanges=13_000_000,
    )
    return first, second


def test_each_accused_party_is_a_row_with_its_own_figures(client, rows):
    first, second = rows
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "First Lab" in page and "Second Lab" in page
    assert "3,400" in page and "over 13,000,000" in page
    assert list(response.context["object_list"]) == sorted(
        [first, second], key=lambda row: row.party.slug
    )


def test_filters_use_the_api_names_and_the_csv_is_the_apis(client, rows):
    response = client.get(URL, {"accused": "second"})
    assert [row.party.slug for row in response.context["object_list"]] == ["second"]
    csv_url = response.context["csv_url"]
    assert csv_url.startswith(reverse("api:accused-party-list"))
    download = client.get(csv_url)
    assert download.status_code == 200
    table = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [r["key"] for r in table] == ["lab-accuses-two/second"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"accused": "nobody"}, "accused"),
        ({"made_after": "2026-02-30"}, "made_after"),
        ({"page": "9"}, "page"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, rows, params, name):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert f"<code>{name}</code>" in response.content.decode()


@pytest.mark.parametrize(
    "status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
)
def test_rows_of_hidden_allegations_or_parties_are_not_listed(client, rows, status):
    first, second = rows
    Party.objects.filter(pk=first.party.pk).update(editorial_status=status)
    response = client.get(URL)
    assert [row.party.slug for row in response.context["object_list"]] == ["second"]
    assert "First Lab" not in response.content.decode()
    Allegation.objects.filter(pk=second.allegation.pk).update(editorial_status=status)
    response = client.get(URL)
    assert list(response.context["object_list"]) == []
    assert "Lab accuses two" not in response.content.decode()


@pytest.mark.parametrize("extra", [{}, {"utm_source": "newsletter"}, {"page": "1"}])
def test_the_download_link_and_format_csv_give_the_csv_of_the_same_filter(client, rows, extra):
    page = client.get(URL, {"accused": "second", **extra})
    assert page.status_code == 200
    download = client.get(page.context["csv_url"])
    assert download.status_code == 200, download.content[:200]
    table = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [r["key"] for r in table] == ["lab-accuses-two/second"]
    redirect = client.get(URL, {"accused": "second", "format": "csv", **extra})
    assert redirect.status_code == 302 and redirect["Location"] == page.context["csv_url"]


def test_another_format_is_a_400_naming_it(client, rows):
    response = client.get(URL, {"format": "atom"})
    assert response.status_code == 400 and "<code>format</code>" in response.content.decode()
