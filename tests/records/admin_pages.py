"""Helpers for admin tests: open a change page, submit its form as rendered, read errors."""

from __future__ import annotations

from django.urls import reverse

CITATIONS = "records-citation-content_type-object_id"


def admin_url(model_or_obj, view: str, *args) -> str:
    """The admin URL of ``view`` ("change", "add", "changelist", ...) for a model or row."""
    opts = model_or_obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_url(obj) -> str:
    return admin_url(obj, "change", obj.pk)


def change_form(app, obj, user=None):
    """The change form of ``obj`` as the admin renders it (a webtest ``Form``)."""
    page = app.get(change_url(obj), user=user) if user else app.get(change_url(obj))
    return page.forms[f"{obj._meta.model_name}_form"]


def page_errors(response) -> list[str]:
    """The texts of every error list on an admin page (empty when there is none)."""
    return [" ".join(node.get_text(" ").split()) for node in response.html.select(".errorlist")]


def assert_saved(response) -> None:
    """The admin accepted the form (it redirects after a save)."""
    assert response.status_code == 302, page_errors(response)


def workflow_form(page, action: str):
    """The workflow button's form ("submit", "publish", "send-back", "retract") on a page."""
    for form in page.forms.values():
        if form.action.endswith(f"/workflow/{action}/"):
            return form
    raise AssertionError(f"the page shows no {action!r} button")


def has_workflow_form(page, action: str) -> bool:
    return any(form.action.endswith(f"/workflow/{action}/") for form in page.forms.values())
