"""Autocomplete widgets that show the rows their form already loaded, and the inline form
that hands them over, so a page of inline rows reads no row per widget."""

from __future__ import annotations

from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.db.models import Model

from casebook.records.forms import VersionedModelForm


class KnownChoicesMixin:
    """An autocomplete widget that labels its selected values from ``known_objects``.

    Django's autocomplete widget reads its selected rows from the database each time
    it renders: one query per widget, so one per inline row. ``known_objects`` (set by
    :class:`InlineRowForm`) are the rows the form's instance already holds; when they
    cover every selected value (the page as loaded) no query runs. Otherwise (a
    re-shown form whose posted values differ) the widget queries as Django's does.
    """

    known_objects: list[Model] | None = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        to_field = self._to_field_attname()
        known = [o for o in self.known_objects or () if str(getattr(o, to_field)) in selected]
        if self.known_objects is None or len(known) != len(selected):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for obj in known:
            label = self.choices.field.label_from_instance(obj)
            options.append(
                self.create_option(name, getattr(obj, to_field), label, True, len(options))
            )
        return [(None, options, 0)]

    def _to_field_attname(self) -> str:
        """The attribute of the related row the widget's values are (its pk, or ``to_field``)."""
        opts = self.field.remote_field.model._meta
        name = getattr(self.field.remote_field, "field_name", None) or opts.pk.attname
        return opts.get_field(name).attname


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    """Autocomplete for a foreign key, labelled from the row its form loaded."""


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    """Autocomplete for a many-to-many field, labelled from the rows its form prefetched."""


def loaded_related_objects(instance: Model, name: str) -> list[Model] | None:
    """The rows ``instance`` already holds for its relation ``name``, or ``None`` if it would
    have to read them (a foreign key not selected, a many-to-many field not prefetched)."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        prefetched = getattr(instance, "_prefetched_objects_cache", {})
        return list(prefetched[name]) if name in prefetched else None
    if not field.is_cached(instance):
        return None
    related = field.get_cached_value(instance)
    return [] if related is None else [related]


class InlineRowForm(VersionedModelForm):
    """An inline row's form: its autocomplete widgets show the rows the inline's queryset
    loaded with the row (``select_related`` / ``prefetch_related``) instead of reading them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            if isinstance(widget, KnownChoicesMixin):
                widget.known_objects = loaded_related_objects(self.instance, name)
