"""The first version after a date with a clause of a category, found in the database
(``first_versions_with_clause_after``), as an allegation's page asks it of the accuser's
terms ("added later").

It read every version and clause of the accuser's documents: 264 versions and 643
clauses for OpenAI in the bundled data, growing with each version Open Terms Archive
records (issue #12). The rule lives in Python (:mod:`casebook.records.versions`); these
tests hold the database's answer to it for any mix of versions, with and without the
clause.
"""

import datetime

import pytest
from django.db.models.signals import post_init
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records import selectors
from casebook.records.models import Clause, EditorialStatus, TermsDocument, TermsVersion
from casebook.records.selectors.inforce import first_versions_with_clause_after, in_force_among
from casebook.records.selectors.terms import first_clause_after
from casebook.records.versions import in_force_from
from tests.factories import (
    AllegationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)
from tests.records.test_versions_in_force import VERSION_LISTS

pytestmark = pytest.mark.django_db

DAYS = st.dates(datetime.date(2022, 12, 25), datetime.date(2023, 1, 8))


def first_with_clause_by_the_rule(document: TermsDocument, category, on: datetime.date):
    """The answer read from every version: the version in force on each later date
    that starts one (:func:`in_force_among`, the last of its date), the first of them
    with a public clause of ``category``."""
    versions = document.versions.all()
    later_dates = sorted(
        {start.date for v in versions if (start := in_force_from(v)) and start.date > on}
    )
    for day in later_dates:
        version = in_force_among(versions, day)
        if any(clause.category_id == category.pk for clause in version.clauses.all()):
            return version
    return None


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=VERSION_LISTS,
    with_clause=st.lists(st.sampled_from(["competing", "other", None]), min_size=6, max_size=6),
    on=DAYS,
)
def test_the_database_picks_the_version_the_rule_picks(specs, with_clause, on):
    competing = ClauseCategoryFactory()
    other = ClauseCategoryFactory()
    categories = {"competing": competing, "other": other}
    document = TermsDocumentFactory()
    for spec, kind in zip(specs, with_clause, strict=False):
        version = TermsVersionFactory(document=document, **spec)
        if kind is not None:
            ClauseFactory(version=version, category=categories[kind])
    read_back = TermsDocument.objects.prefetch_related("versions__clauses").get(pk=document.pk)
    expected = first_with_clause_by_the_rule(read_back, competing, on)

    [found] = first_versions_with_clause_after([document], competing, on)

    assert (found and found.pk) == (expected and expected.pk)
    if found is not None:
        assert found.document is document
        assert competing.pk in {clause.category_id for clause in found.public_clauses}


def test_the_earliest_document_wins_and_a_tie_goes_to_the_first_given():
    competing = ClauseCategoryFactory()
    on = datetime.date(2024, 1, 1)
    documents = [TermsDocumentFactory() for _ in range(3)]
    late = ClauseFactory(
        category=competing,
        version__document=documents[0],
        version__effective_from=datetime.date(2024, 9, 1),
    )
    early, tied = (
        ClauseFactory(
            category=competing,
            version__document=document,
            version__effective_from=datetime.date(2024, 3, 1),
        )
        for document in documents[1:]
    )

    found = first_versions_with_clause_after(documents, competing, on)
    first = first_clause_after(documents, competing, on)
    reversed_order = first_clause_after(list(reversed(documents)), competing, on)

    assert [v.pk for v in found] == [late.version_id, early.version_id, tied.version_id]
    assert (first.document, first.clause) == (documents[1], early)
    assert (reversed_order.document, reversed_order.clause) == (documents[2], tied)


def test_a_version_replaced_on_its_first_day_is_passed_over():
    """Open Terms Archive may record several versions in force from the same day: the
    last is the one in force. A clause only an earlier one of that day had was never in
    force (seen in the bundled data: Microsoft's acceptable use policy, 2025-09-30)."""
    competing = ClauseCategoryFactory()
    document = TermsDocumentFactory()
    day = datetime.date(2025, 9, 30)
    replaced, _, last_of_day, next_day = (
        TermsVersionFactory(
            document=document,
            origin=TermsVersion.Origin.OTA,
            effective_from=day if month < 10 else day + datetime.timedelta(days=1),
            recorded_at=datetime.datetime(2026, month, 1, 12, tzinfo=datetime.UTC),
        )
        for month in (2, 5, 8, 10)
    )
    for version in (replaced, next_day):
        ClauseFactory(version=version, category=competing)
    on = datetime.date(2025, 1, 1)

    assert first_versions_with_clause_after([document], competing, on) == [next_day]

    ClauseFactory(version=last_of_day, category=competing)
    assert first_versions_with_clause_after([document], competing, on) == [last_of_day]


def test_a_clause_of_a_document_not_public_is_never_found():
    competing = ClauseCategoryFactory()
    clause = ClauseFactory(
        category=competing,
        version__document__editorial_status=EditorialStatus.DRAFT,
        version__effective_from=datetime.date(2025, 1, 1),
    )
    document = clause.version.document

    assert first_versions_with_clause_after([document], competing, datetime.date(2024, 1, 1)) == [
        None
    ]


@pytest.mark.parametrize("versions_a_document", [3, 30])
def test_an_allegation_reads_two_versions_a_document_however_many_it_has(
    versions_a_document, django_assert_num_queries
):
    """The version in force on the date of the conduct and the first later one with the
    clause: never the document's whole history."""
    competing = ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    accuser_documents = [TermsDocumentFactory() for _ in range(2)]
    for document in accuser_documents:
        document.vendor = accuser_documents[0].vendor
        document.save()
        for day in range(versions_a_document):
            version = TermsVersionFactory(
                document=document,
                effective_from=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
                reviewed_categories=[competing],
            )
            if day > 1:
                ClauseFactory(version=version, category=competing, text=f"Day {day}.")
    allegation = AllegationFactory(
        accuser=accuser_documents[0].vendor, conduct_start=datetime.date(2024, 1, 2)
    )
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=TermsVersion)
    post_init.connect(count, sender=Clause)
    try:
        # The category; documents, versions in force with their clauses and reviews
        # (no clause, so no query for clauses' categories); the first later versions
        # with the clause, their clauses, categories and reviews.
        with django_assert_num_queries(9):
            answer = selectors.allegation_accuser_clause(allegation)
    finally:
        post_init.disconnect(count, sender=TermsVersion)
        post_init.disconnect(count, sender=Clause)

    assert answer.lookup.status == selectors.ClauseStatus.NOT_PRESENT
    assert answer.later.clause.text == "Day 2."
    assert answer.added_later is True
    # Two versions a document (in force, first later with the clause) and that clause.
    assert len([o for o in loaded if isinstance(o, TermsVersion)]) == 4
    assert len([o for o in loaded if isinstance(o, Clause)]) == 2
