"""Pagination, field selection, CSV, the bulk download, conditional GET and throttling."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from casebook.api.pagination import MAX_PAGE_SIZE
from casebook.records.models import EditorialStatus, Event, Party
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    EventFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_page_numbers_with_a_total_count(api):
    PartyFactory.create_batch(5)
    url = reverse("api:party-list")
    first = api.get(url, {"page_size": 2}).json()
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    last = api.get(url, {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1
    assert last["next"] is None
    seen = {p["slug"] for p in first["results"]} | {p["slug"] for p in last["results"]}
    assert len(seen) == 3


def test_page_size_has_a_documented_maximum(api):
    assert api.get(reverse("api:party-list"), {"page_size": MAX_PAGE_SIZE}).status_code == 200
    response = api.get(reverse("api:party-list"), {"page_size": MAX_PAGE_SIZE + 1})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["details"]


def test_updated_since_pages_by_cursor_oldest_change_first(api):
    parties = PartyFactory.create_batch(3)
    for day, party in zip((3, 1, 2), parties, strict=True):
        Party.objects.filter(pk=party.pk).update(
            updated_at=datetime.datetime(2026, 1, day, tzinfo=datetime.UTC)
        )
    url = reverse("api:party-list")
    page = api.get(url, {"updated_since": "2026-01-01", "page_size": 2}).json()
    assert "count" not in page
    order = [p["slug"] for p in page["results"]]
    page = api.get(page["next"]).json()
    order += [p["slug"] for p in page["results"]]
    assert page["next"] is None
    assert order == [parties[1].slug, parties[2].slug, parties[0].slug]


def test_timeline_pages_by_cursor(api):
    for day in range(1, 6):
        EventFactory(date=datetime.date(2025, 1, day))
    url = reverse("api:timeline")
    keys = []
    page = api.get(url, {"page_size": 2}).json()
    while True:
        keys += [e["key"] for e in page["results"]]
        if page["next"] is None:
            break
        page = api.get(page["next"]).json()
    dates = [e.date for e in Event.objects.order_by("date")]
    assert len(keys) == len(dates) == 5
    assert len(set(keys)) == 5
    previous = api.get(page["previous"]).json()
    assert [e["key"] for e in previous["results"]] == keys[2:4]


def test_fields_and_omit(api):
    party = PartyFactory()
    url = reverse("api:party-list")
    row = api.get(url, {"fields": "slug,name"}).json()["results"][0]
    assert row == {"slug": party.slug, "name": party.name}
    row = api.get(url, {"omit": "citations,description"}).json()["results"][0]
    assert "citations" not in row
    assert "description" not in row
    assert row["slug"] == party.slug
    detail = api.get(reverse("api:party-detail", kwargs={"slug": party.slug}), {"fields": "name"})
    assert detail.json() == {"name": party.name}


def test_csv_of_a_list_is_flat_and_filtered(api):
    lab = PartyFactory(slug="lab")
    allegation = AllegationFactory(accuser=lab, title="Lab accuses")
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(slug="rival"))
    AllegationFactory()  # another accuser: filtered out
    response = api.get(reverse("api:allegation-list"), {"format": "csv", "accuser": "lab"})
    rows = csv_rows(response)
    assert len(rows) == 1
    assert rows[0]["slug"] == allegation.slug
    assert rows[0]["accuser"] == "lab"
    assert rows[0]["accused"] == "rival"
    assert rows[0]["title"] == "Lab accuses"
    assert "attachment" in response["Content-Disposition"]


def test_csv_with_fields_and_accept_header(api):
    party = PartyFactory()
    response = api.get(reverse("api:party-list"), {"fields": "slug,name"}, HTTP_ACCEPT="text/csv")
    assert csv_rows(response) == [{"slug": party.slug, "name": party.name}]


def test_csv_of_the_timeline(api):
    event = EventFactory(headline="A hearing")
    rows = csv_rows(api.get(reverse("api:timeline"), {"format": "csv"}))
    assert [(r["key"], r["headline"], r["record"]) for r in rows] == [
        (f"event:{event.slug}", "A hearing", event.slug)
    ]


def test_bulk_download_is_the_published_dataset(api):
    published = AllegationFactory()
    AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    response = api.get(reverse("api:dump"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(b"".join(response.streaming_content))
    assert data["format"] == "casebook-dataset"
    assert [a["slug"] for a in data["allegations"]] == [published.slug]


@pytest.mark.parametrize("url_name", ["api:party-list", "api:timeline", "api:dump"])
def test_conditional_get_answers_304(api, url_name):
    PartyFactory()
    EventFactory()
    first = api.get(reverse(url_name))
    assert first.status_code == 200
    again = api.get(reverse(url_name), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    changed = api.get(reverse(url_name), HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_detail_carries_last_modified_and_answers_if_modified_since(api):
    party = PartyFactory()
    url = reverse("api:party-detail", kwargs={"slug": party.slug})
    first = api.get(url)
    assert first["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    Party.objects.filter(pk=party.pk).update(name="Renamed")
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_anonymous_callers_are_throttled_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "5/minute"},
    }
    url = reverse("api:party-list")
    assert [api.get(url).status_code for _ in range(2)] == [200, 200]
    response = api.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["status"] == 429


def test_token_holders_get_the_higher_rate(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "3/minute"},
    }
    token = Token.objects.create(user=UserFactory())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("api:party-list")
    assert [api.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_bad_token_is_a_401_in_the_error_shape(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = api.get(reverse("api:party-list"))
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_staff_manage_tokens_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:authtoken_tokenproxy_changelist"))
    assert response.status_code == 200


def test_guide_page_and_interactive_docs(client):
    page = client.get(reverse("api:docs-page"))
    assert page.status_code == 200
    assert "API for journalists" in page.content.decode()
    assert reverse("api:clause-in-force") in page.content.decode()
    docs = client.get(reverse("api:docs-interactive"))
    assert docs.status_code == 200
    assert "drf_spectacular_sidecar" in docs.content.decode()  # our own static files, no CDN
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.json()["info"]["title"] == "Casebook API"
