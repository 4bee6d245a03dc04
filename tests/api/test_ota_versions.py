"""Imported (Open Terms Archive) versions in the API, its CSV and its dump: unique keys,
old keys redirecting, text, record time, effective date with precision, permalink, credit."""

import csv
import io
import json

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests.ota_world import CLAUSE, KEYS, THIRD, ota_world

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
CREDIT = "Recorded by Open Terms Archive contributors, ODC-BY 1.0"
LICENCE = "https://opendatacommons.org/licenses/by/1-0/"


def version_url(date: str, document: str = "xai-terms") -> str:
    return reverse("api:terms-version-detail", kwargs={"document": document, "date": date})


def clause_url(date: str) -> str:
    kwargs = {"document": "xai-terms", "date": date, "category": "no-competing-models"}
    return reverse("api:clause-detail", kwargs=kwargs)


@pytest.fixture
def world(tmp_path):
    return ota_world(tmp_path)


def test_an_imported_version_gives_text_record_time_dates_permalink_and_credit(api, world):
    version = world.versions[2]
    data = api.get(version_url(KEYS[2])).json()
    assert data["key"] == f"xai-terms/{KEYS[2]}"
    assert data["api_url"] == f"{HOST}{version_url(KEYS[2])}"
    assert data["portal_url"] == f"{HOST}/terms/xai-terms/versions/{KEYS[2]}/"
    assert data["origin"] == "ota"
    assert data["full_text"] == THIRD
    assert data["recorded_at"] == "2025-01-08T00:32:49Z"
    assert data["effective_from"] is None
    assert data["in_force_from"] == {
        "date": "2025-01-08",
        "date_precision": "day",
        "basis": "observed",
        "date_display": "observed in force from 8 January 2025",
    }
    assert data["ota_permalink"] == version.ota_permalink
    assert data["attribution"] == {
        "text": CREDIT,
        "licence_url": LICENCE,
        "permalink": version.ota_permalink,
    }


def test_versions_recorded_with_the_same_stated_date_have_keys_of_their_own(api, world):
    rows = api.get(reverse("api:terms-version-list"), {"document": "xai-terms"}).json()
    keys = [row["key"] for row in rows["results"]]
    assert keys == [f"xai-terms/{key}" for key in KEYS]
    for row in rows["results"]:
        assert api.get(row["api_url"]).json()["key"] == row["key"]
    first, second = rows["results"][:2]
    assert first["effective_from"] == second["effective_from"] == "2024-01-31"
    assert first["in_force_from"]["basis"] == "effective"


def test_the_old_date_key_redirects_to_the_first_recorded_version(api, world):
    response = api.get(version_url("2024-01-31"), {"fields": "key"})
    assert response.status_code == 301
    assert response["Location"] == f"{HOST}{version_url(KEYS[0])}?fields=key"
    clause = api.get(clause_url("undated"))
    assert clause.status_code == 301
    assert clause["Location"] == f"{HOST}{clause_url(KEYS[2])}"
    assert api.get(clause["Location"]).json()["text"] == CLAUSE


@pytest.mark.parametrize(
    "date", ["2025-01-08T00-32-50Z", "2025-02-30T00-00-00Z", "2031-01-01", "2024-01-31T"]
)
def test_a_date_key_that_names_no_version_is_the_json_404(api, world, date):
    response = api.get(f"/api/v1/terms-versions/xai-terms/{date}/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_a_clause_of_an_imported_version_carries_the_credit(api, world):
    data = api.get(clause_url(KEYS[2])).json()
    assert data["key"] == f"xai-terms/{KEYS[2]}/no-competing-models"
    assert data["version"]["key"] == f"xai-terms/{KEYS[2]}"
    assert data["attribution"]["text"] == CREDIT
    assert data["attribution"]["permalink"] == world.versions[2].ota_permalink


def test_the_csv_of_versions_and_clauses_has_a_credit_column(api, world):
    for name, count in (("terms-version", 3), ("clause", 1)):
        response = api.get(reverse(f"api:{name}-list"), {"format": "csv"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == count
        last = rows[-1]
        assert last["attribution"] == (f"{CREDIT} ({LICENCE}; {world.versions[2].ota_permalink})")
        if name == "terms-version":
            assert last["in_force_from"] == "observed in force from 8 January 2025"
            assert last["recorded_at"] == "2025-01-08T00:32:49Z"


def test_a_terms_document_lists_its_versions_with_credit_and_without_full_texts(api, world):
    data = api.get(reverse("api:terms-detail", kwargs={"slug": "xai-terms"})).json()
    assert [v["key"] for v in data["versions"]] == [f"xai-terms/{key}" for key in KEYS]
    assert all(v["attribution"]["text"] == CREDIT for v in data["versions"])
    assert all("full_text" not in v for v in data["versions"])


def test_the_dump_lists_imported_versions_with_their_credit(api, world):
    data = json.loads(b"".join(api.get(reverse("api:dump")).streaming_content))
    rows = data["ota_versions"]
    assert [row["key"] for row in rows] == [f"xai-terms/{key}" for key in KEYS]
    assert rows[2]["attribution"] == {
        "text": CREDIT,
        "licence_url": LICENCE,
        "permalink": world.versions[2].ota_permalink,
    }
    assert rows[2]["clauses"] == [
        {"category": "no-competing-models", "section": "Use", "text": CLAUSE}
    ]
    assert rows[2]["effective_from"] is None
    assert rows[0]["effective_from"] == "2024-01-31"


@pytest.mark.parametrize(
    "status",
    [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED],
)
def test_no_imported_version_of_a_hidden_document_on_any_api_surface(api, tmp_path, status):
    ota_world(tmp_path, status=status)
    assert api.get(version_url(KEYS[2])).status_code in (404, 410)
    assert api.get(clause_url(KEYS[2])).status_code in (404, 410)
    for name in ("terms-version", "clause"):
        assert api.get(reverse(f"api:{name}-list")).json()["results"] == []
        response = api.get(reverse(f"api:{name}-list"), {"format": "csv"})
        assert b"xai-terms" not in b"".join(response.streaming_content)
    dump = b"".join(api.get(reverse("api:dump")).streaming_content)
    assert json.loads(dump)["ota_versions"] == []
    assert b"compete with xAI" not in dump


def test_the_dump_reads_imported_versions_in_constant_queries(
    api, world, django_assert_max_num_queries
):
    from casebook.records.selectors.dump import public_ota_versions

    with django_assert_max_num_queries(2):
        assert len(public_ota_versions()) == 3
