"""Recent changes: each row shows what reading its history entry one by one would show.

The page reads the previous entries, saved links and record names in bulk
(``recent_revisions``); these tests pin its rows to ``prev_record``,
``describe_changes`` and ``instance``, the one-by-one reading.
"""

import pytest
from django.urls import reverse

from casebook.records.forms import describe_changes
from tests import factories
from tests.portal.conftest import build_world

pytestmark = pytest.mark.django_db


def one_by_one(change) -> dict:
    """What a row shows, read from its history entry alone."""
    previous = change.prev_record if change.history_type == "~" else None
    return {
        "record": str(change.instance),
        "summary": describe_changes(previous, change) if previous else "",
    }


def shown(row) -> dict:
    """What the page's row shows."""
    return {"record": str(row["record"]), "summary": row["summary"]}


@pytest.fixture
def edited_world(staff_user):
    """A linked world whose records were then edited, links included, one after another."""
    world = build_world()
    topic = factories.TopicFactory(slug="edited-topic", name="Edited topic")
    world.allegation.title = "Retitled allegation"
    world.allegation.save()
    world.accused.name = "Renamed party"
    world.accused.save()
    world.allegation.topics.add(topic)
    world.allegation.summary = "A new summary."
    world.allegation.save()
    world.event.parties.add(factories.PartyFactory(name="Linked later"))
    world.event.save()
    world.clause.text = "Edited clause text"
    world.clause.save()
    return world


def test_every_row_shows_what_its_entry_alone_shows(staff_client, edited_world):
    rows = staff_client.get(reverse("staff:recent_changes")).context["rows"]

    assert len(rows) > 20
    assert [shown(row) for row in rows] == [one_by_one(row["change"]) for row in rows]
    summaries = " ".join(row["summary"] for row in rows)
    assert "topics: changed" in summaries
    assert "parties: changed" in summaries
    assert "title: “" in summaries


def test_a_users_edit_is_compared_with_the_previous_entry_by_anyone(
    staff_client, staff_user, edited_world
):
    other = factories.StaffUserFactory(username="other")
    party = edited_world.accused
    party.short_name = "Short"
    party._history_user = other
    party.save()

    rows = staff_client.get(reverse("staff:recent_changes"), {"user": other.pk}).context["rows"]

    assert [row["summary"] for row in rows] == ["short name: set to “Short”"]


def test_a_deleted_record_is_named_without_a_link(staff_client, edited_world):
    name = str(edited_world.clause)
    edited_world.clause.delete()

    rows = staff_client.get(reverse("staff:recent_changes"), {"type": "clause"}).context["rows"]

    assert (str(rows[0]["record"]), rows[0]["url"], rows[0]["summary"]) == (name, "", "")
