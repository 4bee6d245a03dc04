"""The API's events page as plain rows (selectors.eventrows): what each row carries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casebook.records.models import Allegation, Party, Source
from casebook.records.selectors import event_api_list, event_api_page, event_api_rows
from tests.api.test_events_output import build_world

pytestmark = pytest.mark.django_db


def page_of(**filters):
    events = event_api_list().filter(**filters).order_by("date", "slug", "pk")
    return event_api_page(event_api_rows(events))


def test_a_row_carries_its_record_parties_topics_and_public_citations():
    build_world()
    (row,) = page_of(slug="event-allegation")
    assert (row.record.model, row.record.slug, str(row.record)) == (
        Allegation,
        "allegation-one",
        "An allegation",
    )
    # Parties in Party's order (by name), the draft one marked, for the serializer to hide.
    assert [(p.model, p.slug, p.name, p.is_public) for p in row.parties] == [
        (Party, "party-accuser", "Accuser Lab", True),
        (Party, "party-draft", "Draft Party", False),
    ]
    assert [(t.slug, t.name) for t in row.topics] == [
        ("copyright", "Copyright"),
        ("distillation", "Distillation"),
    ]
    # The draft source's citation is left out; the others by source slug, then pinpoint.
    assert [(c.source.model, c.source.slug, c.pinpoint) for c in row.citations] == [
        (Source, "source-public", "p. 1"),
        (Source, "source-public", "p. 2"),
    ]
    assert row.date_display == "February 2025"


def test_events_of_draft_records_are_not_rows_and_an_empty_page_reads_nothing():
    build_world()
    slugs = [row.slug for row in page_of(kind="filing")]
    assert "event-draft-record" not in slugs and "event-draft" not in slugs
    assert "event-case" in slugs
    with CaptureQueriesContext(connection) as queries:
        assert event_api_page([]) == []
    assert len(queries) == 0
