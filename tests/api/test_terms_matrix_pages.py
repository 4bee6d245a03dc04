"""/api/v1/terms-matrix/ answers a page of terms documents (rows), filtered by vendor,
document and category, whatever the number of documents (issue #12)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from casebook.api.views.answers import MATRIX_PAGE_SIZE
from casebook.records.models import EditorialStatus
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("api:terms-matrix")
ON = "2026-01-01"


def add_documents(n: int, category) -> list:
    """``n`` public documents, each of its own vendor, with a clause of ``category``."""
    documents = []
    for _ in range(n):
        clause = ClauseFactory(category=category, version__effective_from=datetime.date(2025, 1, 1))
        documents.append(clause.version.document)
    return documents


@pytest.fixture
def category():
    return ClauseCategoryFactory(slug="no-competing-models", name="No competing models")


def slugs(data: dict) -> list[str]:
    return [row["document"]["slug"] for row in data["results"]]


def test_three_times_the_documents_give_the_same_rows_and_queries_on_page_one(
    api, category, django_assert_num_queries
):
    add_documents(5, category)
    # Count, page, categories; versions, clauses, their categories and reviews of the
    # page only.
    with django_assert_num_queries(7) as few:
        small = api.get(URL, {"on": ON, "page_size": 4})
    add_documents(10, category)
    with django_assert_num_queries(len(few.captured_queries)):
        large = api.get(URL, {"on": ON, "page_size": 4})

    assert len(small.json()["results"]) == len(large.json()["results"]) == 4
    assert (small.json()["count"], large.json()["count"]) == (5, 15)
    # Bounded output: the page weighs what its rows weigh, not what the data does.
    assert len(large.content) < 1.2 * len(small.content)


def test_pages_cover_every_document_once_in_order(api, category):
    documents = add_documents(5, category)
    first = api.get(URL, {"on": ON, "page_size": 2}).json()
    assert first["previous"] is None and "page=2" in first["next"]
    seen = slugs(first)
    data = first
    while data["next"]:
        data = api.get(data["next"]).json()
        seen += slugs(data)
    expected = sorted(documents, key=lambda d: (d.vendor.name, d.vendor_id, d.title, d.pk))
    assert seen == [d.slug for d in expected]
    assert data["previous"] is not None


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"])
def test_pages_of_the_default_date_keep_that_date_after_midnight(api, category, settings, zone):
    """``next`` and ``previous`` name the date their page answered for: without it, a page
    asked for after midnight answered for the next day (and with ``on`` given, they keep
    it)."""
    settings.TIME_ZONE = zone
    add_documents(3, category)
    before_midnight = datetime.datetime(2026, 3, 1, 23, 59, tzinfo=zoneinfo.ZoneInfo(zone))
    with time_machine.travel(before_midnight, tick=False):
        first = api.get(URL, {"page_size": 1}).json()
    with time_machine.travel(before_midnight + datetime.timedelta(minutes=2), tick=False):
        second = api.get(first["next"]).json()
        back = api.get(second["previous"]).json()
        later = api.get(URL, {"page_size": 1}).json()
        given = api.get(URL, {"page_size": 1, "on": ON}).json()
    assert first["on"] == second["on"] == back["on"] == "2026-03-01"
    assert slugs(back) == slugs(first) != slugs(second)
    assert later["on"] == "2026-03-02" and "on=2026-03-02" in later["next"]
    assert given["on"] == ON and f"on={ON}" in given["next"]


def test_the_default_page_is_bounded(api, category, settings):
    add_documents(MATRIX_PAGE_SIZE + 1, category)
    data = api.get(URL, {"on": ON}).json()
    assert len(data["results"]) == MATRIX_PAGE_SIZE
    assert data["count"] == MATRIX_PAGE_SIZE + 1


def test_each_row_is_a_document_with_its_vendor_and_a_cell_per_category(api, category):
    vendor = PartyFactory(slug="vendor")
    ClauseFactory(
        category=category,
        version__document=TermsDocumentFactory(vendor=vendor, slug="vendor-a"),
        version__effective_from=datetime.date(2025, 1, 1),
        text="No competing models.",
    )
    TermsDocumentFactory(vendor=vendor, slug="vendor-b")
    ClauseCategoryFactory(slug="governing-law", name="Governing law")

    data = api.get(URL, {"on": ON}).json()

    assert [c["slug"] for c in data["categories"]] == ["governing-law", "no-competing-models"]
    rows = {row["document"]["slug"]: row for row in data["results"]}
    assert set(rows) == {"vendor-a", "vendor-b"}
    assert {row["vendor"]["slug"] for row in rows.values()} == {"vendor"}
    cells = rows["vendor-a"]["cells"]
    assert [cell["status"] for cell in cells] == ["not_reviewed", "present"]
    assert [d["document"]["slug"] for d in cells[1]["documents"]] == ["vendor-a"]
    assert cells[1]["documents"][0]["clause"]["text"] == "No competing models."
    assert [cell["status"] for cell in rows["vendor-b"]["cells"]] == ["no_version_in_force"] * 2


def test_vendor_and_document_choose_the_rows_and_repeat(api, category):
    one, two, three = add_documents(3, category)
    by_vendor = api.get(URL, {"vendor": [one.vendor.slug, three.vendor.slug]}).json()
    assert sorted(slugs(by_vendor)) == sorted([one.slug, three.slug])
    assert by_vendor["count"] == 2
    by_document = api.get(URL, {"document": two.slug}).json()
    assert slugs(by_document) == [two.slug]
    both = api.get(URL, {"vendor": one.vendor.slug, "document": two.slug}).json()
    assert both["results"] == [] and both["count"] == 0


def test_category_chooses_the_columns_and_leaves_the_rows(api, category):
    documents = add_documents(2, category)
    other = ClauseCategoryFactory(slug="governing-law")
    data = api.get(URL, {"on": ON, "category": other.slug}).json()
    assert [c["slug"] for c in data["categories"]] == ["governing-law"]
    assert sorted(slugs(data)) == sorted(d.slug for d in documents)
    assert all(len(row["cells"]) == 1 for row in data["results"])


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"vendor": "no-such-vendor"}, "vendor"),
        ({"document": "no-such-document"}, "document"),
        ({"category": "no-such-category"}, "category"),
        ({"page": "9"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"on": ON, "onn": ON}, "onn"),
    ],
)
def test_a_bad_value_is_a_400_naming_it(api, category, query, parameter):
    add_documents(1, category)
    response = api.get(URL, query)
    assert response.status_code == 400
    assert parameter in response.json()["error"]["details"]


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.RETRACTED])
def test_documents_and_vendors_not_public_are_no_row_and_cannot_be_asked_for(api, category, status):
    (shown,) = add_documents(1, category)
    hidden_document = TermsDocumentFactory(slug="hidden-terms", editorial_status=status)
    hidden_vendor = TermsDocumentFactory(
        slug="hidden-vendor-terms", vendor=PartyFactory(slug="hidden", editorial_status=status)
    )
    data = api.get(URL).json()
    assert slugs(data) == [shown.slug] and data["count"] == 1
    for query in (
        {"document": hidden_document.slug},
        {"document": hidden_vendor.slug},
        {"vendor": "hidden"},
    ):
        response = api.get(URL, query)
        # Documents of a vendor not public are not rows; naming one finds nothing.
        if response.status_code == 200:
            assert response.json()["results"] == []
        else:
            assert response.status_code == 400
