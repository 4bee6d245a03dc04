"""History: every change kept with its user, diffs between revisions, revert, recent changes."""

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests import factories
from tests.records.admin_pages import assert_saved

pytestmark = pytest.mark.django_db


@pytest.fixture
def party(staff_user):
    """A draft party with three revisions: created, renamed, given a short name."""
    party = factories.PartyFactory(editorial_status=EditorialStatus.DRAFT, name="Moonshot")
    for name, short_name in (("Moonshot AI", ""), ("Moonshot AI", "Kimi")):
        party.name, party.short_name = name, short_name
        party._history_user = staff_user
        party.save()
    return party


def revisions(party):
    return list(party.history.order_by("history_id"))


def compare_url(party):
    return reverse("admin:records_party_compare", args=[party.pk])


def revert_form(app, party, revision, user=None):
    """The revert page of ``revision`` as rendered (the form holds that revision's values)."""
    url = reverse("admin:records_party_simple_history", args=[party.pk, revision.history_id])
    page = app.get(url, user=user) if user else app.get(url)
    return page.forms["historicalparty_form"]


def test_the_compare_page_shows_the_latest_change_by_default(staff_client, party):
    response = staff_client.get(compare_url(party))

    assert response.status_code == 200
    changes = [(str(c["field"]), c["old"], c["new"]) for c in response.context["changes"]]
    assert changes == [("short name", "", "Kimi")]


def test_the_compare_page_diffs_any_two_revisions(staff_client, party):
    first, _, last = revisions(party)

    response = staff_client.get(
        compare_url(party), {"old": first.history_id, "new": last.history_id}
    )

    changes = {str(c["field"]): (c["old"], c["new"]) for c in response.context["changes"]}
    assert changes == {"name": ("Moonshot", "Moonshot AI"), "short name": ("", "Kimi")}
    assert "Moonshot AI" in response.content.decode()


def test_the_history_page_links_to_the_comparison(staff_client, party):
    response = staff_client.get(reverse("admin:records_party_history", args=[party.pk]))

    assert compare_url(party) in response.content.decode()


def test_an_editor_reverts_to_an_earlier_revision_as_a_new_revision(webtest_app, make_staff, party):
    editor = make_staff("Editors")
    first = revisions(party)[0]
    count = party.history.count()
    form = revert_form(webtest_app, party, first, user=editor)

    response = form.submit(user=editor)

    assert_saved(response)
    party.refresh_from_db()
    assert (party.name, party.short_name) == ("Moonshot", "")
    assert party.history.count() == count + 1
    assert party.history.latest("history_id").history_user == editor


def test_a_revert_never_changes_the_editorial_status(admin_app, party):
    first = revisions(party)[0]
    party.editorial_status = EditorialStatus.IN_REVIEW
    party.save()

    assert_saved(revert_form(admin_app, party, first).submit())

    party.refresh_from_db()
    assert party.name == "Moonshot"
    assert party.editorial_status == EditorialStatus.IN_REVIEW


def test_an_analyst_may_not_revert(webtest_app, make_staff, party):
    """The analyst posts the revert form an editor's page renders, and is refused."""
    first = revisions(party)[0]
    form = revert_form(webtest_app, party, first, user=make_staff("Editors"))

    response = form.submit(user=make_staff("Analysts"), expect_errors=True)

    assert response.status_code == 403
    party.refresh_from_db()
    assert party.name == "Moonshot AI"


def test_recent_changes_lists_changes_across_record_types(staff_client, party):
    factories.AllegationFactory(title="A newer allegation")

    response = staff_client.get(reverse("staff:recent_changes"))

    types = {str(row["type"]) for row in response.context["rows"]}
    assert {"party", "allegation", "citation"} <= types
    dates = [row["change"].history_date for row in response.context["rows"]]
    assert dates == sorted(dates, reverse=True)


def test_recent_changes_filter_by_record_type(staff_client, party):
    factories.AllegationFactory()

    response = staff_client.get(reverse("staff:recent_changes"), {"type": "allegation"})

    assert response.context["rows"]
    assert {str(row["type"]) for row in response.context["rows"]} == {"allegation"}


def test_recent_changes_filter_by_user(staff_client, party, staff_user):
    other = factories.StaffUserFactory(username="other")
    allegation = factories.AllegationFactory()
    allegation.title = "Edited by the other user"
    allegation._history_user = other
    allegation.save()

    response = staff_client.get(reverse("staff:recent_changes"), {"user": other.pk})

    rows = response.context["rows"]
    assert [(row["change"].history_user, row["change"].title) for row in rows] == [
        (other, "Edited by the other user")
    ]


def test_recent_changes_summarise_what_changed(staff_client, party):
    response = staff_client.get(reverse("staff:recent_changes"), {"type": "party"})

    assert "short name: set to “Kimi”" in response.content.decode()
