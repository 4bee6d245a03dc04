"""The staff roles: what analysts, editors and administrators may and may not do."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from casebook.records import models as m
from tests import factories

pytestmark = pytest.mark.django_db


def allegation_form_data(allegation, **changes):
    data = {
        "slug": allegation.slug,
        "title": allegation.title,
        "summary": allegation.summary,
        "accuser": allegation.accuser.pk,
        "made_on": allegation.made_on.isoformat(),
        "made_on_precision": allegation.made_on_precision,
        "venue": allegation.venue,
        "status": allegation.status,
        "accounts_qualifier": allegation.accounts_qualifier,
        "exchanges_qualifier": allegation.exchanges_qualifier,
        "figures_basis": allegation.figures_basis,
        "conduct_start_precision": allegation.conduct_start_precision,
        "conduct_end_precision": allegation.conduct_end_precision,
        "loaded_revision": allegation.history.latest("history_id").history_id,
        "accused-TOTAL_FORMS": 0,
        "accused-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
        "records-citation-content_type-object_id-TOTAL_FORMS": 0,
        "records-citation-content_type-object_id-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


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
    codenames = [f"records.publish_{model._meta.model_name}" for model in m.RECORD_MODELS]

    assert all(editor.has_perm(codename) for codename in codenames)
    assert not any(analyst.has_perm(codename) for codename in codenames)
    assert not any(administrator.has_perm(codename) for codename in codenames)


def test_an_analyst_edits_a_draft(client, make_staff):
    allegation = factories.AllegationFactory(editorial_status=m.EditorialStatus.DRAFT)
    client.force_login(make_staff("Analysts"))

    response = client.post(
        change_url(allegation), allegation_form_data(allegation, title="Clearer title")
    )

    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.title == "Clearer title"


def test_an_analyst_cannot_change_a_published_record(client, make_staff):
    allegation = factories.AllegationFactory()
    client.force_login(make_staff("Analysts"))

    page = client.get(change_url(allegation))
    response = client.post(change_url(allegation), allegation_form_data(allegation, title="Oops"))

    assert page.status_code == 200  # read-only view
    assert page.context["has_change_permission"] is False
    assert response.status_code == 403
    allegation.refresh_from_db()
    assert allegation.title != "Oops"


def test_an_analyst_cannot_add_a_citation_to_a_published_record(client, make_staff):
    allegation = factories.AllegationFactory(cite=False)
    source = factories.SourceFactory()
    client.force_login(make_staff("Analysts"))

    response = client.post(
        reverse("admin:records_citation_add"),
        {
            "content_type": allegation.citations.content_type.pk,
            "object_id": allegation.pk,
            "source": source.pk,
            "pinpoint": "p. 1",
            "verification": "primary",
        },
    )

    assert response.status_code == 403
    assert not allegation.citations.exists()


def test_an_editor_changes_a_published_record(client, make_staff):
    allegation = factories.AllegationFactory()
    client.force_login(make_staff("Editors"))

    response = client.post(
        change_url(allegation), allegation_form_data(allegation, title="Corrected title")
    )

    assert response.status_code == 302
    allegation.refresh_from_db()
    assert (allegation.title, allegation.editorial_status) == (
        "Corrected title",
        m.EditorialStatus.PUBLISHED,
    )


def test_an_administrator_manages_people_but_not_records(client, make_staff):
    allegation = factories.AllegationFactory(editorial_status=m.EditorialStatus.DRAFT)
    client.force_login(make_staff("Administrators"))

    add_user = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "new-analyst",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "usable_password": "true",
        },
    )
    change_record = client.post(
        change_url(allegation), allegation_form_data(allegation, title="Not mine")
    )

    assert add_user.status_code == 302
    assert change_record.status_code == 403
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
