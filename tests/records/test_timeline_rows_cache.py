"""A page of the timeline keeps its rows until the data changes, and only until then.

Building and compiling the timeline's union is most of the Python work of reading a
page, so :func:`casebook.records.selectors.timeline.kept_rows` keeps each page's rows
under the data's change token. These tests hold that the portal page and the API never
show kept rows after a change made the way staff make them, of any kind: a new record,
an edit, a draft, a retraction, a delete, a link to a party.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records.models import EditorialStatus, Event
from casebook.records.selectors import timeline
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 4)
EVERYTHING = timeline.TimelineFilters()


def union_queries(read) -> int:
    """How many queries of ``read()`` read the timeline's union."""
    with CaptureQueriesContext(connection) as queries:
        read()
    return sum("UNION" in query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize(
    "read",
    [
        lambda: timeline.timeline_slice(EVERYTHING, limit=2),
        lambda: timeline.timeline_slice(EVERYTHING, limit=2, after=(DAY, "")),
        lambda: timeline.timeline_slice(EVERYTHING, limit=2, before=(DAY, "zzz")),
        lambda: timeline.TimelineWindow(EVERYTHING, 3)[0:2],
        lambda: timeline.TimelineWindow(EVERYTHING, 3)[2:4],
    ],
)
def test_a_page_reads_its_rows_once_until_the_data_changes(read):
    for day in range(3):
        EventFactory(date=DAY + datetime.timedelta(days=day))

    first = read()
    assert union_queries(read) == 0
    assert [entry.key for entry in read()] == [entry.key for entry in first]
    EventFactory(date=DAY - datetime.timedelta(days=1))
    assert union_queries(read) == 1


def test_an_export_reads_every_chunk_afresh():
    EventFactory(date=DAY)
    assert union_queries(lambda: list(timeline.iter_timeline(EVERYTHING))) == 1
    assert union_queries(lambda: list(timeline.iter_timeline(EVERYTHING))) == 1


def headlines_shown(client, **query) -> tuple[str, list[str]]:
    """The portal page's text and the API's headlines, for the same filters."""
    page = client.get("/timeline/", query).content.decode()
    api = client.get("/api/v1/timeline/", query).json()
    return page, [entry["headline"] for entry in api["results"]]


def add_event(event, party):
    EventFactory(date=DAY, headline="A new event")
    return "A new event", True


def edit_headline(event, party):
    event.headline = "An edited headline"
    event.save()
    return "An edited headline", True


def make_draft(event, party):
    event.editorial_status = EditorialStatus.DRAFT
    event.save()
    return event.headline, False


def delete(event, party):
    headline = event.headline
    event.delete()
    return headline, False


@pytest.mark.parametrize("change", [add_event, edit_headline, make_draft, delete])
def test_each_kind_of_change_shows_at_once_on_the_page_and_in_the_api(client, change):
    event = EventFactory(date=DAY, headline="The first headline")
    AllegationFactory(made_on=DAY, title="An allegation")
    page, api = headlines_shown(client)
    assert "The first headline" in page and "The first headline" in api

    headline, shown = change(event, None)

    page, api = headlines_shown(client)
    assert (headline in page, headline in api) == (shown, shown)
    assert "An allegation" in page and "An allegation" in api


def test_a_party_linked_to_an_event_shows_it_on_the_partys_timeline_at_once(client):
    party = PartyFactory()
    event = EventFactory(date=DAY, headline="Linked later")
    page, api = headlines_shown(client, party=party.slug)
    assert "Linked later" not in page and api == []

    event.parties.add(party)

    page, api = headlines_shown(client, party=party.slug)
    assert "Linked later" in page and api == ["Linked later"]


def test_rows_whose_record_is_gone_are_left_out(client):
    """A delete that bypasses Django's signals (raw SQL) leaves kept rows behind for a
    while: their records are left out, not a server error."""
    kept, gone = (EventFactory(date=DAY, headline=h) for h in ("Kept event", "Gone event"))
    shown = {entry.headline for entry in timeline.timeline_slice(EVERYTHING, limit=5)}
    assert shown == {"Kept event", "Gone event"}

    Event.objects.filter(pk=gone.pk)._raw_delete(connection.alias)

    entries = timeline.timeline_slice(EVERYTHING, limit=5)
    assert [entry.headline for entry in entries] == [kept.headline]
    assert client.get("/timeline/").status_code == 200


def hidden_record_of_an_event(word):
    """An event shown under its own headline, hidden with the allegation it belongs to."""
    allegation = AllegationFactory(made_on=DAY - datetime.timedelta(days=400))
    EventFactory(date=DAY, headline=f"Event {word}", allegation=allegation)
    return allegation


#: Makes a record whose timeline entry shows ``word``; returns the record to hide.
SHOWN_RECORDS = {
    "event": lambda word: EventFactory(date=DAY, headline=f"Event {word}"),
    "allegation": lambda word: AllegationFactory(made_on=DAY, title=f"Allegation {word}"),
    "case": lambda word: CaseFactory(filed_on=DAY, name=f"Case {word}"),
    "guidance": lambda word: GuidanceFactory(issued_on=DAY, title=f"Guidance {word}"),
    "terms": lambda word: (
        TermsVersionFactory(effective_from=DAY, document__title=f"Terms {word}").document
    ),
    "record-of-an-event": hidden_record_of_an_event,
}


@pytest.mark.parametrize("make", SHOWN_RECORDS.values(), ids=SHOWN_RECORDS.keys())
@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.RETRACTED])
def test_a_record_hidden_behind_the_caches_back_never_shows_from_kept_rows(client, make, status):
    """Another process (a management command beside ``make run``, whose cache is its
    own) may hide a record without this process's cache hearing of it: the kept rows
    still name it, and the page must leave it out, not show it."""
    word = "Zanzibarish"
    hidden = make(word)
    page, api = headlines_shown(client)
    assert word in page and any(word in headline for headline in api)

    # An update() sends no signal: the change token stays, as in another process.
    type(hidden).objects.filter(pk=hidden.pk).update(editorial_status=status)

    page, api = headlines_shown(client)
    assert word not in page
    assert not any(word in headline for headline in api)
