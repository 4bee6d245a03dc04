"""Search answers CSV too: every hit, streamed, with the lists' cells."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests.factories import AllegationFactory, PartyFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def records():
    PartyFactory(slug="lab", name="Quokka Labs", description="A quokka lab.")
    PartyFactory(slug="rival", name="Rival", description="Studies quokka models.")
    AllegationFactory(slug="claim", title="Quokka distillation claim")
    PartyFactory(slug="draft-lab", name="Quokka Draft", editorial_status=EditorialStatus.DRAFT)
    AllegationFactory(
        slug="retracted-claim",
        title="Quokka retracted claim",
        editorial_status=EditorialStatus.RETRACTED,
    )


def test_search_csv_has_every_hit_not_one_page(api, records):
    url = reverse("api:search")
    json_answer = api.get(url, {"q": "quokka", "page_size": 1}).json()
    response = api.get(url, {"q": "quokka", "page_size": 1, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="casebook-search.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert len(rows) == json_answer["count"] == 3
    assert list(rows[0]) == ["record_type", "title", "snippet", "rank", "record"]
    assert {(row["record_type"], row["record"]) for row in rows} == {
        ("party", "lab"),
        ("party", "rival"),
        ("allegation", "claim"),
    }
    # Best first, as in JSON.
    assert rows[0]["record"] == json_answer["results"][0]["record"]["slug"]
    assert all(float(row["rank"]) >= 0 for row in rows)


def test_search_csv_takes_the_type_filter_and_the_accept_header(api, records):
    rows = csv_rows(
        api.get(reverse("api:search"), {"q": "quokka", "type": "party"}, HTTP_ACCEPT="text/csv")
    )
    assert sorted(row["record"] for row in rows) == ["lab", "rival"]


def test_search_csv_leaves_out_what_is_not_public(api, records):
    response = api.get(reverse("api:search"), {"q": "quokka", "format": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "draft-lab" not in text
    assert "Draft" not in text
    assert "retracted" not in text


def test_search_csv_with_no_hit_is_just_the_header(api, records):
    response = api.get(reverse("api:search"), {"q": "wombat", "format": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines() == ["record_type,title,snippet,rank,record"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"format": "csv"}, "q"),
        ({"q": "quokka", "type": "planet", "format": "csv"}, "type"),
        ({"q": "quokka", "fields": "title", "format": "csv"}, "fields"),
    ],
)
def test_bad_search_csv_requests_answer_the_json_400(api, records, params, parameter):
    response = api.get(reverse("api:search"), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert parameter in response.json()["error"]["details"]


def test_search_csv_queries_do_not_grow_with_data(api):
    def add(count: int) -> None:
        for _ in range(count):
            PartyFactory(description="A quokka.")
            AllegationFactory(title="Quokka claim")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(reverse("api:search"), {"q": "quokka", "format": "csv"})
            b"".join(response.streaming_content)
        return len(captured)

    add(1)
    small = queries()
    add(9)
    assert queries() == small
