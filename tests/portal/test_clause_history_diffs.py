"""The clause-history page on long clauses: the diff marks the changed words, in bounded time."""

import datetime
import random

import pytest
from django.urls import reverse

from casebook.records import selectors
from casebook.records.selectors import clausehistory
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)
from tests.records.test_textdiff import WORDS, long_versions

pytestmark = pytest.mark.django_db


def history_page(client, texts):
    """The clause history of one vendor whose document has a version per text."""
    category = ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    document = TermsDocumentFactory()
    for year, text in enumerate(texts, start=2020):
        version = TermsVersionFactory(document=document, effective_from=datetime.date(year, 1, 1))
        ClauseFactory(version=version, category=category, text=text)
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
    monkeypatch.setattr(clausehistory, "CLAUSE_HISTORY_DIFF_SECONDS", 0)
    rewritten = [
        " ".join(random.Random(seed).choice(WORDS) for _ in range(5_000)) for seed in (1, 2)
    ]

    content = history_page(client, rewritten)

    assert "comparison was cut short" in content
    assert "<ins>" in content and "<del>" in content


@pytest.mark.parametrize(
    "undated_clause, dated",
    [
        ("Using any Output to develop competing models", [None, "Using any Output to compete"]),
        ("No distilling model data", ["No distilling", "No distilling model data"]),
        ("No competing models", [None, None, "No competing models at all"]),
    ],
)
def test_an_undated_version_is_never_diffed_against(client, undated_clause, dated):
    # A press quote with no date sorts first, but it is no step in the document's history:
    # the first dated version used to be diffed against it, so its clause looked struck out.
    category = ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    document = TermsDocumentFactory()
    undated = TermsVersionFactory(document=document, effective_from=None, label="Date unknown")
    ClauseFactory(version=undated, category=category, text=undated_clause)
    for year, text in enumerate(dated, start=2024):
        version = TermsVersionFactory(document=document, effective_from=datetime.date(year, 1, 1))
        version.reviewed_categories.add(category)
        if text is not None:
            ClauseFactory(version=version, category=category, text=text)

    entries = selectors.clause_history(vendor=document.vendor, category=category)

    assert [entry.version.effective_from for entry in entries][0] is None
    assert entries[0].diff == [] and entries[1].diff == []
    deleted = [text for entry in entries for op, text in entry.diff if op == "delete"]
    assert all(undated_clause not in text for text in deleted)
    # Each later dated version is diffed against the dated version before it.
    for before, entry in zip(dated, entries[2:], strict=False):
        assert "".join(text for op, text in entry.diff if op != "insert") == (before or "")
