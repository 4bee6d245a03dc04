"""A record's change page runs as many queries for many inline rows as for one, and
what it shows of each row (revision token, labels, selected choices) stays right.

Issue #12 item 4: each inline row's form read its latest revision, each of its
autocomplete widgets its selected rows, and its ``__str__`` the rows it names.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records.admin.widgets import KnownAutocompleteSelectMultiple
from casebook.records.models import AccusedParty
from tests import factories
from tests.records.admin_pages import change_form, change_url

pytestmark = pytest.mark.django_db


def add_accused_row(allegation, n: int) -> None:
    """One more row in each of an allegation's inlines, every autocomplete field filled."""
    row = factories.AccusedPartyFactory(
        allegation=allegation,
        response_source=factories.SourceFactory(),
        figures_source=factories.SourceFactory(),
    )
    row.capabilities.add(factories.CapabilityFactory(slug=f"capability-{n}"))
    row.techniques.add(factories.TechniqueFactory(slug=f"technique-{n}"))
    factories.EventFactory(allegation=allegation)
    factories.CitationFactory(record=allegation)


def add_case_row(case, n: int) -> None:
    factories.CasePartyFactory(case=case)
    factories.EventFactory(case=case)


def add_clause_row(version, n: int) -> None:
    earlier = factories.ClauseFactory(
        category=factories.ClauseCategoryFactory(slug=f"category-{n}")
    )
    factories.ClauseFactory(version=version, category=earlier.category, carried_over_from=earlier)


ROWS = {
    "allegation": (factories.AllegationFactory, add_accused_row),
    "case": (factories.CaseFactory, add_case_row),
    "terms version": (factories.TermsVersionFactory, add_clause_row),
}


def page_queries(client, obj) -> int:
    url = change_url(obj)
    client.get(url)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ROWS)
def test_more_inline_rows_run_no_more_queries(staff_client, kind):
    build, add_row = ROWS[kind]
    record = build()
    add_row(record, 0)
    one_row = page_queries(staff_client, record)
    for n in range(1, 5):
        add_row(record, n)

    assert page_queries(staff_client, record) == one_row


def test_each_inline_row_carries_its_own_latest_revision(admin_app):
    allegation = factories.AllegationFactory()
    add_accused_row(allegation, 0)
    add_accused_row(allegation, 1)
    edited = allegation.accused.order_by("pk").last()
    for text in ("Second.", "Third."):
        edited.conduct = text
        edited.save()

    form = change_form(admin_app, allegation)

    for index, row in enumerate(AccusedParty.objects.filter(allegation=allegation)):
        latest = row.history.order_by("-history_id").first().history_id
        assert form[f"accused-{index}-loaded_revision"].value == str(latest)


def test_autocomplete_rows_show_their_selected_labels(admin_app):
    allegation = factories.AllegationFactory()
    add_accused_row(allegation, 0)
    row = allegation.accused.get()

    page = admin_app.get(change_url(allegation))

    party = page.html.select_one("select[name='accused-0-party'] option[selected]")
    capability = page.html.select_one("select[name='accused-0-capabilities'] option[selected]")
    assert (party.get_text(), party["value"]) == (str(row.party), str(row.party_id))
    assert capability.get_text() == str(row.capabilities.get())


def test_a_reshown_row_shows_the_party_posted_not_the_one_loaded(admin_app):
    allegation = factories.AllegationFactory()
    add_accused_row(allegation, 0)
    other = factories.PartyFactory(name="Posted party")
    form = change_form(admin_app, allegation)
    form["accused-0-party"].force_value(str(other.pk))
    form["title"] = ""  # refused: the page is shown again with what was posted

    page = form.submit()

    assert page.status_code == 200
    shown = page.html.select_one("select[name='accused-0-party'] option[selected]")
    assert (shown.get_text(), shown["value"]) == ("Posted party", str(other.pk))


def test_the_widget_labels_known_rows_as_django_does_without_a_query():
    capabilities = [factories.CapabilityFactory(slug=f"capability-{n}") for n in range(2)]
    db_field = AccusedParty._meta.get_field("capabilities")
    field = db_field.formfield(widget=KnownAutocompleteSelectMultiple(db_field, admin.site))
    widget = field.widget
    value = [str(capability.pk) for capability in capabilities]
    expected = widget.render("capabilities", value)  # no known rows: Django's query

    widget.known_objects = capabilities
    with CaptureQueriesContext(connection) as queries:
        rendered = widget.render("capabilities", value)

    assert (rendered, len(queries)) == (expected, 0)
