"""Terms versions as their own list and detail, and clauses by their stable key."""

import csv
import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import ClauseCategory, EditorialStatus, TermsDocument, TermsVersion
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

NOW = "2026-03-01T12:00:00Z"
HOST = "http://testserver"
HIDDEN = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
MARK = "zzhidden"

pytestmark = pytest.mark.django_db


def version_url(document: str, date: str) -> str:
    return reverse("api:terms-version-detail", kwargs={"document": document, "date": date})


def clause_url(document: str, date: str, category: str) -> str:
    kwargs = {"document": document, "date": date, "category": category}
    return reverse("api:clause-detail", kwargs=kwargs)


def link(record, name: str, api_name: str) -> dict:
    return {
        "slug": record.slug,
        "name": name,
        "portal_url": f"{HOST}{record.get_absolute_url()}",
        "api_url": f"{HOST}{reverse(f'api:{api_name}-detail', kwargs={'slug': record.slug})}",
    }


@pytest.fixture
def terms():
    """A vendor's terms document with a dated and an undated version."""
    with time_machine.travel(NOW, tick=False):
        vendor = PartyFactory(slug="vendor", name="Vendor", cite=False)
        document = TermsDocumentFactory(slug="vt", vendor=vendor, title="VT", cite=False)
        category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
        other = ClauseCategoryFactory(slug="no-scraping", name="No scraping")
        version = TermsVersionFactory(
            document=document,
            label="Effective 31 January 2024",
            archive_url="https://web.archive.org/web/2024/https://vendor.example/terms",
            notes="Read from the archived copy.",
        )
        version.reviewed_categories.add(other)
        ClauseFactory(version=version, category=category, text="No rivals.", notes="Quoted.")
        undated = TermsVersionFactory(
            document=document, effective_from=None, label="Date unknown", retrieved_on=None
        )
        ClauseFactory(version=undated, category=category, section="", text="Older text.")
    return document


# --------------------------------------------------------------------------
# Exact JSON
# --------------------------------------------------------------------------


def test_version_detail(api, terms):
    response = api.get(version_url("vt", "2024-01-31"))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "key": "vt/2024-01-31",
        "api_url": f"{HOST}/api/v1/terms-versions/vt/2024-01-31/",
        "portal_url": f"{HOST}/terms/vt/versions/2024-01-31/",
        "document": link(terms, "VT", "terms"),
        "vendor": link(terms.vendor, "Vendor", "party"),
        "effective_from": "2024-01-31",
        "effective_from_precision": "day",
        "effective_from_display": "31 January 2024",
        "label": "Effective 31 January 2024",
        "retrieved_on": "2026-11-28",
        "archive_url": "https://web.archive.org/web/2024/https://vendor.example/terms",
        "notes": "Read from the archived copy.",
        "reviewed_categories": [
            {"slug": "no-competing-models", "name": "No competing models"},
            {"slug": "no-scraping", "name": "No scraping"},
        ],
        "clauses": [
            {
                "key": "vt/2024-01-31/no-competing-models",
                "api_url": f"{HOST}/api/v1/clauses/vt/2024-01-31/no-competing-models/",
                "category": {"slug": "no-competing-models", "name": "No competing models"},
                "section": "2(c)",
                "text": "No rivals.",
                "verification": "secondary",
                "notes": "Quoted.",
                "carried_over": None,
            }
        ],
        "origin": "manual",
        "recorded_at": None,
        "ota_permalink": None,
        "in_force_from": {
            "date": "2024-01-31",
            "date_precision": "day",
            "basis": "effective",
            "date_display": "effective from 31 January 2024",
        },
        "attribution": None,
        "full_text": None,
        "updated_at": NOW,
    }
    assert response["Last-Modified"]


def test_undated_version_detail(api, terms):
    data = api.get(version_url("vt", "undated")).json()
    assert data["key"] == "vt/undated"
    assert data["api_url"] == f"{HOST}/api/v1/terms-versions/vt/undated/"
    assert data["effective_from"] is None
    # No date, so nothing displays as one; the version's own label still says what it is.
    assert data["effective_from_display"] is None
    assert data["label"] == "Date unknown"
    assert [c["key"] for c in data["clauses"]] == ["vt/undated/no-competing-models"]


def test_clause_detail(api, terms):
    response = api.get(clause_url("vt", "2024-01-31", "no-competing-models"))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "key": "vt/2024-01-31/no-competing-models",
        "api_url": f"{HOST}/api/v1/clauses/vt/2024-01-31/no-competing-models/",
        "portal_url": f"{HOST}/terms/vt/versions/2024-01-31/",
        "version": {
            "key": "vt/2024-01-31",
            "api_url": f"{HOST}/api/v1/terms-versions/vt/2024-01-31/",
        },
        "document": link(terms, "VT", "terms"),
        "vendor": link(terms.vendor, "Vendor", "party"),
        "effective_from": "2024-01-31",
        "effective_from_precision": "day",
        "effective_from_display": "31 January 2024",
        "category": {"slug": "no-competing-models", "name": "No competing models"},
        "section": "2(c)",
        "text": "No rivals.",
        "verification": "secondary",
        "notes": "Quoted.",
        "carried_over": None,
        "attribution": None,
    }


def test_keys_and_api_urls_agree_in_the_lists(api, terms):
    for name in ("terms-version", "clause"):
        for row in api.get(reverse(f"api:{name}-list")).json()["results"]:
            assert row["api_url"].endswith(f"/{row['key']}/")
            assert api.get(row["api_url"]).json() == row


def test_fields_and_omit_on_a_detail(api, terms):
    data = api.get(version_url("vt", "2024-01-31"), {"fields": "key,clauses"}).json()
    assert set(data) == {"key", "clauses"}
    data = api.get(clause_url("vt", "undated", "no-competing-models"), {"omit": "text"}).json()
    assert "text" not in data
    assert data["key"] == "vt/undated/no-competing-models"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/terms-versions/vt/2024-02-01/",
        "/api/v1/terms-versions/nothing/2024-01-31/",
        "/api/v1/terms-versions/vt/2024-13-45/",
        "/api/v1/terms-versions/vt/last-year/",
        "/api/v1/terms-versions/vt/",
        "/api/v1/clauses/vt/2024-01-31/no-scraping/",
        "/api/v1/clauses/vt/2024-02-01/no-competing-models/",
        "/api/v1/clauses/nothing/undated/no-competing-models/",
        "/api/v1/clauses/vt/2024-01-31/",
    ],
)
def test_unknown_keys_are_404_in_the_error_shape(api, terms, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response.json()["error"]["code"] == "not_found"


def test_detail_takes_no_list_parameters(api, terms):
    response = api.get(version_url("vt", "2024-01-31"), {"vendor": "vendor"})
    assert response.status_code == 400
    assert "vendor" in response.json()["error"]["details"]
    response = api.get(version_url("vt", "2024-01-31"), {"format": "csv"})
    assert response.status_code == 400
    assert "format" in response.json()["error"]["details"]


def test_conditional_get_on_a_version(api, terms):
    url = version_url("vt", "2024-01-31")
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --------------------------------------------------------------------------
# Filters and pages
# --------------------------------------------------------------------------


@pytest.fixture
def many_versions():
    lab, rival = PartyFactory(slug="lab"), PartyFactory(slug="rival")
    lab_terms = TermsDocumentFactory(slug="lab-terms", vendor=lab)
    rival_terms = TermsDocumentFactory(slug="rival-terms", vendor=rival)
    rival_policy = TermsDocumentFactory(slug="rival-policy", vendor=rival)
    with time_machine.travel("2025-01-01T00:00:00Z", tick=False):
        TermsVersionFactory(document=lab_terms, effective_from=datetime.date(2023, 3, 1))
        TermsVersionFactory(document=lab_terms, effective_from=datetime.date(2024, 6, 1))
        TermsVersionFactory(document=rival_terms, effective_from=datetime.date(2025, 1, 1))
        TermsVersionFactory(document=rival_policy, effective_from=None)
        for document in (lab_terms, rival_terms, rival_policy):
            TermsDocument.objects.filter(pk=document.pk).update(
                updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
            )


def keys(api, **params) -> list[str]:
    response = api.get(reverse("api:terms-version-list"), params)
    assert response.status_code == 200, response.content
    return [row["key"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            ["lab-terms/2023-03-01", "lab-terms/2024-06-01", "rival-policy/undated"]
            + ["rival-terms/2025-01-01"],
        ),
        ({"document": "lab-terms"}, ["lab-terms/2023-03-01", "lab-terms/2024-06-01"]),
        (
            {"document": ["lab-terms", "rival-policy"]},
            ["lab-terms/2023-03-01"] + ["lab-terms/2024-06-01", "rival-policy/undated"],
        ),
        ({"vendor": "rival"}, ["rival-policy/undated", "rival-terms/2025-01-01"]),
        (
            {"effective_before": "2024-06-01"},
            ["lab-terms/2023-03-01", "lab-terms/2024-06-01"],
        ),
        ({"effective_before": "2024-05-31"}, ["lab-terms/2023-03-01"]),
        # Both ends are inclusive, as every date filter of the API.
        ({"effective_after": "2024-06-02"}, ["rival-terms/2025-01-01"]),
        ({"effective_after": "2024-06-01"}, ["lab-terms/2024-06-01", "rival-terms/2025-01-01"]),
        (
            {
                "effective_after": "2023-01-01",
                "effective_before": "2024-12-31",
                "vendor": "lab",
            },
            ["lab-terms/2023-03-01", "lab-terms/2024-06-01"],
        ),
        (
            {"ordering": "-effective_from", "vendor": "lab"},
            ["lab-terms/2024-06-01", "lab-terms/2023-03-01"],
        ),
    ],
)
def test_version_filters(api, many_versions, params, expected):
    assert keys(api, **params) == expected


def test_updated_since_counts_changes_to_the_version_its_clauses_or_document(api, many_versions):
    assert keys(api, updated_since="2025-06-01") == []
    assert len(keys(api, updated_since="2024-12-31T23:00:00Z")) == 4
    with time_machine.travel("2026-01-01T00:00:00Z", tick=False):
        ClauseFactory(version=TermsVersion.objects.get(effective_from="2023-03-01"))
        TermsVersion.objects.get(effective_from="2025-01-01").save()
        document = TermsDocument.objects.get(slug="rival-policy")
        document.title = "Rival policy"
        document.save()
    assert keys(api, updated_since="2025-06-01") == [
        "lab-terms/2023-03-01",
        "rival-policy/undated",
        "rival-terms/2025-01-01",
    ]
    # Still page numbers with a count, not a cursor.
    data = api.get(reverse("api:terms-version-list"), {"updated_since": "2025-06-01"}).json()
    assert data["count"] == 3


def test_versions_are_paged_by_number(api, many_versions):
    data = api.get(reverse("api:terms-version-list"), {"page_size": 3}).json()
    assert data["count"] == 4
    assert len(data["results"]) == 3
    assert "page=2" in data["next"]
    data = api.get(reverse("api:terms-version-list"), {"page_size": 3, "page": 2}).json()
    assert [row["key"] for row in data["results"]] == ["rival-terms/2025-01-01"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"document": "no-such-document"}, "document"),
        ({"vendor": "nobody"}, "vendor"),
        ({"effective_before": "2024-02-30"}, "effective_before"),
        ({"effective_after": "yesterday"}, "effective_after"),
        ({"effective_on_or_before": "2024-01-01"}, "effective_on_or_before"),  # the old name
        ({"updated_since": "not-a-date"}, "updated_since"),
        ({"ordering": "title"}, "ordering"),
        ({"page": "0"}, "page"),
        ({"page_size": "501"}, "page_size"),
        ({"cursor": "abc"}, "cursor"),
        ({"fields": "nope"}, "fields"),
        ({"format": "xml"}, "format"),
        ({"vendor": ""}, "vendor"),
    ],
)
def test_bad_filter_values_answer_400_naming_them(api, many_versions, params, parameter):
    response = api.get(reverse("api:terms-version-list"), params)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert parameter in error["details"]


def test_filter_by_a_draft_document_or_vendor_is_a_400(api, many_versions):
    TermsDocumentFactory(slug="draft-terms", editorial_status=EditorialStatus.DRAFT)
    PartyFactory(slug="draft-vendor", editorial_status=EditorialStatus.DRAFT)
    assert (
        api.get(reverse("api:terms-version-list"), {"document": "draft-terms"}).status_code == 400
    )
    assert api.get(reverse("api:terms-version-list"), {"vendor": "draft-vendor"}).status_code == 400


def test_csv_of_versions(api, terms):
    response = api.get(reverse("api:terms-version-list"), {"format": "csv", "document": "vt"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="casebook-terms-version.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["key"] for row in rows] == ["vt/undated", "vt/2024-01-31"]
    assert rows[1]["document"] == "vt"
    assert rows[1]["vendor"] == "vendor"
    assert rows[1]["clauses"] == "vt/2024-01-31/no-competing-models"
    assert rows[1]["reviewed_categories"] == "no-competing-models; no-scraping"
    assert rows[1]["api_url"] == f"{HOST}/api/v1/terms-versions/vt/2024-01-31/"


def test_csv_of_versions_with_fields(api, terms):
    response = api.get(
        reverse("api:terms-version-list"), {"format": "csv", "fields": "key,effective_from"}
    )
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines() == ["key,effective_from", "vt/undated,", "vt/2024-01-31,2024-01-31"]


# --------------------------------------------------------------------------
# Nothing unpublished
# --------------------------------------------------------------------------


@pytest.fixture
def hidden_terms(terms):
    """Documents of every hidden status, each with a version and a clause, all marked."""
    category = ClauseCategory.objects.get(slug="no-competing-models")
    for n, status in enumerate(HIDDEN):
        document = TermsDocumentFactory(
            slug=f"{MARK}-{n}-terms", vendor=terms.vendor, editorial_status=status
        )
        ClauseFactory(
            version__document=document,
            version__label=f"{MARK} label",
            version__effective_from=datetime.date(2020, 1, 1),
            category=category,
            text=f"{MARK} clause",
        )
        ClauseFactory(
            version__document=document,
            version__effective_from=None,
            category=category,
            text=f"{MARK} undated",
        )
    # A published document of a hidden vendor: shown, with its vendor null.
    hidden_vendor = PartyFactory(
        slug=f"{MARK}-vendor", name=f"{MARK} vendor", editorial_status=EditorialStatus.DRAFT
    )
    ClauseFactory(
        version__document=TermsDocumentFactory(slug="orphan-terms", vendor=hidden_vendor),
        category=category,
    )


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("name", ["terms-version", "clause"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"format": "csv"},
        {"updated_since": "2000-01-01"},
        {"vendor": "vendor"},
        {"effective_before": "2030-01-01"},
    ],
)
def test_no_hidden_version_or_clause_in_any_list(api, hidden_terms, name, params):
    if name == "clause" and "updated_since" in params:
        params = {"effective_before": "2030-01-01"}
    response = api.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 200, response.content
    text = body(response)
    assert MARK not in text
    assert "vt/2024-01-31" in text
    if "vendor" not in params:
        assert "orphan-terms" in text


def test_orphan_document_shows_with_its_vendor_null(api, hidden_terms):
    data = api.get(version_url("orphan-terms", "2024-01-31")).json()
    assert data["vendor"] is None
    assert data["document"]["slug"] == "orphan-terms"
    clause = api.get(clause_url("orphan-terms", "2024-01-31", "no-competing-models")).json()
    assert clause["vendor"] is None


@pytest.mark.parametrize("n", range(len(HIDDEN)))
@pytest.mark.parametrize("date", ["2020-01-01", "undated"])
def test_hidden_versions_and_clauses_have_no_detail(api, hidden_terms, n, date):
    for url in (
        version_url(f"{MARK}-{n}-terms", date),
        clause_url(f"{MARK}-{n}-terms", date, "no-competing-models"),
    ):
        response = api.get(url)
        assert response.status_code == 404
        assert MARK not in response.content.decode()


# --------------------------------------------------------------------------
# Queries do not grow with the data
# --------------------------------------------------------------------------


def add_versions(count: int) -> None:
    category = ClauseCategoryFactory(slug="no-competing-models")
    other = ClauseCategoryFactory(slug="no-scraping")
    for _ in range(count):
        document = TermsDocumentFactory()
        version = TermsVersionFactory(document=document, reviewed_categories=[category, other])
        ClauseFactory(version=version, category=category)
        ClauseFactory(version=version, category=other)
        ClauseFactory(version__document=document, version__effective_from=None)
        TermsDocumentFactory(slug=f"draft-{document.slug}", editorial_status="draft")


def queries(api, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, params)
        assert response.status_code == 200, response.content[:300]
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("terms-version", {}),
        ("terms-version", {"format": "csv"}),
        ("terms-version", {"updated_since": "2000-01-01"}),
        ("terms-version", {"vendor": "vendor-x", "effective_before": "2030-01-01"}),
        ("clause", {"format": "csv"}),
    ],
)
def test_list_queries_do_not_grow_with_data(api, name, params):
    url = reverse(f"api:{name}-list")
    PartyFactory(slug="vendor-x")
    add_versions(1)
    small = queries(api, url, params)
    add_versions(9)
    assert queries(api, url, params) == small


def test_detail_queries_do_not_grow_with_data(api):
    add_versions(1)
    version = TermsVersion.objects.filter(effective_from__isnull=False).first()
    slug = version.document.slug
    urls = [
        version_url(slug, "2024-01-31"),
        version_url(slug, "undated"),
        clause_url(slug, "2024-01-31", "no-scraping"),
    ]
    small = [queries(api, url, {}) for url in urls]
    add_versions(9)
    assert [queries(api, url, {}) for url in urls] == small


def test_a_newline_in_a_path_is_the_json_404(api, terms):
    response = api.get("/api/v1/terms-versions/vt/2024-01-31%0A/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
