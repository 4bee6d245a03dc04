"""The API's events load the columns the API shows and no others (issue #12 item 6).

``event_api_list()`` names the columns it loads; a column the serializer shows but
the selector left out would cost one query per event (and per linked record), which
these tests count, and a column loaded but never shown is CPU spent for nothing.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.selectors import event_api_list
from tests.api.test_events_output import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "kwargs", "params", "shown", "expected"),
    [
        # The events with their records, then parties, topics, citations (the count is
        # kept from the first request: casebook.records.selectors.keptcounts).
        ("api:event-list", {}, {}, b"event-terms", 4),
        # No count in the CSV, nor in the detail.
        ("api:event-list", {}, {"format": "csv"}, b"event-terms", 4),
        ("api:event-detail", {"slug": "event-allegation"}, {}, b"party-accuser", 4),
    ],
)
def test_every_shown_column_is_loaded(client, url_name, kwargs, params, shown, expected):
    """Events of every record type, with parties, topics and citations, are shown from
    the page's own queries: none is read afterwards, one row at a time."""
    build_world()
    url = reverse(url_name, kwargs=kwargs)
    client.get(url, params)  # warm the caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert shown in content
    assert len(queries) == expected, [q["sql"][:80] for q in queries]


def test_columns_not_shown_are_not_loaded():
    """The event's and its record's editorial notes, history and creation time stay in
    the database; parties and topics load their link's columns only."""
    build_world()
    event = event_api_list().get(slug="event-allegation")
    assert {"review_note", "retraction_note", "created_at"} <= event.get_deferred_fields()
    assert {"summary", "review_note"} <= event.allegation.get_deferred_fields()
    party = event.parties.all()[0]
    assert {"description", "aliases"} <= party.get_deferred_fields()
    assert "description" in event.topics.all()[0].get_deferred_fields()
