"""The admin: every model's pages load for staff, anonymous users log in first."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from casebook.records import models as m
from tests import factories

pytestmark = pytest.mark.django_db

#: One saved row of each registered model, so its change page can be opened.
FACTORY_FOR = {
    m.Capability: factories.CapabilityFactory,
    m.Technique: factories.TechniqueFactory,
    m.LegalTheory: factories.LegalTheoryFactory,
    m.ClauseCategory: factories.ClauseCategoryFactory,
    m.Topic: factories.TopicFactory,
    m.Party: factories.PartyFactory,
    m.Source: factories.SourceFactory,
    m.Citation: factories.CitationFactory,
    m.TermsDocument: factories.TermsDocumentFactory,
    m.TermsVersion: factories.TermsVersionFactory,
    m.Clause: factories.ClauseFactory,
    m.Allegation: factories.AllegationFactory,
    m.AccusedParty: factories.AccusedPartyFactory,
    m.Case: factories.CaseFactory,
    m.CaseParty: factories.CasePartyFactory,
    m.Settlement: factories.SettlementFactory,
    m.Guidance: factories.GuidanceFactory,
    m.Holding: factories.HoldingFactory,
    m.Event: factories.EventFactory,
}

RECORDS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "records"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_records_model_is_registered():
    assert set(RECORDS_MODELS) == set(FACTORY_FOR)


@pytest.mark.parametrize("model", RECORDS_MODELS, ids=lambda model: model.__name__)
def test_changelist_add_and_change_pages_load(staff_client, model):
    obj = FACTORY_FOR[model]()

    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", RECORDS_MODELS, ids=lambda model: model.__name__)
def test_every_list_has_filters_and_search(model):
    model_admin = admin.site._registry[model]

    assert model_admin.search_fields
    assert model_admin.list_filter


@pytest.mark.parametrize("model", RECORDS_MODELS, ids=lambda model: model.__name__)
def test_every_form_field_has_help_text(rf, staff_user, model):
    request = rf.get("/")
    request.user = staff_user
    form = admin.site._registry[model].get_form(request)()

    missing = [
        name
        for name, field in form.fields.items()
        if name != "loaded_revision" and not field.help_text
    ]
    assert missing == []


def test_anonymous_users_are_sent_to_the_login_page(client):
    url = admin_url(m.Allegation, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_recent_changes_sends_anonymous_users_to_login(client):
    response = client.get(reverse("staff:recent_changes"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_is_branded(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert "Casebook administration" in response.content.decode()


def test_citations_are_edited_inline_on_a_record(staff_client):
    allegation = factories.AllegationFactory()

    response = staff_client.get(admin_url(m.Allegation, "change", allegation.pk))

    inline_prefixes = [
        formset.formset.prefix for formset in response.context["inline_admin_formsets"]
    ]
    assert "records-citation-content_type-object_id" in inline_prefixes
    assert "accused" in inline_prefixes


def test_a_terms_version_page_holds_its_clauses(staff_client):
    clause = factories.ClauseFactory()

    response = staff_client.get(admin_url(m.TermsVersion, "change", clause.version.pk))

    formsets = response.context["inline_admin_formsets"]
    assert [f.formset.prefix for f in formsets] == ["clauses"]
    assert formsets[0].formset.queryset.get() == clause
    assert "reviewed_categories" in response.context["adminform"].form.fields


def test_party_autocomplete_finds_parties(staff_client):
    factories.PartyFactory(name="Anthropic PBC")
    factories.PartyFactory(name="Moonshot AI")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "anthro",
            "app_label": "records",
            "model_name": "allegation",
            "field_name": "accuser",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Anthropic PBC"]


def settlement_form_data(settlement, **changes):
    data = {
        "slug": settlement.slug,
        "case": settlement.case.pk,
        "title": settlement.title,
        "amount_qualifier": settlement.amount_qualifier,
        "currency": settlement.currency,
        "per_unit_qualifier": settlement.per_unit_qualifier,
        "announced_on": settlement.announced_on.isoformat(),
        "preliminary_approval_on": settlement.preliminary_approval_on.isoformat(),
        "loaded_revision": settlement.history.latest("history_id").history_id,
        "records-citation-content_type-object_id-TOTAL_FORMS": 0,
        "records-citation-content_type-object_id-INITIAL_FORMS": 0,
        "events-TOTAL_FORMS": 0,
        "events-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_final_approval_before_preliminary_is_refused_in_plain_words(staff_client):
    settlement = factories.SettlementFactory(cite=False)
    data = settlement_form_data(
        settlement,
        final_approval_on=(settlement.preliminary_approval_on - datetime.timedelta(days=1)),
    )

    response = staff_client.post(admin_url(m.Settlement, "change", settlement.pk), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["final_approval_on"] == [
        "Final approval cannot come before preliminary approval."
    ]
    assert "__all__" not in form.errors  # no "Constraint … is violated" jargon
    settlement.refresh_from_db()
    assert settlement.final_approval_on is None
