"""The exact JSON of one detail of each record type."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from casebook.records.models import CaseParty, DatePrecision, Party, Source
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
    HoldingFactory,
    LegalTheoryFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TechniqueFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)

NOW = "2026-03-01T12:00:00Z"
HOST = "http://testserver"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def link(record, name: str, api_name: str) -> dict:
    portal = record.get_absolute_url()
    return {
        "slug": record.slug,
        "name": name,
        "portal_url": f"{HOST}{portal}" if portal else None,
        "api_url": f"{HOST}{reverse(f'api:{api_name}-detail', kwargs={'slug': record.slug})}",
    }


def citation(source: Source, pinpoint: str) -> dict:
    return {
        "source": link(source, source.title, "source"),
        "source_url": source.url,
        "pinpoint": pinpoint,
        "quote": "A short quote.",
        "supports": None,
        "verification": "primary",
    }


def detail(api, api_name: str, slug: str) -> dict:
    response = api.get(reverse(f"api:{api_name}-detail", kwargs={"slug": slug}))
    assert response.status_code == 200, response.content
    return response.json()


def head(record, api_name: str) -> dict:
    portal = record.get_absolute_url()
    return {
        "slug": record.slug,
        "portal_url": f"{HOST}{portal}" if portal else None,
        "api_url": f"{HOST}{reverse(f'api:{api_name}-detail', kwargs={'slug': record.slug})}",
    }


TAIL = {"caveats": None, "published_at": None, "updated_at": NOW}


def test_party_detail(api):
    source = SourceFactory(slug="src", title="The source")
    party = PartyFactory(
        slug="anthropic",
        name="Anthropic PBC",
        short_name="Anthropic",
        aliases=["Claude maker"],
        website="https://www.anthropic.com",
        cite=source,
    )
    pinpoint = party.citations.get().pinpoint
    assert detail(api, "party", "anthropic") == {
        **head(party, "party"),
        "name": "Anthropic PBC",
        "short_name": "Anthropic",
        "kind": "company",
        "country": "US",
        "aliases": ["Claude maker"],
        "website": "https://www.anthropic.com",
        "description": None,
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_source_detail(api):
    source = SourceFactory(
        slug="post",
        title="Detecting distillation",
        published_on=datetime.date(2026, 2, 1),
        published_on_precision=DatePrecision.MONTH,
    )
    assert detail(api, "source", "post") == {
        **head(source, "source"),
        "title": "Detecting distillation",
        "url": "https://example.org/post",
        "publisher": "Example Publisher",
        "author": None,
        "kind": "primary",
        "published_on": "2026-02-01",
        "published_on_precision": "month",
        "published_on_display": "February 2026",
        "accessed_on": None,
        "archive_url": None,
        "notes": None,
        "caveats": None,
        "published_at": None,
        "updated_at": NOW,
    }


def test_allegation_detail(api):
    source = SourceFactory(slug="src", title="The post")
    accuser = PartyFactory(slug="lab", name="Lab", cite=False)
    accused_party = PartyFactory(slug="rival", name="Rival", cite=False)
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    document = TermsDocumentFactory(slug="lab-terms", vendor=accuser, title="Lab terms", cite=False)
    version = TermsVersionFactory(document=document, effective_from=datetime.date(2024, 1, 31))
    clause = ClauseFactory(version=version, category=category, section="2(c)", text="No rivals.")
    theory = LegalTheoryFactory(slug="terms-breach", name="Terms breach")
    topic = TopicFactory(slug="distillation", name="Distillation")
    capability = CapabilityFactory(slug="coding", name="Coding")
    technique = TechniqueFactory(slug="proxies", name="Proxies")
    allegation = AllegationFactory(
        slug="lab-accuses-rival",
        title="Lab accuses Rival",
        accuser=accuser,
        made_on=datetime.date(2026, 2, 23),
        conduct_start=datetime.date(2025, 3, 1),
        conduct_start_precision=DatePrecision.MONTH,
        breached_clause=clause,
        cite=source,
    )
    allegation.legal_theories.add(theory)
    allegation.topics.add(topic)
    row = AccusedPartyFactory(allegation=allegation, party=accused_party, accounts=None)
    row.capabilities.add(capability)
    row.techniques.add(technique)
    pinpoint = allegation.citations.get().pinpoint

    version_json = {
        "effective_from": "2024-01-31",
        "effective_from_precision": "day",
        "effective_from_display": "31 January 2024",
        "label": None,
        "retrieved_on": "2026-11-28",
        "archive_url": None,
        "notes": None,
        "reviewed_categories": [{"slug": "no-competing-models", "name": "No competing models"}],
        "key": f"{document.slug}/2024-01-31",
        "api_url": f"{HOST}/api/v1/terms-versions/{document.slug}/2024-01-31/",
        "portal_url": f"{HOST}/terms/{document.slug}/versions/2024-01-31/",
        "origin": "manual",
        "recorded_at": None,
        "ota_permalink": None,
        "in_force_from": {
            "date": "2024-01-31",
            "date_precision": "day",
            "basis": "effective",
            "date_display": "effective from 31 January 2024",
        },
        "attribution": None,
    }
    clause_json = {
        "category": {"slug": "no-competing-models", "name": "No competing models"},
        "section": "2(c)",
        "text": "No rivals.",
        "verification": "secondary",
        "notes": None,
        "carried_over": None,
    }
    in_force = {
        "document": link(document, "Lab terms", "terms"),
        "version": version_json,
        "clause": clause_json,
        "status": "present",
    }
    assert detail(api, "allegation", "lab-accuses-rival") == {
        **head(allegation, "allegation"),
        "title": "Lab accuses Rival",
        "summary": "The accuser says the accused extracted its model's abilities.",
        "accuser": link(accuser, "Lab", "party"),
        "made_on": "2026-02-23",
        "made_on_precision": "day",
        "made_on_display": "23 February 2026",
        "venue": "blog_post",
        "venue_detail": None,
        "conduct_start": "2025-03-01",
        "conduct_start_precision": "month",
        "conduct_start_display": "March 2025",
        "conduct_end": None,
        "conduct_end_precision": None,  # no date, so no precision
        "conduct_end_display": None,
        "status": "alleged",
        "status_as_of": None,
        "accounts": 24000,
        "accounts_qualifier": "about",
        "exchanges": 16000000,
        "exchanges_qualifier": "about",
        "figures_basis": "reported",
        "figures_source": None,
        "figures_pinpoint": None,
        "legal_theories": [{"slug": "terms-breach", "name": "Terms breach"}],
        "topics": [{"slug": "distillation", "name": "Distillation"}],
        "breached_clause": {
            "document": link(document, "Lab terms", "terms"),
            "effective_from": "2024-01-31",
            "category": {"slug": "no-competing-models", "name": "No competing models"},
            "section": "2(c)",
            "text": "No rivals.",
        },
        "accused": [
            {
                "party": link(accused_party, "Rival", "party"),
                "accounts": None,
                "accounts_qualifier": None,  # no figure, so no qualifier
                "exchanges": 150000,
                "exchanges_qualifier": "over",
                "figures_basis": "reported",
                "figures_source": None,
                "figures_pinpoint": None,
                "conduct": "Extracting reasoning capabilities.",
                "capabilities": [{"slug": "coding", "name": "Coding"}],
                "techniques": [{"slug": "proxies", "name": "Proxies"}],
                "response": "not_searched",
                "response_summary": None,
                "response_on": None,
                "response_as_of": None,
                "response_source": None,
            }
        ],
        **TAIL,
        "citations": [citation(source, pinpoint)],
        "accuser_clause": {
            "on": "2025-03-01",
            "lookup": {
                "vendor": link(accuser, "Lab", "party"),
                "category": {"slug": "no-competing-models", "name": "No competing models"},
                "on": "2025-03-01",
                "status": "present",
                "status_display": "In force",
                "documents": [in_force],
            },
            "added_later": False,
            "later": None,
        },
    }


def test_case_detail(api):
    source = SourceFactory(slug="src", title="Docket")
    court = PartyFactory(slug="ndcal", name="N.D. Cal.", kind=Party.Kind.COURT, cite=False)
    plaintiff = PartyFactory(slug="bartz", name="Bartz", kind=Party.Kind.PERSON, cite=False)
    case = CaseFactory(
        slug="bartz-v-anthropic",
        name="Bartz v. Anthropic",
        court=court,
        docket_number="3:24-cv-05417",
        cite=source,
    )
    CasePartyFactory(case=case, party=plaintiff, role=CaseParty.Role.PLAINTIFF)
    allegation = AllegationFactory(slug="related", title="Related", cite=False)
    case.allegations.add(allegation)
    pinpoint = case.citations.get().pinpoint
    assert detail(api, "case", "bartz-v-anthropic") == {
        **head(case, "case"),
        "name": "Bartz v. Anthropic",
        "court": link(court, "N.D. Cal.", "party"),
        "docket_number": "3:24-cv-05417",
        "reporter_citation": None,
        "filed_on": "2024-08-19",
        "status": "pending",
        "status_as_of": None,
        "summary": None,
        "topics": [],
        "parties": [
            {"party": link(plaintiff, "Bartz", "party"), "role": "plaintiff", "notes": None}
        ],
        "allegations": [link(allegation, "Related", "allegation")],
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_settlement_detail(api):
    source = SourceFactory(slug="src", title="Motion")
    case = CaseFactory(slug="bartz", name="Bartz v. Anthropic", cite=False)
    settlement = SettlementFactory(
        slug="bartz-settlement", case=case, title="Bartz settlement", cite=source
    )
    pinpoint = settlement.citations.get().pinpoint
    assert settlement.amount == Decimal("1500000000.00")
    assert detail(api, "settlement", "bartz-settlement") == {
        **head(settlement, "settlement"),
        "title": "Bartz settlement",
        "case": link(case, "Bartz v. Anthropic", "case"),
        "amount": "1500000000.00",
        "amount_qualifier": "at_least",
        "currency": "USD",
        "per_unit_amount": "3000.00",
        "per_unit_qualifier": "about",
        "unit_name": "work",
        "unit_count": 482460,
        "class_definition": None,
        "release_scope": None,
        "terms_summary": None,
        "announced_on": "2025-09-05",
        "preliminary_approval_on": "2025-09-25",
        "final_approval_on": None,
        "status_as_of": None,
        "topics": [],
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_guidance_detail(api):
    source = SourceFactory(slug="src", title="Report")
    issuer = PartyFactory(slug="uscO", name="Copyright Office", cite=False)
    guidance = GuidanceFactory(
        slug="part-2",
        title="Part 2: Copyrightability",
        issuer=issuer,
        issued_on=datetime.date(2025, 1, 29),
        cite=source,
    )
    HoldingFactory(guidance=guidance, position=1, pinpoint="p. 18")
    pinpoint = guidance.citations.get().pinpoint
    assert detail(api, "guidance", "part-2") == {
        **head(guidance, "guidance"),
        "title": "Part 2: Copyrightability",
        "issuer": link(issuer, "Copyright Office", "party"),
        "document_type": "report",
        "issued_on": "2025-01-29",
        "issued_on_precision": "day",
        "issued_on_display": "29 January 2025",
        "formal_citation": None,
        "summary": None,
        "case": None,
        "superseded_by": None,
        "topics": [],
        "holdings": [
            {
                "position": 1,
                "proposition": "Prompts alone do not make a user the author of the output.",
                "pinpoint": "p. 18",
                "quote": "the mere provision of prompts",
            }
        ],
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_terms_detail(api):
    source = SourceFactory(slug="src", title="Terms page")
    vendor = PartyFactory(slug="vendor", name="Vendor", cite=False)
    document = TermsDocumentFactory(
        slug="vendor-terms", vendor=vendor, title="Vendor Terms", cite=source
    )
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    version = TermsVersionFactory(document=document, label="Effective 31 January 2024")
    ClauseFactory(version=version, category=category)
    pinpoint = document.citations.get().pinpoint
    summary = {
        "key": "vendor-terms/2024-01-31",
        "api_url": f"{HOST}/api/v1/terms-versions/vendor-terms/2024-01-31/",
        "portal_url": f"{HOST}/terms/vendor-terms/versions/2024-01-31/",
        "effective_from": "2024-01-31",
        "effective_from_precision": "day",
        "effective_from_display": "31 January 2024",
        "label": "Effective 31 January 2024",
        "retrieved_on": "2026-11-28",
        "archive_url": None,
        "notes": None,
        "reviewed_categories": [{"slug": "no-competing-models", "name": "No competing models"}],
        "origin": "manual",
        "recorded_at": None,
        "ota_permalink": None,
        "in_force_from": {
            "date": "2024-01-31",
            "date_precision": "day",
            "basis": "effective",
            "date_display": "effective from 31 January 2024",
        },
        "attribution": None,
    }
    assert detail(api, "terms", "vendor-terms") == {
        **head(document, "terms"),
        "title": "Vendor Terms",
        "vendor": link(vendor, "Vendor", "party"),
        "kind": "terms_of_use",
        "url": None,
        "description": None,
        "version_count": 1,
        "latest_version": summary,
        "versions_url": f"{HOST}/api/v1/terms-versions/?document=vendor-terms",
        # Summaries: the clauses are at each version's api_url.
        "versions": [summary],
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_event_detail(api):
    source = SourceFactory(slug="src", title="Order")
    judge = PartyFactory(slug="judge", name="Judge Alsup", cite=False)
    case = CaseFactory(slug="bartz", name="Bartz v. Anthropic", cite=False)
    event = EventFactory(
        slug="fair-use-order",
        date=datetime.date(2025, 6, 23),
        headline="Fair-use order",
        case=case,
        cite=source,
    )
    event.parties.add(judge)
    pinpoint = event.citations.get().pinpoint
    assert detail(api, "event", "fair-use-order") == {
        **head(event, "event"),
        "date": "2025-06-23",
        "date_precision": "day",
        "date_display": "23 June 2025",
        "kind": "ruling",
        "headline": "Fair-use order",
        "description": None,
        "parties": [link(judge, "Judge Alsup", "party")],
        "topics": [],
        "record": link(case, "Bartz v. Anthropic", "case"),
        **TAIL,
        "citations": [citation(source, pinpoint)],
    }


def test_clause_row(api):
    vendor = PartyFactory(slug="vendor", name="Vendor", cite=False)
    document = TermsDocumentFactory(slug="vt", vendor=vendor, title="VT", cite=False)
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    ClauseFactory(version__document=document, category=category, text="No rivals.")
    response = api.get(reverse("api:clause-list"))
    assert response.json()["results"] == [
        {
            "key": "vt/2024-01-31/no-competing-models",
            "api_url": f"{HOST}/api/v1/clauses/vt/2024-01-31/no-competing-models/",
            "portal_url": f"{HOST}/terms/vt/versions/2024-01-31/",
            "version": {
                "key": "vt/2024-01-31",
                "api_url": f"{HOST}/api/v1/terms-versions/vt/2024-01-31/",
            },
            "document": link(document, "VT", "terms"),
            "vendor": link(vendor, "Vendor", "party"),
            "effective_from": "2024-01-31",
            "effective_from_precision": "day",
            "effective_from_display": "31 January 2024",
            "category": {"slug": "no-competing-models", "name": "No competing models"},
            "section": "2(c)",
            "text": "No rivals.",
            "verification": "secondary",
            "notes": None,
            "carried_over": None,
            "attribution": None,
        }
    ]


def test_unknown_slug_is_404_in_the_error_shape(api):
    response = api.get(reverse("api:party-detail", kwargs={"slug": "nobody"}))
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_path_is_404_in_the_error_shape(api):
    response = api.get(reverse("api:party-list") + "nothing/here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
