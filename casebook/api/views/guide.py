"""The portal page that documents the API."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casebook.api.pagination import MAX_PAGE_SIZE, PAGE_SIZE


class GuidePageView(TemplateView):
    """The portal's "API for journalists" page: what the API answers, with curl examples."""

    template_name = "api/guide.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        # Absolute URLs, so the curl examples can be pasted as they are.
        context["origin"] = self.request.build_absolute_uri("/").rstrip("/")
        context["page_size"] = PAGE_SIZE
        context["max_page_size"] = MAX_PAGE_SIZE
        return context
