"""No lost updates: two editors on one record, each posting the page as rendered.

A save made from an older copy is merged three ways: fields its editor left alone
take the other editor's values; if its editor changed anything, the save is
refused once, showing what the other changed, and saving again keeps both. An
unchanged save is never refused. On PostgreSQL the row is locked, so of two saves
arriving at the same moment exactly one is accepted.
"""

import threading

import pytest
from django.contrib import admin
from django.db import connection
from django_webtest import DjangoTestApp

from casebook.records.models import Clause, Event, TermsVersion
from tests import factories
from tests.records.admin_pages import CITATIONS, assert_saved, change_form, page_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return factories.SuperUserFactory(username="colleague")


@pytest.fixture
def allegation():
    allegation = factories.AllegationFactory(title="Original title", summary="Original summary.")
    factories.AccusedPartyFactory(allegation=allegation, conduct="Original conduct.")
    factories.EventFactory(allegation=allegation, headline="Original headline")
    return allegation


def refusal(response) -> str:
    assert response.status_code == 200, "the stale save was accepted"
    return " ".join(page_errors(response))


def test_a_later_save_that_changes_a_field_is_refused_and_shows_what_changed(
    admin_app, colleague, allegation
):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    theirs["title"] = "Their title"
    assert_saved(theirs.submit(user=colleague))

    mine["summary"] = "My summary."
    response = mine.submit()

    message = refusal(response)
    assert "changed by colleague after you opened this page" in message
    assert "title: “Original title” → “Their title”" in message
    allegation.refresh_from_db()
    assert (allegation.title, allegation.summary) == ("Their title", "Original summary.")


def test_saving_again_keeps_both_editors_changes(admin_app, colleague, allegation):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    theirs["title"] = "Their title"
    assert_saved(theirs.submit(user=colleague))
    mine["summary"] = "My summary."
    refused = mine.submit()

    again = refused.forms["allegation_form"]
    assert again["title"].value == "Their title"  # merged into the page shown
    assert again["summary"].value == "My summary."
    assert_saved(again.submit())

    allegation.refresh_from_db()
    assert (allegation.title, allegation.summary) == ("Their title", "My summary.")


def test_when_both_change_the_same_field_saving_again_keeps_mine(admin_app, colleague, allegation):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    theirs["title"] = "Their title"
    assert_saved(theirs.submit(user=colleague))
    mine["title"] = "My title"
    refused = mine.submit()
    assert "“Original title” → “Their title”" in refusal(refused)

    assert_saved(refused.forms["allegation_form"].submit())

    allegation.refresh_from_db()
    assert allegation.title == "My title"


def test_an_unchanged_save_is_never_refused_and_keeps_the_other_editors_changes(
    admin_app, colleague, allegation
):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    theirs["title"] = "Their title"
    theirs["accused-0-conduct"] = "Their conduct."
    theirs["events-0-headline"] = "Their headline"
    assert_saved(theirs.submit(user=colleague))

    assert_saved(mine.submit())

    allegation.refresh_from_db()
    assert allegation.title == "Their title"
    assert allegation.accused.get().conduct == "Their conduct."
    assert allegation.events.get().headline == "Their headline"


@pytest.mark.parametrize(
    ("mine_field", "their_field"),
    [
        ("accused-0-conduct", "accused-0-exchanges"),
        ("events-0-headline", "events-0-kind"),
        (f"{CITATIONS}-0-quote", f"{CITATIONS}-0-pinpoint"),
    ],
)
def test_inline_rows_merge_too(admin_app, colleague, allegation, mine_field, their_field):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    their_value = {"exchanges": "7", "kind": Event.Kind.FILING, "pinpoint": "p. 9"}[
        their_field.rsplit("-", 1)[1]
    ]
    theirs[their_field] = their_value
    assert_saved(theirs.submit(user=colleague))
    mine[mine_field] = "Mine."

    refused = mine.submit()

    assert "changed by colleague after you opened this page" in refusal(refused)
    again = refused.forms["allegation_form"]
    assert again[their_field].value == their_value
    assert_saved(again.submit())
    page = change_form(admin_app, allegation)
    assert (page[mine_field].value, page[their_field].value) == ("Mine.", their_value)


def test_a_stale_inline_row_blocks_the_record_save_too(admin_app, colleague, allegation):
    mine = change_form(admin_app, allegation)
    theirs = change_form(admin_app, allegation, user=colleague)
    theirs["accused-0-conduct"] = "Their conduct."
    assert_saved(theirs.submit(user=colleague))
    mine["title"] = "My title"
    mine["accused-0-conduct"] = "My conduct."

    refusal(mine.submit())

    allegation.refresh_from_db()
    assert (allegation.title, allegation.accused.get().conduct) == (
        "Original title",
        "Their conduct.",
    )


def test_a_stale_save_of_a_terms_version_clause_is_refused(admin_app, colleague):
    clause = factories.ClauseFactory(text="Original text.")
    mine = change_form(admin_app, clause.version)
    theirs = change_form(admin_app, clause.version, user=colleague)
    theirs["clauses-0-text"] = "Text corrected by a colleague."
    assert_saved(theirs.submit(user=colleague))
    mine["clauses-0-section"] = "4(b)"

    message = refusal(mine.submit())

    assert "“Original text.” → “Text corrected by a colleague.”" in message
    clause.refresh_from_db()
    assert (clause.text, clause.section) == ("Text corrected by a colleague.", "2(c)")


def test_a_stale_save_of_a_child_row_page_is_refused(admin_app, colleague):
    row = factories.AccusedPartyFactory(conduct="Original conduct.")
    mine = change_form(admin_app, row)
    theirs = change_form(admin_app, row, user=colleague)
    theirs["conduct"] = "Their conduct."
    assert_saved(theirs.submit(user=colleague))
    mine["response_summary"] = "They deny it."

    refused = mine.submit()

    assert "conduct: “Original conduct.” → “Their conduct.”" in refusal(refused)
    assert_saved(refused.forms["accusedparty_form"].submit())
    row.refresh_from_db()
    assert (row.conduct, row.response_summary) == ("Their conduct.", "They deny it.")


def test_the_clause_form_keeps_its_version_field(rf, staff_user):
    """The hidden revision token must not shadow a model field called ``version``."""
    request = rf.get("/")
    request.user = staff_user
    form = admin.site._registry[Clause].get_form(request)()

    assert form.fields["version"].queryset.model is TermsVersion
    assert "loaded_revision" in form.fields


# --- saves at the same moment, on PostgreSQL ---------------------------------

RUNS = 6


def submit_together(forms, users) -> list[int]:
    """Submit each form from its own thread (its own connection), released by a barrier."""
    barrier = threading.Barrier(len(forms))
    statuses: list[int] = []

    def submit(form, user):
        try:
            barrier.wait(timeout=30)
            statuses.append(form.submit(user=user).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=pair) for pair in zip(forms, users, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_exactly_one_is_accepted(webtest_app):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks and serialises writers with one "
            "database lock, so two saves never overlap there"
        )
    editors = [factories.SuperUserFactory(username=f"editor{i}") for i in range(2)]
    for run in range(RUNS):
        allegation = factories.AllegationFactory(title="Original title")
        forms = [
            change_form(
                DjangoTestApp(extra_environ=dict(webtest_app.extra_environ)), allegation, user
            )
            for user in editors
        ]
        for index, form in enumerate(forms):
            form["summary"] = f"Summary by editor {index}, run {run}."

        statuses = submit_together(forms, editors)

        assert sorted(statuses) == [200, 302], f"run {run}: {statuses}"
        allegation.refresh_from_db()
        assert allegation.summary.startswith("Summary by editor")
        assert allegation.history.count() == 2  # created, then exactly one edit
