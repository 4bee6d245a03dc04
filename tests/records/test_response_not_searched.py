"""An accused row says "none found" only where a search was made.

``not_searched`` ("No response recorded; not searched") is the default and the
value of every bundled row the facts record no search for; it shows as such in the
admin (posted as rendered), on the portal, in the API and its named schema enum.
"""

import pytest
from django.urls import reverse

from casebook.records.models import AccusedParty
from tests.bundled import load_bundled
from tests.factories import AccusedPartyFactory, SourceFactory
from tests.records.admin_pages import assert_saved, change_form

pytestmark = pytest.mark.django_db

LABEL = "No response recorded; not searched"

#: Accused rows for which the facts file records no search for a response.
NOT_SEARCHED = {
    ("musk-2026-02-anthropic-training-data", "anthropic"),
    ("openai-2025-01-deepseek-ft", "deepseek"),
}


def test_the_bundled_rows_say_none_found_only_where_a_search_is_cited():
    load_bundled()
    rows = AccusedParty.objects.select_related("allegation", "party")
    by_response = {}
    for row in rows:
        by_response.setdefault(row.response, set()).add((row.allegation.slug, row.party.slug))
        if row.response == AccusedParty.Response.NONE_FOUND:
            assert row.response_source is not None and row.response_as_of is not None, row

    assert by_response[AccusedParty.Response.NOT_SEARCHED] == NOT_SEARCHED
    assert {party for _, party in by_response[AccusedParty.Response.NONE_FOUND]} == {
        "deepseek",
        "moonshot-ai",
        "minimax",
    }


def test_a_row_with_nothing_recorded_is_not_searched():
    assert AccusedPartyFactory().response == AccusedParty.Response.NOT_SEARCHED


def test_the_portal_and_the_api_say_not_searched(client):
    row = AccusedPartyFactory()

    page = client.get(row.allegation.get_absolute_url()).content.decode()
    listing = client.get(reverse("portal:accused_party_list")).content.decode()
    api = client.get(f"/api/v1/allegations/{row.allegation.slug}/").json()

    assert LABEL in page and LABEL in listing
    assert "No response found" not in page
    assert [accused["response"] for accused in api["accused"]] == ["not_searched"]


def test_the_schema_names_the_response_enum(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    enum = schema["components"]["schemas"]["AccusedPartyResponseEnum"]

    assert {"not_searched", "none_found"} <= set(enum["enum"])


def test_the_admin_page_offers_and_saves_not_searched(admin_app):
    source = SourceFactory()
    row = AccusedPartyFactory(response=AccusedParty.Response.NONE_FOUND, response_source=source)
    form = change_form(admin_app, row)
    options = [value for value, _, _ in form["response"].options]
    assert "not_searched" in options

    form["response"] = "not_searched"
    assert_saved(form.submit())

    row.refresh_from_db()
    assert row.response == AccusedParty.Response.NOT_SEARCHED


def test_the_methodology_page_explains_both_values(client):
    content = client.get(reverse("portal:methodology")).content.decode()

    assert f"<strong>{LABEL}</strong>" in content
    assert "no search for a response is on record" in content
