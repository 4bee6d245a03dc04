"""Each filter narrows its list; unknown parameters and bad values answer 400 naming them."""

import datetime

import pytest
from django.urls import reverse

from casebook.records.models import (
    Allegation,
    Case,
    EditorialStatus,
    Event,
    Guidance,
    Party,
    Source,
    TermsDocument,
)
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CaseFactory,
    CasePartyFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    LegalTheoryFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TechniqueFactory,
    TermsDocumentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def slugs(api, name: str, **params) -> list[str]:
    response = api.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 200, response.content
    return sorted(row.get("slug") or row.get("key") for row in response.json()["results"])


@pytest.fixture
def allegations():
    lab, rival, other = PartyFactory(slug="lab"), PartyFactory(slug="rival"), PartyFactory()
    topic = TopicFactory(slug="distillation")
    theory = LegalTheoryFactory(slug="trade-secret")
    capability = CapabilityFactory(slug="coding")
    technique = TechniqueFactory(slug="proxies")
    first = AllegationFactory(
        slug="first",
        accuser=lab,
        made_on=datetime.date(2025, 1, 29),
        status=Allegation.Status.RESPONDED,
        venue=Allegation.Venue.INTERVIEW,
        title="Reasoning traces",
    )
    first.topics.add(topic)
    row = AccusedPartyFactory(allegation=first, party=rival)
    row.capabilities.add(capability)
    row.techniques.add(technique)
    second = AllegationFactory(slug="second", accuser=rival, made_on=datetime.date(2026, 2, 23))
    second.legal_theories.add(theory)
    AccusedPartyFactory(allegation=second, party=other)
    return first, second


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"accuser": "lab"}, ["first"]),
        ({"accused": "rival"}, ["first"]),
        ({"party": "rival"}, ["first", "second"]),
        ({"accuser": ["lab", "rival"]}, ["first", "second"]),
        ({"status": "responded"}, ["first"]),
        ({"venue": "interview"}, ["first"]),
        ({"topic": "distillation"}, ["first"]),
        ({"legal_theory": "trade-secret"}, ["second"]),
        ({"capability": "coding"}, ["first"]),
        ({"technique": "proxies"}, ["first"]),
        ({"made_after": "2026-01-01"}, ["second"]),
        ({"made_before": "2025-12-31"}, ["first"]),
        ({"q": "traces"}, ["first"]),
        ({"figures_basis": "reported"}, ["first", "second"]),
    ],
)
def test_allegation_filters(api, allegations, params, expected):
    assert slugs(api, "allegation", **params) == expected


def test_ordering(api, allegations):
    response = api.get(reverse("api:allegation-list"), {"ordering": "made_on"})
    assert [r["slug"] for r in response.json()["results"]] == ["first", "second"]
    response = api.get(reverse("api:allegation-list"), {"ordering": "-made_on"})
    assert [r["slug"] for r in response.json()["results"]] == ["second", "first"]


def test_updated_since(api, allegations):
    first, _ = allegations
    Allegation.objects.filter(pk=first.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert slugs(api, "allegation", updated_since="2021-01-01T00:00:00Z") == ["second"]


def test_updated_since_takes_any_iso_offset(api, allegations):
    # +19:31 is valid ISO 8601 but out of PostgreSQL's range: compared in UTC instead.
    assert slugs(api, "allegation", updated_since="2000-01-01T00:00:00+19:31") == [
        "first",
        "second",
    ]


def test_case_filters(api):
    court, plaintiff = PartyFactory(slug="court"), PartyFactory(slug="author")
    topic = TopicFactory(slug="copyright")
    case = CaseFactory(slug="bartz", court=court, status=Case.Status.SETTLED)
    case.topics.add(topic)
    CasePartyFactory(case=case, party=plaintiff)
    CaseFactory(slug="other", filed_on=datetime.date(2020, 1, 1))
    assert slugs(api, "case", party="author") == ["bartz"]
    assert slugs(api, "case", court="court") == ["bartz"]
    assert slugs(api, "case", status="settled") == ["bartz"]
    assert slugs(api, "case", topic="copyright") == ["bartz"]
    assert slugs(api, "case", filed_before="2021-01-01") == ["other"]
    assert slugs(api, "case", filed_after="2021-01-01") == ["bartz"]


def test_settlement_filters(api):
    author = PartyFactory(slug="author")
    case = CaseFactory(slug="bartz")
    CasePartyFactory(case=case, party=author)
    SettlementFactory(slug="bartz-settlement", case=case)
    SettlementFactory(
        slug="later", announced_on=datetime.date(2026, 1, 1), preliminary_approval_on=None
    )
    assert slugs(api, "settlement", party="author") == ["bartz-settlement"]
    assert slugs(api, "settlement", case="bartz") == ["bartz-settlement"]
    assert slugs(api, "settlement", announced_after="2025-12-01") == ["later"]
    assert slugs(api, "settlement", announced_before="2025-12-01") == ["bartz-settlement"]


def test_guidance_filters(api):
    office = PartyFactory(slug="office")
    topic = TopicFactory(slug="copyrightability")
    report = GuidanceFactory(slug="report", issuer=office)
    report.topics.add(topic)
    GuidanceFactory(
        slug="rule",
        document_type=Guidance.DocumentType.RULE,
        issued_on=datetime.date(2023, 3, 16),
    )
    assert slugs(api, "guidance", issuer="office") == ["report"]
    assert slugs(api, "guidance", topic="copyrightability") == ["report"]
    assert slugs(api, "guidance", document_type="rule") == ["rule"]
    assert slugs(api, "guidance", issued_after="2024-01-01") == ["report"]
    assert slugs(api, "guidance", issued_before="2024-01-01") == ["rule"]


def test_terms_and_clause_filters(api):
    vendor = PartyFactory(slug="vendor")
    competing = ClauseCategoryFactory(slug="no-competing-models")
    law = ClauseCategoryFactory(slug="governing-law")
    document = TermsDocumentFactory(slug="vendor-terms", vendor=vendor)
    ClauseFactory(version__document=document, category=competing)
    other = TermsDocumentFactory(slug="other-licence", kind=TermsDocument.Kind.MODEL_LICENCE)
    ClauseFactory(
        version__document=other, version__effective_from=datetime.date(2025, 7, 1), category=law
    )
    assert slugs(api, "terms", vendor="vendor") == ["vendor-terms"]
    assert slugs(api, "terms", clause_category="governing-law") == ["other-licence"]
    assert slugs(api, "terms", kind="model_licence") == ["other-licence"]
    assert slugs(api, "clause", vendor="vendor") == ["vendor-terms/2024-01-31/no-competing-models"]
    assert slugs(api, "clause", category="governing-law") == [
        "other-licence/2025-07-01/governing-law"
    ]
    assert slugs(api, "clause", effective_after="2025-01-01") == [
        "other-licence/2025-07-01/governing-law"
    ]


def test_party_source_and_event_filters(api):
    PartyFactory(slug="court", kind=Party.Kind.COURT, country="US")
    PartyFactory(slug="lab", country="CN")
    assert slugs(api, "party", kind="court") == ["court"]
    assert slugs(api, "party", country="CN") == ["lab"]
    SourceFactory(slug="press", kind=Source.Kind.SECONDARY, published_on=datetime.date(2024, 1, 1))
    assert "press" in slugs(api, "source", kind="secondary")
    assert slugs(api, "source", published_before="2024-06-01") == ["press"]
    judge = PartyFactory(slug="judge")
    event = EventFactory(slug="hearing", kind=Event.Kind.HEARING)
    event.parties.add(judge)
    EventFactory(slug="ruling", date=datetime.date(2024, 1, 1))
    assert slugs(api, "event", party="judge") == ["hearing"]
    assert slugs(api, "event", kind="hearing") == ["hearing"]
    assert slugs(api, "event", date_before="2024-12-31") == ["ruling"]


@pytest.mark.parametrize(
    ("url_name", "params", "parameter"),
    [
        ("api:allegation-list", {"acuser": "lab"}, "acuser"),
        ("api:allegation-list", {"accuser": "no-such-party"}, "accuser"),
        ("api:allegation-list", {"made_after": "23/02/2026"}, "made_after"),
        ("api:allegation-list", {"status": "rumoured"}, "status"),
        ("api:allegation-list", {"updated_since": "yesterday"}, "updated_since"),
        ("api:allegation-list", {"ordering": "password"}, "ordering"),
        ("api:allegation-list", {"page": "two"}, "page"),
        ("api:allegation-list", {"page": "99"}, "page"),
        ("api:allegation-list", {"page_size": "100000"}, "page_size"),
        ("api:allegation-list", {"cursor": "abc"}, "cursor"),
        ("api:allegation-list", {"fields": "slug,secret"}, "fields"),
        ("api:allegation-list", {"omit": "nothing"}, "omit"),
        ("api:allegation-list", {"format": "xml"}, "format"),
        ("api:party-list", {"kind": "alien"}, "kind"),
        ("api:timeline", {"record_type": "rumour"}, "record_type"),
        ("api:timeline", {"date_after": "2026-13-01"}, "date_after"),
        ("api:timeline", {"date_from": "2026-01-01"}, "date_from"),  # the old name
        ("api:timeline", {"cursor": "!!!"}, "cursor"),
        ("api:clause-in-force", {"vendor": "lab", "category": "x", "on": "2026-01-01"}, "category"),
        ("api:clause-in-force", {"category": "x"}, "vendor"),
        ("api:terms-matrix", {"on": "soon"}, "on"),
        ("api:compare", {"key": "no-such-allegation"}, "key"),
        ("api:search", {}, "q"),
        ("api:search", {"q": "x", "type": "rumour"}, "type"),
        ("api:dump", {"public_only": "0"}, "public_only"),
        ("api:party-list", {"q": "nul\x00byte"}, "q"),
        ("api:party-list", {"kind": ""}, "kind"),
    ],
)
def test_bad_parameters_answer_400_naming_them(api, allegations, url_name, params, parameter):
    response = api.get(reverse(url_name), params)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400
    assert error["code"] == "invalid_parameter"
    assert parameter in error["details"]
    assert parameter in error["message"]


def test_unknown_parameter_on_a_detail(api, allegations):
    response = api.get(reverse("api:allegation-detail", kwargs={"slug": "first"}), {"x": "1"})
    assert response.status_code == 400
    assert "x" in response.json()["error"]["details"]


def test_filter_by_a_draft_party_is_a_400_not_a_leak(api, allegations):
    PartyFactory(slug="secret", editorial_status=EditorialStatus.DRAFT)
    response = api.get(reverse("api:allegation-list"), {"accuser": "secret"})
    assert response.status_code == 400
    assert "accuser" in response.json()["error"]["details"]
