"""A visitor's words have a bounded cost: at most 10 words, one condition each, never a join.

Many words answer 400 naming ``q`` on every endpoint and portal page that
takes ``q`` (never a 500: SQLite refused more than 64 joins and PostgreSQL ran
600 one-letter words for minutes). Within the limit, the query keeps its shape
whatever the number of words.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import EditorialStatus
from casebook.records.textsearch import MAX_QUERY_LENGTH, MAX_TERMS
from tests.factories import AccusedPartyFactory, AllegationFactory, ClauseFactory, PartyFactory

pytestmark = pytest.mark.django_db

API_LISTS = [
    "api:party-list",
    "api:source-list",
    "api:allegation-list",
    "api:case-list",
    "api:settlement-list",
    "api:guidance-list",
    "api:terms-list",
    "api:clause-list",
    "api:event-list",
]
PORTAL_PAGES = ["portal:party_list", "portal:search"]


def many_words(count: int, *, letters: bool = False) -> str:
    """``count`` different words: one letter each ("a b c …") or short words ("w0 w1 …")."""
    if letters:
        alphabet = "abcdefghijklmnopqrstuvwxyzàáâäçèéêëìíîïñòóôöùúûü"
        return " ".join(
            alphabet[i % len(alphabet)] * (1 + i // len(alphabet)) for i in range(count)
        )
    return " ".join(f"w{i}" for i in range(count))


@pytest.fixture
def records():
    allegation = AllegationFactory(title="w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 distillation")
    AccusedPartyFactory(allegation=allegation, conduct="w0 w1 w2 conduct")
    ClauseFactory(text="w0 w1 w2 w3 w4 w5 w6 w7 w8 w9")
    return allegation


@pytest.mark.parametrize("name", [*API_LISTS, "api:search"])
@pytest.mark.parametrize("count, letters", [(64, False), (200, True), (600, True), (11, False)])
def test_too_many_words_is_a_400_naming_q(api, records, name, count, letters):
    q = many_words(count, letters=letters)[:MAX_QUERY_LENGTH]

    response = api.get(reverse(name), {"q": q})

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert list(error["details"]) == ["q"]
    assert "at most" in error["details"]["q"][0]


@pytest.mark.parametrize("name", [*API_LISTS, "api:search"])
def test_a_query_too_long_is_a_400_naming_q(api, records, name):
    q = " ".join(["distillation"] * 40)

    response = api.get(reverse(name), {"q": q})

    assert response.status_code == 400
    assert response.json()["error"]["details"]["q"] == [
        f"Use at most {MAX_QUERY_LENGTH} characters (this has {len(q)})."
    ]


@pytest.mark.parametrize("name", [*API_LISTS, "api:search"])
def test_ten_words_and_repeats_are_within_the_limit(api, records, name):
    q = many_words(MAX_TERMS) + " W0 w1 w2"  # repeats, in any case, count once

    response = api.get(reverse(name), {"q": q})

    assert response.status_code == 200, response.content


def test_the_words_of_q_are_found_together(api, records):
    response = api.get(reverse("api:allegation-list"), {"q": many_words(MAX_TERMS)})
    assert [r["slug"] for r in response.json()["results"]] == [records.slug]

    response = api.get(reverse("api:allegation-list"), {"q": "w0 conduct distillation"})
    assert [r["slug"] for r in response.json()["results"]] == [records.slug]

    response = api.get(reverse("api:allegation-list"), {"q": "w0 -conduct"})
    assert response.json()["results"] == []


def _joins(api, name: str, q: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(reverse(name), {"q": q}).status_code == 200
    return sum(len(re.findall(r"\bJOIN\b", query["sql"])) for query in queries.captured_queries)


@pytest.mark.parametrize("name", ["api:allegation-list", "api:terms-list", "api:guidance-list"])
def test_more_words_add_no_join(api, records, name):
    one, ten = _joins(api, name, "w0"), _joins(api, name, many_words(MAX_TERMS))

    assert one == ten


@pytest.mark.parametrize("name", PORTAL_PAGES)
@pytest.mark.parametrize("count, letters", [(64, False), (200, True), (600, True)])
def test_portal_pages_refuse_too_many_words_plainly(client, records, name, count, letters):
    response = client.get(reverse(name), {"q": many_words(count, letters=letters)})

    assert response.status_code == 400 or (
        name == "portal:party_list" and response.status_code == 200
    )
    content = response.content.decode()
    assert "Use at most" in content


@pytest.mark.parametrize(
    "q, expected",
    [("élysée", ["Palais de l'Élysée"]), ("ÉLYSÉE", ["Palais de l'Élysée"]), ("lys", [])],
)
def test_portal_party_list_matches_words_in_any_case(client, q, expected):
    PartyFactory(name="Palais de l'Élysée")
    PartyFactory(name="Bundesministerium Österreich")

    response = client.get(reverse("portal:party_list"), {"q": q})

    assert [p.name for p in response.context["object_list"]] == expected


@pytest.mark.parametrize(
    "q, found",
    [("zebrafish", False), ("axolotl", True), ("axolotl zebrafish", False), ("-zebrafish", True)],
)
def test_q_matches_only_text_the_record_shows(api, q, found):
    allegation = AllegationFactory(title="An allegation", summary="")
    hidden = PartyFactory(editorial_status=EditorialStatus.DRAFT)
    AccusedPartyFactory(allegation=allegation, party=hidden, conduct="zebrafish conduct")
    AccusedPartyFactory(allegation=allegation, conduct="axolotl conduct")

    response = api.get(reverse("api:allegation-list"), {"q": q})

    assert [r["slug"] for r in response.json()["results"]] == ([allegation.slug] if found else [])
