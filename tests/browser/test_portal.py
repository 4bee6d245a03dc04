"""The portal in a real browser: the reader's main journeys, and a phone-width screen."""

import datetime
import re

import pytest
from django.urls import reverse

from casebook.portal.comparechart import figures_chart
from casebook.portal.views.compare import TermsMatrixView
from casebook.portal.views.timeline import TimelineView
from casebook.records import selectors
from casebook.records.models import AccusedParty, Party

TIMELINE_PAGE_SIZE = TimelineView.paginate_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def most_accused_party() -> Party:
    """The public party accused in the most public allegations (read from the data)."""
    row = (
        AccusedParty.objects.public()
        .select_related("party")
        .order_by("-exchanges", "party__name")
        .first()
    )
    assert row is not None, "the bundled dataset has public accused parties"
    return row.party


def test_home_then_search_for_a_party_and_open_it(page, live_server, bundled_data, screenshot):
    party = most_accused_party()
    page.goto(live_server.url + reverse("portal:home"))
    assert page.title().endswith("Casebook")
    assert page.locator("h1").inner_text() == "Casebook"
    screenshot(page, "01-home")

    page.fill("#home-q", party.name)
    page.locator("form.big-search button").click()
    page.wait_for_url(re.compile(r"/search/\?"))
    results = page.locator("ol.search-results > li")
    assert results.count() >= 1
    assert page.locator("ol.search-results mark").count() >= 1
    screenshot(page, "02-search")

    page.locator(f'ol.search-results a[href="{party.get_absolute_url()}"]').first.click()
    page.wait_for_url(f"**{party.get_absolute_url()}")
    assert page.locator("h1").inner_text() == party.name
    screenshot(page, "03-party")


def test_filter_the_timeline_by_a_party(page, live_server, bundled_data, screenshot):
    party = most_accused_party()
    page.goto(live_server.url + reverse("portal:timeline"))
    everything = len(selectors.timeline_entries())
    # The page says how many entries there are and lists the first page of them.
    assert page.locator("p.list-summary").inner_text().startswith(f"{everything} entries")
    assert page.locator("ol.timeline > li").count() == min(everything, TIMELINE_PAGE_SIZE)
    screenshot(page, "04-timeline")

    page.fill("#id_party", party.slug)  # the picker takes a typed slug (no script needed)
    page.locator("form.timeline-filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"party={party.slug}"))
    expected = selectors.timeline_entries(parties=[party])
    assert 0 < len(expected) < everything
    shown = min(len(expected), TIMELINE_PAGE_SIZE)
    assert page.locator("p.list-summary").inner_text().startswith(f"{len(expected)} entr")
    assert page.locator("ol.timeline > li").count() == shown
    assert page.locator("svg circle").count() == shown
    screenshot(page, "05-timeline-party")


def test_terms_matrix_and_change_the_date(page, live_server, bundled_data, screenshot):
    page.goto(live_server.url + reverse("portal:terms_matrix"))
    today = datetime.date.today()
    assert f"{today.day} {today:%B %Y}" in page.locator("h2").first.inner_text()
    screenshot(page, "06-terms-matrix")

    page.fill("#id_on", "2024-01-01")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"on=2024-01-01"))
    assert "1 January 2024" in page.locator("h2").first.inner_text()
    documents = selectors.terms_matrix_documents().count()
    rows = min(documents, TermsMatrixView.paginate_by)  # the first page of documents
    assert page.locator("table.matrix tbody tr").count() == rows
    screenshot(page, "07-terms-matrix-2024")


def test_compare_two_accused_parties(page, live_server, bundled_data, screenshot):
    keys = [key for key, _ in selectors.comparison_choices() if "/" in key][:2]
    assert len(keys) == 2
    # The first key as a record page links to it (ticked), the second typed in the picker.
    page.goto(live_server.url + reverse("portal:compare") + f"?key={keys[0]}")
    assert page.locator(f'input[name="key"][value="{keys[0]}"]').is_checked()
    page.fill("#id_key_new", keys[1])
    page.locator("form.compare-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"key="))
    rows = selectors.comparison_rows(keys)
    header = page.locator("table.compare thead").inner_text()
    for row in rows:
        assert row.accused.party.display_name in header
    # One bar per row in each figure's panel; a figure no row states gets no panel.
    panels = figures_chart(rows)
    assert page.locator("figure.chart svg rect").count() == sum(len(p.bars) for p in panels)
    screenshot(page, "08-compare")
