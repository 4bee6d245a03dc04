"""The events list counts public events on the events table alone (issue #12).

The page's rows carry their record's link columns through a LEFT JOIN per record
field; counting those rows kept the joins, which SQLite runs for every event counted.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import EditorialStatus, Event
from tests.factories import AllegationFactory, CaseFactory, EventFactory, GuidanceFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:event-list")


@pytest.fixture
def world():
    """Public events with and without a record, and events hidden in each way."""
    shown = [
        EventFactory(kind="filing"),
        EventFactory(kind="filing", allegation=AllegationFactory()),
        EventFactory(kind="ruling", case=CaseFactory()),
        EventFactory(kind="filing", guidance=GuidanceFactory()),
    ]
    EventFactory(kind="filing", editorial_status=EditorialStatus.DRAFT)
    EventFactory(kind="filing", case=CaseFactory(editorial_status=EditorialStatus.RETRACTED))
    EventFactory(kind="ruling", allegation=AllegationFactory(editorial_status="in_review"))
    return shown


@pytest.mark.parametrize(
    "query", [{}, {"kind": "filing"}, {"kind": "ruling"}, {"page_size": 1}, {"page_size": 2}]
)
def test_the_count_is_of_public_events_and_joins_no_record_table(api, world, query):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(URL, query)

    assert response.status_code == 200
    data = response.json()
    expected = [e for e in world if e.kind == query.get("kind", e.kind)]
    assert (
        data["count"]
        == len(expected)
        == Event.objects.public().filter(pk__in=[e.pk for e in expected]).count()
    )
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "JOIN" not in counts[0].upper()
    # The page's rows still carry their records' links.
    rows = data["results"]
    assert len(rows) == min(len(expected), query.get("page_size", len(expected)))
    assert {row["slug"] for row in rows} <= {e.slug for e in expected}
