"""Every link a record page offers leads somewhere that answers 200.

A fresh-user tryout found two links of our own that answered 400: "Compare with
other allegations" (one key, where the compare page wanted two) and "History of
this clause" for an accuser with no public terms document.
"""

import re

import pytest
from django.urls import reverse

from tests.factories import AllegationFactory, ClauseFactory, PartyFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#]*)"')


def same_site_links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in HREF.findall(html) if "/static/" not in link]


@pytest.fixture
def allegations():
    vendor = PartyFactory(slug="vendor-with-terms")
    ClauseFactory(version__document__vendor=vendor)
    return [
        AllegationFactory(slug="accuser-has-terms", accuser=vendor),
        AllegationFactory(slug="accuser-without-terms", accuser=PartyFactory()),
        AllegationFactory(slug="another"),
    ]


@pytest.mark.parametrize("slug", ["accuser-has-terms", "accuser-without-terms", "another"])
def test_every_link_on_an_allegation_page_answers_200(client, allegations, slug):
    page = client.get(reverse("portal:allegation_detail", kwargs={"slug": slug}))
    assert page.status_code == 200
    links = same_site_links(page.content.decode())
    assert any(link.startswith(reverse("portal:compare")) for link in links)
    for link in links:
        if link.startswith("/admin/"):
            continue
        assert client.get(link).status_code == 200, link


def test_compare_with_one_allegation_ticks_it_and_asks_for_more(client, allegations):
    page = client.get(reverse("portal:compare") + "?key=another")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tick one to three more" in html
    assert re.search(r'value="another"[^>]*checked', html)
