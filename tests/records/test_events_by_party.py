"""Events by party on every surface that filters by party, and on a party's page.

The party filter of the events list (portal and API, JSON and CSV) and of the
timeline (portal and API), and a party's page, read the parties' event ids first
(``InIdsReadFirst``), so that PostgreSQL does not scan every event (issue #12; the
party page joined until 2026-12-08: 35 ms of its 50). Whatever parties are asked
for, each surface shows the public events that any of them is involved in, each
once, and nothing else.
"""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records import selectors
from casebook.records.models import EditorialStatus, Event, Party
from tests.factories import AllegationFactory, EventFactory, PartyFactory

pytestmark = pytest.mark.django_db

PUBLIC_PARTIES = ["p0", "p1", "p2", "p3"]
#: Event slug: (its parties, whether it is public).
EVENTS = {
    "e-two": (["p0", "p1"], True),
    "e-one": (["p1"], True),
    "e-draft": (["p2"], False),
    "e-of-draft-record": (["p0"], False),
    "e-none": ([], True),
    "e-with-draft-party": (["p3", "p-draft"], True),
    "e-draft-party-only": (["p-draft"], True),
    "e-three": (["p0", "p2", "p3"], True),
}


@pytest.fixture
def world() -> None:
    parties = {slug: PartyFactory(slug=slug, cite=False) for slug in PUBLIC_PARTIES}
    parties["p-draft"] = PartyFactory(
        slug="p-draft", editorial_status=EditorialStatus.DRAFT, cite=False
    )
    draft_allegation = AllegationFactory(editorial_status=EditorialStatus.DRAFT, cite=False)
    for slug, (linked, _public) in EVENTS.items():
        if slug == "e-draft":
            event = EventFactory(slug=slug, editorial_status=EditorialStatus.DRAFT)
        elif slug == "e-of-draft-record":
            event = EventFactory(slug=slug, allegation=draft_allegation)
        else:
            event = EventFactory(slug=slug)
        event.parties.set([parties[p] for p in linked])


def expected(asked: list[str]) -> list[str]:
    return sorted(
        slug for slug, (linked, public) in EVENTS.items() if public and set(linked) & set(asked)
    )


def portal_csv_slugs(client, asked: list[str]) -> list[str]:
    response = client.get(reverse("portal:event_list"), {"party": asked, "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return sorted(row["slug"] for row in csv.DictReader(io.StringIO(text, newline="")))


def portal_page_slugs(client, url_name: str, asked: list[str]) -> list[str]:
    response = client.get(reverse(url_name), {"party": asked})
    assert response.status_code == 200
    return sorted(set(re.findall(r'href="/events/(e-[a-z-]+)/"', response.content.decode())))


def party_page_slugs(client, party: str) -> list[str]:
    """The events a party's page lists."""
    response = client.get(reverse("portal:party_detail", kwargs={"slug": party}))
    assert response.status_code == 200
    return sorted(set(re.findall(r'href="/events/(e-[a-z-]+)/"', response.content.decode())))


def api_slugs(client, asked: list[str]) -> list[str]:
    response = client.get(reverse("api:event-list"), {"party": asked, "page_size": 100})
    assert response.status_code == 200
    return sorted(event["slug"] for event in response.json()["results"])


def api_timeline_slugs(client, asked: list[str]) -> list[str]:
    response = client.get(reverse("api:timeline"), {"party": asked, "record_type": "event"})
    assert response.status_code == 200
    return sorted(entry["key"].removeprefix("event:") for entry in response.json()["results"])


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(asked=st.lists(st.sampled_from(PUBLIC_PARTIES), min_size=1, max_size=4))
def test_every_surface_shows_the_public_events_of_any_party_asked_for(client, world, asked):
    want = expected(asked)
    entries = selectors.timeline_entries(
        parties=list(Party.objects.filter(slug__in=asked)), record_types=["event"]
    )
    assert sorted(entry.key.removeprefix("event:") for entry in entries) == want
    assert api_slugs(client, asked) == want
    assert api_timeline_slugs(client, asked) == want
    assert portal_csv_slugs(client, asked) == want
    assert portal_page_slugs(client, "portal:event_list", asked) == want
    # The portal's timeline takes one party, as does a party's own page.
    assert portal_page_slugs(client, "portal:timeline", asked[:1]) == expected(asked[:1])
    assert party_page_slugs(client, asked[0]) == expected(asked[:1])


def test_a_party_in_no_public_event_gets_an_empty_list(client, world):
    assert expected(["p2"]) == ["e-three"]  # the world is what the test means
    Event.objects.filter(slug="e-three").update(editorial_status=EditorialStatus.RETRACTED)
    assert api_slugs(client, ["p2"]) == []
    assert portal_csv_slugs(client, ["p2"]) == []


@pytest.mark.parametrize(
    "read",
    [
        lambda client: api_slugs(client, ["p0", "p3"]),
        lambda client: api_timeline_slugs(client, ["p0"]),
        lambda client: portal_csv_slugs(client, ["p0", "p3"]),
        lambda client: portal_page_slugs(client, "portal:event_list", ["p0"]),
        lambda client: portal_page_slugs(client, "portal:timeline", ["p0"]),
        lambda client: party_page_slugs(client, "p0"),
    ],
    ids=["api", "api-timeline", "portal-csv", "portal-list", "portal-timeline", "party-page"],
)
def test_every_surface_reads_the_parties_events_first(client, world, read):
    """Each query of the events that filters by party looks the party's event ids up
    first (``= ANY(ARRAY(…))`` on PostgreSQL), never joins or correlates the link
    table: that let PostgreSQL scan all 100,000 events of the bench (issue #12)."""
    with CaptureQueriesContext(connection) as captured:
        assert read(client)  # the surface shows some events
    read_first = "= ANY(ARRAY(SELECT" if connection.vendor == "postgresql" else " IN (SELECT"
    filtered = [
        query["sql"]
        for query in captured
        if re.search(r'FROM "records_event"\s', query["sql"])
        and '"records_event_parties"' in query["sql"]
    ]
    assert filtered
    for sql in filtered:
        assert read_first in sql, sql
        assert '"records_event" INNER JOIN "records_event_parties"' not in sql, sql
        assert not re.search(r'EXISTS\(SELECT [^()]* FROM "records_event_parties"', sql), sql
