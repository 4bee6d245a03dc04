"""Filters of the terms versions and their clauses (lists only the API offers so far), and of
the terms matrix's rows and columns (the API's and the portal's)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q

from casebook.records.filters.fields import (
    Q_RULES,
    SlugMultipleChoiceFilter,
    UTCDateTimeFilter,
    date_range,
    slug_choice,
)
from casebook.records.models import Clause, TermsDocument, TermsVersion
from casebook.records.selectors.choices import (
    clause_category_choices,
    party_choices,
    terms_document_choices,
)
from casebook.records.textsearch import validate_query, words_condition


class TermsVersionFilterSet(django_filters.FilterSet):
    """Filters of the recorded terms versions (``/api/v1/terms-versions/``)."""

    document = slug_choice(terms_document_choices(), "document", "Terms document.")
    vendor = slug_choice(party_choices(), "document__vendor", "Vendor whose terms these are.")
    effective_after, effective_before = date_range("effective_from", "Effective")
    updated_since = UTCDateTimeFilter(
        method="filter_updated_since",
        help_text="Versions whose own row, document or clauses changed at or after this ISO 8601 "
        "date or time (UTC if no zone).",
    )

    class Meta:
        model = TermsVersion
        fields: list[str] = []

    def filter_updated_since(self, queryset, name, value):
        since = value
        changed_clause = Clause.objects.filter(version=OuterRef("pk"), updated_at__gte=since)
        return queryset.filter(
            Q(updated_at__gte=since) | Q(document__updated_at__gte=since) | Exists(changed_clause)
        )


class ClauseFilterSet(django_filters.FilterSet):
    """Filters of the clauses of recorded versions (``/api/v1/clauses/``)."""

    vendor = slug_choice(party_choices(), "version__document__vendor", "Vendor.")
    document = slug_choice(terms_document_choices(), "version__document", "Document.")
    category = slug_choice(clause_category_choices(), "category", "Clause category.")
    effective_after, effective_before = date_range("version__effective_from", "Version effective")
    q = django_filters.CharFilter(
        method="search", validators=[validate_query], help_text="Words in the clause. " + Q_RULES
    )

    class Meta:
        model = Clause
        fields = ["verification"]

    def search(self, queryset, name, value):
        return queryset.filter(words_condition(Clause, ("text",), value))


class TermsMatrixFilterSet(django_filters.FilterSet):
    """Which rows (terms documents) and columns (clause categories) of the terms matrix.

    ``vendor`` and ``document`` choose rows; ``category`` chooses columns and leaves the
    rows alone (read it from ``form.cleaned_data``; empty means every category).
    """

    vendor = slug_choice(party_choices(), "vendor", "Only the documents of this vendor.")
    document = SlugMultipleChoiceFilter(
        field_name="slug",
        queryset=terms_document_choices(),
        to_field_name="slug",
        help_text="Only this terms document. Slug; repeat the parameter to match any of several.",
    )
    category = SlugMultipleChoiceFilter(
        queryset=clause_category_choices(),
        to_field_name="slug",
        method="columns",
        help_text="Only this clause category (a column). Slug; repeat the parameter to "
        "show several.",
    )

    class Meta:
        model = TermsDocument
        fields: list[str] = []

    def columns(self, queryset, name, value):
        """Columns do not choose rows: the documents as they are."""
        return queryset
