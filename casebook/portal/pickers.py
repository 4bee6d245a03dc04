"""Search-based pickers for filters whose choices grow with the data (parties, cases, allegations).

A ``<select>`` listing every party made each list page grow with the database
(9,300 parties: 688 KB per select). A picker renders instead:

- the values already chosen, each a ticked checkbox named like the filter and
  labelled with the record's name (untick to remove it), read in one query of
  only those rows;
- a text input of the same name where a slug can be typed, with a hint linking
  to the list where slugs are found;
- ``data-suggest`` and ``data-suggest-label`` attributes, from which the
  portal's script (``static/portal/casebook.js``) suggests matches from the
  API while the reader types. Without the script the page works as it is.

The parameter names and values (slugs) are the filters' own, so URLs and the API
are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from casebook.records.models import Allegation, Case, Party


@dataclass(frozen=True)
class PickerKind:
    """What a picker of one model searches: the portal list, the API list and its name filter."""

    noun: str
    plural: str
    list_url_name: str
    api_url_name: str
    api_text_filter: str
    api_label_field: str

    def list_url(self) -> str:
        """The portal list where the reader finds slugs."""
        return reverse(self.list_url_name)

    def suggest_url(self) -> str:
        """The API list the script asks, ending with ``<text filter>=`` for the typed text."""
        return f"{reverse(self.api_url_name)}?page_size=10&{self.api_text_filter}="


#: The models whose rows grow with the data, by model class.
PICKER_KINDS = {
    Party: PickerKind("party", "parties", "portal:party_list", "api:party-list", "name", "name"),
    Case: PickerKind("case", "cases", "portal:case_list", "api:case-list", "name", "name"),
    Allegation: PickerKind(
        "allegation",
        "allegations",
        "portal:allegation_list",
        "api:allegation-list",
        "title",
        "title",
    ),
}


def picker_kind(queryset: QuerySet) -> PickerKind | None:
    """The picker for a choice queryset's model; None when the choices stay small (a vocabulary)."""
    return PICKER_KINDS.get(queryset.model)


def given_values(data, name: str) -> list[str]:
    """Every non-empty value of ``name`` in ``data``, once each, in order."""
    raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    values = []
    for value in raw:
        if value and value not in values:
            values.append(value)
    return values


class SlugPicker(forms.Widget):
    """A text input for a slug, with the chosen values shown by name (see the module).

    ``multiple``: the field takes a list (a repeatable slug filter); the chosen
    values are ticked checkboxes and the text input adds one. Otherwise the text
    input holds the one chosen slug, and its record's name is shown beside it.
    The field's queryset (``self.choices.queryset``, set by the model choice
    field) gives the names; the rows read are those chosen, never the others.
    """

    def __init__(self, kind: PickerKind, *, multiple: bool = True, attrs=None) -> None:
        super().__init__(attrs)
        self.kind = kind
        self.multiple = multiple

    def value_from_datadict(self, data, files, name):
        """The slugs given (a list when ``multiple``; else the one slug, or None)."""
        values = given_values(data, name)
        if self.multiple:
            return values
        # Two values of a single filter stay a list, which the field refuses.
        return values if len(values) > 1 else (values[0] if values else None)

    def value_omitted_from_data(self, data, files, name) -> bool:
        """Never omitted: no value given means no filter (as an empty select did)."""
        return False

    def chosen(self, value) -> list[str]:
        """The slugs of ``value`` (a slug, a list of them, or None)."""
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def names(self, slugs: list[str]) -> dict[str, str]:
        """Each chosen slug's record name (one query, and none when nothing is chosen)."""
        queryset = getattr(self.choices, "queryset", None) if hasattr(self, "choices") else None
        if not slugs or queryset is None:
            return {}
        return {row.slug: str(row) for row in queryset.filter(slug__in=slugs)}

    def render(self, name, value, attrs=None, renderer=None):
        """The chosen values, the text input and the hint, as HTML."""
        slugs = self.chosen(value)
        names = self.names(slugs)
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.get("id") or f"id_{name}"
        return format_html(
            '<div class="picker">{}<input type="text" name="{}" id="{}" value="{}" '
            'autocomplete="off" spellcheck="false" aria-describedby="{}_hint" '
            'data-suggest="{}" data-suggest-label="{}"{}>'
            '<small class="picker-hint" id="{}_hint">{}</small></div>',
            self.render_chosen(name, slugs, names),
            name,
            input_id,
            "" if self.multiple or not slugs else slugs[0],
            input_id,
            self.kind.suggest_url(),
            self.kind.api_label_field,
            # A required single value (the clause history's vendor): the browser asks for it.
            " required" if attrs.get("required") and not self.multiple else "",
            input_id,
            self.render_hint(bool(slugs)),
        )

    def render_chosen(self, name: str, slugs: list[str], names: dict[str, str]) -> str:
        """The chosen values: ticked boxes (several), or the one record's name."""
        if self.multiple and slugs:
            box = '<li><label><input type="checkbox" name="{}" value="{}" checked> {}</label></li>'
            rows = ((name, slug, names.get(slug, slug)) for slug in slugs)
            return format_html('<ul class="picker-chosen">{}</ul>', format_html_join("", box, rows))
        if slugs and slugs[0] in names:
            return format_html('<span class="picker-name">{}</span>', names[slugs[0]])
        return ""

    def render_hint(self, has_chosen: bool) -> str:
        """How to pick without the script: where slugs are found, how to remove one."""
        return format_html(
            "{}Type a {}'s slug (the last part of its address: find it in the "
            '<a href="{}">list of {}</a>){}.',
            "Untick one to remove it. " if self.multiple and has_chosen else "",
            self.kind.noun,
            self.kind.list_url(),
            self.kind.plural,
            "" if self.multiple or self.is_required else "; leave it empty for any",
        )
