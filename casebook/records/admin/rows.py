"""The admins of rows that belong to a record, each edited under its record's rules."""

from __future__ import annotations

from django.contrib import admin

from casebook.records.admin.base import ChildRowAdmin, RankedSearchMixin
from casebook.records.admin.inlines import ClauseInline
from casebook.records.models import AccusedParty, CaseParty, Citation, Clause, Holding, TermsVersion


@admin.register(Citation)
class CitationAdmin(ChildRowAdmin):
    list_display = ("source", "pinpoint", "content_type", "object_id", "verification")
    list_filter = ("verification", "content_type")
    search_fields = ("source__title", "pinpoint", "quote", "supports")
    autocomplete_fields = ("source",)


@admin.register(TermsVersion)
class TermsVersionAdmin(RankedSearchMixin, ChildRowAdmin):
    ranked_fields = ("label", "document__title")
    list_display = ("document", "label", "effective_from", "retrieved_on")
    list_filter = ("document__vendor", "effective_from_precision")
    search_fields = ("document__title", "document__vendor__name", "label", "notes")
    autocomplete_fields = ("document", "reviewed_categories")
    inlines = [ClauseInline]
    actions = ["suggest_clauses"]

    @admin.action(description="Suggest clauses (match rules) and carry confirmations over")
    def suggest_clauses(self, request, queryset):
        from casebook.records.clauses.admin import suggest_clauses

        return suggest_clauses(self, request, queryset)


@admin.register(Clause)
class ClauseAdmin(RankedSearchMixin, ChildRowAdmin):
    ranked_fields = ("section",)
    list_display = ("version", "category", "section", "verification")
    list_filter = ("category", "verification", "version__document__vendor")
    search_fields = ("text", "section", "version__document__title", "category__name")
    autocomplete_fields = ("version", "category")
    readonly_fields = ("carried_over_from",)


@admin.register(AccusedParty)
class AccusedPartyAdmin(ChildRowAdmin):
    list_display = ("party", "allegation", "exchanges", "response")
    list_filter = ("response", "figures_basis", "capabilities", "techniques")
    search_fields = ("party__name", "allegation__title", "conduct", "response_summary")
    autocomplete_fields = (
        "allegation",
        "party",
        "capabilities",
        "techniques",
        "response_source",
        "figures_source",
    )


@admin.register(CaseParty)
class CasePartyAdmin(ChildRowAdmin):
    list_display = ("party", "case", "role")
    list_filter = ("role",)
    search_fields = ("party__name", "case__name", "notes")
    autocomplete_fields = ("case", "party")


@admin.register(Holding)
class HoldingAdmin(ChildRowAdmin):
    list_display = ("proposition", "guidance", "pinpoint")
    list_filter = ("guidance__document_type", "guidance__issuer")
    search_fields = ("proposition", "quote", "guidance__title")
    autocomplete_fields = ("guidance",)
