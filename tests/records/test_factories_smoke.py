from casebook.records import models as m
from tests import factories as f


def test_factories_build_a_published_record_with_one_citation(db):
    allegation = f.AllegationFactory()
    f.AccusedPartyFactory(allegation=allegation)
    f.ClauseFactory()
    f.HoldingFactory()
    f.SettlementFactory()
    f.EventFactory(allegation=allegation)
    assert allegation.editorial_status == m.EditorialStatus.PUBLISHED
    assert allegation.citations.count() == 1
    assert m.Allegation.objects.public().count() == 1
