"""The terms matrix on two dates side by side: changed cells marked in words, dates validated."""

import datetime
import re

import pytest
from django.urls import reverse

from casebook.portal.matrix import terms_matrix_comparison
from casebook.portal.views.compare import TermsMatrixView
from casebook.records.models import EditorialStatus
from casebook.records.selectors import terms_matrix_documents
from tests.factories import ClauseFactory, TermsDocumentFactory, TermsVersionFactory
from tests.portal.conftest import build_world

pytestmark = pytest.mark.django_db


def matrix_page(client, **params) -> str:
    response = client.get(reverse("portal:terms_matrix"), params)
    assert response.status_code == 200
    return response.content.decode()


def changed_cells(page: str) -> list[str]:
    return re.findall(r'<td class="cell [^"]*cell-changed">(.*?)</td>', page, re.S)


def test_a_clause_added_between_the_dates_is_marked_changed_with_both_answers(client, world):
    page = matrix_page(client, on="2025-06-01", compare_on="2024-06-01")
    (cell,) = changed_cells(page)
    assert "Changed</strong>" in cell
    assert world.clause.text in cell
    then = cell.split('class="matrix-then', 1)[1]
    assert "On 1 June 2024:" in then
    assert "Not present" in then and world.clause.text not in then
    assert "1 cell differs between the two dates" in page


def test_the_dates_work_in_either_order(client, world):
    page = matrix_page(client, on="2024-06-01", compare_on="2025-06-01")
    (cell,) = changed_cells(page)
    assert world.clause.text in cell.split('class="matrix-then', 1)[1]


@pytest.mark.parametrize(
    ("on", "compare_on"),
    [("2025-06-01", "2025-03-01"), ("2025-03-01", "2025-06-01"), ("2025-06-01", "2025-06-01")],
)
def test_no_cell_is_marked_when_nothing_changed_between_the_dates(client, world, on, compare_on):
    page = matrix_page(client, on=on, compare_on=compare_on)
    assert changed_cells(page) == []
    assert "No cell differs between the two dates" in page
    # Not "0 cells differ … Each is marked Changed", which promised marks there are none of.
    assert "Changed</strong>" not in page
    assert ("(both are 1 June 2025)" in page) == (on == compare_on)


def test_one_date_shows_no_comparison(client, world):
    page = matrix_page(client, on="2025-06-01")
    assert changed_cells(page) == []
    assert "cells differ" not in page and "cell differs" not in page


def test_the_same_words_in_a_new_version_are_not_a_change(world):
    newer = TermsVersionFactory(document=world.terms, effective_from=datetime.date(2025, 9, 1))
    ClauseFactory(version=newer, category=world.clause.category, text=world.clause.text)
    comparison = terms_matrix_comparison(
        on=datetime.date(2025, 10, 1),
        compare_on=datetime.date(2025, 6, 1),
        documents=terms_matrix_documents(),
    )
    assert comparison.changed_count == 0
    reworded = TermsVersionFactory(document=world.terms, effective_from=datetime.date(2025, 11, 1))
    ClauseFactory(version=reworded, category=world.clause.category, text="Reworded clause.")
    comparison = terms_matrix_comparison(
        on=datetime.date(2025, 12, 1),
        compare_on=datetime.date(2025, 6, 1),
        documents=terms_matrix_documents(),
    )
    assert comparison.changed_count == 1


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30", "2025-13-01", "99999-01-01"])
def test_a_bad_compare_date_is_a_400_naming_it(client, world, value):
    response = client.get(reverse("portal:terms_matrix"), {"on": "2025-06-01", "compare_on": value})
    assert response.status_code == 400
    assert "<code>compare_on</code>" in response.content.decode()


def test_draft_terms_never_show_in_either_column(client, world):
    hidden = build_world(1, status=EditorialStatus.DRAFT, mark="Hidden")
    page = matrix_page(client, on="2025-06-01", compare_on="2024-06-01")
    assert hidden.clause.text not in page
    assert hidden.accuser.name not in page


def test_comparing_two_dates_costs_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as few:
        matrix_page(client, on="2025-06-01", compare_on="2024-06-01")
    for n in range(2, 5):
        build_world(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        matrix_page(client, on="2025-06-01", compare_on="2024-06-01")


def test_the_count_of_changed_cells_says_when_it_is_of_one_page(client, world):
    """With several pages of documents, the count is of this page's cells, and says so."""
    for _ in range(TermsMatrixView.paginate_by):
        TermsDocumentFactory(vendor=world.terms.vendor)
    first = matrix_page(client, on="2025-06-01", compare_on="2024-06-01")
    shown = len(changed_cells(first))
    total = TermsMatrixView.paginate_by + 1
    cells = "cell" if shown == 1 else "cells"
    assert f"{shown} {cells} on this page (1–25 of {total} documents)" in first
    last = matrix_page(client, on="2025-06-01", compare_on="2024-06-01", page=2)
    assert f"on this page (26–{total} of {total} documents)" in last
    assert len(changed_cells(first)) + len(changed_cells(last)) == 1
