"""The admins of the publishable records, with the editorial workflow buttons."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from casebook.records.admin.base import (
    HTTPS_URL_FIELDS,
    WORKFLOW_FIELDS,
    FollowsRecordMixin,
    RankedSearchMixin,
    VersionedFormMixin,
    revise_owning_record,
    saves_nothing,
)
from casebook.records.admin.inlines import (
    AccusedPartyInline,
    CasePartyInline,
    CitationInline,
    HoldingInline,
    TermsVersionInline,
    event_inline,
)
from casebook.records.models import (
    Allegation,
    Case,
    EditorialStatus,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
    Source,
    TermsDocument,
)
from casebook.records.services import (
    WorkflowError,
    record_can_delete,
    record_can_edit,
    record_can_publish,
    record_mark_staff_change,
    record_publication_problems,
    record_publish,
    record_retract,
    record_send_back,
    record_submit_for_review,
)


class RecordAdmin(VersionedFormMixin, FollowsRecordMixin, SimpleHistoryAdmin):
    """Admin of a publishable record: workflow buttons, history diff, citations inline."""

    formfield_overrides = HTTPS_URL_FIELDS
    change_form_template = "admin/records/record_change_form.html"
    object_history_template = "admin/records/object_history.html"
    readonly_fields = (*WORKFLOW_FIELDS, "created_at", "updated_at", "changed_on")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [CitationInline]
    list_filter = ("editorial_status",)

    def has_add_permission(self, request, obj=None):
        return SimpleHistoryAdmin.has_add_permission(self, request)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or record_can_delete(record=obj))

    def has_change_history_permission(self, request, obj=None):
        """Reverting to an earlier revision is an editor's call."""
        return self.has_change_permission(request, obj) and (
            obj is None or record_can_publish(record=obj, user=request.user)
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if request.method == "POST" and not self.has_change_history_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        if change and any(formset.has_changed() for formset in formsets):
            revise_owning_record(request, form.instance)
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.model, PublishableModel):
            # An inline row that is itself a record (an event) is edited by staff too.
            for row in formset.forms:
                if row.has_changed():
                    record_mark_staff_change(row.instance)
        super().save_formset(request, form, formset, change)

    def save_model(self, request, obj, form, change):
        if change:
            # A revert restores an old revision's fields, never its editorial status.
            current = type(obj).objects.filter(pk=obj.pk).values(*WORKFLOW_FIELDS).get()
            for name, value in current.items():
                setattr(obj, name, value)
            if saves_nothing(obj, form):
                return
        record_mark_staff_change(obj)  # a staff edit: its own time is now the last change
        super().save_model(request, obj, form, change)
        # This save is the record's new revision; its inline rows join it.
        request.__dict__.setdefault("_casebook_revised", set()).add((type(obj), obj.pk))

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{prefix}_workflow",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{prefix}_compare",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None:
            user = request.user
            status = obj.editorial_status
            can_publish = record_can_publish(record=obj, user=user)
            context["workflow"] = {
                "status": obj.get_editorial_status_display(),
                "review_note": obj.review_note,
                "retraction_note": obj.retraction_note,
                "can_submit": status == EditorialStatus.DRAFT
                and record_can_edit(record=obj, user=user),
                "can_review": status == EditorialStatus.IN_REVIEW and can_publish,
                "can_retract": status == EditorialStatus.PUBLISHED and can_publish,
                "problems": record_publication_problems(obj)
                if status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW)
                else [],
                "preview_url": obj.get_absolute_url(),
            }
        return super().change_view(request, object_id, form_url, context)

    WORKFLOW_ACTIONS = {
        "submit": lambda record, user, text: record_submit_for_review(record=record, user=user),
        "publish": lambda record, user, text: record_publish(record=record, user=user),
        "send-back": lambda record, user, text: record_send_back(
            record=record, user=user, comment=text
        ),
        "retract": lambda record, user, text: record_retract(record=record, user=user, note=text),
    }

    @staticmethod
    def _workflow_done_message(record: PublishableModel) -> str:
        return f"“{record}” is now {record.get_editorial_status_display().lower()}."

    def workflow_view(self, request, object_id, action):
        """POST target of the workflow buttons: one step of the editorial workflow."""
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        step = self.WORKFLOW_ACTIONS.get(action)
        if step is None:
            raise Http404("No such workflow step.")
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404("No such record.")
        if not self.has_view_permission(request, record):
            raise PermissionDenied
        try:
            step(record, request.user, request.POST.get("text", ""))
        except WorkflowError as refusal:
            messages.error(request, "Not done. " + " ".join(refusal.problems))
        else:
            messages.success(request, self._workflow_done_message(record))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        )

    def compare_view(self, request, object_id):
        """A readable diff between any two revisions of a record."""
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404("No such record.")
        if not self.has_view_history_or_change_history_permission(request, record):
            raise PermissionDenied
        revisions = list(record.history.select_related("history_user").order_by("-history_id"))
        by_id = {str(r.history_id): r for r in revisions}
        newer = by_id.get(request.GET.get("new", ""), revisions[0] if revisions else None)
        default_old = revisions[1] if len(revisions) > 1 else None
        older = by_id.get(request.GET.get("old", ""), default_old)
        changes = []
        if older is not None and newer is not None:
            delta = newer.diff_against(older, foreign_keys_are_objs=True)
            changes = [
                {
                    "field": record._meta.get_field(change.field).verbose_name,
                    "old": change.old,
                    "new": change.new,
                }
                for change in delta.changes
            ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions of “{record}”",
            "opts": self.opts,
            "original": record,
            "revisions": revisions,
            "older": older,
            "newer": newer,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/records/history_compare.html", context)


@admin.register(Party)
class PartyAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("name", "short_name")
    list_display = ("name", "short_name", "kind", "country", "editorial_status")
    list_filter = ("editorial_status", "kind", "country")
    search_fields = ("name", "short_name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title", "publisher")
    list_display = ("title", "publisher", "kind", "published_on", "editorial_status")
    list_filter = ("editorial_status", "kind", "published_on_precision")
    search_fields = ("title", "publisher", "author", "url", "slug")
    inlines = []  # a source is what others cite


@admin.register(TermsDocument)
class TermsDocumentAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title",)
    list_display = ("title", "vendor", "kind", "editorial_status")
    list_filter = ("editorial_status", "kind", "vendor")
    search_fields = ("title", "slug", "vendor__name", "url", "ota_service", "ota_terms_type")
    autocomplete_fields = ("vendor",)
    inlines = [TermsVersionInline, event_inline("terms_document"), CitationInline]


@admin.register(Allegation)
class AllegationAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title",)
    list_display = ("title", "accuser", "made_on", "status", "editorial_status")
    list_filter = ("editorial_status", "status", "venue", "legal_theories", "topics")
    search_fields = ("title", "slug", "summary", "accuser__name", "accused__party__name")
    autocomplete_fields = (
        "accuser",
        "legal_theories",
        "topics",
        "breached_clause",
        "figures_source",
    )
    inlines = [AccusedPartyInline, event_inline("allegation"), CitationInline]


@admin.register(Case)
class CaseAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("name", "docket_number")
    list_display = ("name", "court", "docket_number", "status", "editorial_status")
    list_filter = ("editorial_status", "status", "court")
    search_fields = ("name", "slug", "docket_number", "court__name")
    autocomplete_fields = ("court", "topics", "allegations")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CasePartyInline, event_inline("case"), CitationInline]


@admin.register(Settlement)
class SettlementAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title",)
    list_display = ("title", "case", "amount", "currency", "announced_on", "editorial_status")
    list_filter = ("editorial_status", "currency")
    search_fields = ("title", "slug", "case__name", "class_definition")
    autocomplete_fields = ("case", "topics")
    inlines = [event_inline("settlement"), CitationInline]


@admin.register(Guidance)
class GuidanceAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title", "formal_citation")
    list_display = ("title", "issuer", "document_type", "issued_on", "editorial_status")
    list_filter = ("editorial_status", "document_type", "issuer")
    search_fields = ("title", "slug", "formal_citation", "issuer__name", "summary")
    autocomplete_fields = ("issuer", "case", "superseded_by", "topics")
    inlines = [HoldingInline, event_inline("guidance"), CitationInline]


@admin.register(Event)
class EventAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("headline",)
    list_display = ("headline", "date", "kind", "editorial_status")
    list_filter = ("editorial_status", "kind", "date_precision")
    search_fields = ("headline", "slug", "description")
    autocomplete_fields = ("parties", "topics", *Event.RECORD_FIELDS)
    prepopulated_fields = {"slug": ("headline",)}
