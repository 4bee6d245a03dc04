"""The portal's filters of the record lists: the shared FilterSets, labelled for a form.

Each class here subclasses the record type's one FilterSet
(:mod:`casebook.records.filters`) and changes only how its filters look:
labels, widgets, the order and which are shown, and the parameter names the
portal's URLs have always used (``date_from``/``date_to`` for a list's date
range, ``party`` for a terms document's vendor and a guidance document's
issuer). What each filter matches is the API's, so the same name returns the
same records on a page and in ``/api/v1/``.
"""

from __future__ import annotations

import django_filters
from django import forms

from casebook.portal.pickers import SlugPicker, picker_kind
from casebook.records.filters import (
    AccusedPartyFilterSet,
    AllegationFilterSet,
    CaseFilterSet,
    EventFilterSet,
    GuidanceFilterSet,
    PartyFilterSet,
    SettlementFilterSet,
    SourceFilterSet,
    TermsDocumentFilterSet,
    TermsMatrixFilterSet,
)
from casebook.records.filters.fields import SlugMultipleChoiceFilter

DATE_INPUT = forms.DateInput(attrs={"type": "date"})

#: The label of ``q`` on every list.
WORDS = "Has the words"


class SlugSelect(forms.Select):
    """A single-choice select for a repeatable slug filter: a link may still repeat it."""

    def value_from_datadict(self, data, files, name):
        """Every value given for ``name`` (the field takes a list)."""
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class PortalFilters:
    """How a shared FilterSet shows on the portal; mix in before the shared class.

    ``labels`` names the filters the portal shows, in the form's order, by the
    portal's parameter name; ``names`` maps a portal name to the shared
    filter's when they differ; ``empty_labels`` is the "no filter" choice of a
    choice filter. The filters themselves, their lookups included, are the
    shared class's; a filter not in ``labels`` is not on the portal.
    """

    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    empty_labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shared = self.filters
        shown = {}
        for name, label in self.labels.items():
            shown[name] = self.presented(shared[self.names.get(name, name)], name, label)
        if "ordering" in shared:
            shown["ordering"] = shared["ordering"]
        self.filters = shown

    def presented(self, filter_, name: str, label: str):
        """``filter_`` with the portal's label and widget (its lookup untouched)."""
        # A filter declared on the shared class is one object there and in this subclass;
        # the API's schema builds a choice filter's form field on it, and a copy made
        # after that would keep that field and ignore the widget and labels set below.
        filter_.__dict__.pop("_field", None)
        filter_.label = label
        if isinstance(filter_, SlugMultipleChoiceFilter) and picker_kind(filter_.queryset):
            # Parties, cases, allegations: a search-based picker, never a list of them all.
            filter_.extra["widget"] = SlugPicker(picker_kind(filter_.queryset))
        elif isinstance(filter_, SlugMultipleChoiceFilter):
            filter_.extra["widget"] = SlugSelect
            filter_.field.empty_label = self.empty_labels.get(name, "Any")
        elif isinstance(filter_, django_filters.DateFilter):
            filter_.extra["widget"] = DATE_INPUT
        elif isinstance(filter_, django_filters.ChoiceFilter):
            filter_.extra["empty_label"] = self.empty_labels.get(name, "Any")
        return filter_


def date_names(after: str, before: str) -> dict[str, str]:
    """The portal's ``date_from``/``date_to`` for a list's date range."""
    return {"date_from": after, "date_to": before}


DATE_LABELS = {"date_from": "From", "date_to": "To"}


class PartyFilter(PortalFilters, PartyFilterSet):
    """Parties by kind and country code, by words."""

    labels = {"q": WORDS, "kind": "Kind", "country": "Country code"}
    empty_labels = {"kind": "Any kind"}
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("country", "country"))
    )


class SourceFilter(PortalFilters, SourceFilterSet):
    """Sources by kind (primary or secondary), publisher and publication date."""

    labels = {"q": WORDS, "kind": "Kind", "publisher": "Publisher contains", **DATE_LABELS}
    names = date_names("published_after", "published_before")
    empty_labels = {"kind": "Primary or secondary"}
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("published_on", "date"), ("publisher", "publisher"))
    )


class TermsDocumentFilter(PortalFilters, TermsDocumentFilterSet):
    """Vendors' terms documents by vendor, kind and the clause categories they contain."""

    labels = {
        "q": WORDS,
        "party": "Vendor",
        "kind": "Kind",
        "clause_category": "Has a clause in category",
    }
    names = {"party": "vendor"}
    empty_labels = {"kind": "Any kind"}
    ordering = django_filters.OrderingFilter(
        fields=(("vendor__name", "vendor"), ("title", "title"), ("kind", "kind"))
    )


class TermsMatrixFilter(PortalFilters, TermsMatrixFilterSet):
    """The terms matrix's rows and columns: categories as a select (they are few); vendors
    and documents, which grow with the data, only as repeatable parameters kept in hidden
    inputs (a link such as ``?vendor=openai`` asks for them)."""

    labels = {"category": "Clause categories", "vendor": "Vendor", "document": "Document"}

    def presented(self, filter_, name: str, label: str):
        """A multiple select of the categories, hidden inputs (no list of choices) for
        vendors and documents; the lookups are the shared ones."""
        filter_.label = label
        if name == "category":
            filter_.extra["widget"] = forms.SelectMultiple
            filter_.extra["help_text"] = "None chosen: every category."
        else:
            filter_.extra["widget"] = forms.MultipleHiddenInput
        return filter_


class AllegationFilter(PortalFilters, AllegationFilterSet):
    """Allegations by party (accuser or accused, or either), status, vocabulary and date."""

    labels = {
        "q": WORDS,
        "party": "Party (accuser or accused)",
        "accuser": "Accuser",
        "accused": "Accused",
        "status": "Status",
        "topic": "Topic",
        "legal_theory": "Legal theory",
        "capability": "Capability",
        "technique": "Technique",
        "venue": "Venue",
        "figures_basis": "Figures basis",
        **DATE_LABELS,
    }
    names = date_names("made_after", "made_before")
    empty_labels = {"status": "Any status"}
    ordering = django_filters.OrderingFilter(
        fields=(("made_on", "date"), ("title", "title"), ("exchanges", "exchanges"))
    )


class CaseFilter(PortalFilters, CaseFilterSet):
    """Cases by party to the case and its role there, court, status, topic and filing date."""

    labels = {
        "q": WORDS,
        "party": "Party to the case",
        "role": "Role in the case",
        "court": "Court",
        "status": "Status",
        "topic": "Topic",
        **DATE_LABELS,
    }
    names = date_names("filed_after", "filed_before")
    empty_labels = {"status": "Any status", "role": "Any role"}
    ordering = django_filters.OrderingFilter(fields=(("filed_on", "date"), ("name", "name")))


class SettlementFilter(PortalFilters, SettlementFilterSet):
    """Settlements by party of the settled case, case, topic and announcement date."""

    labels = {
        "q": WORDS,
        "party": "Party to the case",
        "case": "Case",
        "topic": "Topic",
        **DATE_LABELS,
    }
    names = date_names("announced_after", "announced_before")
    ordering = django_filters.OrderingFilter(
        fields=(("announced_on", "date"), ("amount", "amount"), ("title", "title"))
    )


class GuidanceFilter(PortalFilters, GuidanceFilterSet):
    """Guidance by issuer, document type, topic and date of issue."""

    labels = {
        "q": WORDS,
        "party": "Issuer",
        "document_type": "Document type",
        "topic": "Topic",
        **DATE_LABELS,
    }
    names = {"party": "issuer", **date_names("issued_after", "issued_before")}
    empty_labels = {"document_type": "Any type"}
    ordering = django_filters.OrderingFilter(fields=(("issued_on", "date"), ("title", "title")))


class EventFilter(PortalFilters, EventFilterSet):
    """Events by party involved, kind, topic and date."""

    labels = {
        "q": WORDS,
        "party": "Party involved",
        "kind": "Kind",
        "topic": "Topic",
        **DATE_LABELS,
    }
    names = date_names("date_after", "date_before")
    empty_labels = {"kind": "Any kind"}
    ordering = django_filters.OrderingFilter(fields=(("date", "date"), ("headline", "headline")))


class AccusedPartyFilter(PortalFilters, AccusedPartyFilterSet):
    """Accused-party rows by the API's names: accused, accuser, response, dates and more."""

    labels = {
        "accused": "Accused party",
        "accuser": "Accuser",
        "response": "Response",
        "made_after": "Made from",
        "made_before": "Made to",
        "allegation": "Allegation",
        "status": "Status of the allegation",
        "capability": "Capability",
        "technique": "Technique",
        "figures_basis": "Figures basis",
    }
    empty_labels = {"response": "Any response", "status": "Any status"}
