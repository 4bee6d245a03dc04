"""Match rules and suggested clauses in the admin, posted as the pages render them."""

import pytest

from casebook.records.models import Clause, ClauseMatchRule, ClauseSuggestion, TermsVersion
from tests import factories
from tests.records.admin_pages import admin_url, assert_saved, change_form, page_errors
from tests.records.clause_world import CLAUSE, build_repo, import_ota, make_world, versions

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    return build_repo(tmp_path_factory.mktemp("clause-admin") / "versions")


@pytest.fixture
def world(shared_repo):
    world = make_world()
    import_ota(shared_repo.path)
    return world


def suggestion_in(version) -> ClauseSuggestion:
    return version.clause_suggestions.get()


def assert_read_only(page) -> None:
    """The page shows the suggestion but offers no decision and no save button."""
    form = page.forms["clausesuggestion_form"]
    assert "decision" not in form.fields and "_save" not in form.fields
    assert "compete with xAI" in page.text


def add_rule_form(app, category):
    form = app.get(admin_url(ClauseMatchRule, "add")).forms["clausematchrule_form"]
    form["category"].force_value(str(category.pk))  # an autocomplete select, filled by JS
    return form


@pytest.mark.parametrize(
    ("kind", "pattern", "words"),
    [
        ("regex", "develop (models", "not a valid regular expression"),
        ("regex", "(a+)+$", "takes too long on some texts"),
        ("regex", "x*", "matches empty text"),
    ],
)
def test_a_bad_rule_is_a_form_error_and_nothing_saved(admin_app, kind, pattern, words):
    category = factories.ClauseCategoryFactory()
    form = add_rule_form(admin_app, category)
    form["kind"] = kind
    form["pattern"] = pattern
    page = form.submit("_save")
    assert page.status_code == 200
    assert any(words in error for error in page_errors(page)), page_errors(page)
    assert not ClauseMatchRule.objects.exists()


def test_an_analyst_adds_a_rule(admin_app, staff_user):
    category = factories.ClauseCategoryFactory()
    form = add_rule_form(admin_app, category)
    form["kind"] = "regex"
    form["pattern"] = r"reverse[- ]engineer"
    assert_saved(form.submit("_save"))
    rule = ClauseMatchRule.objects.get()
    assert (rule.category, rule.kind, rule.pattern) == (category, "regex", r"reverse[- ]engineer")
    assert rule.history.latest().history_user == staff_user


def test_confirming_a_suggestion_as_rendered_makes_the_clause_and_carries_it(admin_app, world):
    v2025, v2025b = versions(world["document"])[1:3]
    suggestion = suggestion_in(v2025)
    form = change_form(admin_app, suggestion)
    assert form["text"].value.strip() == CLAUSE
    assert form["section"].value == "2. Acceptable Use"
    form["decision"] = "confirm"
    assert_saved(form.submit("_save"))
    clause = v2025.clauses.get()
    assert (clause.text, clause.section, clause.category) == (
        CLAUSE,
        "2. Acceptable Use",
        world["category"],
    )
    assert v2025b.clauses.get().carried_over_from == clause
    suggestion.refresh_from_db()
    assert suggestion.status == ClauseSuggestion.Status.CONFIRMED
    # A decided suggestion is read only: its page offers no decision any more.
    page = admin_app.get(admin_url(suggestion, "change", suggestion.pk))
    assert_read_only(page)


def test_edit_then_confirm_keeps_the_edit_when_verbatim(admin_app, world):
    v2025 = versions(world["document"])[1]
    form = change_form(admin_app, suggestion_in(v2025))
    form["text"] = "use the Service or any Output\nto develop models or services"
    form["section"] = "§2"
    form["decision"] = "confirm"
    assert_saved(form.submit("_save"))
    clause = v2025.clauses.get()
    assert clause.text == "use the Service or any Output\nto develop models or services"
    assert clause.section == "§2"


def test_an_edit_that_is_not_in_the_text_is_refused_and_nothing_lost(admin_app, world):
    v2025 = versions(world["document"])[1]
    suggestion = suggestion_in(v2025)
    form = change_form(admin_app, suggestion)
    form["text"] = "You may not use Outputs to compete with xAI."
    form["decision"] = "confirm"
    page = form.submit("_save")
    assert page.status_code == 200
    assert any("does not occur in this version's full text" in e for e in page_errors(page))
    # The analyst's edit is still in the form to correct.
    assert page.forms["clausesuggestion_form"]["text"].value.strip() == (
        "You may not use Outputs to compete with xAI."
    )
    assert not Clause.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == ClauseSuggestion.Status.PENDING and suggestion.text == CLAUSE


def test_rejecting_as_rendered(admin_app, world, staff_user):
    suggestion = suggestion_in(versions(world["document"])[1])
    form = change_form(admin_app, suggestion)
    form["decision"] = "reject"
    assert_saved(form.submit("_save"))
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("rejected", staff_user)
    assert not Clause.objects.exists()


def test_saving_without_a_decision_or_an_edit_changes_nothing(admin_app, world):
    suggestion = suggestion_in(versions(world["document"])[1])
    form = change_form(admin_app, suggestion)
    assert_saved(form.submit("_save"))
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.text) == ("pending", CLAUSE)


@pytest.mark.parametrize("decision", ["", "reject"])
@pytest.mark.parametrize(
    "field, edit", [("text", "edited"), ("text", CLAUSE[:40]), ("section", "§ 9 Other")]
)
def test_an_edit_without_confirming_is_refused_not_dropped(admin_app, world, decision, field, edit):
    # Only a confirmed clause keeps an edit; saving one otherwise used to say "changed
    # successfully" and drop it.
    suggestion = suggestion_in(versions(world["document"])[1])
    form = change_form(admin_app, suggestion)
    form[field] = edit
    form["decision"] = decision
    page = form.submit("_save")
    assert page.status_code == 200
    assert any("kept only in a confirmed clause" in e for e in page_errors(page))
    assert page.forms["clausesuggestion_form"][field].value.strip() == edit.strip()
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.text) == ("pending", CLAUSE)
    assert not Clause.objects.exists()


def test_a_clause_typed_in_the_admin_is_checked_against_the_text(admin_app, world):
    v2025 = versions(world["document"])[1]
    form = admin_app.get(admin_url(Clause, "add")).forms["clause_form"]
    form["version"].force_value(str(v2025.pk))
    form["category"].force_value(str(world["category"].pk))
    form["text"] = "Any Output may train competing models."
    page = form.submit("_save")
    assert any("does not occur" in error for error in page_errors(page))
    assert not Clause.objects.exists()
    form = page.forms["clause_form"]
    form["text"] = "  " + CLAUSE.replace(" ", "\n", 3) + "  "
    assert_saved(form.submit("_save"))
    assert v2025.clauses.count() == 1


def test_an_analyst_cannot_confirm_into_a_published_document_but_an_editor_can(
    webtest_app, world, make_staff
):
    suggestion = suggestion_in(versions(world["document"])[1])
    analyst, editor = make_staff("Analysts"), make_staff("Editors")
    url = admin_url(suggestion, "change", suggestion.pk)
    page = webtest_app.get(url, user=analyst)
    assert_read_only(page)
    token = page.forms["clausesuggestion_form"]["csrfmiddlewaretoken"].value
    posted = {"decision": "confirm", "text": CLAUSE, "csrfmiddlewaretoken": token}
    refused = webtest_app.post(url, posted, user=analyst, expect_errors=True)
    assert refused.status_code == 403 and "CSRF" not in refused.text
    assert not Clause.objects.exists()
    form = change_form(webtest_app, suggestion, user=editor)
    form["decision"] = "confirm"
    assert_saved(form.submit("_save"))
    assert Clause.objects.filter(version=suggestion.version).exists()


def test_the_suggestion_list_and_the_version_action(admin_app, world):
    page = admin_app.get(admin_url(ClauseSuggestion, "changelist") + "?status__exact=pending")
    assert page.text.count("compete with xAI") >= 3
    ClauseSuggestion.objects.all().delete()
    changelist = admin_app.get(admin_url(TermsVersion, "changelist"))
    form = changelist.forms["changelist-form"]
    form["action"] = "suggest_clauses"
    for checkbox in form.fields["_selected_action"]:
        checkbox.checked = True
    result = form.submit().follow()
    assert "3 clause suggestion(s)" in result.text
    assert ClauseSuggestion.objects.count() == 3
