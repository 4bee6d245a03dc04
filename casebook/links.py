"""Record URLs built from a template made once, instead of ``reverse()`` on every link.

One events page holds about 300 links (each event's own two, its parties', its
record's and its sources'), and ``reverse()`` with ``build_absolute_uri()`` cost
more than a third of the page's serialisation (issue #12 item 6). Every record URL
is a fixed prefix, the slug and a fixed suffix, so :func:`slug_url` reverses each
URL name once per URLconf and script prefix (with a placeholder slug), makes the
prefix absolute once per request, and then only joins strings.

The answer is the one ``request.build_absolute_uri(reverse(name, kwargs={"slug":
slug}))`` gives, byte for byte: slugs that the URL patterns accept
(:data:`SLUG`) are never quoted by either, and anything else (or a template that
does not split cleanly) goes through ``reverse()`` itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.encoding import iri_to_uri

#: What the record URL patterns accept as a slug (the ``slug`` converter, and the
#: API's ``lookup_value_regex``): characters that no URL function quotes.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
#: A slug that cannot otherwise appear in a record URL.
PLACEHOLDER = "casebook-slug-placeholder-0"
#: Attribute of the request where its absolute prefixes are kept.
REQUEST_CACHE = "_casebook_slug_urls"

#: (resolver, script prefix, URL name) -> (path prefix, path suffix), or None when
#: the URL does not split around its slug (then ``reverse()`` answers every time).
_templates: dict[tuple, tuple[str, str] | None] = {}


def _template(url_name: str) -> tuple[str, str] | None:
    key = (get_resolver(get_urlconf()), get_script_prefix(), url_name)
    try:
        return _templates[key]
    except KeyError:
        pass
    template = _split(reverse(url_name, kwargs={"slug": PLACEHOLDER}))
    _templates[key] = template
    return template


def _split(path: str) -> tuple[str, str] | None:
    """A path reversed with :data:`PLACEHOLDER` as (text before, text after) it, or None
    when it does not split cleanly into a path prefix and a suffix."""
    parts = path.split(PLACEHOLDER)
    if len(parts) == 2 and parts[0].startswith("/") and not parts[0].startswith("//"):
        return parts[0], parts[1]
    return None


def _request_cache(request) -> dict:
    """Absolute URL ends kept on the request: its URLconf and script prefix do not change
    while it is answered, and looking them up (thread-locals) costs as much as the join."""
    cache = request.__dict__.get(REQUEST_CACHE)
    if cache is None:
        cache = request.__dict__[REQUEST_CACHE] = {}
    return cache


def slug_path(url_name: str, slug: str) -> str:
    """``reverse(url_name, kwargs={"slug": slug})``."""
    template = _template(url_name) if SLUG.fullmatch(slug) else None
    if template is None:
        return reverse(url_name, kwargs={"slug": slug})
    return template[0] + slug + template[1]


def slug_url(request, url_name: str, slug: str) -> str:
    """``request.build_absolute_uri(reverse(url_name, kwargs={"slug": slug}))``, or the
    path alone without a request."""
    if request is None:
        return slug_path(url_name, slug)
    cache = _request_cache(request)
    try:
        ends = cache[url_name]
    except KeyError:
        ends = cache[url_name] = _absolute_ends(request, url_name)
    if ends is None or not SLUG.fullmatch(slug):
        return request.build_absolute_uri(reverse(url_name, kwargs={"slug": slug}))
    return ends[0] + slug + ends[1]


def _absolute_ends(request, url_name: str) -> tuple[str, str] | None:
    """The absolute URL's text before and after the slug, or None when it has none."""
    return _absolute(request, _template(url_name))


def _absolute(request, template: tuple[str, str] | None) -> tuple[str, str] | None:
    """A path's (prefix, suffix) made absolute, or None when it cannot be joined safely."""
    if template is None or "/./" in template[0] or "/../" in template[0]:
        return None
    return request.build_absolute_uri(template[0]), iri_to_uri(template[1])


def keyed_url(request, url_name: str, key_name: str, key: str, **others: str) -> str:
    """``request.build_absolute_uri(reverse(url_name, kwargs={**others, key_name: key}))``.

    For URLs with several keys whose last one varies most (a clause's category within
    its version: ten clauses, one version): ``reverse()`` runs once per request for
    each value of ``others``, with a placeholder for ``key``, and then each URL is a
    join. ``key`` must be a slug the pattern accepts (:data:`SLUG`); anything else, or
    no request, goes through ``reverse()`` itself. Raises ``NoReverseMatch`` as
    ``reverse()`` does.
    """
    kwargs = {**others, key_name: key}
    if request is None:
        return reverse(url_name, kwargs=kwargs)
    if not SLUG.fullmatch(key):
        return request.build_absolute_uri(reverse(url_name, kwargs=kwargs))
    cache = _request_cache(request)
    cache_key = (url_name, key_name, tuple(sorted(others.items())))
    try:
        ends = cache[cache_key]
    except KeyError:
        template = _split(reverse(url_name, kwargs={**others, key_name: PLACEHOLDER}))
        ends = cache[cache_key] = _absolute(request, template)
    if ends is None:
        return request.build_absolute_uri(reverse(url_name, kwargs=kwargs))
    return ends[0] + key + ends[1]


def remembered_path(url_name: str, **kwargs: str) -> str:
    """``reverse(url_name, kwargs=kwargs)``, remembered (up to 4,096 paths) for URLs
    whose every key varies, so no template join applies: a terms version's page, by
    document and date key (250 a page of the terms matrix, a few dozen distinct).
    Kept per URLconf and script prefix, as the templates are; raises
    ``NoReverseMatch`` as ``reverse()`` does (and remembers nothing then)."""
    resolver, prefix = get_resolver(get_urlconf()), get_script_prefix()
    return _reversed(resolver, prefix, url_name, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=4096)
def _reversed(resolver, prefix: str, url_name: str, kwargs: tuple[tuple[str, str], ...]) -> str:
    return reverse(url_name, kwargs=dict(kwargs))
