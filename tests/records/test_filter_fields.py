"""The slug filters: a filter nobody asked for costs nothing (issue #12)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records.filters import EventFilterSet
from casebook.records.models import Event
from tests.factories import EventFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_a_slug_filter_not_asked_for_leaves_the_rows_and_its_value_unread():
    filterset = EventFilterSet({}, queryset=Event.objects.all())
    assert filterset.is_valid()
    value = filterset.form.cleaned_data["party"]
    rows = Event.objects.all()
    with CaptureQueriesContext(connection) as queries:
        assert filterset.filters["party"].filter(rows, value) is rows
    assert value._result_cache is None  # django-filter's own test ran it
    assert len(queries) == 0


def test_a_slug_filter_asked_for_still_filters():
    party = PartyFactory(slug="party-asked", cite=False)
    EventFactory(slug="event-with", cite=False).parties.add(party)
    EventFactory(slug="event-without", cite=False)
    filterset = EventFilterSet({"party": ["party-asked"]}, queryset=Event.objects.all())
    assert filterset.is_valid(), filterset.errors
    assert [event.slug for event in filterset.qs] == ["event-with"]
