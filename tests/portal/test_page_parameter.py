"""Kind: every paged portal page, in every format, checks ``page`` in one place.

``/timeline/?page=1&page=2`` answered 200 with the second page (the last value won),
as did the lists, search and the terms matrix, though a repeated single-value
parameter is a 400 everywhere else; ``/timeline/?format=atom&page=0`` answered 200.
Found by a fresh-clone tryout (issue #12).
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from casebook.portal.parameters import NO_SUCH_PAGE
from casebook.records.filters.repeats import NOT_REPEATABLE
from casebook.records.registry import RECORD_TYPES
from tests.factories import SourceFactory, TermsDocumentFactory

pytestmark = pytest.mark.django_db

#: Not whole numbers from 1, including those int() cannot read: 5,000 digits (int() refuses
#: more than 4,300) and digits that str.isdigit() accepts (superscript, Arabic-Indic).
BAD_PAGES = ["0", "-3", "two", "1.5", "9" * 5000, "²", "٣", " 3"]


@pytest.fixture
def paged_urls() -> dict[str, str]:
    """The URL of each paged portal page, by URL name (detail pages of a public record)."""
    urls = {name: reverse(name) for name in (t.list_url_name for t in RECORD_TYPES)}
    urls |= {
        name: reverse(name)
        for name in ("portal:timeline", "portal:terms_matrix", "portal:accused_party_list")
    }
    urls["portal:search"] = reverse("portal:search") + "?q=distillation"
    urls["portal:source_detail"] = SourceFactory().get_absolute_url()
    urls["portal:terms_detail"] = TermsDocumentFactory().get_absolute_url()
    return urls


def paged_url_names() -> set[str]:
    """Every portal URL name whose view is paged (has ``paginate_by``)."""
    names = set()
    for pattern in get_resolver("casebook.portal.urls").url_patterns:
        view = (
            getattr(pattern.callback, "view_class", None)
            if isinstance(pattern, URLPattern)
            else None
        )
        if view is not None and getattr(view, "paginate_by", None):
            names.add(f"portal:{pattern.name}")
    return names


def with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


def test_every_paged_page_is_tried(paged_urls):
    assert set(paged_urls) == paged_url_names()


def test_a_repeated_page_is_a_400_naming_it(client, paged_urls):
    for name, url in paged_urls.items():
        response = client.get(with_query(url, "page=1&page=2"))
        assert response.status_code == 400, name
        content = response.content.decode()
        assert "<code>page</code>" in content and NOT_REPEATABLE in content, name


def test_a_page_no_page_could_have_is_a_400_in_every_format(client, paged_urls):
    formats = ["", "format=csv", "format=atom"]
    for name, url in paged_urls.items():
        for page in BAD_PAGES:
            for download in formats:
                query = "&".join(filter(None, [download, f"page={page}"]))
                response = client.get(with_query(url, query))
                # A page without that format refuses it; either way never a 200 or 500.
                assert response.status_code == 400, (name, query, response.status_code)
                assert "<code>" in response.content.decode(), (name, query)


def test_the_first_page_given_once_is_served(client, paged_urls):
    for name, url in paged_urls.items():
        response = client.get(with_query(url, "page=1"))
        assert response.status_code == 200, name


def test_a_page_past_the_last_says_so_in_the_same_words_everywhere(client, paged_urls):
    """The timeline, the terms matrix and search had words of their own for it."""
    for name, url in paged_urls.items():
        for page in ("2", "99999", "9" * 18):
            response = client.get(with_query(url, f"page={page}"))
            assert response.status_code == 400, (name, page)
            assert response.context["errors"] == [("page", [NO_SUCH_PAGE])], (name, page)
