"""Search on the bundled dataset: the record a reader means comes first, on SQLite and PostgreSQL.

The questions are issue #11's: ``reward model``, ``fair use``, ``Bartz``,
``distilation``. The dataset is loaded once for the module (``load_casebook``,
the path every fresh clone takes, so the index is built by its signals) inside a
transaction rolled back at the end; each test runs in a savepoint of its own.
"""

import re
from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.portal.templatetags.portal import snippet_html
from casebook.records import selectors
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    EditorialStatus,
    Holding,
    Party,
    Settlement,
)
from casebook.records.search_models import SearchEntry
from tests.bundled import load_bundled

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_bundled()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def first_hits(query: str, count: int = 1) -> list:
    return list(selectors.search_records(query).hits[:count])


def entry_text(hit) -> str:
    entry = SearchEntry.objects.get(record_type=hit.record_type, record_id=hit.record.pk)
    return f"{entry.title} {entry.body}"


def deepseek_allegation() -> Allegation:
    """Anthropic's allegation whose DeepSeek row says "using Claude as a reward model"."""
    row = AccusedParty.objects.get(party__slug="deepseek", conduct__contains="reward model")
    return row.allegation


def test_reward_model_finds_deepseeks_accused_row_first(bundled):
    (hit,) = first_hits("reward model")

    assert hit.record == deepseek_allegation()
    assert "<mark>reward</mark> <mark>model</mark>" in snippet_html(hit.snippet).lower()


def test_fair_use_finds_the_copyright_office_holding_first(bundled):
    holding = Holding.objects.get(proposition__startswith="There is no blanket fair use")

    hits = list(selectors.search_records("fair use").hits)

    assert hits[0].record == holding.guidance
    assert "<mark>fair</mark> <mark>use</mark>" in snippet_html(hits[0].snippet)
    # Whole words only: every hit holds "fair" as a word, none only "Affairs".
    assert all(re.search(r"(?<!\w)fair(?!\w)", entry_text(h), re.I) for h in hits)


def test_fair_use_does_not_match_house_foreign_affairs(bundled):
    party = Party.objects.public().first()
    party.description = "Testified before the House Foreign Affairs Committee."
    party.save()

    assert party not in [h.record for h in selectors.search_records("fair use").hits]
    assert party in [h.record for h in selectors.search_records("foreign affairs").hits]


def test_bartz_lists_the_case_then_the_settlement_before_parties_and_sources(bundled):
    hits = list(selectors.search_records("Bartz").hits)
    types = [h.record_type for h in hits]

    assert hits[0].record == Case.objects.get(slug="bartz-v-anthropic")
    assert hits[1].record == Settlement.objects.get(slug="bartz-v-anthropic-settlement")
    assert {"party", "source"} <= set(types)
    assert types.index("party") > 1
    # Sources last: no main record, party or event after the first source.
    assert set(types[types.index("source") :]) == {"source"}


def test_distilation_suggests_distillation_and_the_link_runs_it(bundled, client):
    assert selectors.search_records("distilation").suggestion == "distillation"

    page = client.get(reverse("portal:search"), {"q": "distilation"})
    link = re.search(r'Did you mean <a href="([^"]+)"[^>]*>distillation</a>', page.content.decode())
    assert link, page.content.decode()
    followed = client.get(reverse("portal:search") + link.group(1).replace("&amp;", "&"))
    assert followed.status_code == 200
    assert followed.context["results"].query == "distillation"
    assert followed.context["results"].suggestion is None
    assert followed.context["total"] >= 20


def test_the_api_gives_the_same_suggestion_and_order(bundled, client):
    answer = client.get(reverse("api:search"), {"q": "Bartz", "page_size": 3}).json()

    assert [r["record_type"] for r in answer["results"][:2]] == ["case", "settlement"]
    assert answer["count"] == sum(answer["counts"].values())
    assert answer["suggestion"] is None
    misspelt = client.get(reverse("api:search"), {"q": "distilation"}).json()
    assert misspelt["suggestion"] == "distillation"


def test_counts_and_pages_come_from_the_database(bundled, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        results = selectors.search_records("distillation")
    total = sum(results.counts.values())
    pages = [results.hits[i : i + 7] for i in range(0, total, 7)]
    paged = [h for p in pages for h in p]

    assert total >= 20
    assert len(results.hits) == total
    assert len({(h.record_type, h.record.pk) for h in paged}) == total
    assert Counter(h.record_type for h in paged) == {k: v for k, v in results.counts.items() if v}


def test_a_retracted_record_leaves_the_results_at_once(bundled):
    allegation = deepseek_allegation()
    allegation.editorial_status = EditorialStatus.RETRACTED
    allegation.save()

    assert allegation not in [h.record for h in selectors.search_records("reward model").hits]
    assert selectors.search_records("reward model").counts["allegation"] == 0


def test_an_unpublished_party_takes_its_accused_row_out_of_the_allegation(bundled):
    deepseek = Party.objects.get(slug="deepseek")
    deepseek.editorial_status = EditorialStatus.IN_REVIEW
    deepseek.save()

    assert list(selectors.search_records("reward model").hits) == []
    assert deepseek not in [h.record for h in selectors.search_records("deepseek").hits]


def test_did_you_mean_never_offers_a_word_of_a_draft(bundled):
    Allegation.objects.filter(pk=deepseek_allegation().pk).update(
        editorial_status=EditorialStatus.DRAFT
    )
    draft = Allegation.objects.get(pk=deepseek_allegation().pk)
    draft.title = "Quetzalcoatlus"
    draft.save()

    assert selectors.search_records("quetzalcoatlu").suggestion is None
    assert list(selectors.search_records("quetzalcoatlus").hits) == []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.text(max_size=60))
def test_any_query_answers_200_or_a_400_naming_q(bundled, client, q):
    for url in (reverse("portal:search"), reverse("api:search")):
        response = client.get(url, {"q": q})
        if response.status_code == 302:  # the portal drops an empty parameter from the URL
            assert not q.strip() and url == reverse("portal:search"), q
            continue
        assert response.status_code in (200, 400), (q, response.status_code)
        if response.status_code == 400 and url == reverse("api:search"):
            assert "q" in response.json()["error"]["details"]
        elif response.status_code == 400:
            assert "q" in dict(response.context["errors"])
