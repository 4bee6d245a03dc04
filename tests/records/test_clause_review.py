"""Match rules from a file, and an analyst's clause review applied from a file.

Built on the small xAI history of :mod:`tests.records.clause_world` (an OTA
repository the test writes): no clause on 2024-02-08, the clause on 2025-01-08,
the same words on 2025-03-01, reworded on 2025-06-01, gone on 2025-07-01.
"""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from casebook.records.clauses.models import ClauseChangeProposal, ClauseMatchRule, ClauseSuggestion
from casebook.records.models import Clause, TermsVersion
from casebook.records.versions import version_date_key
from tests import factories
from tests.records.clause_world import CLAUSE, HISTORY, REWORDED, build_repo, make_world, versions
from tests.records.clause_world import import_ota as run_import
from tests.records.ota_sources import COLLECTION

pytestmark = pytest.mark.django_db

NCM = "no-competing-models"
RULES = {
    "rules": [
        {"category": NCM, "kind": "phrase", "pattern": "compete with", "notes": "first"},
        {"category": NCM, "kind": "regex", "pattern": r"train\w*\s+models?"},
    ]
}


def write(tmp_path, name, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(tmp_path):
    world = make_world()
    run_import(build_repo(tmp_path / "versions").path)
    world["analyst"] = factories.StaffUserFactory(username="ana")
    world["versions"] = versions(world["document"])
    return world


def decision(when: str, **clauses) -> dict:
    return {
        "recorded_at": f"{when}Z",
        "clauses": {k.replace("_", "-"): v for k, v in clauses.items()},
    }


def review(*decisions, service="xAI") -> dict:
    return {
        "documents": [
            {
                "collection": COLLECTION,
                "service": service,
                "terms_type": "Terms of Service",
                "versions": list(decisions),
            }
        ]
    }


#: The review that carry-over completes: first version, clause appears, changes, goes.
FULL = review(
    decision(HISTORY[0][0], no_competing_models="absent"),
    decision(HISTORY[1][0], no_competing_models={"section": "2. Acceptable Use", "text": CLAUSE}),
    decision(HISTORY[3][0], no_competing_models={"section": "2. Acceptable Use", "text": REWORDED}),
    decision(HISTORY[4][0], no_competing_models="absent"),
)


def apply(tmp_path, data, *flags) -> str:
    return command(
        "apply_clause_review", write(tmp_path, "review.json", data), "--user", "ana", *flags
    )


def state() -> tuple:
    """Everything a review may write, to compare before and after."""
    return (
        sorted(
            Clause.objects.values_list("version_id", "category_id", "text", "carried_over_from")
        ),
        sorted(ClauseSuggestion.objects.values_list("id", "status", "clause_id")),
        sorted(
            TermsVersion.reviewed_categories.through.objects.values_list(
                "termsversion_id", "clausecategory_id"
            )
        ),
        sorted(TermsVersion.objects.values_list("id", "notes")),
        ClauseChangeProposal.objects.count(),
    )


def test_rules_file_loads_and_a_second_load_changes_nothing(tmp_path):
    category = factories.ClauseCategoryFactory(slug=NCM)
    kept = ClauseMatchRule.objects.create(category=category, kind="phrase", pattern="analyst's own")
    path = write(tmp_path, "rules.json", RULES)
    assert "2 rule(s) created, 0 updated, 0 unchanged" in command("load_match_rules", path)
    assert "0 rule(s) created, 0 updated, 2 unchanged" in command("load_match_rules", path)
    assert ClauseMatchRule.objects.get(pattern="compete with").notes == "first"
    RULES["rules"][0]["notes"] = "second"
    assert "1 updated" in command("load_match_rules", write(tmp_path, "rules.json", RULES))
    assert ClauseMatchRule.objects.get(pattern="compete with").notes == "second"
    assert ClauseMatchRule.objects.filter(pk=kept.pk).exists()  # not in the file: left alone


def test_a_bad_rules_file_writes_nothing(tmp_path):
    factories.ClauseCategoryFactory(slug=NCM)
    bad = {
        "rules": RULES["rules"]
        + [
            {"category": "nope", "pattern": "x"},
            {"category": NCM, "kind": "regex", "pattern": "(a+)+$"},
        ]
    }
    with pytest.raises(CommandError) as error:
        command("load_match_rules", write(tmp_path, "rules.json", bad))
    assert "no clause category 'nope'" in str(error.value) and "takes too long" in str(error.value)
    assert ClauseMatchRule.objects.count() == 0


def test_apply_confirms_the_suggestion_carries_over_and_proposes_changes(tmp_path, world):
    v2024, v2025, v2025b, v2025c, v2025d = world["versions"]
    out = apply(tmp_path, FULL)
    assert "0 version/category pair(s) still undecided" in out
    suggestion = v2025.clause_suggestions.get()
    assert suggestion.status == ClauseSuggestion.Status.CONFIRMED
    assert suggestion.decided_by == world["analyst"]
    assert suggestion.clause.text == CLAUSE and suggestion.clause.section == "2. Acceptable Use"
    carried = v2025b.clauses.get()  # same words: carried over, and reviewed
    assert carried.carried_over_from == suggestion.clause
    assert v2025b.clause_suggestions.get().status == ClauseSuggestion.Status.CARRIED
    for version in world["versions"]:
        assert list(version.reviewed_categories.all()) == [world["category"]]
    assert not v2024.clauses.exists() and not v2025d.clauses.exists()
    assert v2025c.clauses.get().text == REWORDED
    headlines = sorted(p.event.headline for p in ClauseChangeProposal.objects.all())
    assert headlines == [
        "xAI changed its clause: no training of competing models",
        "xAI dropped its clause: no training of competing models",
    ]
    changed = ClauseChangeProposal.objects.get(version=v2025c).event
    assert (
        changed.editorial_status == "draft" and "{+xAI or its affiliates.+}" in changed.description
    )


def test_apply_creates_a_clause_the_rules_missed(tmp_path, world):
    factories.ClauseCategoryFactory(slug="no-reverse-engineering")
    missed = {"section": "2. Acceptable Use", "text": "You may not misuse the Service."}
    data = review(decision(HISTORY[1][0], no_reverse_engineering=missed))
    assert "1 created" in apply(tmp_path, data)
    clause = world["versions"][1].clauses.get(category__slug="no-reverse-engineering")
    assert clause.text == missed["text"] and clause.verification == "primary"
    assert clause.history.first().history_user == world["analyst"]
    # Carry-over takes it to the two later versions that repeat it word for word; the last
    # has no section 2, so its going is proposed.
    assert Clause.objects.filter(category__slug="no-reverse-engineering").count() == 3
    assert "xAI dropped its clause: no reverse engineering" in [
        p.event.headline for p in ClauseChangeProposal.objects.all()
    ]


def test_a_quote_not_in_the_text_is_a_clear_error_and_writes_nothing(tmp_path, world):
    before = state()
    wrong = {"section": "2", "text": CLAUSE.replace("Output", "output")}
    data = review(
        decision(HISTORY[0][0], no_competing_models="absent"),
        decision(HISTORY[1][0], no_competing_models=wrong),
    )
    with pytest.raises(CommandError, match="the quote does not occur word for word"):
        apply(tmp_path, data)
    assert state() == before


def test_versions_and_documents_not_in_the_database_are_listed(tmp_path, world):
    data = review(decision("2019-01-01T00:00:00", no_competing_models="absent"))
    data["documents"] += review(decision(HISTORY[0][0]), service="Unmapped")["documents"]
    out = apply(tmp_path, data)
    assert "not in the database: xAI / Terms of Service" in out and "2019-01-01T00:00:00Z" in out
    assert "not in the database: Unmapped / Terms of Service" in out
    assert "2 decision(s) for versions not in the database" in out


def test_an_undecided_change_is_listed_not_guessed(tmp_path, world):
    out = apply(tmp_path, review(*FULL["documents"][0]["versions"][:2]), "--list-undecided")
    assert (
        "undecided xAI Terms of Service recorded 2025-06-01T10:00:00Z: no-competing-models" in out
    )
    assert not world["versions"][3].reviewed_categories.exists()
    assert world["versions"][3].clause_suggestions.get().status == "pending"


def test_dry_run_writes_nothing_and_a_second_run_changes_nothing(tmp_path, world):
    before = state()
    out = apply(tmp_path, FULL, "--dry-run")
    assert "Dry run, nothing written: " in out and "2 confirmed" in out
    assert state() == before
    apply(tmp_path, FULL)
    after = state()
    assert "Clause review: nothing changed" in apply(tmp_path, FULL)
    assert state() == after


def test_an_unreadable_version_is_noted_and_skipped_by_carry_over(tmp_path):
    world = make_world()
    stub = "Redirecting to x.ai/legal\n"
    history = HISTORY[:2] + [("2025-02-01T00:00:00", stub)] + HISTORY[2:3]
    run_import(build_repo(tmp_path / "versions", history).path)
    factories.StaffUserFactory(username="ana")
    data = review(
        decision(HISTORY[0][0], no_competing_models="absent"),
        decision(HISTORY[1][0], no_competing_models={"section": "", "text": CLAUSE}),
        {"recorded_at": "2025-02-01T00:00:00Z", "unreadable": "a redirect stub"},
    )
    assert "0 version/category pair(s) still undecided" in apply(tmp_path, data)
    v2024, v2025, stub_version, v2025b = versions(world["document"])
    assert stub_version.notes == "Unreadable as recorded by Open Terms Archive: a redirect stub"
    assert not stub_version.reviewed_categories.exists()
    assert v2025b.clauses.get().carried_over_from.version == v2025
    assert not ClauseChangeProposal.objects.exists()


def test_only_confirmed_clauses_show_on_the_version_page_and_endpoint(client, tmp_path, world):
    apply(tmp_path, review(*FULL["documents"][0]["versions"][:2]))  # 2025-06-01 left pending
    document = world["document"].slug
    for version, expected in [(world["versions"][1], [CLAUSE]), (world["versions"][3], [])]:
        key = version_date_key(version)
        cache.clear()
        api = client.get(
            reverse("api:terms-version-detail", kwargs={"document": document, "date": key})
        )
        assert [c["text"] for c in api.json()["clauses"]] == expected
        page = client.get(reverse("portal:terms_version", kwargs={"slug": document, "key": key}))
        quotes = [c.text for c, _ in page.context["clauses"]]
        assert quotes == expected
        if not expected:
            assert "No clause of this version is confirmed yet." in page.content.decode()


def test_a_passage_longer_than_a_database_index_entry_is_suggested_and_confirmed(tmp_path):
    """PostgreSQL cannot index a value over 2,704 bytes: suggestions stay unique on an MD5."""
    world = make_world()
    long_clause = "You may not use " + "any Output, " * 400 + "to develop models that compete."
    history = [("2025-01-08T00:32:49", HISTORY[1][1].replace(CLAUSE, long_clause))]
    run_import(build_repo(tmp_path / "versions", history).path)
    factories.StaffUserFactory(username="ana")
    (suggestion,) = ClauseSuggestion.objects.all()
    assert len(suggestion.text.encode()) > 4000
    command("suggest_clauses")  # a second run suggests nothing again
    assert ClauseSuggestion.objects.count() == 1
    data = review(decision(history[0][0], no_competing_models={"text": long_clause}))
    assert "1 confirmed" in apply(tmp_path, data)
    assert world["document"].versions.get().clauses.get().text == long_clause


def test_proposals_whose_rows_were_lost_are_linked_again_not_duplicated(tmp_path, world):
    """The dataset file keeps draft events but not proposal rows (rebuild_bundled_terms)."""
    apply(tmp_path, FULL)
    events = sorted(ClauseChangeProposal.objects.values_list("event__slug", flat=True))
    ClauseChangeProposal.objects.all().delete()
    assert "0 change proposal(s)" in command("suggest_clauses")
    assert sorted(ClauseChangeProposal.objects.values_list("event__slug", flat=True)) == events
    assert world["document"].events.count() == len(events)


def test_the_search_index_holds_the_applied_clauses(client, tmp_path, world):
    def hits() -> list:
        cache.clear()
        return client.get(reverse("portal:search"), {"q": "affiliates"}).context["results"].hits

    assert hits() == []  # the versions' texts are not searched, their clauses are
    apply(tmp_path, FULL)
    assert len(hits()) == 1


def test_a_quote_trimmed_from_a_suggestion_confirms_it_as_edited(tmp_path, world):
    trimmed = "use the Service or any Output to develop models or services that compete with xAI"
    data = review(
        decision(HISTORY[0][0], no_competing_models="absent"),
        decision(HISTORY[1][0], no_competing_models={"section": "2", "text": trimmed}),
    )
    assert "1 confirmed" in apply(tmp_path, data)
    v2025, v2025b = world["versions"][1:3]
    suggestion = v2025.clause_suggestions.get()
    assert suggestion.status == "confirmed" and suggestion.clause.text == trimmed
    later = v2025b.clause_suggestions.get()  # the same passage, carried
    assert later.status == "carried" and later.clause.carried_over_from == suggestion.clause


def test_after_a_dataset_round_trip_new_suggestions_are_settled_by_the_clauses(tmp_path, world):
    """rebuild_bundled_terms loads clauses and reviewed categories, but not suggestions."""
    apply(tmp_path, FULL)
    clauses = sorted(Clause.objects.values_list("version_id", "text", "carried_over_from"))
    ClauseSuggestion.objects.all().delete()
    ClauseChangeProposal.objects.all().delete()
    command("suggest_clauses")
    out = apply(tmp_path, FULL, "--list-undecided")
    assert "undecided" not in out.replace("still undecided", "")
    assert "0 created" not in out and "carried" not in out.split(":")[-1]
    assert sorted(Clause.objects.values_list("version_id", "text", "carried_over_from")) == clauses
    statuses = sorted(ClauseSuggestion.objects.values_list("status", flat=True))
    assert statuses == ["carried", "confirmed", "confirmed"]
