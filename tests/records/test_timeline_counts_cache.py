"""The timeline's day counts are cached until the data changes, and only until then.

Counting every public dated fact is the part of the timeline page that grows with the
data, so :func:`casebook.records.selectors.timeline_day_counts` keeps its answer under
the data's change token. These tests hold that a kept answer is never served after a
change made the way staff make them (factories' saves, the admin's workflow button), and
that the token moves again when a write commits.
"""

import datetime

import pytest

from casebook.records import dumpcache, selectors
from casebook.records.models import EditorialStatus
from casebook.records.selectors import timeline
from tests.factories import AllegationFactory, EventFactory, PartyFactory, TopicFactory
from tests.records.admin_pages import change_url, workflow_form

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 4)


def count(flt: timeline.TimelineFilters) -> int:
    return sum(selectors.timeline_day_counts(flt).values())


def test_the_counts_are_read_once_then_again_after_each_change(django_assert_num_queries):
    EventFactory(date=DAY)
    everything = timeline.TimelineFilters()
    assert count(everything) == 1

    with django_assert_num_queries(0):
        assert count(everything) == 1

    EventFactory(date=DAY)
    assert count(everything) == 2
    event = EventFactory(date=DAY + datetime.timedelta(days=1))
    assert count(everything) == 3
    event.editorial_status = EditorialStatus.DRAFT
    event.save()
    assert count(everything) == 2
    event.delete()
    assert count(everything) == 2


def test_a_link_added_to_a_record_changes_the_filtered_counts():
    """A many-to-many change (a party named on an event) is a change of the data too."""
    party = PartyFactory()
    event = EventFactory(date=DAY)
    by_party = timeline.TimelineFilters(parties=[party])
    assert count(by_party) == 0

    event.parties.add(party)

    assert count(by_party) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"record_types": ["event", "allegation"]}, {"record_types": ["allegation", "event"]}),
        ({"date_from": DAY}, {"date_from": DAY}),
        ({}, {}),
    ],
)
def test_filters_that_match_the_same_entries_share_counts(first, second, django_assert_num_queries):
    EventFactory(date=DAY)
    AllegationFactory(made_on=DAY)
    count(timeline.TimelineFilters(**first))

    with django_assert_num_queries(0):
        count(timeline.TimelineFilters(**second))


def test_different_filters_keep_different_counts():
    topic, party = TopicFactory(), PartyFactory()
    event = EventFactory(date=DAY)
    event.topics.add(topic)
    event.parties.add(party)
    EventFactory(date=DAY + datetime.timedelta(days=400))
    AllegationFactory(made_on=DAY)

    answers = {
        "everything": count(timeline.TimelineFilters()),
        "events": count(timeline.TimelineFilters(record_types=["event"])),
        "allegations": count(timeline.TimelineFilters(record_types=["allegation"])),
        "no type": count(timeline.TimelineFilters(record_types=[])),
        "topic": count(timeline.TimelineFilters(topics=[topic])),
        "no topic": count(timeline.TimelineFilters(topics=[])),
        "party": count(timeline.TimelineFilters(parties=[party])),
        "from": count(timeline.TimelineFilters(date_from=DAY + datetime.timedelta(days=1))),
        "to": count(timeline.TimelineFilters(date_to=DAY)),
    }

    assert answers == {
        "everything": 3,
        "events": 2,
        "allegations": 1,
        "no type": 0,
        "topic": 1,
        "no topic": 0,
        "party": 1,
        "from": 1,
        "to": 2,
    }


def test_a_record_retracted_in_the_admin_leaves_the_timeline_count_at_once(admin_app, client):
    kept = AllegationFactory(made_on=DAY, title="Kept allegation")
    retracted = AllegationFactory(made_on=DAY, title="Retracted allegation")
    page = client.get("/timeline/", {"record_type": "allegation"})
    assert "2 entries" in page.content.decode()

    retract = workflow_form(admin_app.get(change_url(retracted)), "retract")
    retract["text"] = "Withdrawn by the accuser."
    retract.submit()

    text = client.get("/timeline/", {"record_type": "allegation"}).content.decode()
    assert "1 entry" in text
    assert kept.title in text
    assert retracted.title not in text


def test_the_change_token_moves_again_when_a_write_commits(django_capture_on_commit_callbacks):
    """A reader that counted the old rows between the save and the commit kept them under
    the token of the save: the commit must leave that token behind."""
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(date=DAY)
        during_the_transaction = dumpcache.token()

    assert dumpcache.token() != during_the_transaction
