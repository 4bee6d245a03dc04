"""Admin pages of clause finding: match rules, and suggested clauses to confirm or reject.

A suggestion's page shows the passage and its heading, editable, and a
*Decision*: confirm (makes a clause quoting the text as it stands in the form,
checked word for word against the version), or reject. Confirming follows the
document's editorial status like any change to its clauses.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from casebook.records.admin import VersionedFormMixin
from casebook.records.clauses.services import (
    suggestion_confirm,
    suggestion_reject,
    versions_process,
)
from casebook.records.models import Clause, ClauseMatchRule, ClauseSuggestion, Verification
from casebook.records.services import record_can_edit

CONFIRM, REJECT = "confirm", "reject"


@admin.register(ClauseMatchRule)
class ClauseMatchRuleAdmin(VersionedFormMixin, SimpleHistoryAdmin):
    """Phrases and regular expressions that find candidate clauses, per category."""

    list_display = ("pattern", "category", "kind", "active")
    list_filter = ("category", "kind", "active")
    search_fields = ("pattern", "notes", "category__name")
    autocomplete_fields = ("category",)


class SuggestionForm(forms.ModelForm):
    """A suggestion as an analyst reviews it: the text may be edited before confirming."""

    decision = forms.ChoiceField(
        choices=[("", "Decide later"), (CONFIRM, "Confirm as a clause"), (REJECT, "Reject")],
        required=False,
        help_text="Confirm makes a clause of this category quoting the text above (it must "
        "occur word for word in the version; only whitespace may differ). Reject marks it "
        "as not a clause of the category.",
    )

    class Meta:
        model = ClauseSuggestion
        fields = ("section", "text")
        help_texts = {"text": "Trim the passage to the clause if needed; keep its exact words."}

    def clean(self):
        cleaned = super().clean()
        edited = [name for name in ("section", "text") if name in self.changed_data]
        if edited and cleaned.get("decision") != CONFIRM:
            # The suggestion keeps the passage as found: an edit would be dropped, so say so
            # and keep it in the form rather than report a save that lost it.
            raise ValidationError(
                "Edits to the section or text are kept only in a confirmed clause: choose "
                "“Confirm as a clause”, or undo the edit."
            )
        if cleaned.get("decision") == CONFIRM and not self.errors:
            clause = Clause(
                version=self.instance.version,
                category=self.instance.category,
                section=cleaned.get("section", ""),
                text=cleaned.get("text", ""),
                verification=Verification.PRIMARY,
            )
            try:
                clause.full_clean()
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    field_name = name if name in ("text", "section") else NON_FIELD_ERRORS
                    for error in errors:
                        self.add_error(
                            None if field_name == NON_FIELD_ERRORS else field_name, error
                        )
        return cleaned

    def _post_clean(self):
        # The suggestion keeps the passage as found; edits go to the clause only.
        pass


@admin.register(ClauseSuggestion)
class ClauseSuggestionAdmin(admin.ModelAdmin):
    """Suggested clauses awaiting an analyst; confirmed or rejected ones are read only."""

    form = SuggestionForm
    #: Suggestions keep no revisions: Django's own history page (the admin log), not the
    #: records app's revision comparison.
    object_history_template = "admin/object_history.html"
    list_display = ("short_text", "category", "version", "section", "status")
    list_filter = ("status", "category", "version__document__vendor")
    search_fields = ("text", "section", "version__document__title")
    readonly_fields = ("version", "category", "rule", "status", "clause", "decided_by")
    fields = ("version", "category", "rule", "status", "section", "text", "decision", "clause")
    list_select_related = ("version__document__vendor", "category")
    actions = ["reject_selected"]

    @admin.display(description="Passage")
    def short_text(self, obj: ClauseSuggestion) -> str:
        return obj.text if len(obj.text) <= 120 else obj.text[:119] + "…"

    def has_add_permission(self, request):
        return False  # suggestions are made by the rules, never by hand

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.status == ClauseSuggestion.Status.PENDING and record_can_edit(
            record=obj.version.document, user=request.user
        )

    def get_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return [f for f in self.fields if f != "decision"]
        return self.fields

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        stored = ClauseSuggestion.objects.get(pk=obj.pk)
        if decision == CONFIRM:
            suggestion_confirm(
                suggestion=stored,
                user=request.user,
                text=form.cleaned_data["text"],
                section=form.cleaned_data["section"],
            )
        elif decision == REJECT:
            suggestion_reject(suggestion=stored, user=request.user)

    def save_related(self, request, form, formsets, change):
        pass

    def log_change(self, request, obj, message):
        return None

    @admin.action(description="Reject selected suggested clauses")
    def reject_selected(self, request, queryset):
        done = 0
        for suggestion in queryset.pending().select_related("version__document"):
            if not record_can_edit(record=suggestion.version.document, user=request.user):
                raise PermissionDenied
            suggestion_reject(suggestion=suggestion, user=request.user)
            done += 1
        messages.success(request, f"{done} suggestion(s) rejected.")


@admin.action(description="Suggest clauses (match rules) and carry confirmations over")
def suggest_clauses(modeladmin, request, queryset):
    """Admin action on terms versions: run the match rules and carry-over on them."""
    report = versions_process(versions=queryset.exclude(full_text="").select_related("document"))
    messages.success(request, f"Clauses: {report.summary()}.")
