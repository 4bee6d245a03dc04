"""Each page runs the same number of queries for ten times the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.portal.sitemaps import SITEMAPS
from tests.portal.conftest import build_world, page_urls

pytestmark = pytest.mark.django_db


def query_counts(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # warm the per-process caches (content types) first
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_page_queries_do_not_grow_with_the_data(client):
    first = build_world(0)
    urls = [
        *page_urls(first),
        reverse("portal:feed"),
        reverse("portal:sitemap"),
        *(reverse("portal:sitemap_section", args=[key]) for key in SITEMAPS),
        *(
            reverse(f"portal:{t}_list") + "?format=csv"
            for t in ("party", "allegation", "case", "settlement", "guidance", "event")
        ),
    ]
    small = query_counts(client, urls)
    for n in range(1, 10):
        build_world(n)
    large = query_counts(client, urls)
    assert large == small
    # Far fewer queries than records: nothing is fetched per record.
    assert max(large.values()) < 30
