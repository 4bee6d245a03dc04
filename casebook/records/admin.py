"""The Django admin where staff analysts enter records and editors publish them.

- Every model is editable, with its history (django-simple-history).
- ``editorial_status`` is read-only in every form: status changes only through
  the workflow buttons on a record's page, which call
  :mod:`casebook.records.services`.
- Analysts change drafts and records in review; published and retracted
  records, their citations and their rows are changed only by editors.
  Published and retracted records cannot be deleted.
- Every form refuses a save made from a stale copy (see :mod:`casebook.records.forms`).
"""

from __future__ import annotations

from heapq import merge
from itertools import islice

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from casebook.records import models as m
from casebook.records.forms import VersionedModelForm, describe_changes
from casebook.records.services import (
    WorkflowError,
    record_can_delete,
    record_can_edit,
    record_can_publish,
    record_mark_staff_change,
    record_publication_problems,
    record_publish,
    record_retract,
    record_revise,
    record_send_back,
    record_submit_for_review,
)

admin.site.site_header = "Casebook administration"
admin.site.site_title = "Casebook administration"
admin.site.index_title = "Records, sources and vocabularies"

#: Links typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

#: Fields only the workflow writes; forms show them read-only.
WORKFLOW_FIELDS = (
    "editorial_status",
    "published_at",
    "review_note",
    "retraction_note",
    "retracted_at",
)

#: How to reach the record a child row belongs to (its permissions follow the record's).
OWNING_RECORD = {
    m.Citation: "record",
    m.TermsVersion: "document",
    m.Clause: "version.document",
    m.AccusedParty: "allegation",
    m.CaseParty: "case",
    m.Holding: "guidance",
}


def owning_record(obj) -> m.PublishableModel | None:
    """The publishable record ``obj`` is or belongs to (``None`` for vocabularies)."""
    if isinstance(obj, m.PublishableModel):
        return obj
    path_ = OWNING_RECORD.get(type(obj))
    if path_ is None:
        return None
    for attribute in path_.split("."):
        obj = getattr(obj, attribute, None)
    return obj


def saves_nothing(obj: models.Model, form) -> bool:
    """Whether saving ``obj`` from ``form`` would change nothing stored.

    Django's admin saves the main row even when no field changed; that would move
    ``updated_at`` and write a revision, so ``updated_since``, ETags, the feed and
    *Recent changes* would report an edit nobody made. A revert (history form) is a
    change although its form matches the old revision, hence the row comparison.
    """
    if form.has_changed():
        return False
    names = [f.attname for f in obj._meta.concrete_fields if not getattr(f, "auto_now", False)]
    stored = type(obj)._default_manager.filter(pk=obj.pk).values(*names).first()
    return stored is not None and all(getattr(obj, name) == stored[name] for name in names)


def revise_owning_record(request: HttpRequest, obj) -> None:
    """Open a new revision of the record ``obj`` belongs to, once per request, before its
    rows change: a cited revision (``rev/<n>/``) keeps the rows it had.

    Skipped when the record itself was saved in this request (that save is the
    new revision) or is not saved yet.
    """
    record = owning_record(obj)
    if record is None or record.pk is None:
        return
    revised = request.__dict__.setdefault("_casebook_revised", set())
    key = (type(record), record.pk)
    if key in revised:
        return
    revised.add(key)
    record_revise(record=record, user=request.user)


def may_edit(request: HttpRequest, obj) -> bool:
    """Whether the user may change ``obj`` given its record's editorial status."""
    record = owning_record(obj) if obj is not None else None
    return record is None or record_can_edit(record=record, user=request.user)


class FollowsRecordMixin:
    """Changes to a row (or an inline's rows) are allowed only while its record is editable."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit(request, obj)


class VersionedFormMixin:
    """Every form of this admin renders its hidden ``loaded_revision``.

    An admin (or inline) that lists its ``fields`` or ``fieldsets`` would otherwise
    leave the declared form field out of the page, and every save of an existing
    row would be refused as stale.
    """

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # A read-only page posts nothing: show no empty "Loaded revision" row.
            return [
                (
                    name,
                    {**options, "fields": [f for f in options["fields"] if f != "loaded_revision"]},
                )
                for name, options in fieldsets
            ]
        if "loaded_revision" in flatten_fieldsets(fieldsets):
            return fieldsets
        *rest, (name, options) = fieldsets
        options = {**options, "fields": [*options.get("fields", ()), "loaded_revision"]}
        return [*rest, (name, options)]


class RankedSearchMixin:
    """Search results (autocomplete above all) list exact matches first, then prefixes.

    Typing "OpenAI" offers the party named OpenAI before "Frontier Model Forum",
    whose description mentions OpenAI. ``ranked_fields`` are the names matched
    whole or by their beginning (case-insensitive), in order of importance.
    """

    ranked_fields: tuple[str, ...] = ("name",)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return queryset, may_have_duplicates
        exact, prefix = Q(), Q()
        for name in self.ranked_fields:
            exact |= Q(**{f"{name}__iexact": term})
            prefix |= Q(**{f"{name}__istartswith": term})
        rank = Case(
            When(exact, then=Value(0)),
            When(prefix, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        ordering = self.get_ordering(request) or self.model._meta.ordering or ()
        queryset = queryset.annotate(search_rank=rank).order_by("search_rank", *ordering, "pk")
        return queryset, may_have_duplicates


class ChildRowAdmin(VersionedFormMixin, FollowsRecordMixin, SimpleHistoryAdmin):
    """Admin of a row that belongs to a record: citation, version, clause, accused party ..."""

    formfield_overrides = HTTPS_URL_FIELDS

    def has_add_permission(self, request, obj=None):
        return SimpleHistoryAdmin.has_add_permission(self, request)

    def save_model(self, request, obj, form, change):
        # The add form cannot know the record beforehand; check it on the way in.
        if not may_edit(request, obj):
            raise PermissionDenied
        if change and saves_nothing(obj, form):
            return
        revise_owning_record(request, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if any(formset.has_changed() for formset in formsets):
            revise_owning_record(request, form.instance)
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        revise_owning_record(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            revise_owning_record(request, obj)
        super().delete_queryset(request, queryset)


class InlineBase(VersionedFormMixin, FollowsRecordMixin):
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0


# --------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------


class CitationInline(InlineBase, GenericTabularInline):
    """The sources cited for a record, with pinpoint and quote."""

    model = m.Citation
    fields = ("source", "pinpoint", "quote", "supports", "verification")
    autocomplete_fields = ("source",)


class AccusedPartyInline(InlineBase, admin.StackedInline):
    model = m.AccusedParty
    fk_name = "allegation"
    autocomplete_fields = (
        "party",
        "capabilities",
        "techniques",
        "response_source",
        "figures_source",
    )


class CasePartyInline(InlineBase, admin.TabularInline):
    model = m.CaseParty
    autocomplete_fields = ("party",)


class HoldingInline(InlineBase, admin.TabularInline):
    model = m.Holding


class TermsVersionInline(InlineBase, admin.TabularInline):
    """A document's versions; each version's own page holds its clauses."""

    model = m.TermsVersion
    fields = ("label", "effective_from", "effective_from_precision", "retrieved_on")
    show_change_link = True


class ClauseInline(InlineBase, admin.StackedInline):
    model = m.Clause
    autocomplete_fields = ("category",)
    readonly_fields = ("carried_over_from",)


def event_inline(record_field: str) -> type[admin.TabularInline]:
    """The events that belong to a record, through the event's ``record_field``."""
    return type(
        f"EventInlineFor{record_field.title()}",
        (InlineBase, admin.TabularInline),
        {
            "model": m.Event,
            "fk_name": record_field,
            "fields": ("slug", "date", "date_precision", "kind", "headline"),
            "show_change_link": True,
        },
    )


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


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
        if issubclass(formset.model, m.PublishableModel):
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
                "can_submit": status == m.EditorialStatus.DRAFT
                and record_can_edit(record=obj, user=user),
                "can_review": status == m.EditorialStatus.IN_REVIEW and can_publish,
                "can_retract": status == m.EditorialStatus.PUBLISHED and can_publish,
                "problems": record_publication_problems(obj)
                if status in (m.EditorialStatus.DRAFT, m.EditorialStatus.IN_REVIEW)
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
    def _workflow_done_message(record: m.PublishableModel) -> str:
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


@admin.register(m.Party)
class PartyAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("name", "short_name")
    list_display = ("name", "short_name", "kind", "country", "editorial_status")
    list_filter = ("editorial_status", "kind", "country")
    search_fields = ("name", "short_name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.Source)
class SourceAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title", "publisher")
    list_display = ("title", "publisher", "kind", "published_on", "editorial_status")
    list_filter = ("editorial_status", "kind", "published_on_precision")
    search_fields = ("title", "publisher", "author", "url", "slug")
    inlines = []  # a source is what others cite


@admin.register(m.TermsDocument)
class TermsDocumentAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title",)
    list_display = ("title", "vendor", "kind", "editorial_status")
    list_filter = ("editorial_status", "kind", "vendor")
    search_fields = ("title", "slug", "vendor__name", "url", "ota_service", "ota_terms_type")
    autocomplete_fields = ("vendor",)
    inlines = [TermsVersionInline, event_inline("terms_document"), CitationInline]


@admin.register(m.Allegation)
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


@admin.register(m.Case)
class CaseAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("name", "docket_number")
    list_display = ("name", "court", "docket_number", "status", "editorial_status")
    list_filter = ("editorial_status", "status", "court")
    search_fields = ("name", "slug", "docket_number", "court__name")
    autocomplete_fields = ("court", "topics", "allegations")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CasePartyInline, event_inline("case"), CitationInline]


@admin.register(m.Settlement)
class SettlementAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title",)
    list_display = ("title", "case", "amount", "currency", "announced_on", "editorial_status")
    list_filter = ("editorial_status", "currency")
    search_fields = ("title", "slug", "case__name", "class_definition")
    autocomplete_fields = ("case", "topics")
    inlines = [event_inline("settlement"), CitationInline]


@admin.register(m.Guidance)
class GuidanceAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("title", "formal_citation")
    list_display = ("title", "issuer", "document_type", "issued_on", "editorial_status")
    list_filter = ("editorial_status", "document_type", "issuer")
    search_fields = ("title", "slug", "formal_citation", "issuer__name", "summary")
    autocomplete_fields = ("issuer", "case", "superseded_by", "topics")
    inlines = [HoldingInline, event_inline("guidance"), CitationInline]


@admin.register(m.Event)
class EventAdmin(RankedSearchMixin, RecordAdmin):
    ranked_fields = ("headline",)
    list_display = ("headline", "date", "kind", "editorial_status")
    list_filter = ("editorial_status", "kind", "date_precision")
    search_fields = ("headline", "slug", "description")
    autocomplete_fields = (
        "parties",
        "topics",
        "allegation",
        "case",
        "settlement",
        "guidance",
        "terms_document",
    )
    prepopulated_fields = {"slug": ("headline",)}


# --------------------------------------------------------------------------
# Rows that belong to a record
# --------------------------------------------------------------------------


@admin.register(m.Citation)
class CitationAdmin(ChildRowAdmin):
    list_display = ("source", "pinpoint", "content_type", "object_id", "verification")
    list_filter = ("verification", "content_type")
    search_fields = ("source__title", "pinpoint", "quote", "supports")
    autocomplete_fields = ("source",)


@admin.register(m.TermsVersion)
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


@admin.register(m.Clause)
class ClauseAdmin(RankedSearchMixin, ChildRowAdmin):
    ranked_fields = ("section",)
    list_display = ("version", "category", "section", "verification")
    list_filter = ("category", "verification", "version__document__vendor")
    search_fields = ("text", "section", "version__document__title", "category__name")
    autocomplete_fields = ("version", "category")
    readonly_fields = ("carried_over_from",)


@admin.register(m.AccusedParty)
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


@admin.register(m.CaseParty)
class CasePartyAdmin(ChildRowAdmin):
    list_display = ("party", "case", "role")
    list_filter = ("role",)
    search_fields = ("party__name", "case__name", "notes")
    autocomplete_fields = ("case", "party")


@admin.register(m.Holding)
class HoldingAdmin(ChildRowAdmin):
    list_display = ("proposition", "guidance", "pinpoint")
    list_filter = ("guidance__document_type", "guidance__issuer")
    search_fields = ("proposition", "quote", "guidance__title")
    autocomplete_fields = ("guidance",)


# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------


@admin.register(m.Capability, m.Technique, m.LegalTheory, m.ClauseCategory, m.Topic)
class VocabularyAdmin(RankedSearchMixin, VersionedFormMixin, SimpleHistoryAdmin):
    """A controlled vocabulary that analysts extend."""

    ranked_fields = ("name", "slug")
    list_display = ("name", "slug", "updated_at")
    list_filter = ("updated_at",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}


# --------------------------------------------------------------------------
# Recent changes across all records
# --------------------------------------------------------------------------

#: Models whose changes the recent-changes page lists, by the name its filter uses.
TRACKED_MODELS = {
    model._meta.model_name: model
    for model in (
        *m.RECORD_MODELS,
        *OWNING_RECORD,
        m.Capability,
        m.Technique,
        m.LegalTheory,
        m.ClauseCategory,
        m.Topic,
    )
}

RECENT_CHANGES_LIMIT = 200


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
        if user_id.isdigit():
            history = history.filter(history_user_id=int(user_id))
        streams.append(history[:RECENT_CHANGES_LIMIT])
    changes = list(
        islice(merge(*streams, key=lambda h: h.history_date, reverse=True), RECENT_CHANGES_LIMIT)
    )
    rows = []
    for change in changes:
        opts = change.instance._meta
        previous = change.prev_record if change.history_type == "~" else None
        rows.append(
            {
                "change": change,
                "type": opts.verbose_name,
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history", args=[change.instance.pk]
                )
                if change.history_type != "-"
                else "",
                "summary": describe_changes(previous, change) if previous else "",
            }
        )
    context = {
        **admin.site.each_context(request),
        "title": "Recent changes",
        "rows": rows,
        "record_types": sorted(
            ((name, model._meta.verbose_name) for name, model in TRACKED_MODELS.items()),
            key=lambda pair: str(pair[1]),
        ),
        "users": get_user_model().objects.filter(is_staff=True).order_by("username"),
        "selected_type": record_type,
        "selected_user": user_id,
    }
    return TemplateResponse(request, "admin/records/recent_changes.html", context)


# Match rules and suggested clauses have their own module.
from casebook.records.clauses import admin as _clauses_admin  # noqa: E402, F401
