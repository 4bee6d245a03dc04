""" "Last updated" is the record's own change day as the dataset carries it, not the load time.

A load keeps the file's ``changed_on``; the record page, the citation, the home page,
the feed and the sitemap show it; a staff edit in the admin (posted as the page
renders it) makes the edit's own time count.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from casebook.records.dataset import load_dataset
from casebook.records.models import Allegation, Settlement
from tests.records.admin_pages import assert_saved, change_form
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db

LOAD_TIME = datetime.datetime(2026, 12, 6, 9, tzinfo=datetime.UTC)


@pytest.fixture
@time_machine.travel(LOAD_TIME, tick=False)
def loaded():
    data = sample_dataset()
    for section in ("parties", "sources", "terms_documents", "allegations", "cases"):
        for record in data[section]:
            record["changed_on"] = "2026-11-28"
    for section in ("settlements", "guidance", "events"):
        for record in data.get(section, []):
            record["editorial_status"] = "draft"
    load_dataset(data)
    return Allegation.objects.get(slug="the-allegation")


def test_a_load_keeps_the_files_change_day(loaded):
    assert loaded.changed_on == datetime.date(2026, 11, 28)
    assert loaded.updated_at.date() == LOAD_TIME.date()
    assert loaded.last_changed == datetime.date(2026, 11, 28)


def test_public_surfaces_show_the_change_day_not_the_load_day(client, loaded):
    page = client.get(loaded.get_absolute_url())
    home = client.get(reverse("portal:home")).content.decode()
    feed = client.get(reverse("portal:feed")).content.decode()
    sitemap = client.get(reverse("portal:sitemap")).content.decode()

    assert 'last updated <time datetime="2026-11-28">28 November 2026</time>' in (
        page.content.decode()
    )
    assert "version of 28 November 2026" in page.context["cite"].text
    assert "28 November 2026" in home and "6 December 2026" not in home
    assert "<updated>2026-11-28T00:00:00+00:00</updated>" in feed
    assert "Published or updated 2026-11-28." in feed
    entries = feed.split("<entry>")[1:]
    assert entries and all("<updated>2026-11-28T00:00:00+00:00</updated>" in e for e in entries)
    assert "updated 2026-12-06" not in feed
    assert "2026-11-28" in sitemap


def test_a_record_without_a_change_day_shows_its_last_save(loaded):
    case = Settlement.objects.get(slug="a-settlement")
    assert case.changed_on is None
    assert case.last_changed == case.updated_at.date()


def test_a_staff_edit_makes_its_own_time_count(admin_app, loaded):
    form = change_form(admin_app, loaded)
    form["summary"] = "Said so, in other words."

    assert_saved(form.submit())

    loaded.refresh_from_db()
    assert loaded.changed_on is None
    assert loaded.last_changed == datetime.datetime.now(datetime.UTC).date()


def test_an_unchanged_admin_save_keeps_the_change_day(admin_app, loaded):
    assert_saved(change_form(admin_app, loaded).submit())

    loaded.refresh_from_db()
    assert loaded.changed_on == datetime.date(2026, 11, 28)
