"""The clause-history page on long clauses: the diff marks the changed words, in bounded time."""

import datetime
import random

import pytest
from django.urls import reverse

from casebook.records import selectors
from casebook.records.selectors import terms
from tests import factories as f
from tests.records.test_textdiff import WORDS, long_versions

pytestmark = pytest.mark.django_db


def history_page(client, texts):
    """The clause history of one vendor whose document has a version per text."""
    category = f.ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    document = f.TermsDocumentFactory()
    for year, text in enumerate(texts, start=2020):
        version = f.TermsVersionFactory(document=document, effective_from=datetime.date(year, 1, 1))
        f.ClauseFactory(version=version, category=category, text=text)
    response = client.get(
        reverse("portal:clause_history"),
        {"vendor": document.vendor.slug, "category": category.slug},
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("words, edits", [(20_000, 30), (5_000, 50)])
def test_a_long_clause_history_marks_each_changed_word(client, words, edits):
    old, new, _ = long_versions(words, edits, seed=words + edits)
    content = history_page(client, [old, new, old])

    for n in range(edits):
        assert f"<ins>CHANGED{n}</ins>" in content
    # The third version reverts every edit; the legend under the diffs has one of each tag.
    assert content.count("<ins>") == 2 * edits + 1
    assert content.count("<del>") == 2 * edits + 1
    assert "comparison was cut short" not in content


def test_a_diff_out_of_time_says_so_on_the_page(client, monkeypatch):
    monkeypatch.setattr(terms, "CLAUSE_HISTORY_DIFF_SECONDS", 0)
    rewritten = [
        " ".join(random.Random(seed).choice(WORDS) for _ in range(5_000)) for seed in (1, 2)
    ]

    content = history_page(client, rewritten)

    assert "comparison was cut short" in content
    assert "<ins>" in content and "<del>" in content
