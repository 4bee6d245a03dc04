"""Filters of the portal's record lists (django-filter), kept in the URL."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    ClauseCategory,
    Event,
    Guidance,
    LegalTheory,
    Party,
    Settlement,
    Source,
    TermsDocument,
    Topic,
)
from casebook.records.textsearch import validate_query, words_condition

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def public_parties(request=None) -> QuerySet[Party]:
    return Party.objects.public()


def party_filter(label: str = "Party") -> django_filters.ModelChoiceFilter:
    """A party picker by slug; the filter method decides which roles match."""
    return django_filters.ModelChoiceFilter(
        queryset=public_parties, to_field_name="slug", label=label, method="filter_party"
    )


def vocabulary_filter(model, field_name: str, label: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        distinct=True,
    )


def date_filters(field_name: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """Inclusive "from" and "to" filters on one date field."""
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label="From", widget=DATE_INPUT
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label="To", widget=DATE_INPUT
        ),
    )


class PartyFilter(django_filters.FilterSet):
    """Parties by kind and country, by name."""

    q = django_filters.CharFilter(
        label="Name has the words", method="filter_name", validators=[validate_query]
    )
    kind = django_filters.ChoiceFilter(choices=Party.Kind.choices, empty_label="Any kind")
    country = django_filters.CharFilter(label="Country code", lookup_expr="iexact")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("country", "country"))
    )

    class Meta:
        model = Party
        fields = ["q", "kind", "country"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(words_condition(Party, ("name", "short_name"), value))


class SourceFilter(django_filters.FilterSet):
    """Sources by kind (primary or secondary), publisher and publication date."""

    kind = django_filters.ChoiceFilter(
        choices=Source.Kind.choices, empty_label="Primary or secondary"
    )
    publisher = django_filters.CharFilter(lookup_expr="icontains", label="Publisher contains")
    date_from, date_to = date_filters("published_on")
    ordering = django_filters.OrderingFilter(
        fields=(("title", "title"), ("published_on", "date"), ("publisher", "publisher"))
    )

    class Meta:
        model = Source
        fields = ["kind", "publisher"]


class TermsDocumentFilter(django_filters.FilterSet):
    """Vendors' terms documents by vendor, kind and the clause categories they contain."""

    party = party_filter("Vendor")
    kind = django_filters.ChoiceFilter(choices=TermsDocument.Kind.choices, empty_label="Any kind")
    clause_category = vocabulary_filter(
        ClauseCategory, "versions__clauses__category", "Has a clause in category"
    )
    ordering = django_filters.OrderingFilter(
        fields=(("vendor__name", "vendor"), ("title", "title"), ("kind", "kind"))
    )

    class Meta:
        model = TermsDocument
        fields = ["party", "kind", "clause_category"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(vendor=value)


class AllegationFilter(django_filters.FilterSet):
    """Allegations by party (accuser or accused), status, topic, legal theory and date."""

    party = party_filter("Party (accuser or accused)")
    status = django_filters.ChoiceFilter(
        choices=Allegation.Status.choices, empty_label="Any status"
    )
    topic = vocabulary_filter(Topic, "topics", "Topic")
    legal_theory = vocabulary_filter(LegalTheory, "legal_theories", "Legal theory")
    date_from, date_to = date_filters("made_on")
    ordering = django_filters.OrderingFilter(
        fields=(("made_on", "date"), ("title", "title"), ("exchanges", "exchanges"))
    )

    class Meta:
        model = Allegation
        fields = ["party", "status", "topic", "legal_theory"]

    def filter_party(self, queryset, name, value):
        # Only public accused rows (the value is a public party, the record public).
        accused = AccusedParty.objects.public().filter(party=value).values("allegation_id")
        return queryset.filter(Q(accuser=value) | Q(pk__in=accused))


class CaseFilter(django_filters.FilterSet):
    """Cases by party (or court), status, topic and filing date."""

    party = party_filter("Party or court")
    status = django_filters.ChoiceFilter(choices=Case.Status.choices, empty_label="Any status")
    topic = vocabulary_filter(Topic, "topics", "Topic")
    date_from, date_to = date_filters("filed_on")
    ordering = django_filters.OrderingFilter(fields=(("filed_on", "date"), ("name", "name")))

    class Meta:
        model = Case
        fields = ["party", "status", "topic"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(Q(court=value) | Q(case_parties__party=value)).distinct()


class SettlementFilter(django_filters.FilterSet):
    """Settlements by party of the settled case, topic and announcement date."""

    party = party_filter("Party to the case")
    topic = vocabulary_filter(Topic, "topics", "Topic")
    date_from, date_to = date_filters("announced_on")
    ordering = django_filters.OrderingFilter(
        fields=(("announced_on", "date"), ("amount", "amount"), ("title", "title"))
    )

    class Meta:
        model = Settlement
        fields = ["party", "topic"]

    def filter_party(self, queryset, name, value):
        # A hidden case's parties are never shown, so they never match either.
        parties = CaseParty.objects.filter(case__in=Case.objects.public(), party=value)
        return queryset.filter(case__in=parties.values("case_id"))


class GuidanceFilter(django_filters.FilterSet):
    """Guidance by issuer, document type, topic and date of issue."""

    party = party_filter("Issuer")
    document_type = django_filters.ChoiceFilter(
        choices=Guidance.DocumentType.choices, empty_label="Any type"
    )
    topic = vocabulary_filter(Topic, "topics", "Topic")
    date_from, date_to = date_filters("issued_on")
    ordering = django_filters.OrderingFilter(fields=(("issued_on", "date"), ("title", "title")))

    class Meta:
        model = Guidance
        fields = ["party", "document_type", "topic"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(issuer=value)


class EventFilter(django_filters.FilterSet):
    """Events by party involved, kind, topic and date."""

    party = party_filter("Party involved")
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, empty_label="Any kind")
    topic = vocabulary_filter(Topic, "topics", "Topic")
    date_from, date_to = date_filters("date")
    ordering = django_filters.OrderingFilter(fields=(("date", "date"), ("headline", "headline")))

    class Meta:
        model = Event
        fields = ["party", "kind", "topic"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(parties=value).distinct()
