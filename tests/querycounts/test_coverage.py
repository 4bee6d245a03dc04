"""Every route is measured by the query-count tests, or excluded here with its reason.

Walks the URL resolvers: a new page, endpoint or registered model admin fails
this test until a ``Route`` measures it (tests/querycounts/routes_portal.py,
routes_api.py, routes_admin.py) or an entry below says why it cannot be.
"""

from django.contrib import admin
from django.urls import URLResolver, get_resolver

from casebook.portal.sitemaps import SITEMAPS
from casebook.records.registry import RECORD_TYPES
from tests.querycounts import routes_admin, routes_api, routes_portal

#: Routes measured nowhere, each with the reason.
EXCLUDED = {
    # A redirect to a static file: it reads no data.
    "favicon": "redirect to a static file",
    # The admin's own pages that show no records.
    "admin:login": "sign-in form, no records",
    "admin:logout": "POST-only sign-out",
    "admin:password_change": "password form, no records",
    "admin:password_change_done": "confirmation page, no records",
    "admin:jsi18n": "the admin's JavaScript translations, no records",
    "admin:view_on_site": "redirect to a record's public page (one lookup)",
    "admin:app_list": "the index page of one app: the index (measured) for one app",
    # Django's autocomplete answers the select widgets of a form; it needs the form's
    # field in its parameters and pages its answers like a changelist (measured).
    "admin:autocomplete": "JSON for a form widget, paged as the changelists",
}

#: Admin views not measured, by the end of their URL name (``admin:<app>_<model>_<end>``).
EXCLUDED_ADMIN_VIEWS = {
    # A blank form for a new record: no record's rows to grow.
    "add": "form for a new record",
    # Django's deletion page lists every row a delete would take with it, by design.
    "delete": "lists every related row by design",
    # POST-only workflow steps (submit, publish, retract …): 405 to a GET.
    "workflow": "POST-only",
    # The record's revisions and a diff of two: item 4 asks for changelists and change
    # pages; these list a record's whole history.
    "history": "a record's whole history",
    "compare": "diff of two revisions of one record",
}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Every named route under ``resolver`` (the root one by default), with namespaces."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def measured_routes() -> list:
    """The ``Route``s of the three query-count modules."""
    return [*routes_portal.ROUTES, *routes_api.ROUTES, *routes_admin.ROUTES]


def admin_view_excluded(name: str) -> bool:
    """An admin view of a model left out by ``EXCLUDED_ADMIN_VIEWS`` (or a model's change
    page that is not a main record type's: item 4 asks for those only)."""
    end = name.rsplit("_", 1)[-1]
    return name.startswith("admin:") and (end in EXCLUDED_ADMIN_VIEWS or end == "change")


def test_every_route_is_measured_or_excluded_with_a_reason():
    measured = {route.name for route in measured_routes()}
    routes = url_names()

    unmeasured = routes - measured - set(EXCLUDED)
    assert sorted(name for name in unmeasured if not admin_view_excluded(name)) == []


def test_exclusions_name_routes_that_exist_and_are_not_measured():
    measured = {route.name for route in measured_routes()}

    assert set(EXCLUDED) <= url_names()
    assert set(EXCLUDED) & measured == set()


def test_every_changelist_and_every_main_change_page_is_measured():
    measured = {route.name for route in routes_admin.ROUTES}
    changelists = {
        routes_admin.admin_url_name(model, "changelist") for model in admin.site._registry
    }
    changes = {routes_admin.admin_url_name(t.model, "change") for t in RECORD_TYPES}

    assert changelists - measured == set()
    assert changes - measured == set()


def test_every_sitemap_section_is_measured():
    sections = {r.label for r in routes_portal.ROUTES if r.name == "portal:sitemap_section"}

    assert sections == set(SITEMAPS)


def test_every_record_type_has_its_pages_and_endpoints_measured():
    measured = {route.name for route in measured_routes()}
    for t in RECORD_TYPES:
        assert {
            f"portal:{t.name}_list",
            f"portal:{t.name}_detail",
            f"portal:{t.name}_detail_revision",
            f"api:{t.name}-detail",
            f"api:{t.name}-revisions",
            f"api:{t.name}-revision",
        } <= measured, t.name


def test_every_csv_list_is_measured():
    csv = {r.name for r in measured_routes() if r.label == "csv"}
    lists = {
        name
        for name in url_names()
        if name.startswith(("portal:", "api:")) and name.endswith(("-list", "_list"))
    }

    assert lists - csv == set()
