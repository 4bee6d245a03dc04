"""The terms matrix selectors: one row per public terms document, read a page at a time."""

import datetime

import pytest

from casebook.records import selectors
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
)
from tests.records.test_selectors import (
    NO_VERSION,
    NOT_PRESENT,
    NOT_REVIEWED,
    PRESENT,
    make_terms_data,
    version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def competing():
    return ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)


def test_terms_matrix_has_public_documents_by_vendor_name_and_every_category(competing):
    other = ClauseCategoryFactory(slug="governing-law", name="Governing law")
    zeta = PartyFactory(name="Zeta")
    alpha = PartyFactory(name="Alpha")
    clause = ClauseFactory(
        category=competing,
        version__document__vendor=zeta,
        version__effective_from=datetime.date(2024, 1, 1),
    )
    alpha_terms = TermsDocumentFactory(vendor=alpha)
    version(alpha_terms, datetime.date(2024, 1, 1)).reviewed_categories.add(competing)
    PartyFactory(name="No terms")
    TermsDocumentFactory(vendor=PartyFactory(name="Draft terms"), editorial_status="draft")
    TermsDocumentFactory(vendor=PartyFactory(name="Draft vendor", editorial_status="draft"))

    matrix = selectors.terms_matrix(on=datetime.date(2025, 1, 1))

    zeta_terms = clause.version.document
    assert matrix.documents == [alpha_terms, zeta_terms]
    assert matrix.categories == sorted([competing, other], key=lambda c: c.name)
    assert [(document, [c.status for c in cells]) for document, cells in matrix.rows] == [
        (alpha_terms, [NOT_REVIEWED if c == other else NOT_PRESENT for c in matrix.categories]),
        (zeta_terms, [NOT_REVIEWED if c == other else PRESENT for c in matrix.categories]),
    ]
    assert matrix.cell(zeta_terms, competing).clauses[0].clause == clause
    assert matrix.cell(zeta_terms, competing) == selectors.clause_lookup(
        vendor=zeta, category=competing, on=datetime.date(2025, 1, 1)
    )
    with pytest.raises(KeyError):
        matrix.cell(TermsDocumentFactory(), competing)


def test_terms_matrix_has_one_row_per_document_of_a_vendor(competing):
    vendor = PartyFactory(name="Vendor")
    second = TermsDocumentFactory(vendor=vendor, title="B terms")
    first = TermsDocumentFactory(vendor=vendor, title="A terms")
    ClauseFactory(category=competing, version=version(second, datetime.date(2024, 1, 1)))

    matrix = selectors.terms_matrix(on=datetime.date(2025, 1, 1), categories=[competing])

    assert [(d, [c.status for c in cells]) for d, cells in matrix.rows] == [
        (first, [NO_VERSION]),
        (second, [PRESENT]),
    ]
    assert [item.document for item in matrix.cell(second, competing).documents] == [second]


def test_terms_matrix_reads_only_the_documents_it_is_given(competing, django_assert_num_queries):
    make_terms_data(3, competing)
    documents = list(selectors.terms_matrix_documents()[:2])

    # Versions, clauses, reviewed categories: the page's only, whatever the data's size.
    with django_assert_num_queries(3) as queries:
        matrix = selectors.terms_matrix(
            on=datetime.date(2025, 6, 1), documents=documents, categories=[competing]
        )

    assert matrix.documents == documents
    assert [d for d, _ in matrix.rows] == documents
    versions_query = queries.captured_queries[0]["sql"]
    assert all(str(d.pk) in versions_query for d in documents)


def test_terms_matrix_takes_the_categories_asked_for(competing):
    ClauseFactory(category=competing)
    other = ClauseCategoryFactory()

    matrix = selectors.terms_matrix(on=datetime.date(2025, 1, 1), categories=[other])

    assert matrix.categories == [other]
    assert [len(cells) for _, cells in matrix.rows] == [1]
