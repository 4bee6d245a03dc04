"""Forms that read the filters of the timeline, comparison and search pages from the URL."""

from __future__ import annotations

from django import forms

from casebook.portal.pickers import PICKER_KINDS, SlugPicker, given_values
from casebook.records import selectors
from casebook.records.models import Party
from casebook.records.registry import RECORD_TYPES_BY_RANK, TIMELINE_RECORD_TYPES, record_type
from casebook.records.textsearch import MAX_QUERY_LENGTH, validate_query

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class TimelineForm(forms.Form):
    """Timeline filters: a party, record types, a topic and a date range."""

    party = forms.ModelChoiceField(
        queryset=selectors.party_choices(),
        to_field_name="slug",
        required=False,
        widget=SlugPicker(PICKER_KINDS[Party], multiple=False),
    )
    record_type = forms.MultipleChoiceField(
        label="Record types",
        choices=[(name, record_type(name).plural) for name in TIMELINE_RECORD_TYPES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topic = forms.ModelChoiceField(
        queryset=selectors.topic_choices(), to_field_name="slug", required=False, empty_label="Any"
    )
    date_from = forms.DateField(label="From", required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label="To", required=False, widget=DATE_INPUT)


class TermsMatrixForm(forms.Form):
    """The date the terms matrix answers for (today when empty), and one to compare it with."""

    on = forms.DateField(label="Terms in force on", required=False, widget=DATE_INPUT)
    compare_on = forms.DateField(
        label="Compare with the terms on",
        required=False,
        widget=DATE_INPUT,
        help_text="Optional: cells that differ between the two dates are marked “Changed”.",
    )


class ClauseHistoryForm(forms.Form):
    """A vendor and a clause category, for the clause history page.

    The vendor is picked by search, as the timeline's party is: a ``<select>`` of every
    vendor with public terms (600 at the large bench size) was most of the page's time.
    """

    vendor = forms.ModelChoiceField(
        queryset=selectors.clause_history_vendors(),
        to_field_name="slug",
        widget=SlugPicker(PICKER_KINDS[Party], multiple=False),
        error_messages={
            "invalid_choice": "No public party with public terms has this slug: pick a vendor."
        },
    )
    category = forms.ModelChoiceField(
        label="Clause category", queryset=selectors.clause_category_choices(), to_field_name="slug"
    )


class ChosenKeys(forms.CheckboxSelectMultiple):
    """The keys chosen so far, ticked; the page's text input of the same name adds one.

    An empty value (the text input left blank) is not a key.
    """

    def value_from_datadict(self, data, files, name):
        """Every non-empty value of ``name``, once each."""
        return given_values(data, name)


class CompareForm(forms.Form):
    """Two to four allegations or accused parties to compare, by their comparison keys.

    ``choices`` are those of the allegations the request names (never every
    allegation: the page must not grow with the data); a key is added by typing it.
    """

    key = forms.MultipleChoiceField(label="Compare", widget=ChosenKeys, required=True)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = choices

    def clean_key(self) -> list[str]:
        keys = self.cleaned_data["key"]
        if not 2 <= len(keys) <= 4:
            raise forms.ValidationError("Choose two to four to compare.")
        return keys


class SearchForm(forms.Form):
    """The search box and an optional record type."""

    q = forms.CharField(
        label="Search",
        required=False,
        validators=[validate_query],
        widget=forms.TextInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    type = forms.ChoiceField(
        label="Record type",
        choices=[("", "All types"), *((t.name, t.plural) for t in RECORD_TYPES_BY_RANK)],
        required=False,
    )
