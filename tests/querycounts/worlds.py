"""The two sizes every query count is measured at: one linked world, then ten of them.

The large world is not ten islands: each of the nine extra worlds also hangs
rows on the first world's records (accused parties, case parties, holdings,
terms versions, citations, settlements, events, revisions), so the first
world's own pages and endpoints read ten times as many related rows too.
"""

import datetime

from casebook.records.models import CaseParty, PublishableModel
from tests.factories import (
    AccusedPartyFactory,
    CapabilityFactory,
    CasePartyFactory,
    CitationFactory,
    ClauseFactory,
    ClauseSuggestionFactory,
    EventFactory,
    HoldingFactory,
    SettlementFactory,
    TechniqueFactory,
    TermsVersionFactory,
)
from tests.portal.conftest import World, build_world

#: How many worlds the large size holds (the small one holds one).
LARGE = 10


def world_extras(world: World, n: int) -> None:
    """What ``build_world`` leaves out that some routes read: a pending clause suggestion."""
    ClauseSuggestionFactory(
        version=world.clause.version, category=world.clause.category, text=f"{n} suggested text"
    )


def world_small() -> World:
    """The small size: one fully linked world (every public record type)."""
    world = build_world(0)
    world_extras(world, 0)
    return world


def world_attach(first: World, other: World, n: int) -> None:
    """Link world ``n``'s records to the first world's, so its pages grow too."""
    row = AccusedPartyFactory(allegation=first.allegation, party=other.accused)
    row.capabilities.add(CapabilityFactory(slug=f"capability-{n}", name=f"Capability {n}"))
    row.techniques.add(TechniqueFactory(slug=f"technique-{n}", name=f"Technique {n}"))
    other.case.allegations.add(first.allegation)
    CasePartyFactory(case=first.case, party=other.accuser, role=CaseParty.Role.PLAINTIFF)
    SettlementFactory(case=first.case, title=f"{n} Further settlement", cite=other.source)
    HoldingFactory(guidance=first.guidance, proposition=f"{n} further holding")
    version = TermsVersionFactory(
        document=first.terms, effective_from=datetime.date(2010 + n, 1, 1)
    )
    ClauseFactory(version=version, category=first.clause.category, text=f"{n} earlier text")
    for record in (first.allegation, first.accused, first.case, first.guidance, first.event):
        CitationFactory(record=record, source=other.source)
    EventFactory(headline=f"{n} Further event", allegation=first.allegation, cite=other.source)
    other.event.parties.add(first.accused)
    # One more public revision of the first allegation for each extra world.
    first.allegation.summary = f"Summary as of revision {n}."
    first.allegation.save()


def world_grow(first: World) -> None:
    """Grow the small world to the large size (``LARGE`` worlds, linked to the first)."""
    for n in range(1, LARGE):
        other = build_world(n)
        world_extras(other, n)
        world_attach(first, other, n)


#: The first world's record of each public record type (by its registry name) that the
#: large world links the most rows to.
RECORD_OF_TYPE = {
    "party": "accused",
    "source": "source",
    "allegation": "allegation",
    "case": "case",
    "settlement": "settlement",
    "guidance": "guidance",
    "terms": "terms",
    "event": "event",
}


def world_record(world: World, type_name: str) -> PublishableModel:
    """The world's record of one public record type (``"party"``, ``"terms"`` …)."""
    return getattr(world, RECORD_OF_TYPE[type_name])
