"""Point-in-time answers and comparisons: the API gives the selectors' answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casebook.records import selectors
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    """A vendor whose no-competing-models clause appears only in its 2025 version."""
    vendor = PartyFactory(slug="vendor")
    category = ClauseCategoryFactory(slug="no-competing-models")
    law = ClauseCategoryFactory(slug="governing-law")
    document = TermsDocumentFactory(slug="vendor-terms", vendor=vendor)
    TermsVersionFactory(
        document=document,
        effective_from=datetime.date(2024, 1, 1),
        reviewed_categories=[category],
    )
    ClauseFactory(
        version__document=document,
        version__effective_from=datetime.date(2025, 6, 1),
        category=category,
        text="No competing models.",
    )
    return vendor, category, law


def lookup(api, on: str, category: str = "no-competing-models") -> dict:
    response = api.get(
        reverse("api:clause-in-force"), {"vendor": "vendor", "category": category, "on": on}
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_clause_in_force_present(api, terms):
    answer = lookup(api, "2025-07-01")
    assert answer["status"] == "present"
    assert answer["documents"][0]["clause"]["text"] == "No competing models."
    assert answer["documents"][0]["version"]["effective_from"] == "2025-06-01"


def test_clause_not_present_in_the_reviewed_version(api, terms):
    answer = lookup(api, "2024-07-01")
    assert answer["status"] == "not_present"
    assert answer["status_display"] == "Not present in the reviewed version"
    assert answer["documents"][0]["clause"] is None
    assert answer["documents"][0]["version"]["effective_from"] == "2024-01-01"


def test_clause_not_reviewed_and_no_version_in_force_are_told_apart(api, terms):
    assert lookup(api, "2025-07-01", category="governing-law")["status"] == "not_reviewed"
    before_any_version = lookup(api, "2023-01-01")
    assert before_any_version["status"] == "no_version_in_force"
    assert before_any_version["status_display"] == "No version in force"
    assert [d["version"] for d in before_any_version["documents"]] == [None]


def test_api_gives_the_selector_answer(api, terms):
    vendor, category, _ = terms
    for on in ("2023-06-01", "2024-06-01", "2025-06-01", "2026-06-01"):
        expected = selectors.clause_lookup(
            vendor=vendor, category=category, on=datetime.date.fromisoformat(on)
        )
        answer = lookup(api, on)
        assert answer["status"] == expected.status
        assert [d["status"] for d in answer["documents"]] == [d.status for d in expected.documents]


def test_allegation_detail_flags_a_clause_added_later(api, terms):
    vendor, _, _ = terms
    allegation = AllegationFactory(accuser=vendor, conduct_start=datetime.date(2024, 9, 1))
    response = api.get(reverse("api:allegation-detail", kwargs={"slug": allegation.slug}))
    clause = response.json()["accuser_clause"]
    expected = selectors.allegation_accuser_clause(allegation)
    assert clause["on"] == "2024-09-01"
    assert clause["lookup"]["status"] == expected.lookup.status == "not_present"
    assert clause["added_later"] is expected.added_later is True
    assert clause["later"]["version"]["effective_from"] == "2025-06-01"


def test_terms_matrix_on_a_date(api, terms):
    response = api.get(reverse("api:terms-matrix"), {"on": "2025-07-01"})
    data = response.json()
    assert data["on"] == "2025-07-01"
    assert [c["slug"] for c in data["categories"]] == ["governing-law", "no-competing-models"]
    assert data["count"] == 1
    (row,) = data["results"]
    assert row["vendor"]["slug"] == "vendor"
    assert (
        row["document"]["slug"]
        == data["results"][0]["cells"][0]["documents"][0]["document"]["slug"]
    )
    assert [cell["status"] for cell in row["cells"]] == ["not_reviewed", "present"]
    narrowed = api.get(
        reverse("api:terms-matrix"), {"on": "2024-07-01", "category": "no-competing-models"}
    ).json()
    assert [cell["status"] for cell in narrowed["results"][0]["cells"]] == ["not_present"]


def test_comparison_of_chosen_accused_parties(api):
    allegation = AllegationFactory(slug="claim")
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(slug="one"), exchanges=5)
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(slug="two"), exchanges=7)
    response = api.get(reverse("api:compare"), {"key": ["claim/two", "claim/one"]})
    data = response.json()
    assert [(r["key"], r["exchanges"]) for r in data["rows"]] == [
        ("claim/two", 7),
        ("claim/one", 5),
    ]
    assert {c["key"] for c in data["choices"]} == {"claim", "claim/one", "claim/two"}
    assert [r.key for r in selectors.comparison_rows(["claim/two", "claim/one"])] == [
        r["key"] for r in data["rows"]
    ]


def test_comparison_choices_are_the_named_allegations_keys_only(api):
    asked = AllegationFactory(slug="asked")
    AccusedPartyFactory(allegation=asked, party=PartyFactory(slug="one"))
    others = [AllegationFactory() for _ in range(3)]
    for other in others:
        AccusedPartyFactory(allegation=other)
    data = api.get(reverse("api:compare"), {"key": ["asked", "asked/one"]}).json()
    assert {c["key"] for c in data["choices"]} == {"asked", "asked/one"}
    listed = str(data)
    assert not [other.slug for other in others if other.slug in listed]


def test_search_pages_hits_with_counts(api):
    AllegationFactory(title="Distillation of reasoning")
    PartyFactory(name="Distillation Watch")
    response = api.get(reverse("api:search"), {"q": "distillation", "page_size": 1})
    data = response.json()
    expected = selectors.search_records("distillation")
    assert data["count"] == len(expected.hits) >= 2
    assert len(data["results"]) == 1
    assert data["counts"] == expected.counts
    only = api.get(reverse("api:search"), {"q": "distillation", "type": "party"}).json()
    assert {hit["record_type"] for hit in only["results"]} == {"party"}


@pytest.fixture
def zone_ahead_or_behind_utc(settings):
    """A site time zone whose date differs from UTC's now: 14 hours ahead when UTC is
    past 10:00, 12 hours behind before noon."""
    hour = datetime.datetime.now(datetime.UTC).hour
    settings.TIME_ZONE = "Pacific/Kiritimati" if hour >= 10 else "Etc/GMT+12"
    assert timezone.localdate() != datetime.datetime.now(datetime.UTC).date()
    return timezone.localdate()


def test_answers_on_a_date_default_to_the_sites_today(api, client, terms, zone_ahead_or_behind_utc):
    """``on`` is optional on both answers and means the same day as on the portal's
    matrix: clause in force required it, and the matrix took the machine's date."""
    today = zone_ahead_or_behind_utc
    without_on = api.get(
        reverse("api:clause-in-force"), {"vendor": "vendor", "category": "no-competing-models"}
    )
    assert without_on.status_code == 200, without_on.content
    assert without_on.json() == lookup(api, today.isoformat())
    assert without_on.json()["on"] == today.isoformat()
    matrix = api.get(reverse("api:terms-matrix")).json()
    assert matrix == api.get(reverse("api:terms-matrix"), {"on": today.isoformat()}).json()
    assert client.get(reverse("portal:terms_matrix")).context["on"] == today
