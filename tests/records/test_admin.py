"""The admin: every model's pages load for staff, anonymous users log in first."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Case,
    CaseParty,
    Citation,
    Clause,
    ClauseCategory,
    ClauseMatchRule,
    ClauseSuggestion,
    EditorialStatus,
    Event,
    Guidance,
    Holding,
    LegalTheory,
    Party,
    Settlement,
    Source,
    Technique,
    TermsDocument,
    TermsVersion,
    Topic,
)
from tests import factories
from tests.records.admin_pages import assert_saved, change_form, page_errors

pytestmark = pytest.mark.django_db

#: One saved row of each registered model, so its change page can be opened.
FACTORY_FOR = {
    Capability: factories.CapabilityFactory,
    Technique: factories.TechniqueFactory,
    LegalTheory: factories.LegalTheoryFactory,
    ClauseCategory: factories.ClauseCategoryFactory,
    Topic: factories.TopicFactory,
    Party: factories.PartyFactory,
    Source: factories.SourceFactory,
    Citation: factories.CitationFactory,
    TermsDocument: factories.TermsDocumentFactory,
    TermsVersion: factories.TermsVersionFactory,
    Clause: factories.ClauseFactory,
    Allegation: factories.AllegationFactory,
    AccusedParty: factories.AccusedPartyFactory,
    Case: factories.CaseFactory,
    CaseParty: factories.CasePartyFactory,
    Settlement: factories.SettlementFactory,
    Guidance: factories.GuidanceFactory,
    Holding: factories.HoldingFactory,
    Event: factories.EventFactory,
    ClauseMatchRule: factories.ClauseMatchRuleFactory,
    ClauseSuggestion: factories.ClauseSuggestionFactory,
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
        if model is ClauseSuggestion and url.endswith("/add/"):
            assert response.status_code == 403, url  # suggestions are made by the rules
            continue
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
    url = admin_url(Allegation, "changelist")

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

    response = staff_client.get(admin_url(Allegation, "change", allegation.pk))

    inline_prefixes = [
        formset.formset.prefix for formset in response.context["inline_admin_formsets"]
    ]
    assert "records-citation-content_type-object_id" in inline_prefixes
    assert "accused" in inline_prefixes


def test_a_terms_version_page_holds_its_clauses(staff_client):
    clause = factories.ClauseFactory()

    response = staff_client.get(admin_url(TermsVersion, "change", clause.version.pk))

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


def test_final_approval_before_preliminary_is_refused_in_plain_words(admin_app):
    settlement = factories.SettlementFactory(cite=False)
    form = change_form(admin_app, settlement)
    form["final_approval_on"] = (
        settlement.preliminary_approval_on - datetime.timedelta(days=1)
    ).isoformat()

    response = form.submit()

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["final_approval_on"] == [
        "Final approval cannot come before preliminary approval."
    ]
    assert "__all__" not in form.errors  # no "Constraint … is violated" jargon
    settlement.refresh_from_db()
    assert settlement.final_approval_on is None


# --- control characters -----------------------------------------------------

#: Control characters (category Cc) a text may not hold: all but tab, LF and CR.
CONTROL_CHARACTERS = [
    chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n\r"
]


def party_page():
    party = factories.PartyFactory(editorial_status=EditorialStatus.DRAFT, name="Moonshot")
    return party, "name", "Name"


def allegation_summary_page():
    return factories.AllegationFactory(), "summary", "Summary"


def citation_quote_inline():
    allegation = factories.AllegationFactory()
    return allegation, "records-citation-content_type-object_id-0-quote", "Quote"


def accused_conduct_inline():
    row = factories.AccusedPartyFactory()
    return row.allegation, "accused-0-conduct", "Conduct"


def source_title_page():
    return factories.SourceFactory(), "title", "Title"


def party_aliases_json():
    party = factories.PartyFactory(editorial_status=EditorialStatus.DRAFT)
    return party, "aliases", "Aliases"


def topic_page():
    return factories.TopicFactory(), "description", "Description"


TEXT_FIELDS = [
    party_page,
    allegation_summary_page,
    citation_quote_inline,
    accused_conduct_inline,
    source_title_page,
    topic_page,
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    page=st.sampled_from(TEXT_FIELDS),
    before=st.text(st.characters(categories=["L", "N", "Zs"]), max_size=8),
    character=st.sampled_from(CONTROL_CHARACTERS),
)
def test_every_text_field_refuses_control_characters(admin_app, page, before, character):
    record, field, label = page()
    form = change_form(admin_app, record)
    original = form[field].value
    form[field] = f"{before}x{character}y"

    response = form.submit()

    assert response.status_code == 200, "a control character was saved"
    errors = " ".join(page_errors(response))
    assert f"{label} contains an invisible control character (U+{ord(character):04X})" in errors
    assert change_form(admin_app, record)[field].value == original


def test_a_json_field_refuses_control_characters_inside_its_strings(admin_app):
    party, field, label = party_aliases_json()
    form = change_form(admin_app, party)
    form[field] = '["Kimi\\u001d"]'

    response = form.submit()

    assert f"{label} contains an invisible control character (U+001D)" in " ".join(
        page_errors(response)
    )


@pytest.mark.parametrize(
    "text", ["Line one\nline two", "Tab\there", "CR\r\nLF", "Para\u2028sep\u2029end"]
)
def test_tabs_line_breaks_and_unicode_separators_are_kept(admin_app, text):
    allegation = factories.AllegationFactory()
    form = change_form(admin_app, allegation)
    form["summary"] = text

    assert_saved(form.submit())

    allegation.refresh_from_db()
    assert allegation.summary.replace("\r\n", "\n") == text.replace("\r\n", "\n")


# --- autocomplete -----------------------------------------------------------


def autocomplete(app, model_name: str, field_name: str, term: str) -> list[str]:
    response = app.get(
        reverse("admin:autocomplete"),
        {"app_label": "records", "model_name": model_name, "field_name": field_name, "term": term},
    )
    return [result["text"] for result in response.json["results"]]


@pytest.fixture
def labs():
    factories.PartyFactory(
        name="Frontier Model Forum",
        description="Founded by Anthropic, Google, Microsoft and OpenAI.",
    )
    factories.PartyFactory(name="Elon Musk", description="Founder of xAI.")
    factories.PartyFactory(name="OpenAI Foundation", description="Controls OpenAI.")
    factories.PartyFactory(name="OpenAI")
    factories.PartyFactory(name="xAI", short_name="X.AI")
    factories.PartyFactory(name="Anthropic PBC", short_name="Anthropic")
    factories.PartyFactory(name="Azure OpenAI users")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("OpenAI", ["OpenAI", "OpenAI Foundation", "Azure OpenAI users", "Frontier Model Forum"]),
        ("openai", ["OpenAI", "OpenAI Foundation", "Azure OpenAI users", "Frontier Model Forum"]),
        ("xAI", ["xAI", "Elon Musk"]),
        ("Anthropic", ["Anthropic PBC", "Frontier Model Forum"]),
        ("Anthro", ["Anthropic PBC", "Frontier Model Forum"]),
    ],
)
def test_party_autocomplete_ranks_exact_then_prefix_matches_first(admin_app, labs, term, expected):
    assert autocomplete(admin_app, "allegation", "accuser", term) == expected


def test_source_and_vocabulary_autocomplete_rank_exact_matches_first(admin_app):
    factories.SourceFactory(title="A report on distillation", publisher="Example")
    factories.SourceFactory(title="Distillation", publisher="Example")
    factories.TopicFactory(slug="model-theft", name="Model theft", description="Distillation.")
    factories.TopicFactory(slug="distillation", name="Distillation")

    assert autocomplete(admin_app, "citation", "source", "distillation") == [
        "Distillation",
        "A report on distillation",
    ]
    assert autocomplete(admin_app, "allegation", "topics", "Distillation") == [
        "Distillation",
        "Model theft",
    ]
