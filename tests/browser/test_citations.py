"""A reader cites a record and follows a topic, in a real browser."""

import re

import pytest
from django.urls import reverse

from tests.portal.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cited_permalink_holds_still_and_leads_to_the_current_version(
    page, live_server, screenshot
):
    world = build_world()
    allegation = world.allegation
    page.goto(live_server.url + allegation.get_absolute_url())
    permalink = page.locator(".cite-permalink a")
    href = permalink.get_attribute("href")
    assert re.search(rf"{allegation.get_absolute_url()}rev/\d+/$", href)
    assert href in page.locator("#cite-text").input_value()
    assert href in page.locator("#cite-bibtex").input_value()

    allegation.title = "A retitled allegation"
    allegation.save()

    permalink.click()
    page.wait_for_url(href)
    assert page.locator("h1").inner_text() == "0 Allegation of distillation"
    banner = page.locator(".revision-banner")
    assert "the record has changed since" in banner.inner_text()
    screenshot(page, "cite-revision-changed")
    banner.get_by_role("link", name="see the current version").click()
    page.wait_for_url(f"**{allegation.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "A retitled allegation"


def test_a_reader_follows_a_filtered_timeline_as_a_feed(page, live_server):
    world = build_world()
    page.goto(live_server.url + reverse("portal:timeline") + f"?party={world.accused.slug}")
    announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    hrefs = [announced.nth(i).get_attribute("href") for i in range(announced.count())]
    assert f"?party={world.accused.slug}&format=atom" in hrefs
    link = page.locator("a.feed-link")
    assert link.is_visible()
    response = page.request.get(
        live_server.url + reverse("portal:timeline") + link.get_attribute("href")
    )
    assert response.status == 200
    assert world.allegation.get_absolute_url() in response.text()
