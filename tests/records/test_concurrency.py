"""No lost updates: a save made from a stale copy is refused, showing what changed."""

import pytest
from django.contrib import admin
from django.urls import reverse

from casebook.records import models as m
from tests import factories

pytestmark = pytest.mark.django_db

CITATIONS = "records-citation-content_type-object_id"


def latest_revision_id(obj):
    return obj.history.latest("history_id").history_id


def party_form_data(party, citation, **changes):
    """The party's change form as the browser would post it, with its one citation inline."""
    data = {
        "slug": party.slug,
        "name": party.name,
        "kind": party.kind,
        "country": party.country,
        "aliases": "[]",
        "loaded_revision": latest_revision_id(party),
        f"{CITATIONS}-TOTAL_FORMS": 1,
        f"{CITATIONS}-INITIAL_FORMS": 1,
        f"{CITATIONS}-0-id": citation.pk,
        f"{CITATIONS}-0-source": citation.source.pk,
        f"{CITATIONS}-0-pinpoint": citation.pinpoint,
        f"{CITATIONS}-0-quote": citation.quote,
        f"{CITATIONS}-0-verification": citation.verification,
        f"{CITATIONS}-0-loaded_revision": latest_revision_id(citation),
    }
    data.update(changes)
    return data


@pytest.fixture
def party():
    return factories.PartyFactory(editorial_status=m.EditorialStatus.DRAFT, name="Moonshot")


def change_url(party):
    return reverse("admin:records_party_change", args=[party.pk])


def test_a_fresh_save_goes_through(staff_client, party):
    citation = party.citations.get()

    response = staff_client.post(
        change_url(party), party_form_data(party, citation, name="Moonshot AI")
    )

    assert response.status_code == 302
    party.refresh_from_db()
    assert party.name == "Moonshot AI"


def test_a_stale_save_of_the_record_is_refused_and_shows_what_changed(staff_client, party):
    citation = party.citations.get()
    stale_form = party_form_data(party, citation, country="CN")
    # Someone else saves in between.
    other = factories.StaffUserFactory(username="colleague")
    party.short_name = "Kimi"
    party._history_user = other
    party.save()

    response = staff_client.post(change_url(party), stale_form)

    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by colleague after you opened this page" in message
    assert "short name: “” → “Kimi”" in message
    party.refresh_from_db()
    assert (party.short_name, party.country) == ("Kimi", "US")


def test_saving_again_after_the_refusal_keeps_the_analysts_values(staff_client, party):
    citation = party.citations.get()
    stale_form = party_form_data(party, citation, country="CN")
    party.short_name = "Kimi"
    party.save()
    refused = staff_client.post(change_url(party), stale_form)

    again = dict(
        stale_form, loaded_revision=refused.context["adminform"].form["loaded_revision"].value()
    )
    response = staff_client.post(change_url(party), again)

    assert response.status_code == 302
    party.refresh_from_db()
    assert party.country == "CN"


def test_a_stale_save_of_an_inline_row_is_refused(staff_client, party):
    citation = party.citations.get()
    stale_form = party_form_data(party, citation, **{f"{CITATIONS}-0-quote": "My quote."})
    citation.quote = "Their corrected quote."
    citation.save()

    response = staff_client.post(change_url(party), stale_form)

    assert response.status_code == 200
    inline_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    message = " ".join(inline_form.non_field_errors())
    assert "quote: “A short quote.” → “Their corrected quote.”" in message
    citation.refresh_from_db()
    assert citation.quote == "Their corrected quote."


def test_a_stale_inline_row_blocks_the_record_save_too(staff_client, party):
    citation = party.citations.get()
    stale_form = party_form_data(party, citation, name="Renamed")
    citation.pinpoint = "para. 99"
    citation.save()

    staff_client.post(change_url(party), stale_form)

    party.refresh_from_db()
    citation.refresh_from_db()
    assert (party.name, citation.pinpoint) == ("Moonshot", "para. 99")


def test_a_stale_save_of_a_terms_version_clause_is_refused(staff_client):
    clause = factories.ClauseFactory(text="Original text.")
    version = clause.version
    data = {
        "document": version.document.pk,
        "effective_from": version.effective_from.isoformat(),
        "effective_from_precision": version.effective_from_precision,
        "retrieved_on": version.retrieved_on.isoformat(),
        "reviewed_categories": [clause.category.pk],
        "loaded_revision": latest_revision_id(version),
        "clauses-TOTAL_FORMS": 1,
        "clauses-INITIAL_FORMS": 1,
        "clauses-0-id": clause.pk,
        "clauses-0-version": version.pk,
        "clauses-0-category": clause.category.pk,
        "clauses-0-text": "Original text.",
        "clauses-0-verification": clause.verification,
        "clauses-0-loaded_revision": latest_revision_id(clause),
    }
    clause.text = "Text corrected by a colleague."
    clause.save()

    response = staff_client.post(
        reverse("admin:records_termsversion_change", args=[version.pk]), data
    )

    assert response.status_code == 200
    inline_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "“Original text.” → “Text corrected by a colleague.”" in str(
        inline_form.non_field_errors()
    )
    clause.refresh_from_db()
    assert clause.text == "Text corrected by a colleague."


def test_the_clause_form_keeps_its_version_field(rf, staff_user):
    """The hidden revision token must not shadow a model field called ``version``."""
    request = rf.get("/")
    request.user = staff_user
    form = admin.site._registry[m.Clause].get_form(request)()

    assert form.fields["version"].queryset.model is m.TermsVersion
    assert "loaded_revision" in form.fields
