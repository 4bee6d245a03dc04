"""The admins of rows that belong to a record, each edited under its record's rules."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from casebook.records.admin.base import ChildRowAdmin, RankedSearchMixin
from casebook.records.admin.inlines import ClauseInline
from casebook.records.clauses.services import clause_mark_category_reviewed
from casebook.records.forms import VersionedModelForm
from casebook.records.models import (
    AccusedParty,
    CaseParty,
    Citation,
    Clause,
    EditorialStatus,
    Holding,
    TermsVersion,
)
from casebook.records.services import cited_sources_problems


def problems_without(citation: Citation, replacement=None) -> list[str]:
    """Why ``citation``'s record, if published, could not lose it (or have its source
    replaced by ``replacement``): the rule's words, empty when it may."""
    if citation.pk is None:
        return []
    stored = Citation.objects.select_related("content_type").get(pk=citation.pk)
    record = stored.record
    if record is None or record.editorial_status != EditorialStatus.PUBLISHED:
        return []
    others = [c.source for c in record.citations.exclude(pk=citation.pk).select_related("source")]
    problems = cited_sources_problems([*others, *([replacement] if replacement else [])])
    if problems:
        return [f"“{record}” is published and must keep a published source.", *problems]
    return []


class CitationForm(VersionedModelForm):
    """A citation on its own page: moving it off a published record, or changing its
    source, must leave that record a published source."""

    def clean(self):
        cleaned = super().clean()
        stored = Citation.objects.filter(pk=self.instance.pk).first()
        same_record = stored is not None and (
            cleaned.get("content_type") == stored.content_type
            and cleaned.get("object_id") == stored.object_id
        )
        if same_record and cleaned.get("source") == stored.source:
            return cleaned  # a pinpoint or quote edit: the record's sources are unchanged
        replacement = cleaned.get("source") if same_record else None
        problems = problems_without(self.instance, replacement) if stored else []
        if problems:
            raise ValidationError(problems)
        return cleaned


@admin.register(Citation)
class CitationAdmin(ChildRowAdmin):
    form = CitationForm
    list_display = ("source", "pinpoint", "content_type", "object_id", "verification")
    list_filter = ("verification", "content_type")
    search_fields = ("source__title", "pinpoint", "quote", "supports")
    autocomplete_fields = ("source",)

    def get_actions(self, request):
        # Deleted one at a time (below) or on the record's page, where the rule is checked.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, object_id)
        problems = problems_without(citation) if citation is not None else []
        if problems:
            self.message_user(request, " ".join(problems), messages.ERROR)
            return redirect("admin:records_citation_change", citation.pk)
        return super().delete_view(request, object_id, extra_context)


@admin.register(TermsVersion)
class TermsVersionAdmin(RankedSearchMixin, ChildRowAdmin):
    ranked_fields = ("label", "document__title")
    list_display = ("document", "label", "effective_from", "retrieved_on")
    list_filter = ("document__vendor", "effective_from_precision")
    search_fields = ("document__title", "document__vendor__name", "label", "notes")
    autocomplete_fields = ("document", "reviewed_categories")
    inlines = [ClauseInline]
    actions = ["suggest_clauses"]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Clause:
            for clause in [*formset.new_objects, *(c for c, _ in formset.changed_objects)]:
                clause_mark_category_reviewed(clause)

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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.pk is not None:
            clause_mark_category_reviewed(obj)


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
