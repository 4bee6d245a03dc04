"""The home page and the methodology page."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casebook.records import selectors
from casebook.records.models import AccusedParty, Allegation, Case, EditorialStatus


class HomeView(TemplateView):
    """What Casebook covers, its key numbers, the latest changes and the way in."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.home_counts()
        context["largest_accused"] = selectors.home_largest_accused(5)
        context["largest_settlements"] = selectors.home_largest_settlements(3)
        context["recent"] = selectors.recent_public_records(8)
        return context


class MethodologyView(TemplateView):
    """How records are sourced and what each status means."""

    template_name = "portal/methodology.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            editorial_statuses=EditorialStatus.choices,
            allegation_statuses=Allegation.Status.choices,
            case_statuses=Case.Status.choices,
            responses=AccusedParty.Response.choices,
            clause_statuses=selectors.ClauseStatus.choices,
        )
        return context
