from casebook.records.models import Allegation, EditorialStatus
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    ClauseFactory,
    EventFactory,
    HoldingFactory,
    SettlementFactory,
)


def test_factories_build_a_published_record_with_one_citation(db):
    allegation = AllegationFactory()
    AccusedPartyFactory(allegation=allegation)
    ClauseFactory()
    HoldingFactory()
    SettlementFactory()
    EventFactory(allegation=allegation)
    assert allegation.editorial_status == EditorialStatus.PUBLISHED
    assert allegation.citations.count() == 1
    assert Allegation.objects.public().count() == 1
