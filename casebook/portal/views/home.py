"""The home page and the methodology page."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from casebook.portal.recordtypes import recent_public_records
from casebook.records import selectors
from casebook.records.models import AccusedParty, Allegation, Case, EditorialStatus, Settlement
from casebook.records.registry import RECORD_TYPES_BY_RANK


class HomeView(TemplateView):
    """What Casebook covers, its key numbers, the latest changes and the way in."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = [
            (record_type, record_type.public().count()) for record_type in RECORD_TYPES_BY_RANK
        ]
        context["largest_accused"] = (
            AccusedParty.objects.public()
            .filter(exchanges__isnull=False)
            .select_related("party", "allegation__accuser")
            .order_by("-exchanges", "id")[:5]
        )
        context["largest_settlements"] = (
            Settlement.objects.public()
            .filter(amount__isnull=False)
            .select_related("case")
            .order_by("-amount", "slug")[:3]
        )
        context["recent"] = recent_public_records(8)
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
