"""Timeline, terms matrix, clause history, comparison and search pages."""

import datetime
import re

import pytest
from django.urls import reverse

from casebook.records import selectors
from casebook.records.models import EditorialStatus, Topic
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    ClauseFactory,
    PartyFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


def get(client, name: str, params=None, status: int = 200):
    response = client.get(reverse(name), params or {})
    assert response.status_code == status
    return response


# Timeline ---------------------------------------------------------------


def test_timeline_lists_every_public_entry_in_date_order(client, world):
    response = get(client, "portal:timeline")
    assert "portal/timeline.html" in [t.name for t in response.templates]
    entries = response.context["entries"]
    assert entries == selectors.timeline_entries()
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    content = response.content.decode()
    for entry in entries:
        assert f'id="{entry.key}"' in content
        assert entry.record.get_absolute_url() in content


def test_timeline_draws_an_svg_axis_with_a_dot_per_entry(client, world):
    response = get(client, "portal:timeline")
    content = response.content.decode()
    assert "<svg" in content
    assert content.count("<circle") == len(response.context["entries"])


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"party": "accused"}, lambda w: selectors.timeline_entries(parties=[w.accused])),
        ({"record_type": ["case"]}, lambda w: selectors.timeline_entries(record_types=["case"])),
        (
            {"topic": "distillation"},
            lambda w: selectors.timeline_entries(topics=[Topic.objects.get()]),
        ),
        (
            {"date_from": "2025-09-01", "date_to": "2025-09-30"},
            lambda w: selectors.timeline_entries(
                date_from=datetime.date(2025, 9, 1), date_to=datetime.date(2025, 9, 30)
            ),
        ),
    ],
)
def test_timeline_filters_are_read_from_the_url(client, world, params, expected):
    if params.get("party") == "accused":
        params = {"party": world.accused.slug}
    entries = get(client, "portal:timeline", params).context["entries"]
    assert entries == expected(world)
    assert 0 < len(entries) < len(selectors.timeline_entries())


def test_timeline_without_entries_says_so(client, db):
    response = get(client, "portal:timeline")
    assert "No public entry matches" in response.content.decode()


# Terms matrix and clause history ----------------------------------------


def test_terms_matrix_defaults_to_today(client, world):
    response = get(client, "portal:terms_matrix")
    assert response.context["on"] == datetime.date.today()
    assert world.clause.text in response.content.decode()


def test_terms_matrix_on_a_chosen_date_tells_not_present_from_not_reviewed(client, world):
    response = get(client, "portal:terms_matrix", {"on": "2024-06-01"})
    matrix = response.context["matrix"]
    assert matrix == selectors.terms_matrix(on=datetime.date(2024, 6, 1))
    content = response.content.decode()
    assert world.clause.text not in content
    assert "Not present in the reviewed version" in content
    assert "status-not_present" in content and "status-not_reviewed" in content


def test_clause_history_shows_each_version_with_a_diff(client, world):
    newer = TermsVersionFactory(document=world.terms, effective_from=datetime.date(2026, 1, 1))
    ClauseFactory(
        version=newer,
        category=world.clause.category,
        text=world.clause.text.replace("competing", "rival"),
    )
    response = get(
        client,
        "portal:clause_history",
        {"vendor": world.accuser.slug, "category": "no-competing-models"},
    )
    assert response.context["history"] == selectors.clause_history(
        vendor=world.accuser, category=world.clause.category
    )
    content = response.content.decode()
    assert "<ins>rival</ins>" in content
    assert "<del>competing</del>" in content


def test_clause_history_without_a_choice_asks_for_one(client, world):
    response = get(client, "portal:clause_history")
    assert "Choose a vendor and a clause category" in response.content.decode()


# Comparison -------------------------------------------------------------


def test_compare_two_accused_parties_side_by_side_with_a_chart(client, world):
    second = AccusedPartyFactory(allegation=world.allegation, exchanges=3_400_000)
    keys = [
        f"{world.allegation.slug}/{world.accused.slug}",
        f"{world.allegation.slug}/{second.party.slug}",
    ]
    response = get(client, "portal:compare", {"key": keys})
    rows = response.context["rows"]
    assert [r.key for r in rows] == keys
    content = response.content.decode()
    assert "over 150,000" in content and "3,400,000" in content
    # Two exchange bars; no accounts panel, since neither row states an account figure.
    assert content.count('class="bar ') == 2
    assert "Accounts: accounts, as stated" not in content
    assert "Agentic coding" in content


def test_compare_picker_offers_the_named_allegations_keys_not_every_one(client, world):
    AccusedPartyFactory(allegation=AllegationFactory())
    every = selectors.comparison_choices()
    named = selectors.comparison_choices([world.allegation.slug])
    assert 0 < len(named) < len(every)
    content = get(client, "portal:compare", {"key": [world.allegation.slug]}).content.decode()
    for key, label in named:
        assert f'value="{key}"' in content and label in content
    for key, _ in set(every) - set(named):
        assert f'value="{key}"' not in content


@pytest.mark.parametrize("keys", [["one"], ["a", "b", "c", "d", "e"]])
def test_compare_needs_two_to_four(client, world, keys):
    response = get(client, "portal:compare", {"key": keys}, status=400)
    assert response.context["rows"] == []
    assert "error" in response.context


def test_compare_rejects_an_unpublished_allegation(client, world):
    draft = AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    response = get(
        client, "portal:compare", {"key": [world.allegation.slug, draft.slug]}, status=400
    )
    assert draft.title not in response.content.decode()


# Search -----------------------------------------------------------------


def test_search_finds_ranks_highlights_and_counts(client, world):
    response = get(client, "portal:search", {"q": "Accused Lab"})
    results = response.context["results"]
    assert results == selectors.search_records("Accused Lab")
    assert results.hits[0].record == world.accused
    content = response.content.decode()
    assert "<mark>" in content
    assert world.accused.get_absolute_url() in content
    assert "Parties (" in content


def test_search_filters_by_record_type(client, world):
    response = get(client, "portal:search", {"q": "Accused", "type": "party"})
    assert {hit.record_type for hit in response.context["page_obj"]} == {"party"}
    assert response.context["results"].counts["case"] == 1  # "0 Accuser v. Accused"
    assert world.case.name not in response.content.decode()


def test_search_escapes_record_text(client):
    PartyFactory(name="Evil <script>alert(1)</script> Lab")
    content = get(client, "portal:search", {"q": "Evil"}).content.decode()
    assert "<script>alert(1)</script>" not in content


def test_empty_search_shows_the_box(client, db):
    response = get(client, "portal:search")
    assert "results" not in response.context
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize("chosen", ["party", "case", None])
def test_search_summary_counts_what_the_page_lists(client, world, chosen):
    params = {"q": "Accused", **({"type": chosen} if chosen else {})}
    response = get(client, "portal:search", params)
    counts = response.context["results"].counts
    listed = counts[chosen] if chosen else sum(counts.values())
    summary = re.search(r'<p class="list-summary">(.*?)</p>', response.content.decode()).group(1)

    assert summary.startswith(f"{listed} match")
    if chosen:
        assert f"of {sum(counts.values())} in all types" in summary
