"""Admin forms: refuse stale saves, merge what others changed, speak errors in plain words.

Every admin form (main records, child-row pages and inline rows) carries a hidden
``loaded_revision``: the id of the row's latest history entry when the form was
opened. On save the row is locked (``SELECT … FOR UPDATE`` inside the admin's
transaction) before its latest history entry is read, so the check and the write
are one step: of two saves arriving together, the second sees the first.

If someone else saved the row after it was opened, the form merges three ways:
each field this editor left as it was when opened takes the current value; the
fields this editor changed keep the editor's value. A form whose editor changed
nothing is then saved as is (an unchanged save is never refused); otherwise the
save is refused once, showing what the other person changed, and saving again
keeps both sets of changes.

Every text field refuses control characters (see :class:`NoControlCharacters`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import router, transaction
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.forms.models import InlineForeignKeyField, model_to_dict
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from simple_history.models import ModelChange

from casebook.records.characters import unsafe_characters
from casebook.records.services import plain_validation_error
from casebook.wholenumbers import parse_whole_number

#: Help text for the few model fields that have none (the inline foreign keys).
EXTRA_HELP_TEXT = {
    "case": "The case.",
    "party": "The party.",
    "guidance": "The guidance document.",
}


#: The annotation holding each row's latest history id (:func:`with_latest_revision_ids`).
LATEST_REVISION_ID = "latest_revision_id"


def latest_revision(instance: Model):
    """The latest history entry of a saved row, or ``None``."""
    if instance.pk is None:
        return None
    return instance.history.order_by("-history_id").first()


def with_latest_revision_ids(queryset: QuerySet) -> QuerySet:
    """``queryset`` annotated with each row's latest history id (``None`` if it has none).

    A page of many rows (an admin inline) reads every row's revision token in its
    one query instead of one query per row's form.
    """
    history = queryset.model.history.model
    latest = history.objects.filter(**{queryset.model._meta.pk.attname: OuterRef("pk")})
    return queryset.annotate(
        **{LATEST_REVISION_ID: Subquery(latest.order_by("-history_id").values("history_id")[:1])}
    )


def latest_revision_id(instance: Model) -> int | None:
    """The id of a saved row's latest history entry, or ``None``.

    Read from the row's annotation when it was loaded through
    :func:`with_latest_revision_ids`, else from its history (one query).
    """
    if instance.pk is None:
        return None
    if LATEST_REVISION_ID in instance.__dict__:
        return instance.__dict__[LATEST_REVISION_ID]
    revision = latest_revision(instance)
    return revision.history_id if revision else None


def describe_changes(old, new, changed_links: Collection[str] | None = None) -> str:
    """One line per field that differs between two history entries of a row.

    ``changed_links``: the many-to-many fields already known to differ (a caller
    describing many entries reads the saved links in bulk); without it each
    many-to-many field's links are read here, two queries per field.
    """
    if old is None:
        return ""
    if changed_links is None:
        changes = new.diff_against(old, foreign_keys_are_objs=False).changes
    else:
        links = {field.name for field in new._history_m2m_fields}
        changes = new.diff_against(old, excluded_fields=links, foreign_keys_are_objs=False).changes
        changes += [ModelChange(name, None, None) for name in changed_links]
        changes.sort(key=lambda change: change.field)
    lines = []
    for change in changes:
        field = new.instance_type._meta.get_field(change.field)
        if field.many_to_many:
            lines.append(f"{field.verbose_name}: changed")
        elif _is_empty(change.old) and _is_empty(change.new):
            continue
        elif _is_empty(change.old):
            lines.append(f"{field.verbose_name}: set to “{change.new}”")
        elif _is_empty(change.new):
            lines.append(f"{field.verbose_name}: cleared (was “{change.old}”)")
        else:
            lines.append(f"{field.verbose_name}: “{change.old}” → “{change.new}”")
    return "; ".join(lines)


def _is_empty(value: Any) -> bool:
    """No value for a change summary: ``None`` (a NULL) or an empty text, never shown as "None"."""
    return value is None or value == ""


@deconstructible
class NoControlCharacters:
    """Validator: refuse a text (or a JSON value's strings) holding a control character.

    Control characters cannot be carried by XML (the feed, the sitemap) and are
    invisible on the page, so no text field may hold them. The message names the
    field (``label``) and the characters, e.g. "Title contains an invisible control
    character (U+001D) ...". Raises :class:`ValidationError` (code ``control_character``).
    """

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value: Any) -> None:
        found = unsafe_characters(value)
        if found:
            codes = ", ".join(f"U+{ord(character):04X}" for character in found)
            raise ValidationError(
                f"{self.label} contains an invisible control character ({codes}), which "
                "cannot be published. Remove it (it often comes with text pasted from a PDF "
                "or a spreadsheet) and save again.",
                code="control_character",
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and other.label == self.label


def _plain_widget(widget: forms.Widget) -> forms.Widget:
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


def _opened_values(revision, names: list[str]) -> dict[str, Any]:
    """The values of fields ``names`` in a history entry, as ``model_to_dict`` gives them."""
    instance = revision.instance
    opts = instance._meta
    values: dict[str, Any] = {}
    for name in names:
        field = opts.get_field(name)
        if not field.many_to_many:
            values[name] = field.value_from_object(instance)
            continue
        rows = getattr(revision, name, None)
        if rows is None:  # a many-to-many field its history does not keep
            continue
        target = next(
            f
            for f in rows.model._meta.fields
            if f.is_relation and f.related_model is field.related_model and f.name != "history"
        )
        values[name] = [getattr(row, target.attname) for row in rows.all()]
    return values


@dataclass
class StaleSave:
    """What a save made from an older copy of the row found."""

    opened: Any  # the history entry the editor opened, or None if unknown
    current: Any  # the row's latest history entry
    edited: list[str]  # the fields this editor changed


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that merges or refuses a save made from a stale copy of the row."""

    loaded_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision_id = latest_revision_id(self.instance)
        self.fields["loaded_revision"].initial = "" if revision_id is None else revision_id
        self.stale_save: StaleSave | None = None
        for name, field in self.fields.items():
            if not field.help_text and name in EXTRA_HELP_TEXT:
                field.help_text = EXTRA_HELP_TEXT[name]
            if isinstance(field, forms.CharField):
                # One rule for every control character (NUL included), naming the field.
                field.validators = [
                    NoControlCharacters(str(field.label or name).capitalize()),
                    *(
                        v
                        for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)
                    ),
                ]

    @cached_property
    def changed_data(self) -> list[str]:
        """The fields the editor changed: the revision token is bookkeeping, never a change."""
        return [name for name in super().changed_data if name != "loaded_revision"]

    # --- stale saves ---------------------------------------------------------

    def full_clean(self):
        if self.is_bound and self.instance.pk is not None and self.stale_save is None:
            self._lock_row()
            self.stale_save = self._merge_if_stale()
        super().full_clean()

    def _lock_row(self) -> None:
        """Lock the row until the admin's transaction ends, so no save slips in between."""
        model = type(self.instance)
        using = router.db_for_write(model)
        if transaction.get_connection(using).in_atomic_block:
            list(
                model._base_manager.using(using)
                .select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("pk", flat=True)
            )

    def _model_field_names(self) -> list[str]:
        opts = self.instance._meta
        model_fields = {f.name for f in opts.get_fields() if f.concrete and f.editable}
        return [
            name
            for name, field in self.fields.items()
            if name in model_fields
            and name != opts.pk.name
            and not isinstance(field, InlineForeignKeyField)
        ]

    def _merge_if_stale(self) -> StaleSave | None:
        current = latest_revision(self.instance)
        seen = str(self.data.get(self.add_prefix("loaded_revision")) or "")
        if current is None or str(current.history_id) == seen:
            return None
        seen_id = parse_whole_number(seen)
        opened = (
            self.instance.history.filter(history_id=seen_id).first()
            if seen_id is not None
            else None
        )
        # The row as it is now: what the other editor saved.
        self.instance.refresh_from_db()
        names = self._model_field_names()
        now = model_to_dict(self.instance, fields=names)
        then = _opened_values(opened, names) if opened is not None else {}
        self.data = self.data.copy()
        edited = []
        for name in names:
            field = self.fields[name]
            widget = _plain_widget(field.widget)
            submitted = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            self.initial[name] = now.get(name)
            base = then.get(name, now.get(name))
            if field.has_changed(base, submitted):
                edited.append(name)
            else:
                self._put(name, now.get(name))
        self.data[self.add_prefix("loaded_revision")] = str(current.history_id)
        return StaleSave(opened=opened, current=current, edited=edited)

    def _put(self, name: str, value: Any) -> None:
        """Replace the bound data of field ``name`` with ``value``, as its widget renders it."""
        field = self.fields[name]
        widget = _plain_widget(field.widget)
        key = self.add_prefix(name)
        shown = widget.format_value(field.prepare_value(value))
        if isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(widget, forms.MultiWidget):
            for suffix, part in zip(widget.widgets_names, widget.decompress(value), strict=False):
                self.data[key + suffix] = "" if part is None else str(part)
        elif getattr(widget, "allow_multiple_selected", False):
            self.data.setlist(key, [str(v) for v in shown or []])
        elif isinstance(shown, list):
            self.data[key] = shown[0] if shown else ""
        else:
            self.data[key] = "" if shown is None else str(shown)

    def _refuse_stale_save(self) -> None:
        stale = self.stale_save
        if stale is None or not stale.edited:
            return
        later = self.instance.history.filter(
            history_id__gt=stale.opened.history_id if stale.opened else 0
        )
        who = (
            ", ".join(sorted({str(h.history_user or "an unrecorded user") for h in later}))
            or "someone"
        )
        changes = describe_changes(stale.opened, stale.current) or "see the record's history"
        raise ValidationError(
            f"{self.instance._meta.verbose_name.capitalize()} “{self.instance}” was changed by "
            f"{who} after you opened this page: {changes}. Nothing was saved. The form now "
            "holds their values wherever you changed nothing, and yours where you did: "
            "check them and save again, or reload the page to start from the current version.",
            code="stale",
        )

    # --- validation ----------------------------------------------------------

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_save()
        return cleaned_data

    def _update_errors(self, errors: ValidationError) -> None:
        super()._update_errors(plain_validation_error(self._meta.model, errors))
