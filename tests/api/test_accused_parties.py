"""``/api/v1/accused-parties/``: one row per accused party, with its own figures."""

import csv
import io

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus, Qualifier
from tests.factories import AccusedPartyFactory, AllegationFactory, PartyFactory, SourceFactory

pytestmark = pytest.mark.django_db

HIDDEN = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
LIST = "api:accused-party-list"


def rows(api, **params) -> list[dict]:
    response = api.get(reverse(LIST), params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def csv_rows(api, **params) -> list[dict]:
    response = api.get(reverse(LIST), {"format": "csv", **params})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def two_accused():
    """One allegation against two parties, each with figures of its own."""
    allegation = AllegationFactory(slug="lab-accuses", accounts=24000, exchanges=16_000_000)
    first = AccusedPartyFactory(
        allegation=allegation,
        party=PartyFactory(slug="first"),
        accounts=3400,
        accounts_qualifier=Qualifier.OVER,
        exchanges=150_000,
    )
    second = AccusedPartyFactory(
        allegation=allegation,
        party=PartyFactory(slug="second"),
        accounts=None,
        exchanges=13_000_000,
        exchanges_qualifier=Qualifier.OVER,
    )
    return allegation, first, second


def test_one_row_per_accused_party_with_its_own_figures(api, two_accused):
    allegation, first, second = two_accused
    answer = {row["key"]: row for row in rows(api)}
    assert set(answer) == {"lab-accuses/first", "lab-accuses/second"}
    row = answer["lab-accuses/first"]
    assert (row["accounts"], row["accounts_qualifier"], row["exchanges"]) == (3400, "over", 150000)
    assert row["allegation"]["slug"] == "lab-accuses"
    assert row["accuser"]["slug"] == allegation.accuser.slug
    # A figure the row does not have is null, and so is its qualifier: never the allegation's.
    other = answer["lab-accuses/second"]
    assert (other["accounts"], other["accounts_qualifier"]) == (None, None)
    assert other["exchanges"] == 13_000_000


def test_each_row_has_a_detail_at_its_key(api, two_accused):
    for row in rows(api):
        detail = api.get(row["api_url"])
        assert detail.status_code == 200
        assert detail.json() == row
    missing = reverse(
        "api:accused-party-detail", kwargs={"allegation": "lab-accuses", "party": "x"}
    )
    assert api.get(missing).status_code == 404


def test_csv_has_the_same_rows_and_columns(api, two_accused):
    json_rows = rows(api)
    table = csv_rows(api)
    assert [r["key"] for r in table] == [r["key"] for r in json_rows]
    assert list(table[0]) == list(json_rows[0])
    second = next(r for r in table if r["key"] == "lab-accuses/second")
    assert (second["accounts"], second["accounts_qualifier"]) == ("", "")
    assert second["party"] == "second"


@pytest.mark.parametrize("status", HIDDEN)
@pytest.mark.parametrize("hidden", ["allegation", "party"])
def test_rows_of_hidden_records_appear_nowhere(api, two_accused, status, hidden):
    allegation, first, _ = two_accused
    record = allegation if hidden == "allegation" else first.party
    type(record).objects.filter(pk=record.pk).update(editorial_status=status)
    keys = {r["key"] for r in rows(api)} | {r["key"] for r in csv_rows(api)}
    assert "lab-accuses/first" not in keys
    url = reverse(
        "api:accused-party-detail", kwargs={"allegation": "lab-accuses", "party": "first"}
    )
    assert api.get(url).status_code == 404


def test_a_hidden_response_source_is_null(api, two_accused):
    _, first, _ = two_accused
    first.response_source = SourceFactory(editorial_status=EditorialStatus.DRAFT, slug="zzs")
    first.save()
    row = next(r for r in rows(api) if r["key"] == "lab-accuses/first")
    assert row["response_source"] is None
    assert "zzs" not in api.get(reverse(LIST), {"format": "csv"}).getvalue().decode()


def test_filters_mean_what_they_mean_on_allegations(api, two_accused):
    allegation, first, second = two_accused
    AccusedPartyFactory(party=second.party)  # the same party in another allegation
    assert [r["key"] for r in rows(api, accused="first")] == ["lab-accuses/first"]
    assert {r["key"] for r in rows(api, accuser=allegation.accuser.slug)} == {
        "lab-accuses/first",
        "lab-accuses/second",
    }
    assert len(rows(api, accused="second")) == 2
    assert rows(api, made_after="2026-02-24") == []
    assert len(rows(api, made_before="2026-02-23", allegation="lab-accuses")) == 2
