"""Database constraints and the one "public" rule of every record type."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casebook.records.models import (
    AccusedParty,
    Clause,
    DatePrecision,
    EditorialStatus,
    Event,
    Holding,
    TermsVersion,
    format_date,
)
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db


def violates(create) -> bool:
    """True when ``create()`` is refused by the database itself."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


class TestConstraints:
    def test_slugs_are_unique(self):
        PartyFactory(slug="anthropic")
        assert violates(lambda: PartyFactory(slug="anthropic"))

    def test_figures_cannot_be_negative(self):
        allegation = AllegationFactory()
        assert violates(lambda: AccusedPartyFactory(allegation=allegation, exchanges=-1))
        assert violates(lambda: AllegationFactory(accounts=-24000))

    def test_settlement_amounts_cannot_be_negative(self):
        assert violates(lambda: SettlementFactory(amount=Decimal("-1")))
        assert violates(lambda: SettlementFactory(per_unit_amount=Decimal("-3000")))

    @pytest.mark.parametrize(
        ("announced", "preliminary", "final"),
        [
            (datetime.date(2025, 9, 5), datetime.date(2025, 9, 1), None),
            (datetime.date(2025, 9, 5), datetime.date(2025, 9, 25), datetime.date(2025, 9, 24)),
            (datetime.date(2025, 9, 5), None, datetime.date(2026, 6, 1)),
        ],
        ids=["preliminary-before-announcement", "final-before-preliminary", "final-alone"],
    )
    def test_settlement_approval_dates_must_be_in_order(self, announced, preliminary, final):
        def create():
            SettlementFactory(
                announced_on=announced,
                preliminary_approval_on=preliminary,
                final_approval_on=final,
            )

        assert violates(create)

    def test_settlement_clean_explains_the_date_order_in_plain_words(self):
        settlement = SettlementFactory.build(
            case=CaseFactory(), final_approval_on=datetime.date(2025, 9, 1)
        )
        with pytest.raises(ValidationError) as caught:
            settlement.full_clean()
        assert caught.value.message_dict["final_approval_on"] == [
            "Final approval cannot come before preliminary approval."
        ]

    def test_one_clause_per_category_per_version(self):
        clause = ClauseFactory()
        assert violates(lambda: ClauseFactory(version=clause.version, category=clause.category))

    def test_one_row_per_accused_party(self):
        row = AccusedPartyFactory()
        assert violates(lambda: AccusedPartyFactory(allegation=row.allegation, party=row.party))

    def test_conduct_period_in_order(self):
        assert violates(
            lambda: AllegationFactory(
                conduct_start=datetime.date(2026, 6, 5), conduct_end=datetime.date(2026, 4, 22)
            )
        )

    def test_an_event_belongs_to_at_most_one_record(self):
        allegation, case = AllegationFactory(), CaseFactory()
        assert not violates(lambda: EventFactory(allegation=allegation))
        assert not violates(lambda: EventFactory())
        assert violates(lambda: EventFactory(allegation=allegation, case=case))

    def test_guidance_cannot_supersede_itself(self):
        guidance = GuidanceFactory()
        guidance.superseded_by = guidance
        assert violates(guidance.save)


NOT_PUBLIC = [
    EditorialStatus.DRAFT,
    EditorialStatus.IN_REVIEW,
    EditorialStatus.RETRACTED,
]
RECORD_FACTORIES = [
    PartyFactory,
    SourceFactory,
    TermsDocumentFactory,
    AllegationFactory,
    CaseFactory,
    SettlementFactory,
    GuidanceFactory,
    EventFactory,
]


class TestPublic:
    @pytest.mark.parametrize("factory", RECORD_FACTORIES, ids=lambda fac: fac.__name__)
    @pytest.mark.parametrize("status", NOT_PUBLIC)
    def test_only_published_records_are_public(self, factory, status):
        published = factory()
        hidden = factory(editorial_status=status)
        model = type(published)

        assert list(model.objects.public()) == [published]
        assert hidden not in model.objects.public()

    @pytest.mark.parametrize("status", NOT_PUBLIC)
    def test_child_rows_follow_their_record(self, status):
        allegation = AllegationFactory(editorial_status=status)
        AccusedPartyFactory(allegation=allegation)
        clause = ClauseFactory(version__document__editorial_status=status)
        HoldingFactory(guidance__editorial_status=status)

        assert not AccusedParty.objects.public().exists()
        assert not Clause.objects.public().exists()
        assert not TermsVersion.objects.public().filter(pk=clause.version.pk).exists()
        assert not Holding.objects.public().exists()

    def test_an_accused_row_naming_a_hidden_party_is_not_public(self):
        AccusedPartyFactory(party__editorial_status=EditorialStatus.DRAFT)
        assert not AccusedParty.objects.public().exists()

    @pytest.mark.parametrize("status", NOT_PUBLIC)
    def test_an_event_of_a_hidden_record_is_not_public(self, status):
        EventFactory(case=CaseFactory(editorial_status=status))
        shown = EventFactory(case=CaseFactory())

        assert list(Event.objects.public()) == [shown]

    @pytest.mark.parametrize("status", NOT_PUBLIC)
    @pytest.mark.parametrize("field", Event.RECORD_FIELDS)
    def test_an_event_is_public_only_when_its_record_is(self, field, status):
        record_factories = {
            "allegation": AllegationFactory,
            "case": CaseFactory,
            "settlement": SettlementFactory,
            "guidance": GuidanceFactory,
            "terms_document": TermsDocumentFactory,
        }
        make_record = record_factories[field]
        shown = [
            EventFactory(**{field: make_record()}),
            EventFactory(),
            EventFactory(**{field: make_record()}),
        ]
        EventFactory(**{field: make_record(editorial_status=status)})
        EventFactory(editorial_status=status, **{field: make_record()})

        assert set(Event.objects.public()) == set(shown)
        assert Event.objects.public().count() == len(shown)

    def test_a_citation_of_a_hidden_source_is_not_public(self):
        draft_source = SourceFactory(editorial_status=EditorialStatus.DRAFT)
        allegation = AllegationFactory(cite=draft_source)

        assert not allegation.citations.public().exists()


class TestDates:
    @pytest.mark.parametrize(
        ("precision", "shown"),
        [
            (DatePrecision.DAY, "9 March 2025"),
            (DatePrecision.MONTH, "March 2025"),
            (DatePrecision.YEAR, "2025"),
            (DatePrecision.APPROXIMATE, "c. 2025"),
        ],
    )
    def test_dates_show_at_their_precision(self, precision, shown):
        assert format_date(datetime.date(2025, 3, 9), precision) == shown

    def test_a_missing_date_says_so(self):
        assert format_date(None) == "date unknown"
