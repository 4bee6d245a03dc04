"""Builders of small, fully linked Casebook worlds for the portal's tests."""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Clause,
    EditorialStatus,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
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


@dataclass
class World:
    """One of every public record type, linked the way the real data is."""

    accuser: Party
    accused: Party
    court: Party
    source: Source
    terms: TermsDocument
    clause: Clause
    allegation: Allegation
    accused_row: AccusedParty
    case: Case
    settlement: Settlement
    guidance: Guidance
    event: Event
    lone_event: Event

    @property
    def records(self) -> list[PublishableModel]:
        return [
            self.accuser,
            self.accused,
            self.court,
            self.source,
            self.terms,
            self.allegation,
            self.case,
            self.settlement,
            self.guidance,
            self.event,
            self.lone_event,
        ]


def build_world(n: int = 0, *, status: str = EditorialStatus.PUBLISHED, mark: str = "") -> World:
    """A linked set of records; every record gets ``status`` and ``mark`` in its names."""
    label = f"{mark}{n}"
    published = {"editorial_status": status}
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    topic = TopicFactory(slug="distillation", name="Distillation")
    theory = LegalTheoryFactory(slug="terms-breach", name="Terms breach")
    capability = CapabilityFactory(slug="agentic-coding", name="Agentic coding")
    technique = TechniqueFactory(slug="fraudulent-accounts", name="Fraudulent accounts")

    source = SourceFactory(title=f"{label} Source report", **published)
    accuser = PartyFactory(name=f"{label} Accuser Lab", cite=source, **published)
    accused = PartyFactory(name=f"{label} Accused Lab", country="CN", cite=source, **published)
    court = PartyFactory(name=f"{label} District Court", kind=Party.Kind.COURT, **published)

    terms = TermsDocumentFactory(vendor=accuser, title=f"{label} Terms of Service", **published)
    TermsVersionFactory(
        document=terms, effective_from=datetime.date(2023, 1, 1), reviewed_categories=[category]
    )
    later = TermsVersionFactory(document=terms, effective_from=datetime.date(2025, 1, 1))
    clause = ClauseFactory(
        version=later, category=category, text=f"{label} shall not build competing models."
    )

    allegation = AllegationFactory(
        title=f"{label} Allegation of distillation",
        accuser=accuser,
        conduct_start=datetime.date(2024, 6, 1),
        cite=source,
        **published,
    )
    allegation.topics.add(topic)
    allegation.legal_theories.add(theory)
    accused_row = AccusedPartyFactory(allegation=allegation, party=accused)
    accused_row.capabilities.add(capability)
    accused_row.techniques.add(technique)

    case = CaseFactory(name=f"{label} Accuser v. Accused", court=court, **published)
    case.allegations.add(allegation)
    case.topics.add(topic)
    CasePartyFactory(case=case, party=accuser, role=CaseParty.Role.PLAINTIFF)
    CasePartyFactory(case=case, party=accused, role=CaseParty.Role.DEFENDANT)
    settlement = SettlementFactory(case=case, title=f"{label} Settlement", **published)
    settlement.topics.add(topic)
    guidance = GuidanceFactory(title=f"{label} Guidance on outputs", case=case, **published)
    guidance.topics.add(topic)
    HoldingFactory(guidance=guidance, proposition=f"{label} holding")

    event = EventFactory(headline=f"{label} Hearing held", allegation=allegation, **published)
    event.parties.add(accuser, accused)
    event.topics.add(topic)
    lone_event = EventFactory(headline=f"{label} Law passed", kind=Event.Kind.POLICY, **published)
    lone_event.parties.add(accused)
    return World(
        accuser=accuser,
        accused=accused,
        court=court,
        source=source,
        terms=terms,
        clause=clause,
        allegation=allegation,
        accused_row=accused_row,
        case=case,
        settlement=settlement,
        guidance=guidance,
        event=event,
        lone_event=lone_event,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def page_urls(w: World) -> list[str]:
    """Every kind of portal page, for a world's records: the surfaces the public sees."""
    from django.urls import reverse

    keys = [f"{w.allegation.slug}/{w.accused.slug}", w.allegation.slug]
    return [
        reverse("portal:home"),
        reverse("portal:methodology"),
        reverse("portal:timeline"),
        reverse("portal:timeline") + f"?party={w.accused.slug}&topic=distillation",
        reverse("portal:terms_matrix"),
        reverse("portal:terms_matrix") + "?on=2024-06-01",
        reverse("portal:clause_history") + f"?vendor={w.accuser.slug}&category=no-competing-models",
        reverse("portal:compare"),
        reverse("portal:compare") + "?" + "&".join(f"key={k}" for k in keys),
        reverse("portal:search") + "?q=Lab",
        *(
            reverse(f"portal:{t}_list")
            for t in ("party", "source", "terms", "allegation", "case", "settlement", "guidance")
        ),
        reverse("portal:event_list"),
        reverse("portal:accused_party_list"),
        reverse("portal:accused_party_list") + f"?accused={w.accused.slug}",
        *(record.get_absolute_url() for record in w.records),
    ]


def measured(client, url: str):
    """The response to ``url`` and how many queries it ran (caches warmed first)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)
