"""Record URLs from templates (casebook.links) are what reverse() would give."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from casebook.links import keyed_url, remembered_path, slug_path, slug_url
from casebook.records.models import RECORD_MODELS

NAMES = ["api:event-detail", "api:party-detail", "portal:event_detail", "portal:source_detail"]


def reversed_url(request, name: str, slug: str) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"slug": slug}))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", ["a", "event-2025_06-x", "UPPER-case-9"])
def test_a_slug_url_is_the_reversed_one(name, slug):
    request = RequestFactory().get("/api/v1/events/", HTTP_HOST="testserver")
    assert slug_url(request, name, slug) == reversed_url(request, name, slug)
    assert slug_url(request, name, slug) == reversed_url(request, name, slug)  # cached
    assert slug_path(name, slug) == reverse(name, kwargs={"slug": slug})
    assert slug_url(None, name, slug) == reverse(name, kwargs={"slug": slug})


def test_the_script_prefix_and_the_host_count(settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    set_script_prefix("/casebook/")
    try:
        request = RequestFactory().get("/", HTTP_HOST="other.example:8443", secure=True)
        url = slug_url(request, "api:event-detail", "e-1")
        assert url == reversed_url(request, "api:event-detail", "e-1")
        assert url == "https://other.example:8443/casebook/api/v1/events/e-1/"
    finally:
        clear_script_prefix()
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert slug_url(request, "api:event-detail", "e-1") == "http://testserver/api/v1/events/e-1/"


def test_a_slug_the_patterns_refuse_fails_as_reverse_does():
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    with pytest.raises(NoReverseMatch):
        slug_url(request, "api:event-detail", "déjà vu")
    with pytest.raises(NoReverseMatch):
        slug_path("api:event-detail", "a/b")


CLAUSE = "api:clause-detail"
SLUGS = st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True)
DATE_KEYS = st.one_of(
    st.just("undated"),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.datetimes().map(
        lambda t: (
            f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}-{t.minute:02d}-{t.second:02d}Z"
        )
    ),
)


def reversed_clause_url(request, document: str, date: str, category: str) -> str:
    kwargs = {"document": document, "date": date, "category": category}
    return request.build_absolute_uri(reverse(CLAUSE, kwargs=kwargs))


@given(document=SLUGS, date=DATE_KEYS, categories=st.lists(SLUGS, min_size=1, max_size=4))
def test_a_keyed_url_is_the_reversed_one(document, date, categories):
    request = RequestFactory().get("/api/v1/clauses/", HTTP_HOST="testserver")
    for category in categories:  # the first reverses, the others join
        url = keyed_url(request, CLAUSE, "category", category, document=document, date=date)
        assert url == reversed_clause_url(request, document, date, category)
    kwargs = {"document": document, "date": date, "category": categories[0]}
    assert keyed_url(None, CLAUSE, "category", categories[0], document=document, date=date) == (
        reverse(CLAUSE, kwargs=kwargs)
    )


def test_a_keyed_url_counts_the_script_prefix_and_the_host(settings):
    settings.ALLOWED_HOSTS = ["other.example"]
    set_script_prefix("/casebook/")
    try:
        request = RequestFactory().get("/", HTTP_HOST="other.example:8443", secure=True)
        url = keyed_url(request, CLAUSE, "category", "c-1", document="d", date="2024-01-31")
        assert url == "https://other.example:8443/casebook/api/v1/clauses/d/2024-01-31/c-1/"
    finally:
        clear_script_prefix()


def test_a_key_the_pattern_refuses_fails_as_reverse_does():
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    with pytest.raises(NoReverseMatch):
        keyed_url(request, CLAUSE, "category", "déjà vu", document="d", date="undated")
    with pytest.raises(NoReverseMatch):
        keyed_url(request, CLAUSE, "category", "c", document="d", date="not-a-date")


@given(slug=st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True) | st.text(max_size=20))
def test_a_records_portal_url_is_the_reversed_one(slug):
    """``get_absolute_url`` joins a template (``slug_path``) for every record type, and
    fails as ``reverse()`` does for a slug the patterns refuse."""
    for model in RECORD_MODELS:
        record = model(slug=slug)
        try:
            expected = reverse(model.portal_url_name, kwargs={"slug": slug})
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                record.get_absolute_url()
        else:
            assert record.get_absolute_url() == expected


#: A terms version's date key as its URL patterns take it, and text they refuse.
DATE_KEYS = st.dates().map(str) | st.just("undated") | st.text(max_size=12)


@given(document=st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True), date=DATE_KEYS)
def test_a_remembered_path_is_the_reversed_one_under_any_prefix(document, date):
    """Asked twice under each script prefix, it is ``reverse()``'s answer (or its error)."""
    for name, kwargs in [
        ("portal:terms_version", {"slug": document, "key": date}),
        ("api:terms-version-detail", {"document": document, "date": date}),
    ]:
        for prefix in ("/", "/casebook/"):
            set_script_prefix(prefix)
            try:
                try:
                    expected = reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    with pytest.raises(NoReverseMatch):
                        remembered_path(name, **kwargs)
                    continue
                assert remembered_path(name, **kwargs) == expected
                assert remembered_path(name, **kwargs) == expected
            finally:
                clear_script_prefix()
