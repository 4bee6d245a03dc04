"""Rows edited on their record's page.

Citations, accused parties, case parties, holdings, terms versions, clauses and events.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError

from casebook.records.admin.base import InlineBase
from casebook.records.models import (
    AccusedParty,
    CaseParty,
    Citation,
    Clause,
    EditorialStatus,
    Event,
    Holding,
    TermsVersion,
)
from casebook.records.services import cited_sources_problems


class CitationFormSet(BaseGenericInlineFormSet):
    """A record's citations; a published record's must keep a published source.

    Changing the source of its only published citation, or deleting that citation,
    is refused with the rule's words before anything is saved (the page keeps what
    was typed). Publishing checks the same rule (``record_publication_problems``).
    A save that leaves the citations as they were is not refused: it makes nothing
    worse, and an edit elsewhere on the page must not be held hostage.
    """

    def clean(self):
        super().clean()
        if self.instance.pk is None or self.instance.editorial_status != EditorialStatus.PUBLISHED:
            return
        if not self.has_changed():
            return
        kept = [
            form.cleaned_data["source"]
            for form in self.forms
            if form.cleaned_data.get("source") is not None
            and not (self.can_delete and self._should_delete_form(form))
        ]
        problems = cited_sources_problems(kept)
        if problems:
            raise ValidationError(["A published record must keep a published source.", *problems])


class CitationInline(InlineBase, GenericTabularInline):
    """The sources cited for a record, with pinpoint and quote."""

    model = Citation
    formset = CitationFormSet
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
