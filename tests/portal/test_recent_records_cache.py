"""The feed and the home page keep which records changed last until the data changes.

Finding the records changed last is two queries per record type, and finding the
latest retractions one more, on every request of the home page and the feed; so
``recent_public_records`` and ``recent_tombstones`` keep the records' keys under the
data's change token and read the records again on each request, through their public
rule. These tests hold that both surfaces show each change made the way staff make
them at once, and that a record hidden behind the cache's back (another process
without a shared cache; an ``update()``, which sends no signal) never shows.
"""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from casebook.records import selectors
from casebook.records.models import EditorialStatus
from casebook.records.registry import RECORD_TYPES, record_type_of
from tests.factories import RECORD_TYPE_FACTORIES, AllegationFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

#: A factory of each public record type, by the type's name.
FACTORIES = {name: factory for name, (factory, _) in RECORD_TYPE_FACTORIES.items()}


def test_every_record_type_is_tried():
    assert set(FACTORIES) == {rt.name for rt in RECORD_TYPES}


def feed_titles(client) -> list[str]:
    response = client.get(reverse("portal:feed"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def home_page(client) -> str:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def entry_title(record) -> str:
    """The title of the record's entry in the feed."""
    return f"{record_type_of(record).singular.capitalize()}: {record}"


def tombstone_title(record) -> str:
    return f"Retracted {record_type_of(record).singular}: {record.slug}"


def shown_on_home(client, record) -> bool:
    return f'<a href="{record.get_absolute_url()}">{escape(str(record))}</a>' in home_page(client)


@pytest.mark.parametrize("name", FACTORIES)
@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.RETRACTED])
def test_a_record_hidden_behind_the_caches_back_never_shows(client, name, status):
    """Another process (a management command beside ``make run``, whose cache is its
    own) may hide a record without this process's cache hearing of it: the kept keys
    still name it, and neither surface may show it."""
    record = FACTORIES[name]()
    assert entry_title(record) in feed_titles(client)
    assert shown_on_home(client, record)

    # An update() sends no signal: the change token stays, as in another process.
    type(record).objects.filter(pk=record.pk).update(editorial_status=status)

    assert entry_title(record) not in feed_titles(client)
    assert not shown_on_home(client, record)


@pytest.mark.parametrize("name", FACTORIES)
def test_a_retraction_undone_behind_the_caches_back_leaves_the_feed(client, name):
    record = FACTORIES[name]()
    record.editorial_status = EditorialStatus.RETRACTED
    record.retraction_note = "Withdrawn."
    record.save()
    assert tombstone_title(record) in feed_titles(client)

    type(record).objects.filter(pk=record.pk).update(editorial_status=EditorialStatus.PUBLISHED)

    assert tombstone_title(record) not in feed_titles(client)


def publish_another(record):
    other = FACTORIES[record_type_of(record).name]()
    return [(entry_title(other), True)]


#: The field each record type's title in the feed comes from (four types tried).
TITLE_FIELDS = {
    name: field
    for name, (_, field) in RECORD_TYPE_FACTORIES.items()
    if name in ("party", "terms", "allegation", "event")
}


def rename(record):
    setattr(record, TITLE_FIELDS[record_type_of(record).name], "Renamed by an editor")
    record.save()
    return [(entry_title(record), True)]


def make_draft(record):
    before = entry_title(record)
    record.editorial_status = EditorialStatus.DRAFT
    record.save()
    return [(before, False)]


def retract(record):
    before = entry_title(record)
    record.editorial_status = EditorialStatus.RETRACTED
    record.retraction_note = "Withdrawn."
    record.save()
    return [(before, False), (tombstone_title(record), True)]


def delete(record):
    before = entry_title(record)
    record.delete()
    return [(before, False)]


@pytest.mark.parametrize("change", [publish_another, rename, make_draft, retract, delete])
@pytest.mark.parametrize("name", TITLE_FIELDS)
def test_each_kind_of_change_shows_in_the_feed_at_once(client, name, change):
    record = FACTORIES[name]()
    assert entry_title(record) in feed_titles(client)

    expected = change(record)

    titles = feed_titles(client)
    assert [(title, title in titles) for title, _ in expected] == expected


def queries_of(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "read",
    [lambda: selectors.recent_public_records(50), lambda: selectors.recent_tombstones(50)],
    ids=["records", "tombstones"],
)
def test_the_latest_records_are_found_once_until_the_data_changes(read):
    for factory in FACTORIES.values():
        factory()
        retracted = factory()
        retracted.editorial_status = EditorialStatus.RETRACTED
        retracted.save()

    finding = queries_of(read)
    first = read()
    # Found once; read again, each type found is one query.
    kept = queries_of(read)
    assert kept < finding
    assert kept == len({getattr(item, "model", type(item)) for item in first})
    assert read() == first

    AllegationFactory()
    assert queries_of(read) == finding  # found again
