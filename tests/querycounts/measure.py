"""Measuring routes: the queries one request runs, at two data sizes and two page sizes.

The ``routes_*`` modules list the ``Route``s; test_query_counts.py builds the
two worlds once (a module-scoped fixture, :func:`measured_fixture`): the small
world, every route measured; the large world, every route measured again, and
the paged ones once more at a page size of two. The tests then only compare
numbers, one test per route and size, so a route whose count grows can be
marked on its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from unittest import mock
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from rest_framework.authtoken.models import Token

from tests.factories import SuperUserFactory
from tests.portal.conftest import World
from tests.querycounts.worlds import world_grow, world_small

#: The small page size a paged route is measured at, against its default.
SMALL_PAGE = 2

#: Sets a page size for one request: (url, size) -> (url to get, context to get it in).
Pager = Callable[[str, int], tuple[str, AbstractContextManager]]


def page_size_parameter(url: str, size: int) -> tuple[str, AbstractContextManager]:
    """API lists: ``page_size=<size>`` in the query string."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}{urlencode({'page_size': size})}", contextlib.nullcontext()


def paginate_by(url: str, size: int) -> tuple[str, AbstractContextManager]:
    """Portal lists: the view's ``paginate_by`` (the portal takes no page size in the URL)."""
    view = resolve(urlsplit(url).path).func.view_class
    return url, mock.patch.object(view, "paginate_by", size)


@dataclass(frozen=True)
class Route:
    """One measured request: the URL name it must resolve to, and how to build its URL.

    ``label`` tells apart several requests to one route (a filter, a format).
    ``paged`` sets a smaller page size for the route's paged lists. ``before``
    runs just before the measured request (to make a cached answer be built
    again). ``token``: the request carries a staff member's API token; ``staff``:
    it is made signed in as a staff member (the admin).
    ``bounded``: the route runs one query per kind of row its page shows (the
    timeline), so a page showing fewer kinds runs fewer; its counts must never
    exceed the small world's, where the page shows every kind.
    """

    name: str
    url: Callable[[World], str]
    label: str = ""
    paged: Pager | None = None
    before: Callable[[], None] | None = None
    status: int = 200
    token: bool = False
    staff: bool = False
    bounded: bool = False

    @property
    def id(self) -> str:
        """The route's test id: its URL name, and its label when it has one."""
        return f"{self.name}[{self.label}]" if self.label else self.name


@dataclass(frozen=True)
class Counts:
    """The queries of one route: small world, large world, large world at small pages."""

    small: int
    large: int
    large_small_pages: int | None
    bounded: bool = False

    def same_for_more_data(self) -> bool:
        """The large world runs as many queries as the small one (no more, if bounded)."""
        return self.large <= self.small if self.bounded else self.large == self.small

    def same_for_smaller_pages(self) -> bool:
        """Small pages run as many queries as the default (no more than the small world,
        if bounded)."""
        if self.bounded:
            return self.large_small_pages <= self.small
        return self.large_small_pages == self.large


def route_queries(
    clients: dict[bool, Client], route: Route, world: World, headers: dict, size=None, *, warm=False
) -> int:
    """The queries of one request to ``route`` (``warm``: after one warm-up request).

    ``clients``: an anonymous client (``False``) and a staff member's (``True``).
    """
    client = clients[route.staff]
    url = route.url(world)
    context: AbstractContextManager = contextlib.nullcontext()
    if size is not None:
        url, context = route.paged(url, size)
    assert resolve(urlsplit(url).path).view_name == route.name, url
    extra = headers if route.token else {}
    with context:
        cache.clear()  # throttle counts: every request here is a first one
        if warm:  # per-process caches (content types, permissions): filled once is enough
            client.get(url, **extra)
            cache.clear()
        if route.before is not None:
            route.before()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **extra)
            if response.streaming:
                b"".join(response.streaming_content)
    assert response.status_code == route.status, (url, response.status_code)
    return len(queries)


def routes_measured(routes: list[Route], *, dump_dir: str) -> dict:
    """``Counts`` of every route, by id; the worlds are built here and rolled back."""
    with override_settings(CASEBOOK_DUMP_DIR=dump_dir), transaction.atomic():
        staff = SuperUserFactory(username="querycounts-staff")
        headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=staff).key}"}
        clients = {False: Client(), True: Client()}
        clients[True].force_login(staff)
        world = world_small()
        small = {r.id: route_queries(clients, r, world, headers, warm=True) for r in routes}
        world_grow(world)
        large = {r.id: route_queries(clients, r, world, headers) for r in routes}
        paged = {
            r.id: route_queries(clients, r, world, headers, SMALL_PAGE) for r in routes if r.paged
        }
        transaction.set_rollback(True)
    cache.clear()
    return {r.id: Counts(small[r.id], large[r.id], paged.get(r.id), r.bounded) for r in routes}


def measured_fixture(routes: list[Route]):
    """A module-scoped fixture: the ``Counts`` of ``routes``, measured once per module."""

    @pytest.fixture(scope="module")
    def measured(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict]:
        """``Counts`` by route id; built dumps go to a temporary folder."""
        with django_db_blocker.unblock():
            yield routes_measured(
                routes,
                dump_dir=str(tmp_path_factory.mktemp("dumps")),
            )

    return measured


def grows(route_id: str, reason: str):
    """A ``pytest.param`` for a route whose count is known to grow: a strict xfail."""
    return pytest.param(route_id, id=route_id, marks=pytest.mark.xfail(strict=True, reason=reason))


def route_params(routes: list[Route], known: dict[str, str], *, paged: bool = False) -> list:
    """Test parameters, one per route id; those in ``known`` (id -> reason) are strict xfails."""
    return [
        grows(r.id, known[r.id]) if r.id in known else pytest.param(r.id, id=r.id)
        for r in routes
        if r.paged or not paged
    ]
