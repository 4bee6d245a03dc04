"""The staff page of recent changes across all records."""

from __future__ import annotations

from heapq import merge
from itertools import islice

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from casebook.records.admin.base import OWNING_RECORD
from casebook.records.admin.recent_revisions import (
    changed_links,
    named_instances,
    previous_revisions,
)
from casebook.records.forms import describe_changes
from casebook.records.models import (
    RECORD_MODELS,
    Capability,
    ClauseCategory,
    LegalTheory,
    Technique,
    Topic,
)
from casebook.wholenumbers import parse_whole_number

#: Models whose changes the recent-changes page lists, by the name its filter uses.
TRACKED_MODELS = {
    model._meta.model_name: model
    for model in (
        *RECORD_MODELS,
        *OWNING_RECORD,
        Capability,
        Technique,
        LegalTheory,
        ClauseCategory,
        Topic,
    )
}


RECENT_CHANGES_LIMIT = 200


def change_rows(changes: list) -> list[dict]:
    """The page's rows for ``changes``: the entry, its record, its type, link and summary.

    What each row reads (the previous entry, the saved links, the record's name)
    is read for all rows at once (:mod:`recent_revisions`).
    """
    previous = previous_revisions(changes)
    pairs = [
        (previous[(type(c), c.history_id)], c)
        for c in changes
        if (type(c), c.history_id) in previous
    ]
    links = changed_links(pairs)
    rows = []
    for change, instance in zip(changes, named_instances(changes), strict=True):
        opts = change.instance_type._meta
        key = (type(change), change.history_id)
        rows.append(
            {
                "change": change,
                "record": instance,
                "type": opts.verbose_name,
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk]
                )
                if change.history_type != "-"
                else "",
                "summary": describe_changes(previous[key], change, links[key])
                if key in previous
                else "",
            }
        )
    return rows


def recent_changes_view(request: HttpRequest) -> HttpResponse:
    """Every saved change across all records, newest first, filterable by user and type."""
    if not request.user.is_active or not request.user.is_staff:
        raise PermissionDenied
    record_type = request.GET.get("type", "")
    user_id = request.GET.get("user", "")
    shown_models = {
        name: model
        for name, model in TRACKED_MODELS.items()
        if (not record_type or name == record_type)
        and request.user.has_perm(f"{model._meta.app_label}.view_{name}")
    }
    streams = []
    for model in shown_models.values():
        history = model.history.select_related("history_user").order_by("-history_date")
        if (user := parse_whole_number(user_id)) is not None:
            history = history.filter(history_user_id=user)
        streams.append(history[:RECENT_CHANGES_LIMIT])
    changes = list(
        islice(merge(*streams, key=lambda h: h.history_date, reverse=True), RECENT_CHANGES_LIMIT)
    )
    context = {
        **admin.site.each_context(request),
        "title": "Recent changes",
        "rows": change_rows(changes),
        "record_types": sorted(
            ((name, model._meta.verbose_name) for name, model in TRACKED_MODELS.items()),
            key=lambda pair: str(pair[1]),
        ),
        "users": get_user_model().objects.filter(is_staff=True).order_by("username"),
        "selected_type": record_type,
        "selected_user": user_id,
    }
    return TemplateResponse(request, "admin/records/recent_changes.html", context)
