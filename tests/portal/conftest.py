"""Builders of small, fully linked Casebook worlds for the portal's tests."""

import datetime
from dataclasses import dataclass

import pytest

from casebook.records import models as m
from tests import factories as f


@dataclass
class World:
    """One of every public record type, linked the way the real data is."""

    accuser: m.Party
    accused: m.Party
    court: m.Party
    source: m.Source
    terms: m.TermsDocument
    clause: m.Clause
    allegation: m.Allegation
    accused_row: m.AccusedParty
    case: m.Case
    settlement: m.Settlement
    guidance: m.Guidance
    event: m.Event
    lone_event: m.Event

    @property
    def records(self) -> list[m.PublishableModel]:
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


def build_world(n: int = 0, *, status: str = m.EditorialStatus.PUBLISHED, mark: str = "") -> World:
    """A linked set of records; every record gets ``status`` and ``mark`` in its names."""
    label = f"{mark}{n}"
    published = {"editorial_status": status}
    category = f.ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    topic = f.TopicFactory(slug="distillation", name="Distillation")
    theory = f.LegalTheoryFactory(slug="terms-breach", name="Terms breach")
    capability = f.CapabilityFactory(slug="agentic-coding", name="Agentic coding")
    technique = f.TechniqueFactory(slug="fraudulent-accounts", name="Fraudulent accounts")

    source = f.SourceFactory(title=f"{label} Source report", **published)
    accuser = f.PartyFactory(name=f"{label} Accuser Lab", cite=source, **published)
    accused = f.PartyFactory(name=f"{label} Accused Lab", country="CN", cite=source, **published)
    court = f.PartyFactory(name=f"{label} District Court", kind=m.Party.Kind.COURT, **published)

    terms = f.TermsDocumentFactory(vendor=accuser, title=f"{label} Terms of Service", **published)
    f.TermsVersionFactory(
        document=terms, effective_from=datetime.date(2023, 1, 1), reviewed_categories=[category]
    )
    later = f.TermsVersionFactory(document=terms, effective_from=datetime.date(2025, 1, 1))
    clause = f.ClauseFactory(
        version=later, category=category, text=f"{label} shall not build competing models."
    )

    allegation = f.AllegationFactory(
        title=f"{label} Allegation of distillation",
        accuser=accuser,
        conduct_start=datetime.date(2024, 6, 1),
        cite=source,
        **published,
    )
    allegation.topics.add(topic)
    allegation.legal_theories.add(theory)
    accused_row = f.AccusedPartyFactory(allegation=allegation, party=accused)
    accused_row.capabilities.add(capability)
    accused_row.techniques.add(technique)

    case = f.CaseFactory(name=f"{label} Accuser v. Accused", court=court, **published)
    case.allegations.add(allegation)
    case.topics.add(topic)
    f.CasePartyFactory(case=case, party=accuser, role=m.CaseParty.Role.PLAINTIFF)
    f.CasePartyFactory(case=case, party=accused, role=m.CaseParty.Role.DEFENDANT)
    settlement = f.SettlementFactory(case=case, title=f"{label} Settlement", **published)
    settlement.topics.add(topic)
    guidance = f.GuidanceFactory(title=f"{label} Guidance on outputs", case=case, **published)
    guidance.topics.add(topic)
    f.HoldingFactory(guidance=guidance, proposition=f"{label} holding")

    event = f.EventFactory(headline=f"{label} Hearing held", allegation=allegation, **published)
    event.parties.add(accuser, accused)
    event.topics.add(topic)
    lone_event = f.EventFactory(
        headline=f"{label} Law passed", kind=m.Event.Kind.POLICY, **published
    )
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
