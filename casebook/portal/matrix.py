"""The terms matrix on one date, or on two dates side by side with the changed cells marked.

Reads come from :func:`casebook.records.selectors.terms_matrices`; this module only
pairs two matrices cell by cell for the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from casebook.records.models import ClauseCategory, TermsDocument
from casebook.records.selectors import ClauseLookup, TermsMatrix, terms_matrices


@dataclass(frozen=True)
class MatrixCell:
    """One document × category cell: the answer on the main date and, if asked, on the other."""

    now: ClauseLookup
    then: ClauseLookup | None = None

    @cached_property
    def changed(self) -> bool:
        """True when the other date is given and the cell's status or quoted clauses differ.

        A new version quoting the same words is not a change; a reworded clause,
        a clause added or removed, or a newly reviewed category is. Kept once worked
        out: the page counts the changed cells, then marks each.
        """
        return self.then is not None and cell_content(self.now) != cell_content(self.then)


@dataclass(frozen=True)
class MatrixComparison:
    """The matrix on ``on``, its cells paired with those on ``compare_on`` when given."""

    on: datetime.date
    compare_on: datetime.date | None
    matrix: TermsMatrix
    rows: list[tuple[TermsDocument, list[MatrixCell]]]

    @property
    def changed_count(self) -> int:
        """How many cells differ between the two dates (0 with one date)."""
        return sum(cell.changed for _, cells in self.rows for cell in cells)


def cell_content(lookup: ClauseLookup) -> tuple[str, frozenset[tuple[int, str]]]:
    """What a reader sees in a cell: its status and each document's quoted clause text."""
    quoted = frozenset((item.document.pk, item.clause.text) for item in lookup.clauses)
    return lookup.status, quoted


def terms_matrix_comparison(
    *,
    on: datetime.date,
    documents: Sequence[TermsDocument],
    categories: Sequence[ClauseCategory] | None = None,
    compare_on: datetime.date | None = None,
) -> MatrixComparison:
    """The terms matrix of ``documents`` (a page of rows) on ``on``, paired cell by cell
    with the one on ``compare_on``.

    Both matrices list the same documents and categories, so cells pair by position.
    They are read together: the queries are those of one matrix, constant in the data's
    size and the page's, and a version in force on both dates is read once.
    """
    dates = [on] if compare_on is None else [on, compare_on]
    matrix, *others = terms_matrices(dates=dates, documents=documents, categories=categories)
    earlier = others[0] if others else None
    then_by_document = {d.pk: cells for d, cells in earlier.rows} if earlier is not None else {}
    rows = []
    for document, lookups in matrix.rows:
        then = then_by_document.get(document.pk)
        cells = [
            MatrixCell(now=lookup, then=then[i] if then is not None else None)
            for i, lookup in enumerate(lookups)
        ]
        rows.append((document, cells))
    return MatrixComparison(on=on, compare_on=compare_on, matrix=matrix, rows=rows)
