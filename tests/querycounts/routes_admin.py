"""The admin routes measured: every registered model's changelist (also at a small page
size), the main record types' change pages, the index and the recent changes."""

from unittest import mock
from urllib.parse import urlsplit

from django.contrib import admin
from django.urls import resolve, reverse

from casebook.records.registry import RECORD_TYPES
from tests.querycounts.measure import Route
from tests.querycounts.worlds import world_record


def list_per_page(url: str, size: int):
    """Admin changelists: the model admin's ``list_per_page``."""
    model_admin = resolve(urlsplit(url).path).func.model_admin
    return url, mock.patch.object(model_admin, "list_per_page", size)


def admin_url_name(model, view: str) -> str:
    """The admin's URL name of one of a model's views (``changelist``, ``change``)."""
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def _changelists() -> list[Route]:
    names = [admin_url_name(model, "changelist") for model in admin.site._registry]
    return [
        Route(name, lambda w, n=name: reverse(n), paged=list_per_page, staff=True)
        for name in sorted(names)
    ]


def _change_pages() -> list[Route]:
    return [
        Route(
            admin_url_name(t.model, "change"),
            lambda w, t=t: reverse(
                admin_url_name(t.model, "change"), args=[world_record(w, t.name).pk]
            ),
            staff=True,
        )
        for t in RECORD_TYPES
    ]


ROUTES = [
    Route("admin:index", lambda w: reverse("admin:index"), staff=True),
    Route("staff:recent_changes", lambda w: reverse("staff:recent_changes"), staff=True),
    *_changelists(),
    *_change_pages(),
]

#: Routes whose count grows with the data, not fixable locally: id -> measured counts
#: (SQLite, small world -> large world) and why. None: the change pages load their
#: inline rows' revision ids, related rows and autocomplete labels in fixed queries
#: (casebook/records/admin/base.py ``InlineBase``).
GROWS: dict[str, str] = {}
#: Routes whose count grows with the page size: id -> measured counts.
GROWS_WITH_PAGE: dict[str, str] = {}
