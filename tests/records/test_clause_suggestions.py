"""Suggested clauses after an import, confirmation, carry-over and change proposals."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from casebook.records.clauses.services import suggestion_confirm, suggestion_reject
from casebook.records.models import (
    Clause,
    ClauseChangeProposal,
    ClauseMatchRule,
    ClauseSuggestion,
    DatePrecision,
    EditorialStatus,
    Event,
)
from tests import factories
from tests.records.clause_world import (
    CLAUSE,
    HISTORY,
    REWORDED,
    build_repo,
    import_ota,
    make_world,
    text,
    versions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    """Built once: tests that add commits build their own."""
    return build_repo(tmp_path_factory.mktemp("clauses") / "versions")


@pytest.fixture
def world(shared_repo):
    world = make_world()
    world["repo"] = shared_repo
    world["output"] = import_ota(shared_repo.path)
    world["analyst"] = factories.StaffUserFactory(username="ana")
    return world


def suggestions_of(version):
    return list(version.clause_suggestions.order_by("id"))


def confirm_in(version, user, **kwargs):
    (suggestion,) = suggestions_of(version)
    return suggestion_confirm(suggestion=suggestion, user=user, **kwargs)


def test_an_import_suggests_the_matching_passage_with_its_heading(world):
    v2024, v2025, v2025b, v2025c, v2025d = versions(world["document"])
    assert suggestions_of(v2024) == [] and suggestions_of(v2025d) == []
    for version, passage in [(v2025, CLAUSE), (v2025b, CLAUSE), (v2025c, REWORDED)]:
        (suggestion,) = suggestions_of(version)
        assert suggestion.text == passage
        assert suggestion.section == "2. Acceptable Use"
        assert suggestion.category == world["category"]
        assert suggestion.status == ClauseSuggestion.Status.PENDING
    assert "Clauses: 3 clause suggestion(s)" in world["output"]
    assert Clause.objects.count() == 0  # nothing is confirmed by itself


def test_a_second_import_and_the_command_suggest_nothing_again(world):
    assert "Clauses: 0 clause suggestion(s)" in import_ota(world["repo"].path)
    out = io.StringIO()
    call_command("suggest_clauses", stdout=out)
    assert "0 clause suggestion(s)" in out.getvalue()
    assert ClauseSuggestion.objects.count() == 3


def test_the_command_suggests_for_versions_imported_before_a_rule_existed(world):
    reverse = factories.ClauseCategoryFactory(slug="no-reverse-engineering")
    ClauseMatchRule.objects.create(category=reverse, kind="phrase", pattern="laws of Texas")
    out = io.StringIO()
    call_command("suggest_clauses", "--document", "xai-terms-of-service", stdout=out)
    assert "5 clause suggestion(s)" in out.getvalue()
    assert {s.section for s in reverse.suggestions.all()} == {"9. Law"}
    with pytest.raises(Exception, match="No terms document with slug: nope"):
        call_command("suggest_clauses", "--document", "nope")


def test_confirming_carries_over_to_the_same_text_and_proposes_the_change(world):
    v2024, v2025, v2025b, v2025c, v2025d = versions(world["document"])
    clause = confirm_in(v2025, world["analyst"])
    assert (clause.text, clause.section, clause.carried_over_from) == (
        CLAUSE,
        "2. Acceptable Use",
        None,
    )
    assert clause.history.latest().history_user == world["analyst"]
    carried = v2025b.clauses.get()
    assert carried.text == CLAUSE and carried.carried_over_from == clause
    assert carried.carried_over_note == "carried over from version recorded on 2025-01-08"
    assert suggestions_of(v2025b)[0].status == ClauseSuggestion.Status.CARRIED
    assert suggestions_of(v2025b)[0].clause == carried
    assert not v2025c.clauses.exists()
    (proposal,) = ClauseChangeProposal.objects.all()
    assert (proposal.clause, proposal.version) == (carried, v2025c)
    event = proposal.event
    assert event.editorial_status == EditorialStatus.DRAFT
    assert event.headline == "xAI changed its clause: no training of competing models"
    assert event.terms_document == world["document"]
    assert list(event.parties.all()) == [world["vendor"]]
    assert (str(event.date), event.date_precision) == ("2025-05-30", DatePrecision.DAY)
    assert "[-the Service or -]any Output" in event.description
    assert "[-xAI.-]{+xAI or its affiliates.+}" in event.description
    assert (
        "(version recorded by Open Terms Archive on 2025-03-01) does not occur word for "
        "word in the version recorded on 2025-06-01" in event.description
    )


def test_a_vanished_clause_is_proposed_as_dropped_once(world):
    v2024, v2025, v2025b, v2025c, v2025d = versions(world["document"])
    reworded = confirm_in(v2025c, world["analyst"])
    (proposal,) = ClauseChangeProposal.objects.filter(version=v2025d)
    assert proposal.clause == reworded
    assert proposal.event.headline == "xAI dropped its clause: no training of competing models"
    assert "No passage of the new version matches" in proposal.event.description
    # An editor discards the draft; running again proposes nothing new.
    proposal.event.delete()
    call_command("suggest_clauses", stdout=io.StringIO())
    confirm_in(v2025, world["analyst"])
    assert ClauseChangeProposal.objects.filter(version=v2025d).count() == 1
    assert not Event.objects.filter(headline__contains="dropped").exists()


def test_a_later_import_carries_confirmations_into_new_versions(tmp_path):
    world = make_world()
    world["repo"] = build_repo(tmp_path / "versions")
    import_ota(world["repo"].path)
    world["analyst"] = factories.StaffUserFactory(username="ana")
    v2025 = versions(world["document"])[1]
    confirm_in(v2025, world["analyst"])
    world["repo"].record(
        "xAI", "Terms of Service", text("August 1, 2025", CLAUSE), "2025-08-02T00:00:00"
    )
    output = import_ota(world["repo"].path)
    latest = versions(world["document"])[-1]
    # The text came back after the reworded and the empty versions: the last confirmed
    # clause before it is gone, so nothing carries, and the passage awaits an analyst.
    assert "1 clause suggestion(s), 0 confirmation(s) carried" in output
    assert suggestions_of(latest)[0].status == ClauseSuggestion.Status.PENDING
    confirm_in(latest, world["analyst"])
    world["repo"].record(
        "xAI", "Terms of Service", text("September 1, 2025", CLAUSE), "2025-09-02T00:00:00"
    )
    output = import_ota(world["repo"].path)
    newest = versions(world["document"])[-1]
    assert "1 confirmation(s) carried over" in output
    assert newest.clauses.get().carried_over_from == latest.clauses.get()


def test_a_dry_run_writes_no_suggestion(shared_repo):
    world = make_world()
    out = io.StringIO()
    call_command("import_ota", str(shared_repo.path), "--dry-run", stdout=out)
    assert "3 clause suggestion(s)" in out.getvalue()
    assert ClauseSuggestion.objects.count() == 0 and not world["document"].versions.exists()


def test_an_edited_confirmation_must_still_quote_the_version(world):
    v2025 = versions(world["document"])[1]
    (suggestion,) = suggestions_of(v2025)
    with pytest.raises(ValidationError, match="does not occur"):
        suggestion_confirm(
            suggestion=suggestion, user=world["analyst"], text="You may not compete with xAI."
        )
    assert not Clause.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == ClauseSuggestion.Status.PENDING
    trimmed = "use the Service or any Output to develop models"
    clause = suggestion_confirm(suggestion=suggestion, user=world["analyst"], text=trimmed)
    assert clause.text == trimmed
    suggestion.refresh_from_db()
    assert suggestion.text == CLAUSE  # the suggestion keeps what the rule found


def test_rejecting_records_who_and_makes_no_clause(world):
    v2025 = versions(world["document"])[1]
    (suggestion,) = suggestions_of(v2025)
    suggestion_reject(suggestion=suggestion, user=world["analyst"])
    suggestion.refresh_from_db()
    assert suggestion.status == ClauseSuggestion.Status.REJECTED
    assert suggestion.decided_by == world["analyst"] and suggestion.decided_at
    assert not Clause.objects.exists()


def test_the_verbatim_rule_is_the_models_own(world):
    v2025 = versions(world["document"])[1]
    category = world["category"]
    clause = Clause(version=v2025, category=category, text="Not in the text at all.")
    with pytest.raises(ValidationError) as caught:
        clause.full_clean()
    assert "does not occur in this version's full text" in str(caught.value.message_dict["text"])
    spaced = CLAUSE.replace(" ", "\n  ")
    Clause(version=v2025, category=category, text=spaced).full_clean()
    manual = factories.TermsVersionFactory(document=world["document"])
    Clause(version=manual, category=category, text="From a press quote.").full_clean()


def test_history_is_unchanged_by_suggestions_on_text_history(world):
    # Every version still has its text; suggestions never write into terms versions.
    texts = [v.full_text for v in versions(world["document"])]
    assert texts == [body for _, body in HISTORY]
