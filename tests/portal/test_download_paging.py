"""Kind: a list's downloads refuse a ``page`` no page could have, as the list does.

``/allegations/?page=two`` is a 400 naming ``page``, but with ``format=csv`` (or
``atom``) the same value was ignored: the download holds every match and so no
page, yet a wrong value is refused rather than silently dropped, as in the API.
"""

import pytest
from django.urls import reverse

from casebook.records.registry import RECORD_TYPES

pytestmark = pytest.mark.django_db

BAD_PAGES = ["0", "-1", "two", "1.5", "²"]
LISTS = [t.list_url_name for t in RECORD_TYPES] + ["portal:accused_party_list"]
#: (list, download): every list has a CSV; the record lists an Atom feed too.
DOWNLOADS = [(name, "csv") for name in LISTS] + [(t.list_url_name, "atom") for t in RECORD_TYPES]


@pytest.mark.parametrize(("url_name", "download"), DOWNLOADS)
def test_a_download_refuses_a_page_no_page_could_have(client, url_name, download):
    for page in BAD_PAGES:
        response = client.get(reverse(url_name), {"format": download, "page": page})
        assert response.status_code == 400, (url_name, download, page)
        assert "<code>page</code>" in response.content.decode(), (url_name, download, page)


@pytest.mark.parametrize("url_name", LISTS)
def test_a_download_takes_a_page_that_could_be(client, url_name):
    response = client.get(reverse(url_name), {"format": "csv", "page": "1"})
    assert response.status_code in (200, 302), url_name
