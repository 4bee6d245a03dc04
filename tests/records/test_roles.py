"""The staff roles: what analysts, editors and administrators may and may not do."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from casebook.records.models import RECORD_MODELS, Citation, EditorialStatus
from tests import factories
from tests.records.admin_pages import admin_url, assert_saved, change_form, change_url

pytestmark = pytest.mark.django_db


def test_setup_roles_is_idempotent(roles):
    counts = {group.name: group.permissions.count() for group in Group.objects.all()}

    call_command("setup_roles", verbosity=0)

    assert set(counts) == {"Analysts", "Editors", "Administrators"}
    assert {group.name: group.permissions.count() for group in Group.objects.all()} == counts


def test_setup_roles_restores_a_removed_permission(roles):
    editors = roles["Editors"]
    editors.permissions.remove(*editors.permissions.filter(codename="publish_allegation"))

    call_command("setup_roles", verbosity=0)

    assert editors.permissions.filter(codename="publish_allegation").exists()


def test_only_editors_hold_the_publish_permissions(make_staff):
    analyst, editor, administrator = (
        make_staff(group) for group in ("Analysts", "Editors", "Administrators")
    )
    codenames = [f"records.publish_{model._meta.model_name}" for model in RECORD_MODELS]

    assert all(editor.has_perm(codename) for codename in codenames)
    assert not any(analyst.has_perm(codename) for codename in codenames)
    assert not any(administrator.has_perm(codename) for codename in codenames)


def test_an_analyst_edits_a_draft(webtest_app, make_staff):
    allegation = factories.AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    analyst = make_staff("Analysts")
    form = change_form(webtest_app, allegation, user=analyst)
    form["title"] = "Clearer title"

    assert_saved(form.submit(user=analyst))

    allegation.refresh_from_db()
    assert allegation.title == "Clearer title"


def test_an_analyst_cannot_change_a_published_record(webtest_app, make_staff):
    """The analyst's page is read-only; the form an editor's page renders is refused."""
    allegation = factories.AllegationFactory()
    analyst = make_staff("Analysts")
    page = webtest_app.get(change_url(allegation), user=analyst)
    form = change_form(webtest_app, allegation, user=make_staff("Editors"))
    form["title"] = "Oops"

    response = form.submit(user=analyst, expect_errors=True)

    assert page.context["has_change_permission"] is False
    assert "title" not in page.forms["allegation_form"].fields  # shown read-only
    assert "Loaded revision" not in page.text  # the hidden token has no read-only row
    assert response.status_code == 403
    allegation.refresh_from_db()
    assert allegation.title != "Oops"


def test_an_analyst_cannot_add_a_citation_to_a_published_record(webtest_app, make_staff):
    allegation = factories.AllegationFactory(cite=False)
    source = factories.SourceFactory()
    analyst = make_staff("Analysts")
    form = webtest_app.get(admin_url(Citation, "add"), user=analyst).forms["citation_form"]
    form["content_type"] = str(allegation.citations.content_type.pk)
    form["object_id"] = str(allegation.pk)
    form["source"].force_value(str(source.pk))  # what the autocomplete widget selects
    form["pinpoint"] = "p. 1"

    response = form.submit(user=analyst, expect_errors=True)

    assert response.status_code == 403
    assert not allegation.citations.exists()


def test_an_editor_changes_a_published_record(webtest_app, make_staff):
    allegation = factories.AllegationFactory()
    factories.AccusedPartyFactory(allegation=allegation)
    factories.EventFactory(allegation=allegation)
    editor = make_staff("Editors")
    form = change_form(webtest_app, allegation, user=editor)
    form["title"] = "Corrected title"

    assert_saved(form.submit(user=editor))

    allegation.refresh_from_db()
    assert (allegation.title, allegation.editorial_status) == (
        "Corrected title",
        EditorialStatus.PUBLISHED,
    )


def test_an_administrator_manages_people_but_not_records(webtest_app, make_staff):
    allegation = factories.AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    administrator = make_staff("Administrators")
    add_user = webtest_app.get(reverse("admin:auth_user_add"), user=administrator)
    user_form = add_user.forms["user_form"]
    user_form["username"] = "new-analyst"
    user_form["password1"] = "a long enough passphrase 42"
    user_form["password2"] = "a long enough passphrase 42"
    record_form = change_form(webtest_app, allegation, user=make_staff("Editors"))
    record_form["title"] = "Not mine"

    added = user_form.submit(user=administrator)
    changed = record_form.submit(user=administrator, expect_errors=True)

    assert_saved(added)
    assert changed.status_code == 403
    allegation.refresh_from_db()
    assert allegation.title != "Not mine"


def test_an_administrator_manages_api_tokens(make_staff):
    administrator = make_staff("Administrators")

    assert administrator.has_perm("authtoken.add_token")
    assert administrator.has_perm("auth.change_user")


def test_analysts_and_editors_cannot_manage_people(client, make_staff):
    for group in ("Analysts", "Editors"):
        client.force_login(make_staff(group))

        response = client.get(reverse("admin:auth_user_changelist"))

        assert response.status_code == 403, group


def test_a_staff_user_without_a_role_sees_no_records(client):
    client.force_login(factories.StaffUserFactory())

    response = client.get(reverse("admin:records_allegation_changelist"))

    assert response.status_code == 403
