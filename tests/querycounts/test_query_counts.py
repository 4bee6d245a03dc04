"""Every page, endpoint and admin changelist runs as many queries for ten times the data,
and every paged list as many at a page size of two as at its default.

Issue #12 item 4. The routes are listed in routes_portal.py, routes_api.py and
routes_admin.py (test_coverage.py checks that they are all the routes there
are); both worlds are built once for the module (``measured``). A route whose
count grows and cannot be fixed locally is a strict xfail with its counts, in
the ``GROWS`` tables of its routes module.
"""

import pytest

from tests.querycounts import routes_admin, routes_api, routes_portal
from tests.querycounts.measure import measured_fixture, route_params

# The mark makes pytest-django create the test database; the counts themselves are
# measured once, in a transaction of their own that is rolled back.
pytestmark = pytest.mark.django_db

MODULES = (routes_portal, routes_api, routes_admin)
ROUTES = [route for module in MODULES for route in module.ROUTES]
GROWS = {route_id: why for module in MODULES for route_id, why in module.GROWS.items()}
GROWS_WITH_PAGE = {
    route_id: why for module in MODULES for route_id, why in module.GROWS_WITH_PAGE.items()
}

measured = measured_fixture(ROUTES)


def test_route_ids_are_unique():
    assert len({route.id for route in ROUTES}) == len(ROUTES)


@pytest.mark.parametrize("route_id", route_params(ROUTES, GROWS))
def test_same_queries_for_ten_times_the_data(measured, route_id):
    counts = measured[route_id]
    assert counts.same_for_more_data(), counts


@pytest.mark.parametrize("route_id", route_params(ROUTES, GROWS_WITH_PAGE, paged=True))
def test_same_queries_at_a_small_page_size(measured, route_id):
    counts = measured[route_id]
    assert counts.same_for_smaller_pages(), counts
