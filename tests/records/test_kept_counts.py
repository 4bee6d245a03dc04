"""Counts of records are kept until the data changes, and only until then.

Counting grows with the data (the events list, the home page, every paged list and
sitemap), so :func:`casebook.records.selectors.keptcounts.kept_count` keeps a count under the
data's change token and the SQL of the records counted. These tests hold that a kept
count is never shown after a change made the way staff make them, on the pages and
in the API, and that a count is read once otherwise.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import EditorialStatus, Event
from casebook.records.selectors.keptcounts import kept_count
from tests.factories import AllegationFactory, EventFactory, PartyFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 4)


def count_queries(read) -> int:
    """How many COUNT queries ``read()`` runs."""
    with CaptureQueriesContext(connection) as queries:
        read()
    return sum("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_a_count_is_read_once_then_again_after_each_kind_of_change():
    events = Event.objects.public()
    first = EventFactory(date=DAY)
    assert kept_count(events) == 1
    assert count_queries(lambda: kept_count(events)) == 0

    second = EventFactory(date=DAY)
    assert kept_count(events) == 2
    second.editorial_status = EditorialStatus.DRAFT
    second.save()
    assert kept_count(events) == 1
    first.delete()
    assert kept_count(events) == 0


def test_filters_keep_counts_apart_and_a_link_changes_them():
    party = PartyFactory()
    event = EventFactory(date=DAY)
    EventFactory(date=DAY + datetime.timedelta(days=1))
    by_party = Event.objects.public().filter(parties=party)
    later = Event.objects.public().filter(date__gt=DAY)

    assert (kept_count(by_party), kept_count(later), kept_count(Event.objects.public())) == (
        0,
        1,
        2,
    )
    event.parties.add(party)
    assert kept_count(by_party) == 1


def test_what_can_match_nothing_counts_nothing_without_a_query():
    EventFactory(date=DAY)
    assert count_queries(lambda: kept_count(Event.objects.filter(pk__in=[]))) == 0
    assert kept_count(Event.objects.filter(pk__in=[])) == 0


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (reverse("api:event-list"), lambda response: response.json()["count"]),
        (reverse("api:allegation-list"), lambda response: response.json()["count"]),
        (reverse("portal:event_list"), lambda response: response.context["paginator"].count),
        (reverse("portal:allegation_list"), lambda response: response.context["paginator"].count),
        (
            reverse("portal:home"),
            lambda response: sum(count for _, count in response.context["counts"]),
        ),
    ],
)
def test_pages_count_once_and_show_each_change_at_once(client, url, shown):
    records = [AllegationFactory(made_on=DAY) for _ in range(2)]
    records += [EventFactory(date=DAY) for _ in range(2)]
    cold = count_queries(lambda: client.get(url))
    warm = count_queries(lambda: client.get(url))
    assert warm < cold
    before = shown(client.get(url))

    for record in records:
        record.editorial_status = EditorialStatus.DRAFT
        record.save()

    assert shown(client.get(url)) < before
