"""Rows edited on their record's page.

Citations, accused parties, case parties, holdings, terms versions, clauses and events.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from casebook.records.admin.base import InlineBase
from casebook.records.models import (
    AccusedParty,
    CaseParty,
    Citation,
    Clause,
    Event,
    Holding,
    TermsVersion,
)


class CitationInline(InlineBase, GenericTabularInline):
    """The sources cited for a record, with pinpoint and quote."""

    model = Citation
    fields = ("source", "pinpoint", "quote", "supports", "verification")
    autocomplete_fields = ("source",)
    row_select_related = ("source",)


class AccusedPartyInline(InlineBase, admin.StackedInline):
    model = AccusedParty
    fk_name = "allegation"
    autocomplete_fields = (
        "party",
        "capabilities",
        "techniques",
        "response_source",
        "figures_source",
    )
    row_select_related = ("party", "allegation", "response_source", "figures_source")
    row_prefetch_related = ("capabilities", "techniques")


class CasePartyInline(InlineBase, admin.TabularInline):
    model = CaseParty
    autocomplete_fields = ("party",)
    row_select_related = ("party",)


class HoldingInline(InlineBase, admin.TabularInline):
    model = Holding


class TermsVersionInline(InlineBase, admin.TabularInline):
    """A document's versions; each version's own page holds its clauses."""

    model = TermsVersion
    fields = ("label", "effective_from", "effective_from_precision", "retrieved_on")
    show_change_link = True
    row_select_related = ("document",)


class ClauseInline(InlineBase, admin.StackedInline):
    model = Clause
    autocomplete_fields = ("category",)
    readonly_fields = ("carried_over_from",)
    row_select_related = (
        "version__document",
        "category",
        "carried_over_from__version__document",
        "carried_over_from__category",
    )


def event_inline(record_field: str) -> type[admin.TabularInline]:
    """The events that belong to a record, through the event's ``record_field``."""
    return type(
        f"EventInlineFor{record_field.title()}",
        (InlineBase, admin.TabularInline),
        {
            "model": Event,
            "fk_name": record_field,
            "fields": ("slug", "date", "date_precision", "kind", "headline"),
            "show_change_link": True,
        },
    )
