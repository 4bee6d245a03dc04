"""Every cell of /api/v1/terms-matrix/ says what /api/v1/clause-in-force/ says for that
document, category and date.

The matrix represents each document's version in force once per answer and reuses it
in the row's cells (``casebook.api.nested.RepresentedOnceMixin``); these tests hold that
the reuse never shows one document's version, or an older version, in another's cell.
"""

import datetime

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

MATRIX = reverse("api:terms-matrix")
CLAUSE_IN_FORCE = reverse("api:clause-in-force")


@pytest.fixture
def world():
    """Three vendors of one document each; versions of 2024 and 2025 with differing clauses."""
    categories = [
        ClauseCategoryFactory(slug=slug, name=slug.replace("-", " ").capitalize())
        for slug in ("no-competing-models", "governing-law", "output-ownership")
    ]
    vendors = []
    for index in range(3):
        vendor = PartyFactory(slug=f"vendor-{index}", name=f"Vendor {index}")
        document = TermsDocumentFactory(vendor=vendor, slug=f"terms-{index}")
        for year in (2024, 2025):
            version = TermsVersionFactory(
                document=document, effective_from=datetime.date(year, 1 + index, 1)
            )
            # Each version holds a different subset of the categories, with its own text.
            for position, category in enumerate(categories):
                if (position + index + year) % 2:
                    ClauseFactory(
                        version=version, category=category, text=f"{year} {index} {category.slug}"
                    )
                else:
                    version.reviewed_categories.add(category)
        vendors.append(vendor)
    # A draft document must show in neither answer.
    TermsDocumentFactory(vendor=vendors[0], editorial_status=EditorialStatus.DRAFT)
    return vendors, categories


DATES = ["2023-06-01", "2024-02-15", "2024-12-31", "2025-02-01", "2026-01-01"]


@pytest.mark.parametrize("on", DATES)
def test_each_cell_is_the_clause_in_force_answer_for_its_document(api, world, on):
    vendors, categories = world
    matrix = api.get(MATRIX, {"on": on})
    assert matrix.status_code == 200
    rows = matrix.json()["results"]
    assert [row["vendor"]["slug"] for row in rows] == [v.slug for v in vendors]
    for row in rows:
        assert len(row["cells"]) == len(categories)
        for cell in row["cells"]:
            single = api.get(
                CLAUSE_IN_FORCE,
                {"vendor": row["vendor"]["slug"], "category": cell["category"]["slug"], "on": on},
            )
            assert single.status_code == 200
            assert cell == single.json()


def test_versions_shown_differ_by_document_and_date(api, world):
    """The reuse is per version: three documents show three versions, each year its own."""
    seen = {}
    for on in ("2024-06-01", "2025-06-01"):
        for row in api.get(MATRIX, {"on": on}).json()["results"]:
            keys = {cell["documents"][0]["version"]["key"] for cell in row["cells"]}
            assert len(keys) == 1  # one version in force per document and date
            seen[(row["document"]["slug"], on)] = keys.pop()
    assert len(set(seen.values())) == 6
