"""Record URLs from templates (casebook.api.links) are what reverse() would give."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from casebook.api.links import slug_path, slug_url

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
