"""Tests of the read selectors shared by the portal and the API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records import selectors
from casebook.records.models import DatePrecision, EditorialStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def assert_constant_queries(func, grow, django_assert_num_queries):
    """``func`` runs as many queries after ``grow()`` adds 9x more data as before."""
    before = count_queries(func)
    grow()
    with django_assert_num_queries(before):
        func()


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


def keys(entries):
    return [e.key for e in entries]


def test_timeline_lists_every_public_dated_fact_in_date_order():
    allegation = f.AllegationFactory(made_on=datetime.date(2026, 2, 23))
    case = f.CaseFactory(filed_on=datetime.date(2024, 8, 19))
    settlement = f.SettlementFactory(
        case=case,
        announced_on=datetime.date(2025, 9, 5),
        preliminary_approval_on=datetime.date(2025, 9, 25),
        final_approval_on=None,
    )
    guidance = f.GuidanceFactory(issued_on=datetime.date(2025, 1, 29))
    version = f.TermsVersionFactory(effective_from=datetime.date(2024, 1, 31))
    event = f.EventFactory(date=datetime.date(2025, 6, 23))

    entries = selectors.timeline_entries()

    assert keys(entries) == [
        f"terms:{version.document.slug}:2024-01-31",
        f"case:{case.slug}:filed_on",
        f"guidance:{guidance.slug}:issued_on",
        f"event:{event.slug}",
        f"settlement:{settlement.slug}:announced_on",
        f"settlement:{settlement.slug}:preliminary_approval_on",
        f"allegation:{allegation.slug}:made_on",
    ]
    by_key = {e.key: e for e in entries}
    made = by_key[f"allegation:{allegation.slug}:made_on"]
    assert (made.kind, made.record, made.record_type, made.headline) == (
        "allegation_made",
        allegation,
        "allegation",
        allegation.title,
    )
    terms = by_key[f"terms:{version.document.slug}:2024-01-31"]
    assert (terms.kind, terms.record, terms.record_type) == (
        "terms_version_effective",
        version.document,
        "terms",
    )
    standalone = by_key[f"event:{event.slug}"]
    assert (standalone.kind, standalone.record, standalone.record_type) == (
        f"event:{event.kind}",
        event,
        "event",
    )
    assert by_key[f"settlement:{settlement.slug}:preliminary_approval_on"].kind == (
        "settlement_preliminary_approval"
    )
    assert len({e.key for e in entries}) == len(entries)


def test_timeline_entries_on_the_same_date_are_ordered_by_key():
    day = datetime.date(2025, 3, 1)
    later = f.EventFactory(slug="b-event", date=day)
    earlier = f.EventFactory(slug="a-event", date=day)

    assert keys(selectors.timeline_entries()) == [f"event:{earlier.slug}", f"event:{later.slug}"]


def test_final_approval_and_unknown_dates_make_entries_only_when_set():
    settlement = f.SettlementFactory(final_approval_on=datetime.date(2025, 10, 1))
    f.CaseFactory(filed_on=None)
    f.TermsVersionFactory(effective_from=None)

    kinds = [e.kind for e in selectors.timeline_entries()]

    assert "settlement_final_approval" in kinds
    assert "case_filed" in kinds  # the settlement's own case has a filing date
    assert kinds.count("case_filed") == 1
    assert "terms_version_effective" not in kinds
    assert settlement.case.filed_on is not None


def test_an_event_of_a_record_takes_its_type_and_links_to_it():
    allegation = f.AllegationFactory()
    case = f.CaseFactory()
    settlement = f.SettlementFactory()
    guidance = f.GuidanceFactory()
    document = f.TermsDocumentFactory()
    expected = {
        f.EventFactory(allegation=allegation).slug: (allegation, "allegation"),
        f.EventFactory(case=case).slug: (case, "case"),
        f.EventFactory(settlement=settlement).slug: (settlement, "settlement"),
        f.EventFactory(guidance=guidance).slug: (guidance, "guidance"),
        f.EventFactory(terms_document=document).slug: (document, "terms"),
    }

    events = {
        e.key.removeprefix("event:"): (e.record, e.record_type)
        for e in selectors.timeline_entries()
        if e.kind.startswith("event:")
    }

    assert events == expected


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_timeline_leaves_out_records_and_events_that_are_not_public(status):
    hidden_allegation = f.AllegationFactory(editorial_status=status)
    f.AllegationFactory(editorial_status=status)
    f.CaseFactory(editorial_status=status)
    f.SettlementFactory(editorial_status=status, case__editorial_status=status)
    f.GuidanceFactory(editorial_status=status)
    f.TermsVersionFactory(document__editorial_status=status)
    f.EventFactory(editorial_status=status)
    # A published event of a record that is not public is not public either.
    f.EventFactory(allegation=hidden_allegation)
    visible = f.EventFactory()

    assert keys(selectors.timeline_entries()) == [f"event:{visible.slug}"]


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_timeline_entries_name_only_public_parties(status):
    hidden = f.PartyFactory(editorial_status=status)
    shown = f.PartyFactory()
    allegation = f.AllegationFactory(accuser=hidden)
    f.AccusedPartyFactory(allegation=allegation, party=shown)
    f.AccusedPartyFactory(allegation=allegation, party=f.PartyFactory(editorial_status=status))
    case = f.CaseFactory(court=hidden)
    f.CasePartyFactory(case=case, party=shown)
    f.CasePartyFactory(case=case, party=hidden, role="defendant")
    f.GuidanceFactory(issuer=hidden)
    f.TermsVersionFactory(document__vendor=hidden)
    event = f.EventFactory()
    event.parties.set([hidden, shown])

    entries = selectors.timeline_entries()

    assert len(entries) == 5
    for entry in entries:
        assert hidden not in entry.parties
    by_type = {e.record_type: e.parties for e in entries}
    assert by_type["allegation"] == (shown,)
    assert by_type["case"] == (shown,)
    assert by_type["event"] == (shown,)
    assert by_type["guidance"] == ()
    assert by_type["terms"] == ()


def test_settlement_entries_name_the_public_case_parties():
    case = f.CaseFactory()
    plaintiff = f.CasePartyFactory(case=case).party
    settlement = f.SettlementFactory(case=case)
    hidden_case = f.CaseFactory(editorial_status=EditorialStatus.DRAFT)
    f.CasePartyFactory(case=hidden_case)
    f.SettlementFactory(case=hidden_case)

    parties = {
        e.record.slug: e.parties for e in selectors.timeline_entries(record_types=["settlement"])
    }

    assert parties[settlement.slug] == (plaintiff,)
    assert len(parties) == 2
    assert () in parties.values()


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, "3 March 2025"),
        (DatePrecision.MONTH, "March 2025"),
        (DatePrecision.YEAR, "2025"),
        (DatePrecision.APPROXIMATE, "c. 2025"),
    ],
)
def test_timeline_dates_keep_their_precision(precision, expected):
    f.AllegationFactory(made_on=datetime.date(2025, 3, 3), made_on_precision=precision)
    f.GuidanceFactory(issued_on=datetime.date(2025, 3, 3), issued_on_precision=precision)
    f.TermsVersionFactory(
        effective_from=datetime.date(2025, 3, 3), effective_from_precision=precision
    )
    f.EventFactory(date=datetime.date(2025, 3, 3), date_precision=precision)

    entries = selectors.timeline_entries(record_types=["allegation", "guidance", "terms", "event"])

    assert len(entries) == 4
    assert {(e.precision, e.date_display) for e in entries} == {(precision, expected)}


def test_timeline_filters_by_party():
    anthropic = f.PartyFactory()
    other = f.PartyFactory()
    accused_in = f.AccusedPartyFactory(allegation__accuser=other, party=anthropic).allegation
    accuser_of = f.AllegationFactory(accuser=anthropic)
    f.AllegationFactory(accuser=other)
    vendor_of = f.TermsVersionFactory(document__vendor=anthropic)
    event = f.EventFactory()
    event.parties.add(anthropic)
    f.EventFactory().parties.add(other)

    entries = selectors.timeline_entries(parties=[anthropic])

    assert sorted(keys(entries)) == sorted(
        [
            f"allegation:{accused_in.slug}:made_on",
            f"allegation:{accuser_of.slug}:made_on",
            f"terms:{vendor_of.document.slug}:{vendor_of.effective_from.isoformat()}",
            f"event:{event.slug}",
        ]
    )


def test_timeline_filters_by_record_type_with_events_of_that_type():
    allegation = f.AllegationFactory()
    own_event = f.EventFactory(allegation=allegation)
    f.EventFactory()
    f.CaseFactory()

    entries = selectors.timeline_entries(record_types=["allegation"])

    assert sorted(keys(entries)) == sorted(
        [f"allegation:{allegation.slug}:made_on", f"event:{own_event.slug}"]
    )
    assert {e.record_type for e in selectors.timeline_entries(record_types=["event"])} == {"event"}


def test_timeline_filters_by_topic():
    topic = f.TopicFactory()
    allegation = f.AllegationFactory()
    allegation.topics.add(topic)
    event = f.EventFactory()
    event.topics.add(topic)
    f.AllegationFactory().topics.add(f.TopicFactory())
    f.CaseFactory()
    f.TermsVersionFactory()

    entries = selectors.timeline_entries(topics=[topic])

    assert sorted(keys(entries)) == sorted(
        [f"allegation:{allegation.slug}:made_on", f"event:{event.slug}"]
    )


def test_timeline_date_range_is_inclusive():
    before = f.EventFactory(date=datetime.date(2024, 12, 31))
    first = f.EventFactory(date=datetime.date(2025, 1, 1))
    last = f.EventFactory(date=datetime.date(2025, 12, 31))
    after = f.EventFactory(date=datetime.date(2026, 1, 1))

    entries = selectors.timeline_entries(
        date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 12, 31)
    )

    assert keys(entries) == [f"event:{first.slug}", f"event:{last.slug}"]
    assert keys(selectors.timeline_entries(date_to=datetime.date(2024, 12, 31))) == [
        f"event:{before.slug}"
    ]
    assert keys(selectors.timeline_entries(date_from=datetime.date(2026, 1, 1))) == [
        f"event:{after.slug}"
    ]


def make_timeline_data(n):
    """``n`` of every kind of timeline record, each with parties and topics."""
    topic = f.TopicFactory(slug="timeline-topic")
    for _ in range(n):
        accused = f.AccusedPartyFactory()
        accused.allegation.topics.add(topic)
        f.EventFactory(allegation=accused.allegation).parties.add(accused.party)
        case_party = f.CasePartyFactory()
        case_party.case.topics.add(topic)
        f.SettlementFactory(case=case_party.case, final_approval_on=datetime.date(2025, 12, 1))
        f.GuidanceFactory().topics.add(topic)
        f.TermsVersionFactory()
        f.EventFactory().topics.add(topic)


def test_timeline_runs_a_constant_number_of_queries(django_assert_num_queries):
    make_timeline_data(2)

    assert_constant_queries(
        selectors.timeline_entries, lambda: make_timeline_data(18), django_assert_num_queries
    )
    assert len(selectors.timeline_entries()) > 20 * 8
