"""The terms matrix: terms documents (rows) by clause categories, as in force on a date.

The rows are paged: :func:`terms_matrix_documents` is the filterable, ordered list of
the documents a matrix may show, and :func:`terms_matrix` reads the versions and
clauses of the documents it is given only, so a page costs the same queries and
carries the same number of rows whatever the number of documents.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from casebook.records.models import ClauseCategory, TermsDocument
from casebook.records.selectors.inforce import versions_in_force_on
from casebook.records.selectors.terms import (
    ClauseLookup,
    lookups_in_versions,
    public_vendor_documents,
)


@dataclass(frozen=True)
class TermsMatrix:
    """Terms documents by clause categories: what each document said on one date.

    ``rows`` pairs each document with one lookup per category (in ``categories``'
    order); each lookup answers for that document alone.
    """

    on: datetime.date
    documents: list[TermsDocument]
    categories: list[ClauseCategory]
    rows: list[tuple[TermsDocument, list[ClauseLookup]]]

    def cell(self, document: TermsDocument, category: ClauseCategory) -> ClauseLookup:
        """The lookup for one document and category; KeyError if either is not in the matrix."""
        for row_document, lookups in self.rows:
            if row_document.pk == document.pk:
                for lookup in lookups:
                    if lookup.category.pk == category.pk:
                        return lookup
        raise KeyError((document, category))


def terms_matrix_documents() -> QuerySet[TermsDocument]:
    """The rows a terms matrix may show: public documents of public vendors, with their vendor.

    Ordered by vendor name, vendor, title and primary key (a unique order, so each
    document is on exactly one page). Filter it (``TermsMatrixFilterSet``) and slice it
    to a page before :func:`terms_matrix`.
    """
    return (
        public_vendor_documents()
        .select_related("vendor")
        .order_by("vendor__name", "vendor_id", "title", "pk")
    )


def terms_matrix(
    *,
    on: datetime.date,
    documents: Iterable[TermsDocument] | None = None,
    categories: Iterable[ClauseCategory] | None = None,
) -> TermsMatrix:
    """``documents`` (default: every one of :func:`terms_matrix_documents`) against clause
    categories (default: every category, by name), on a date: :func:`terms_matrices`
    for one date."""
    return terms_matrices(dates=[on], documents=documents, categories=categories)[0]


def terms_matrices(
    *,
    dates: Sequence[datetime.date],
    documents: Iterable[TermsDocument] | None = None,
    categories: Iterable[ClauseCategory] | None = None,
) -> list[TermsMatrix]:
    """The matrix of ``documents`` (default: every one of :func:`terms_matrix_documents`)
    against clause categories (default: every category, by name) on each of ``dates``,
    with the same rows and columns.

    Only the versions in force on the dates are read, with their clauses and reviews
    (:func:`~.inforce.versions_in_force_on`): four queries for any number of dates (one
    more for the categories when not given, one for the documents when not given).
    Reading every version's clauses made a page of 25 documents take 300 ms at the
    large bench size; reading every version, without clauses, still took a fifth of
    the page's time.
    """
    categories = list(ClauseCategory.objects.all() if categories is None else categories)
    rows_documents = list(terms_matrix_documents() if documents is None else documents)
    matrices = []
    for on, in_force in zip(dates, versions_in_force_on(rows_documents, dates), strict=True):
        rows = [
            (document, lookups_in_versions(document.vendor, categories, on, [(document, version)]))
            for document, version in zip(rows_documents, in_force, strict=True)
        ]
        matrices.append(
            TermsMatrix(on=on, documents=rows_documents, categories=categories, rows=rows)
        )
    return matrices
