"""Tests of the read selectors shared by the portal and the API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records import selectors
from casebook.records.models import DatePrecision, EditorialStatus
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CaseFactory,
    CasePartyFactory,
    CitationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    LegalTheoryFactory,
    PartyFactory,
    SettlementFactory,
    TechniqueFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)

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
    allegation = AllegationFactory(made_on=datetime.date(2026, 2, 23))
    case = CaseFactory(filed_on=datetime.date(2024, 8, 19))
    settlement = SettlementFactory(
        case=case,
        announced_on=datetime.date(2025, 9, 5),
        preliminary_approval_on=datetime.date(2025, 9, 25),
        final_approval_on=None,
    )
    guidance = GuidanceFactory(issued_on=datetime.date(2025, 1, 29))
    version = TermsVersionFactory(effective_from=datetime.date(2024, 1, 31))
    event = EventFactory(date=datetime.date(2025, 6, 23))

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
    later = EventFactory(slug="b-event", date=day)
    earlier = EventFactory(slug="a-event", date=day)

    assert keys(selectors.timeline_entries()) == [f"event:{earlier.slug}", f"event:{later.slug}"]


def test_final_approval_and_unknown_dates_make_entries_only_when_set():
    settlement = SettlementFactory(final_approval_on=datetime.date(2025, 10, 1))
    CaseFactory(filed_on=None)
    TermsVersionFactory(effective_from=None)

    kinds = [e.kind for e in selectors.timeline_entries()]

    assert "settlement_final_approval" in kinds
    assert "case_filed" in kinds  # the settlement's own case has a filing date
    assert kinds.count("case_filed") == 1
    assert "terms_version_effective" not in kinds
    assert settlement.case.filed_on is not None


def test_an_event_of_a_record_links_to_it_and_stays_an_event():
    allegation = AllegationFactory()
    case = CaseFactory()
    settlement = SettlementFactory()
    guidance = GuidanceFactory()
    document = TermsDocumentFactory()
    expected = {
        EventFactory(allegation=allegation).slug: (allegation, "event"),
        EventFactory(case=case).slug: (case, "event"),
        EventFactory(settlement=settlement).slug: (settlement, "event"),
        EventFactory(guidance=guidance).slug: (guidance, "event"),
        EventFactory(terms_document=document).slug: (document, "event"),
    }

    events = {
        e.key.removeprefix("event:"): (e.record, e.record_type)
        for e in selectors.timeline_entries()
        if e.kind.startswith("event:")
    }

    assert events == expected


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_timeline_leaves_out_records_and_events_that_are_not_public(status):
    hidden_allegation = AllegationFactory(editorial_status=status)
    AllegationFactory(editorial_status=status)
    CaseFactory(editorial_status=status)
    SettlementFactory(editorial_status=status, case__editorial_status=status)
    GuidanceFactory(editorial_status=status)
    TermsVersionFactory(document__editorial_status=status)
    EventFactory(editorial_status=status)
    # A published event of a record that is not public is not public either.
    EventFactory(allegation=hidden_allegation)
    visible = EventFactory()

    assert keys(selectors.timeline_entries()) == [f"event:{visible.slug}"]


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_timeline_entries_name_only_public_parties(status):
    hidden = PartyFactory(editorial_status=status)
    shown = PartyFactory()
    allegation = AllegationFactory(accuser=hidden)
    AccusedPartyFactory(allegation=allegation, party=shown)
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(editorial_status=status))
    case = CaseFactory(court=hidden)
    CasePartyFactory(case=case, party=shown)
    CasePartyFactory(case=case, party=hidden, role="defendant")
    GuidanceFactory(issuer=hidden)
    TermsVersionFactory(document__vendor=hidden)
    event = EventFactory()
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
    case = CaseFactory()
    plaintiff = CasePartyFactory(case=case).party
    settlement = SettlementFactory(case=case)
    hidden_case = CaseFactory(editorial_status=EditorialStatus.DRAFT)
    CasePartyFactory(case=hidden_case)
    SettlementFactory(case=hidden_case)

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
    AllegationFactory(made_on=datetime.date(2025, 3, 3), made_on_precision=precision)
    GuidanceFactory(issued_on=datetime.date(2025, 3, 3), issued_on_precision=precision)
    TermsVersionFactory(
        effective_from=datetime.date(2025, 3, 3), effective_from_precision=precision
    )
    EventFactory(date=datetime.date(2025, 3, 3), date_precision=precision)

    entries = selectors.timeline_entries(record_types=["allegation", "guidance", "terms", "event"])

    assert len(entries) == 4
    assert {(e.precision, e.date_display) for e in entries} == {(precision, expected)}


def test_timeline_filters_by_party():
    anthropic = PartyFactory()
    other = PartyFactory()
    accused_in = AccusedPartyFactory(allegation__accuser=other, party=anthropic).allegation
    accuser_of = AllegationFactory(accuser=anthropic)
    AllegationFactory(accuser=other)
    vendor_of = TermsVersionFactory(document__vendor=anthropic)
    event = EventFactory()
    event.parties.add(anthropic)
    EventFactory().parties.add(other)

    entries = selectors.timeline_entries(parties=[anthropic])

    assert sorted(keys(entries)) == sorted(
        [
            f"allegation:{accused_in.slug}:made_on",
            f"allegation:{accuser_of.slug}:made_on",
            f"terms:{vendor_of.document.slug}:{vendor_of.effective_from.isoformat()}",
            f"event:{event.slug}",
        ]
    )


def test_timeline_filters_events_by_their_own_kind():
    """The "Events" filter shows every event, whatever record it belongs to (issue #11)."""
    allegation = AllegationFactory()
    own_event = EventFactory(allegation=allegation)
    case_event = EventFactory(case=CaseFactory())
    standalone = EventFactory()
    CaseFactory()

    allegations = selectors.timeline_entries(record_types=["allegation"])
    events = selectors.timeline_entries(record_types=["event"])

    assert keys(allegations) == [f"allegation:{allegation.slug}:made_on"]
    assert sorted(keys(events)) == sorted(
        f"event:{e.slug}" for e in (own_event, case_event, standalone)
    )
    assert {e.record_type for e in events} == {"event"}
    assert {e.record for e in events} == {allegation, case_event.case, standalone}


def test_timeline_filters_by_topic():
    topic = TopicFactory()
    allegation = AllegationFactory()
    allegation.topics.add(topic)
    event = EventFactory()
    event.topics.add(topic)
    AllegationFactory().topics.add(TopicFactory())
    CaseFactory()
    TermsVersionFactory()

    entries = selectors.timeline_entries(topics=[topic])

    assert sorted(keys(entries)) == sorted(
        [f"allegation:{allegation.slug}:made_on", f"event:{event.slug}"]
    )


def test_timeline_date_range_is_inclusive():
    before = EventFactory(date=datetime.date(2024, 12, 31))
    first = EventFactory(date=datetime.date(2025, 1, 1))
    last = EventFactory(date=datetime.date(2025, 12, 31))
    after = EventFactory(date=datetime.date(2026, 1, 1))

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
    topic = TopicFactory(slug="timeline-topic")
    for _ in range(n):
        accused = AccusedPartyFactory()
        accused.allegation.topics.add(topic)
        EventFactory(allegation=accused.allegation).parties.add(accused.party)
        case_party = CasePartyFactory()
        case_party.case.topics.add(topic)
        SettlementFactory(case=case_party.case, final_approval_on=datetime.date(2025, 12, 1))
        GuidanceFactory().topics.add(topic)
        TermsVersionFactory()
        EventFactory().topics.add(topic)


def test_timeline_runs_a_constant_number_of_queries(django_assert_num_queries):
    make_timeline_data(2)

    assert_constant_queries(
        selectors.timeline_entries, lambda: make_timeline_data(18), django_assert_num_queries
    )
    assert len(selectors.timeline_entries()) > 20 * 8


# --------------------------------------------------------------------------
# Vendor terms
# --------------------------------------------------------------------------

PRESENT = selectors.ClauseStatus.PRESENT
NOT_PRESENT = selectors.ClauseStatus.NOT_PRESENT
NOT_REVIEWED = selectors.ClauseStatus.NOT_REVIEWED
NO_VERSION = selectors.ClauseStatus.NO_VERSION_IN_FORCE


@pytest.fixture
def competing():
    return ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)


def version(document, effective_from, **kwargs):
    return TermsVersionFactory(document=document, effective_from=effective_from, **kwargs)


def test_clause_lookup_takes_the_latest_version_in_force_on_the_date(competing):
    document = TermsDocumentFactory()
    first = version(document, datetime.date(2024, 1, 31))
    second = version(document, datetime.date(2025, 6, 17))
    old = ClauseFactory(version=first, category=competing, text="old words")
    new = ClauseFactory(version=second, category=competing, text="new words")
    vendor = document.vendor

    def clause_on(day):
        lookup = selectors.clause_lookup(vendor=vendor, category=competing, on=day)
        return lookup.status, [(c.version, c.clause) for c in lookup.clauses]

    assert clause_on(datetime.date(2024, 1, 30)) == (NO_VERSION, [])
    assert clause_on(datetime.date(2024, 1, 31)) == (PRESENT, [(first, old)])
    assert clause_on(datetime.date(2025, 6, 16)) == (PRESENT, [(first, old)])
    assert clause_on(datetime.date(2025, 6, 17)) == (PRESENT, [(second, new)])


def test_clause_lookup_tells_not_present_from_not_reviewed(competing):
    other = ClauseCategoryFactory()
    reviewed = version(TermsDocumentFactory(), datetime.date(2024, 1, 1))
    reviewed.reviewed_categories.add(competing)
    vendor = reviewed.document.vendor
    unreviewed = version(TermsDocumentFactory(vendor=vendor), datetime.date(2024, 1, 1))
    day = datetime.date(2025, 1, 1)

    lookup = selectors.clause_lookup(vendor=vendor, category=competing, on=day)

    assert lookup.status == NOT_PRESENT
    assert lookup.clauses == []
    assert {(d.version, d.clause, d.status) for d in lookup.documents} == {
        (reviewed, None, NOT_PRESENT),
        (unreviewed, None, NOT_REVIEWED),
    }
    assert selectors.clause_lookup(vendor=vendor, category=other, on=day).status == NOT_REVIEWED
    assert lookup.status_display == "Not present in the reviewed version"


def test_clause_lookup_is_present_when_any_document_has_the_clause(competing):
    vendor = PartyFactory()
    without = version(TermsDocumentFactory(vendor=vendor), datetime.date(2024, 1, 1))
    without.reviewed_categories.add(competing)
    with_clause = ClauseFactory(
        version__document__vendor=vendor,
        version__effective_from=datetime.date(2024, 1, 1),
        category=competing,
    )

    lookup = selectors.clause_lookup(
        vendor=vendor, category=competing, on=datetime.date(2025, 1, 1)
    )

    assert lookup.status == PRESENT
    assert [c.clause for c in lookup.clauses] == [with_clause]
    assert len(lookup.documents) == 2


def test_clause_lookup_never_takes_an_undated_version_to_be_in_force(competing):
    clause = ClauseFactory(category=competing, version__effective_from=None)
    vendor = clause.version.document.vendor

    lookup = selectors.clause_lookup(
        vendor=vendor, category=competing, on=datetime.date(2030, 1, 1)
    )

    assert lookup.status == NO_VERSION
    assert [(d.document, d.version) for d in lookup.documents] == [(clause.version.document, None)]


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_clause_lookup_ignores_documents_and_vendors_that_are_not_public(competing, status):
    vendor = PartyFactory()
    ClauseFactory(
        category=competing,
        version__document__vendor=vendor,
        version__document__editorial_status=status,
    )
    hidden_vendor = ClauseFactory(
        category=competing, version__document__vendor__editorial_status=status
    ).version.document.vendor
    day = datetime.date(2025, 1, 1)

    lookup = selectors.clause_lookup(vendor=vendor, category=competing, on=day)
    hidden = selectors.clause_lookup(vendor=hidden_vendor, category=competing, on=day)

    assert (lookup.status, lookup.documents) == (NO_VERSION, ())
    assert (hidden.status, hidden.documents) == (NO_VERSION, ())


def test_accuser_clause_uses_the_start_of_the_conduct(competing):
    clause = ClauseFactory(category=competing, version__effective_from=datetime.date(2025, 1, 1))
    accuser = clause.version.document.vendor
    before = AllegationFactory(
        accuser=accuser,
        conduct_start=datetime.date(2024, 6, 1),
        made_on=datetime.date(2026, 2, 23),
    )
    after = AllegationFactory(accuser=accuser, made_on=datetime.date(2026, 2, 23))

    answer = selectors.allegation_accuser_clause(after)
    earlier = selectors.allegation_accuser_clause(before)

    assert (answer.on, answer.lookup.status, answer.later) == (after.made_on, PRESENT, None)
    assert [c.clause for c in answer.lookup.clauses] == [clause]
    assert answer.added_later is False
    assert earlier.on == datetime.date(2024, 6, 1)
    assert earlier.lookup.status == NO_VERSION
    # No version was known on the date, so "added later" is not claimed.
    assert earlier.later.clause == clause
    assert earlier.added_later is False


def test_accuser_clause_added_only_after_the_conduct_is_flagged(competing):
    document = TermsDocumentFactory()
    reviewed = version(document, datetime.date(2023, 1, 1))
    reviewed.reviewed_categories.add(competing)
    first_with = ClauseFactory(
        version=version(document, datetime.date(2025, 1, 1)), category=competing
    )
    ClauseFactory(version=version(document, datetime.date(2025, 6, 1)), category=competing)
    allegation = AllegationFactory(accuser=document.vendor, conduct_start=datetime.date(2024, 3, 1))

    answer = selectors.allegation_accuser_clause(allegation)

    assert answer.lookup.status == NOT_PRESENT
    assert answer.lookup.category == competing
    assert answer.later.version == first_with.version
    assert answer.later.clause == first_with
    assert answer.added_later is True


def test_accuser_clause_without_the_category_in_the_database_has_no_version_in_force():
    allegation = AllegationFactory()

    answer = selectors.allegation_accuser_clause(allegation)

    assert answer.lookup.category.slug == selectors.COMPETING_MODELS_CATEGORY
    assert (answer.lookup.status, answer.later, answer.added_later) == (NO_VERSION, None, False)


def make_terms_data(n, category):
    for _ in range(n):
        document = TermsDocumentFactory()
        ClauseFactory(version=version(document, datetime.date(2024, 1, 1)), category=category)
        version(document, datetime.date(2025, 1, 1)).reviewed_categories.add(category)
        AllegationFactory(accuser=document.vendor)


def test_terms_selectors_run_a_constant_number_of_queries(competing, django_assert_num_queries):
    make_terms_data(2, competing)
    vendor = PartyFactory()
    make_more = lambda: make_terms_data(18, competing)  # noqa: E731
    allegation = AllegationFactory(accuser=vendor)
    day = datetime.date(2025, 6, 1)

    assert_constant_queries(
        lambda: selectors.terms_matrix(on=day), make_more, django_assert_num_queries
    )
    for _ in range(9):
        document = TermsDocumentFactory(vendor=vendor)
        ClauseFactory(version=version(document, datetime.date(2024, 1, 1)), category=competing)

    # Documents, versions, their clauses, the clauses' categories, reviewed categories.
    with django_assert_num_queries(5):
        selectors.clause_lookup(vendor=vendor, category=competing, on=day)
    with django_assert_num_queries(5):
        selectors.clause_history(vendor=vendor, category=competing)
    with django_assert_num_queries(6):
        selectors.allegation_accuser_clause(allegation)
    assert len(selectors.terms_matrix(on=day).documents) == 29


# --------------------------------------------------------------------------
# Clause history
# --------------------------------------------------------------------------


def test_word_diff_marks_inserted_and_deleted_words_and_keeps_the_texts():
    old = "You may not use Output to develop models."
    new = "You may not use any Output to develop models that compete."

    diff = selectors.word_diff(old, new)

    assert diff == [
        ("equal", "You may not use "),
        ("insert", "any "),
        ("equal", "Output to develop "),
        ("delete", "models."),
        ("insert", "models that compete."),
    ]
    assert "".join(text for op, text in diff if op != "insert") == old
    assert "".join(text for op, text in diff if op != "delete") == new
    assert selectors.word_diff("same text", "same text") == [("equal", "same text")]
    assert selectors.word_diff("", "") == []
    assert selectors.word_diff("gone", "") == [("delete", "gone")]


def test_clause_history_lists_versions_per_document_with_the_diff(competing):
    vendor = PartyFactory()
    document = TermsDocumentFactory(vendor=vendor, title="A terms")
    undated = version(document, None)
    first = version(document, datetime.date(2024, 1, 1))
    second = version(document, datetime.date(2025, 1, 1))
    third = version(document, datetime.date(2026, 1, 1))
    ClauseFactory(version=first, category=competing, text="Do not build rival models.")
    ClauseFactory(version=second, category=competing, text="Do not build competing models.")
    third.reviewed_categories.add(competing)
    other_document = TermsDocumentFactory(vendor=vendor, title="B policy")
    other_version = version(other_document, datetime.date(2023, 1, 1))

    history = selectors.clause_history(vendor=vendor, category=competing)

    assert [(e.document, e.version, e.status) for e in history] == [
        (document, undated, NOT_REVIEWED),
        (document, first, PRESENT),
        (document, second, PRESENT),
        (document, third, NOT_PRESENT),
        (other_document, other_version, NOT_REVIEWED),
    ]
    # The undated version is no step in the order: the first dated one has no diff either.
    assert history[0].diff == []
    assert history[1].diff == []
    assert history[2].diff == [
        ("equal", "Do not build "),
        ("delete", "rival"),
        ("insert", "competing"),
        ("equal", " models."),
    ]
    assert history[3].diff == [("delete", "Do not build competing models.")]
    assert history[3].clause is None
    assert history[4].diff == []


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_clause_history_leaves_out_documents_that_are_not_public(competing, status):
    clause = ClauseFactory(category=competing)
    vendor = clause.version.document.vendor
    ClauseFactory(
        category=competing,
        version__document__vendor=vendor,
        version__document__editorial_status=status,
    )

    history = selectors.clause_history(vendor=vendor, category=competing)

    assert [e.clause for e in history] == [clause]


# --------------------------------------------------------------------------
# Comparisons
# --------------------------------------------------------------------------


def make_allegation():
    accuser = PartyFactory(name="Anthropic PBC", short_name="Anthropic")
    allegation = AllegationFactory(
        accuser=accuser,
        made_on=datetime.date(2026, 2, 23),
        accounts=24000,
        exchanges=16_000_000,
        exchanges_qualifier="over",
    )
    CitationFactory(record=allegation)  # a second public source
    CitationFactory(record=allegation, source__editorial_status=EditorialStatus.DRAFT)
    allegation.legal_theories.add(LegalTheoryFactory(name="Terms breach"))
    coding = CapabilityFactory(name="Agentic coding")
    reasoning = CapabilityFactory(name="Reasoning")
    minimax = AccusedPartyFactory(
        allegation=allegation,
        party=PartyFactory(name="MiniMax Group", short_name="MiniMax"),
        exchanges=13_000_000,
        response="no_comment",
    )
    minimax.capabilities.add(coding)
    deepseek = AccusedPartyFactory(allegation=allegation, exchanges=150_000)
    deepseek.capabilities.add(reasoning, coding)
    deepseek.techniques.add(TechniqueFactory(name="Fraudulent accounts"))
    return allegation, minimax, deepseek


def test_comparison_rows_of_a_whole_allegation_and_of_one_accused_party():
    allegation, minimax, deepseek = make_allegation()

    whole, one = selectors.comparison_rows(
        [allegation.slug, f"{allegation.slug}/{minimax.party.slug}"]
    )

    assert (whole.key, whole.label, whole.accused, whole.accuser) == (
        allegation.slug,
        "Whole allegation (Anthropic, 23 February 2026)",
        None,
        allegation.accuser,
    )
    assert (whole.accounts, whole.exchanges, whole.exchanges_qualifier) == (
        24000,
        16_000_000,
        "over",
    )
    assert whole.capabilities == ["Agentic coding", "Reasoning"]
    assert whole.techniques == ["Fraudulent accounts"]
    assert whole.response == ""
    assert one.key == f"{allegation.slug}/{minimax.party.slug}"
    assert one.label == "MiniMax (Anthropic, 23 February 2026)"
    assert (one.accused, one.exchanges, one.accounts) == (minimax, 13_000_000, minimax.accounts)
    assert one.capabilities == ["Agentic coding"]
    assert one.techniques == []
    assert one.response == "Declined to comment / did not respond"
    for row in (whole, one):
        assert row.date_display == "23 February 2026"
        assert row.venue == "Blog post or article"
        assert row.status == "Alleged"
        assert row.legal_theories == ["Terms breach"]
        assert row.figures_basis == "reported"
        assert row.figures_basis_display == "Reported by the accuser"
        assert row.source_count == 2  # the factory's citation and the second; not the draft one


def test_comparison_rows_keep_the_order_of_the_keys():
    allegation, minimax, deepseek = make_allegation()
    other = AllegationFactory()
    asked = [f"{allegation.slug}/{deepseek.party.slug}", other.slug, allegation.slug]

    assert [row.key for row in selectors.comparison_rows(asked)] == asked
    assert selectors.comparison_rows([]) == []


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_comparison_rows_reject_unknown_and_non_public_keys(status):
    allegation, minimax, _ = make_allegation()
    hidden = AllegationFactory(editorial_status=status)
    hidden_party = AccusedPartyFactory(allegation=allegation, party__editorial_status=status).party
    hidden_accuser = AllegationFactory(accuser__editorial_status=status)
    bad_keys = [
        "no-such-allegation",
        hidden.slug,
        hidden_accuser.slug,
        f"{allegation.slug}/{hidden_party.slug}",
        f"{allegation.slug}/no-such-party",
        f"{allegation.slug}/{minimax.party.slug}/extra",
        "",
    ]

    for key in bad_keys:
        with pytest.raises(selectors.UnknownComparisonKey) as error:
            selectors.comparison_rows([allegation.slug, key])
        assert repr(key) in str(error.value)
        assert error.value.key == key
    assert isinstance(error.value, ValueError)


def test_comparison_choices_list_every_public_key_with_its_label():
    allegation, minimax, deepseek = make_allegation()
    AccusedPartyFactory(allegation=allegation, party__editorial_status=EditorialStatus.DRAFT)
    AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    older = AllegationFactory(made_on=datetime.date(2025, 1, 29))

    choices = selectors.comparison_choices()

    rows = selectors.comparison_rows([key for key, _ in choices])
    assert choices == [(row.key, row.label) for row in rows]
    assert [key for key, _ in choices] == [
        allegation.slug,
        f"{allegation.slug}/{minimax.party.slug}",
        f"{allegation.slug}/{deepseek.party.slug}",
        older.slug,
    ]


def make_comparison_data(n):
    for _ in range(n):
        allegation = AllegationFactory()
        allegation.legal_theories.add(LegalTheoryFactory())
        for _ in range(2):
            accused = AccusedPartyFactory(allegation=allegation)
            accused.capabilities.add(CapabilityFactory())
            accused.techniques.add(TechniqueFactory())


def test_comparisons_run_a_constant_number_of_queries(django_assert_num_queries):
    make_comparison_data(2)
    all_keys = lambda: [key for key, _ in selectors.comparison_choices()]  # noqa: E731
    small_keys = all_keys()

    assert_constant_queries(
        selectors.comparison_choices, lambda: make_comparison_data(18), django_assert_num_queries
    )
    large_keys = all_keys()
    with django_assert_num_queries(count_queries(lambda: selectors.comparison_rows(small_keys))):
        rows = selectors.comparison_rows(large_keys)
    assert len(rows) == 60
