"""The terms documents list and detail do not grow with a document's versions (issue #12).

A list page shows each document's fields, ``version_count``, ``latest_version`` (a
summary) and ``versions_url`` (the terms-versions list filtered to the document); the
detail adds every version as a summary, without clauses (those are at each version's
``api_url``). Only public documents and their versions appear anywhere.
"""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.api.views.base import csv_cell
from casebook.records.models import EditorialStatus
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
LATEST = datetime.date(2026, 1, 1)


def add_versions(document, count: int, *, before: datetime.date = LATEST) -> None:
    """``count`` versions of ``document`` in force before ``before``, each with two clauses."""
    first, second = ClauseCategoryFactory(slug="no-scraping"), ClauseCategoryFactory()
    for day in range(1, count + 1):
        version = TermsVersionFactory(
            document=document, effective_from=before - datetime.timedelta(days=day)
        )
        ClauseFactory(version=version, category=first, text=f"Clause {day} " * 40)
        ClauseFactory(version=version, category=second, text=f"Other clause {day} " * 40)


@pytest.fixture
def documents():
    """Three public documents, each with two versions, the later one in force from LATEST."""
    vendor = PartyFactory(slug="vendor", cite=False)
    found = []
    for n in range(3):
        document = TermsDocumentFactory(slug=f"doc-{n}", vendor=vendor, cite=False)
        latest = TermsVersionFactory(document=document, effective_from=LATEST, label="Latest")
        ClauseFactory(version=latest, text="Latest clause.")
        add_versions(document, 1)
        found.append(document)
    return found


def get(api, url: str, params: dict | None = None):
    """The answer and the number of queries it ran."""
    cache.clear()  # no throttle counts from the previous request
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params or {})
    assert response.status_code == 200, response.content[:300]
    return response, len(captured)


def test_a_list_page_does_not_grow_with_versions(api, documents):
    url = reverse("api:terms-list")
    get(api, url)  # the content types are read once per process, on the first request
    few, few_queries = get(api, url)
    for document in documents:
        add_versions(document, 38, before=LATEST - datetime.timedelta(days=1))
    many, many_queries = get(api, url)

    assert many_queries == few_queries
    # Only version_count changed, from 2 to 40: one more digit per document.
    assert len(many.content) == len(few.content) + len(documents)
    assert [d["version_count"] for d in many.json()["results"]] == [40, 40, 40]
    before = {d["slug"]: d["latest_version"] for d in few.json()["results"]}
    assert {d["slug"]: d["latest_version"] for d in many.json()["results"]} == before


def test_a_list_row_has_no_versions_and_no_clauses(api, documents):
    row = get(api, reverse("api:terms-list"))[0].json()["results"][0]
    assert "versions" not in row
    assert "clauses" not in row["latest_version"]
    assert row["latest_version"]["key"] == "doc-0/2026-01-01"
    assert row["latest_version"]["label"] == "Latest"
    assert row["versions_url"] == "http://testserver/api/v1/terms-versions/?document=doc-0"


def test_the_detail_lists_version_summaries_whose_api_url_has_the_clauses(api, documents):
    url = reverse("api:terms-detail", kwargs={"slug": "doc-0"})
    get(api, url)  # the content types are read once per process, on the first request
    few_queries = get(api, url)[1]
    add_versions(documents[0], 38, before=LATEST - datetime.timedelta(days=1))
    data, many_queries = get(api, url)
    data = data.json()

    assert many_queries == few_queries
    assert data["version_count"] == len(data["versions"]) == 40
    assert data["latest_version"] == data["versions"][-1]
    assert all("clauses" not in version for version in data["versions"])
    version = get(api, data["latest_version"]["api_url"])[0].json()
    assert [clause["text"] for clause in version["clauses"]] == ["Latest clause."]


def test_versions_url_leads_to_exactly_the_documents_versions(api, documents):
    add_versions(documents[1], 3, before=LATEST - datetime.timedelta(days=1))
    hidden = TermsDocumentFactory(
        slug="hidden", vendor=documents[0].vendor, editorial_status=EditorialStatus.DRAFT
    )
    add_versions(hidden, 2)
    rows = get(api, reverse("api:terms-list"))[0].json()["results"]
    for row in rows:
        listed = get(api, row["versions_url"] + "&page_size=500")[0].json()
        keys = [version["key"] for version in listed["results"]]
        assert listed["count"] == row["version_count"] == len(keys)
        assert all(key.startswith(f"{row['slug']}/") for key in keys)
        assert keys[-1] == row["latest_version"]["key"]
        detail = get(api, row["api_url"])[0].json()
        assert keys == [version["key"] for version in detail["versions"]]


def test_version_count_is_not_multiplied_by_a_filter_that_joins_clauses(api, documents):
    rows = get(api, reverse("api:terms-list"), {"clause_category": "no-scraping"})[0].json()
    assert [row["version_count"] for row in rows["results"]] == [2, 2, 2]


def test_a_document_without_versions_has_a_null_latest_version(api):
    TermsDocumentFactory(slug="empty", cite=False)
    row = get(api, reverse("api:terms-list"))[0].json()["results"][0]
    assert (row["version_count"], row["latest_version"]) == (0, None)


@pytest.mark.parametrize("status", HIDDEN)
def test_hidden_documents_and_their_versions_never_appear(api, documents, status):
    hidden = TermsDocumentFactory(
        slug="hidden-doc", vendor=documents[0].vendor, editorial_status=status, cite=False
    )
    add_versions(hidden, 2, before=LATEST + datetime.timedelta(days=30))

    listing = get(api, reverse("api:terms-list"), {"page_size": 500})[0]
    assert [row["slug"] for row in listing.json()["results"]] == ["doc-0", "doc-1", "doc-2"]
    assert b"hidden-doc" not in listing.content
    cache.clear()
    as_csv = api.get(reverse("api:terms-list"), {"format": "csv"})
    assert b"hidden-doc" not in b"".join(as_csv.streaming_content)
    versions = get(api, reverse("api:terms-version-list"), {"page_size": 500})[0]
    assert b"hidden-doc" not in versions.content
    cache.clear()
    detail = api.get(reverse("api:terms-detail", kwargs={"slug": "hidden-doc"}))
    assert detail.status_code == (410 if status == EditorialStatus.RETRACTED else 404)
    cache.clear()
    filtered = api.get(reverse("api:terms-version-list"), {"document": "hidden-doc"})
    assert filtered.status_code == 400


def test_the_csv_has_the_json_columns_and_cells(api, documents):
    rows = get(api, reverse("api:terms-list"))[0].json()["results"]
    cache.clear()
    response = api.get(reverse("api:terms-list"), {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0] == list(rows[0])
    assert "version_count" in table[0] and "versions" not in table[0]
    expected = [[str(csv_cell(row[column])) for column in table[0]] for row in rows]
    assert table[1:] == expected
    assert table[1][table[0].index("latest_version")] == "doc-0/2026-01-01"


def test_the_csv_runs_the_same_queries_for_more_documents_and_versions(api, documents):
    def csv_queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = api.get(reverse("api:terms-list"), {"format": "csv"})
            b"".join(response.streaming_content)
        return len(captured)

    csv_queries()  # the content types are read once per process, on the first request
    few = csv_queries()
    for document in documents:
        add_versions(document, 38, before=LATEST - datetime.timedelta(days=1))
    for _ in range(3):
        add_versions(TermsDocumentFactory(vendor=documents[0].vendor, cite=False), 40)
    assert csv_queries() == few
