"""A party filter in a real browser: type part of a name, pick the suggestion, see the list."""

import re

import pytest
from django.urls import reverse

from casebook.records.models import AccusedParty, Allegation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pick_an_accused_party_by_part_of_its_name(page, live_server, bundled_data, screenshot):
    row = AccusedParty.objects.public().select_related("party").order_by("party__name").first()
    assert row is not None, "the bundled dataset has public accused parties"
    party = row.party
    expected = Allegation.objects.public().filter(accused__party=party).distinct().count()
    everything = Allegation.objects.public().count()
    assert 0 < expected < everything

    page.goto(live_server.url + reverse("portal:allegation_list"))
    page.locator("details.filters summary").click()
    field = page.locator("#id_accused")
    field.press_sequentially(party.name[:4].lower(), delay=50)
    suggestion = page.locator(f'.picker-suggestions button[data-slug="{party.slug}"]')
    suggestion.wait_for(state="visible", timeout=10_000)
    screenshot(page, "20-party-picker-suggestions")
    suggestion.click()
    assert field.input_value() == party.slug

    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"\?accused={party.slug}$"))
    summary = page.locator("p.list-summary").inner_text()
    assert summary.startswith(f"{expected} record")
    # The choice shows by name, ticked, and can be unticked to remove it.
    chosen = page.locator('.picker-chosen input[name="accused"]')
    assert chosen.count() == 1
    assert chosen.is_checked()
    assert party.name in page.locator(".picker-chosen").inner_text()
    screenshot(page, "21-party-picker-filtered")
