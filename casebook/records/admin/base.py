"""What every admin shares: the owning record, the edit rules, stale-copy forms, ranked search."""

from __future__ import annotations

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from casebook.records.admin.widgets import (
    InlineRowForm,
    KnownAutocompleteSelect,
    KnownAutocompleteSelectMultiple,
)
from casebook.records.forms import VersionedModelForm, with_latest_revision_ids
from casebook.records.models import (
    AccusedParty,
    CaseParty,
    Citation,
    Clause,
    Holding,
    PublishableModel,
    TermsVersion,
)
from casebook.records.services import record_can_edit, record_revise

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
    Citation: "record",
    TermsVersion: "document",
    Clause: "version.document",
    AccusedParty: "allegation",
    CaseParty: "case",
    Holding: "guidance",
}


def owning_record(obj) -> PublishableModel | None:
    """The publishable record ``obj`` is or belongs to (``None`` for vocabularies)."""
    if isinstance(obj, PublishableModel):
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
    """An inline whose rows load in a fixed number of queries, however many rows it has.

    The rows come with their latest revision ids (the forms' ``loaded_revision``), the
    rows named in ``row_select_related`` and ``row_prefetch_related`` (what their
    ``__str__`` and autocomplete widgets show), and the autocomplete widgets label
    their values from those rows (:class:`~casebook.records.admin.widgets.InlineRowForm`).
    """

    form = InlineRowForm
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    row_select_related: tuple[str, ...] = ()
    row_prefetch_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = with_latest_revision_ids(super().get_queryset(request))
        if self.row_select_related:
            queryset = queryset.select_related(*self.row_select_related)
        return queryset.prefetch_related(*self.row_prefetch_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
