"""The timeline in Chromium at 1,280 and 375 px: no sideways scroll, a chart that reads on both."""

import calendar
import collections

import pytest
from django.urls import reverse

from casebook.records import selectors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def busiest_month() -> dict[str, str]:
    """The filter of the month with the most public entries in the loaded data."""
    months = collections.Counter((e.date.year, e.date.month) for e in selectors.timeline_entries())
    (year, month), _ = months.most_common(1)[0]
    last = calendar.monthrange(year, month)[1]
    return {"date_from": f"{year}-{month:02d}-01", "date_to": f"{year}-{month:02d}-{last:02d}"}


def no_sideways_scroll(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the timeline is {scroll_width}px wide on a {width}px screen"


def check_wide(page) -> None:
    assert page.locator("svg.chart-wide").is_visible()
    assert not page.locator("svg.chart-tall").is_visible()
    points = page.locator("svg.chart-wide a.point-link")
    assert points.count() == page.locator("ol.timeline > li").count() > 0
    first = points.first
    first.focus()
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == first.get_attribute("aria-label")
    headline = page.locator("ol.timeline > li a").first.inner_text()
    assert focused.endswith(headline)
    box = page.locator("svg.chart-wide").bounding_box()
    assert box["height"] > 120


def check_tall(page, width: int) -> None:
    assert not page.locator("svg.chart-wide").is_visible()
    tall = page.locator("svg.chart-tall")
    assert tall.is_visible()
    rows = page.locator("svg.chart-tall text.tall-label")
    box = tall.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["height"] >= 18 * rows.count()
    for i in range(rows.count()):
        label = rows.nth(i).bounding_box()
        assert label["x"] >= 0 and label["height"] >= 10  # readable, not shrunk away
    for link in page.locator("ol.timeline > li a").all()[:20]:
        link_box = link.bounding_box()
        assert link.is_visible() and link_box["x"] + link_box["width"] <= width


def test_the_timeline_reads_at_both_widths(page, phone, live_server, bundled_data, screenshot):
    month = busiest_month()
    base = live_server.url + reverse("portal:timeline")
    query = f"?date_from={month['date_from']}&date_to={month['date_to']}"
    for name, url in (("all", base), ("filtered", base + query)):
        page.goto(url)
        no_sideways_scroll(page, 1280)
        check_wide(page)
        unit = page.locator("figure.timeline-chart").get_attribute("data-unit")
        assert unit in (("day", "week") if name == "filtered" else ("month", "year"))
        screenshot(page, f"timeline-{name}-1280")

        phone.goto(url)
        no_sideways_scroll(phone, 375)
        check_tall(phone, 375)
        screenshot(phone, f"timeline-{name}-375")
