"""Filters journalists ask for, one FilterSet per list, strict about what they accept.

An unknown query parameter, or a value that does not parse or names no
public record, answers 400 naming the parameter: a typo in a script must
never silently return the unfiltered list.
"""

from __future__ import annotations

import datetime

import django_filters as df
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from casebook.api import messages
from casebook.api.exceptions import InvalidParameter
from casebook.records import models as m
from casebook.records.textsearch import MAX_QUERY_LENGTH, MAX_TERMS, validate_query, words_condition

#: How ``q`` reads its words, for the schema.
Q_RULES = (
    f'Whole words, any case; "a phrase" in quotes; -word excludes. At most {MAX_TERMS} '
    f"different words and {MAX_QUERY_LENGTH} characters (more is a 400)."
)
Q_HELP = "Words to find in the record's text fields. " + Q_RULES


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, answering bad values with the API's 400 shape."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        messages.standardise_form(filterset.form)
        if not filterset.is_valid():
            raise InvalidParameter(dict(filterset.errors))
        return filterset.qs


class StrictOrderingFilter(OrderingFilter):
    """``ordering=-made_on,slug``; an unknown field is a 400, not silently dropped.

    With ``updated_since`` the order is fixed (oldest change first) for the cursor.
    Every ordering, asked for or default, ends with the primary key: records with
    equal values then keep one order, so each is on exactly one page.
    """

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        return queryset.order_by(*ordering, "pk")

    def get_ordering(self, request, queryset, view):
        if "updated_since" in request.query_params:
            if self.ordering_param in request.query_params:
                raise InvalidParameter(
                    {"ordering": "Cannot be combined with updated_since (ordered by change)."}
                )
            return ["updated_at", "id"]
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        fields = [p.strip() for p in params.split(",")]
        valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        bad = [f for f in fields if f.lstrip("-") not in valid]
        if bad or not params.strip():
            choices = ", ".join(sorted(valid))
            raise InvalidParameter(
                {
                    "ordering": f"{messages.unknown_value(','.join(bad))} Use one of: {choices} "
                    "(a leading - sorts descending; separate several with commas)."
                }
            )
        return fields


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 date or time, as an aware datetime in UTC.

    A time that parses but has no UTC equivalent inside years 1 to 9999
    (``9999-12-31T23:59:59-14:00``) is a validation error, not an OverflowError.
    """

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise ValidationError(
                "Out of range: in UTC it falls outside the years 1 to 9999.", code="invalid"
            ) from exc


class UTCDateTimeFilter(df.IsoDateTimeFilter):
    """``IsoDateTimeFilter`` whose value is always in UTC (see :class:`UTCDateTimeField`)."""

    field_class = UTCDateTimeField


def public_parties() -> QuerySet:
    return m.Party.objects.public()


class SlugMultipleChoiceFilter(df.ModelMultipleChoiceFilter):
    """Rows chosen by slug, repeatable; each value is a slug string in the schema."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tell the schema the type (it cannot follow "<field>__slug" plus to_field_name).
        extend_schema_field({"type": "string", "description": self.extra.get("help_text", "")})(
            self
        )


def slug_choice(queryset, field_name: str, help_text: str) -> df.ModelMultipleChoiceFilter:
    """A filter by slug of a public record or vocabulary term; repeat it to match any of several."""
    # The filter compares the related row's slug (to_field_name) with the value.
    return SlugMultipleChoiceFilter(
        field_name=f"{field_name}__slug",
        queryset=queryset,
        to_field_name="slug",
        help_text=help_text + " Slug; repeat the parameter to match any of several.",
    )


class RecordFilterSet(df.FilterSet):
    """Filters every list has: ``updated_since`` and full-text ``q``."""

    updated_since = UTCDateTimeFilter(
        method="filter_updated_since",
        help_text="Records changed at or after this ISO 8601 date or time (UTC if no zone). "
        "Switches the list to cursor pagination, oldest change first.",
    )
    q = df.CharFilter(
        method="search",
        validators=[validate_query],
        help_text=Q_HELP,
    )

    #: Text fields ``q`` looks in.
    search_fields: tuple[str, ...] = ()
    #: For a field of related rows, the condition a row must meet to be searched: only
    #: what the record shows publicly may make it match.
    search_only: dict[str, Q] = {}

    def filter_updated_since(self, queryset, name, value):
        # In UTC (UTCDateTimeField): PostgreSQL refuses offsets beyond ±15:59.
        return queryset.filter(updated_at__gte=value)

    def search(self, queryset, name, value):
        condition = words_condition(
            queryset.model, self.search_fields, value, only=self.search_only
        )
        return queryset.filter(condition)


def date_range(field: str, label: str) -> tuple[df.DateFilter, df.DateFilter]:
    """The API's one pair of date filters, both inclusive: ``<name>_after`` and ``<name>_before``.

    Assign them as ``made_after, made_before = date_range("made_on", "Made")``;
    rows whose date is unknown (null) match neither.
    """
    return (
        df.DateFilter(
            field_name=field, lookup_expr="gte", help_text=f"{label} on or after (YYYY-MM-DD)."
        ),
        df.DateFilter(
            field_name=field, lookup_expr="lte", help_text=f"{label} on or before (YYYY-MM-DD)."
        ),
    )


class PartyFilterSet(RecordFilterSet):
    search_fields = ("name", "short_name", "description", "aliases")

    class Meta:
        model = m.Party
        fields = ["kind", "country"]


class SourceFilterSet(RecordFilterSet):
    search_fields = ("title", "publisher", "author")
    published_after, published_before = date_range("published_on", "Published")

    class Meta:
        model = m.Source
        fields = ["kind"]


def public_accused_rows(**lookups) -> Q:
    """Allegations with a public accused row (its party public) matching ``lookups``.

    Filters that reach into accused rows go through this, so a row of a party
    that is not public never makes an allegation match: a filter must not
    answer for text or links that the allegation never shows.
    """
    rows = m.AccusedParty.objects.public().filter(**lookups)
    return Q(pk__in=rows.values("allegation_id"))


def accused_row_choice(model, lookup: str, help_text: str) -> df.ModelMultipleChoiceFilter:
    """Like :func:`slug_choice`, for a vocabulary of the public accused rows."""

    def filter_rows(queryset, name, value):
        if not value:  # not asked for: the field cleans to an empty queryset
            return queryset
        return queryset.filter(public_accused_rows(**{f"{lookup}__in": value}))

    return SlugMultipleChoiceFilter(
        queryset=model.objects.all(),
        to_field_name="slug",
        method=filter_rows,
        help_text=help_text + " Slug; repeat the parameter to match any of several.",
    )


class AllegationFilterSet(RecordFilterSet):
    search_fields = ("title", "summary", "accused__conduct")
    search_only = {"accused__conduct": Q(accused__party__in=public_parties())}
    accuser = slug_choice(public_parties(), "accuser", "Party making the allegation.")
    accused = slug_choice(public_parties(), "accused__party", "Party accused.")
    party = SlugMultipleChoiceFilter(
        queryset=public_parties(),
        to_field_name="slug",
        method="filter_party",
        help_text="Party in any role (accuser or accused). Slug; repeatable.",
    )
    topic = slug_choice(m.Topic.objects.all(), "topics", "Topic.")
    legal_theory = slug_choice(m.LegalTheory.objects.all(), "legal_theories", "Legal theory.")
    capability = accused_row_choice(m.Capability, "capabilities", "Capability.")
    technique = accused_row_choice(m.Technique, "techniques", "Technique.")
    made_after, made_before = date_range("made_on", "Made")

    class Meta:
        model = m.Allegation
        fields = ["status", "venue", "figures_basis"]

    def filter_party(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(accuser__in=value) | public_accused_rows(party__in=value))


class CaseFilterSet(RecordFilterSet):
    search_fields = ("name", "docket_number", "summary")
    party = slug_choice(public_parties(), "case_parties__party", "Party to the case.")
    court = slug_choice(public_parties(), "court", "Court.")
    topic = slug_choice(m.Topic.objects.all(), "topics", "Topic.")
    filed_after, filed_before = date_range("filed_on", "Filed")

    class Meta:
        model = m.Case
        fields = ["status"]


class SettlementFilterSet(RecordFilterSet):
    search_fields = ("title", "class_definition", "release_scope", "terms_summary")
    party = SlugMultipleChoiceFilter(
        queryset=public_parties(),
        to_field_name="slug",
        method="filter_party",
        help_text="Party to the settled case (shown only when the case is public). Slug; "
        "repeat the parameter to match any of several.",
    )
    case = slug_choice(m.Case.objects.public(), "case", "Case settled.")
    topic = slug_choice(m.Topic.objects.all(), "topics", "Topic.")
    announced_after, announced_before = date_range("announced_on", "Announced")

    class Meta:
        model = m.Settlement
        fields: list[str] = []

    def filter_party(self, queryset, name, value):
        if not value:
            return queryset
        parties = m.CaseParty.objects.filter(case__in=m.Case.objects.public(), party__in=value)
        return queryset.filter(case__in=parties.values("case_id"))


class GuidanceFilterSet(RecordFilterSet):
    search_fields = ("title", "summary", "formal_citation", "holdings__proposition")
    issuer = slug_choice(public_parties(), "issuer", "Issuing party.")
    topic = slug_choice(m.Topic.objects.all(), "topics", "Topic.")
    issued_after, issued_before = date_range("issued_on", "Issued")

    class Meta:
        model = m.Guidance
        fields = ["document_type"]


class TermsDocumentFilterSet(RecordFilterSet):
    search_fields = ("title", "description", "versions__clauses__text")
    vendor = slug_choice(public_parties(), "vendor", "Vendor whose terms these are.")
    clause_category = slug_choice(
        m.ClauseCategory.objects.all(),
        "versions__clauses__category",
        "Documents with a clause in this category in some version.",
    )

    class Meta:
        model = m.TermsDocument
        fields = ["kind"]


class TermsVersionFilterSet(df.FilterSet):
    document = slug_choice(m.TermsDocument.objects.public(), "document", "Terms document.")
    vendor = slug_choice(public_parties(), "document__vendor", "Vendor whose terms these are.")
    effective_after, effective_before = date_range("effective_from", "Effective")
    updated_since = UTCDateTimeFilter(
        method="filter_updated_since",
        help_text="Versions whose own row, document or clauses changed at or after this ISO 8601 "
        "date or time (UTC if no zone).",
    )

    class Meta:
        model = m.TermsVersion
        fields: list[str] = []

    def filter_updated_since(self, queryset, name, value):
        since = value
        changed_clause = m.Clause.objects.filter(version=OuterRef("pk"), updated_at__gte=since)
        return queryset.filter(
            Q(updated_at__gte=since) | Q(document__updated_at__gte=since) | Exists(changed_clause)
        )


class ClauseFilterSet(df.FilterSet):
    vendor = slug_choice(public_parties(), "version__document__vendor", "Vendor.")
    document = slug_choice(m.TermsDocument.objects.public(), "version__document", "Document.")
    category = slug_choice(m.ClauseCategory.objects.all(), "category", "Clause category.")
    effective_after, effective_before = date_range("version__effective_from", "Version effective")
    q = df.CharFilter(
        method="search", validators=[validate_query], help_text="Words in the clause. " + Q_RULES
    )

    class Meta:
        model = m.Clause
        fields = ["verification"]

    def search(self, queryset, name, value):
        return queryset.filter(words_condition(m.Clause, ("text",), value))


class EventFilterSet(RecordFilterSet):
    search_fields = ("headline", "description")
    party = slug_choice(public_parties(), "parties", "Party involved.")
    topic = slug_choice(m.Topic.objects.all(), "topics", "Topic.")
    date_after, date_before = date_range("date", "Happened")

    class Meta:
        model = m.Event
        fields = ["kind"]
