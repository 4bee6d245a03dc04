"""The 400 page's "start again without them" drops the bad parameters and keeps the rest.

It linked to the bare path, so ``/search/?q=distillation&page=999`` offered ``/search/``
and the reader lost the search (found by a fresh-clone tryout).
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import (
    ClauseCategoryFactory,
    EventFactory,
    PartyFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db


def start_again_link(response) -> str:
    match = re.search(r'<a href="([^"]*)">start again without them</a>', response.content.decode())
    assert match, response.content.decode()[:500]
    return unescape(match.group(1))


@pytest.mark.parametrize(
    ("url", "bad", "kept"),
    [
        ("/search/?q=distillation&page=999", {"page"}, {"q": ["distillation"]}),
        ("/timeline/?party={party}&page=0", {"page"}, {"party": ["{party}"]}),
        (
            "/timeline/?page=1&page=2&record_type=event&record_type=case",
            {"page"},
            {"record_type": ["event", "case"]},
        ),
        ("/events/?date_from=2025-13-01&party={party}", {"date_from"}, {"party": ["{party}"]}),
        ("/events/?kind=nonsense", {"kind"}, {}),
    ],
)
def test_the_link_keeps_the_good_parameters(client, url, bad, kept):
    party = PartyFactory()
    EventFactory().parties.add(party)
    url = url.format(party=party.slug)
    kept = {name: [v.format(party=party.slug) for v in values] for name, values in kept.items()}

    response = client.get(url)
    assert response.status_code == 400
    link = start_again_link(response)

    parts = urlsplit(link)
    assert parts.path == urlsplit(url).path
    assert parse_qs(parts.query) == kept
    assert not bad & set(parse_qs(parts.query))
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/compare/terms/history/?category=no-competing-models",
        "/compare/terms/history/?vendor={vendor}",
    ],
)
def test_a_missing_required_parameter_links_to_the_page_without_any(client, url):
    """Dropping the parameters named (absent ones) gave the same address, and the same
    400, again (found by a fresh-clone tryout): the link is the bare page instead."""
    vendor = TermsDocumentFactory().vendor
    ClauseCategoryFactory(slug="no-competing-models")
    response = client.get(url.format(vendor=vendor.slug))
    assert response.status_code == 400
    assert start_again_link(response) == "/compare/terms/history/"
    assert client.get(start_again_link(response)).status_code == 200
