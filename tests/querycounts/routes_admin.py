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
#: (SQLite, small world -> large world) and why. The change pages run queries per inline
#: row: each row's form reads its latest revision (``loaded_revision``, the stale-edit
#: check) and each autocomplete widget its selected rows; fixing that means changing the
#: forms, not adding a prefetch.
_PER_INLINE_ROW = "queries per inline row (loaded_revision, autocomplete widgets)"
GROWS: dict[str, str] = {
    "admin:records_party_change": f"9 -> 36 {_PER_INLINE_ROW}",
    "admin:records_allegation_change": f"25 -> 133 {_PER_INLINE_ROW}",
    "admin:records_case_change": f"22 -> 76 {_PER_INLINE_ROW}",
    "admin:records_guidance_change": f"16 -> 52 {_PER_INLINE_ROW}",
    "admin:records_termsdocument_change": f"16 -> 34 {_PER_INLINE_ROW}",
    "admin:records_event_change": f"14 -> 41 {_PER_INLINE_ROW}",
}
#: Routes whose count grows with the page size: id -> measured counts.
GROWS_WITH_PAGE: dict[str, str] = {}
