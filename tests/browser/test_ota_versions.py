"""A reader in Chromium follows an imported terms version: from the document to the version,
to its clause in the text, and back to the previous version's changes."""

import pytest

from tests.ota_world import CLAUSE, ota_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_document_to_version_to_clause_in_the_text(page, live_server, tmp_path, screenshot):
    world = ota_world(tmp_path)
    page.goto(live_server.url + world.document.get_absolute_url())
    page.locator("section.version h3 a").first.click()
    page.wait_for_url("**/versions/2025-01-08T00-32-49Z/")
    assert "Effective date: not stated" in page.locator("dl.facts").inner_text()
    credit = page.locator("p.attribution")
    assert "Recorded by Open Terms Archive contributors, ODC-BY 1.0" in credit.inner_text()
    assert credit.locator("a").nth(1).get_attribute("href") == world.versions[2].ota_permalink

    page.get_by_role("link", name="in the text").click()
    page.wait_for_url("**#clause-no-competing-models")
    mark = page.locator("mark#clause-no-competing-models")
    assert mark.inner_text() == CLAUSE
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    screenshot(page, "ota-version-clause")

    page.get_by_role("link", name="← previous version").click()
    page.wait_for_url("**/versions/2024-05-02T09-00-00Z/")
    assert "or resell" in page.locator("p.document-diff ins").all_inner_texts()[0]
    # The recorded text's line breaks survive in the diff (it is not run into one paragraph).
    assert "January 31, 2024\n\n## Use\n\nDo not" in page.locator("p.document-diff").inner_text()
    screenshot(page, "ota-version-diff")
