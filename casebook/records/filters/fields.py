"""The building blocks of the record filters: slug choices, date ranges, ``q``, ``updated_since``.

Each helper fixes what a filter matches (its lookup). The API and the portal
both build their filters from these, so a name cannot mean one thing on a page
and another in a script; each surface may change only how a filter looks.
"""

from __future__ import annotations

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from casebook.records.models import AccusedParty
from casebook.records.models.expressions import linked_to, starts_to_many
from casebook.records.textsearch import MAX_QUERY_LENGTH, MAX_TERMS, validate_query, words_condition

#: How ``q`` reads its words, for the schema.
Q_RULES = (
    f'Whole words, any case; "a phrase" in quotes; -word excludes. At most {MAX_TERMS} '
    f"different words and {MAX_QUERY_LENGTH} characters (more is a 400)."
)
Q_HELP = "Words to find in the record's text fields. " + Q_RULES


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 date or time, as an aware datetime in UTC.

    A time that parses but has no UTC equivalent inside years 1 to 9999
    (``9999-12-31T23:59:59-14:00``) is a validation error, not an OverflowError.
    """

    def to_python(self, value):
        """The value parsed, in UTC; None when empty."""
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise ValidationError(
                "Out of range: in UTC it falls outside the years 1 to 9999.", code="invalid"
            ) from exc


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """``IsoDateTimeFilter`` whose value is always in UTC (see :class:`UTCDateTimeField`)."""

    field_class = UTCDateTimeField


class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows chosen by slug, repeatable; each value is a slug string in the schema."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tell the schema the type (it cannot follow "<field>__slug" plus to_field_name).
        extend_schema_field({"type": "string", "description": self.extra.get("help_text", "")})(
            self
        )

    def filter(self, qs, value):
        """Rows whose ``field_name`` is any of the chosen rows (a ``QuerySet`` of them).

        Through a to-many relation (an allegation's topics, an event's parties) the
        matching rows' ids are read from the relation's own table (:func:`linked_to`),
        not joined: a join repeats a row per match, and the ``DISTINCT`` over every
        column that undoes it took 64 ms of a 100,000-event count; the join also let
        PostgreSQL scan every event for a party's few (issue #12).
        """
        # Not asked for: the form's value is then ``queryset.none()``, which django-filter
        # tests for emptiness by compiling and running it (a millisecond on every list).
        if isinstance(value, QuerySet) and value.query.is_empty():
            return qs
        relation = self.field_name.removesuffix(f"__{self.extra['to_field_name']}")
        if not value or not starts_to_many(qs.model, relation):
            return super().filter(qs, value)
        return qs.filter(linked_to(qs.model, relation, value))


def slug_choice(queryset, field_name: str, help_text: str) -> SlugMultipleChoiceFilter:
    """A filter by slug of a public record or vocabulary term; repeat it to match any of several."""
    # The filter compares the related row's slug (to_field_name) with the value.
    return SlugMultipleChoiceFilter(
        field_name=f"{field_name}__slug",
        queryset=queryset,
        to_field_name="slug",
        help_text=help_text + " Slug; repeat the parameter to match any of several.",
    )


def slug_method_choice(queryset, method, help_text: str) -> SlugMultipleChoiceFilter:
    """Like :func:`slug_choice`, matched by ``method`` (a FilterSet method's name or a callable)."""
    return SlugMultipleChoiceFilter(
        queryset=queryset, to_field_name="slug", method=method, help_text=help_text
    )


def name_contains(*fields: str, label: str = "Name") -> django_filters.CharFilter:
    """Rows whose ``fields`` (any of them) contain the text, in any case: a picker's lookup.

    Unlike ``q`` (whole words), part of a word matches ("anthr" finds "Anthropic"),
    so a page can suggest records while a reader types.
    """

    def filter_text(queryset, name, value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return django_filters.CharFilter(
        method=filter_text,
        max_length=MAX_QUERY_LENGTH,
        help_text=f"{label} contains this text (any case; part of a word matches).",
    )


def date_range(field: str, label: str) -> tuple[django_filters.DateFilter, ...]:
    """The one pair of date filters, both inclusive: ``<name>_after`` and ``<name>_before``.

    Assign them as ``made_after, made_before = date_range("made_on", "Made")``;
    rows whose date is unknown (null) match neither.
    """
    return (
        django_filters.DateFilter(
            field_name=field, lookup_expr="gte", help_text=f"{label} on or after (YYYY-MM-DD)."
        ),
        django_filters.DateFilter(
            field_name=field, lookup_expr="lte", help_text=f"{label} on or before (YYYY-MM-DD)."
        ),
    )


def public_accused_rows(**lookups) -> Q:
    """Allegations with a public accused row (its party public) matching ``lookups``.

    Filters that reach into accused rows go through this, so a row of a party
    that is not public never makes an allegation match: a filter must not
    answer for text or links that the allegation never shows.
    """
    rows = AccusedParty.objects.public().filter(**lookups)
    return Q(pk__in=rows.values("allegation_id"))


def accused_row_choice(choices, lookup: str, help_text: str) -> SlugMultipleChoiceFilter:
    """Like :func:`slug_choice`, for a vocabulary of the public accused rows.

    ``choices`` is the queryset of the vocabulary's terms a value may name.
    """

    def filter_rows(queryset, name, value):
        if not value:  # not asked for: the field cleans to an empty queryset
            return queryset
        return queryset.filter(public_accused_rows(**{f"{lookup}__in": value}))

    return slug_method_choice(
        choices,
        filter_rows,
        help_text + " Slug; repeat the parameter to match any of several.",
    )


class RecordFilterSet(django_filters.FilterSet):
    """Filters every record list has: ``updated_since`` and full-text ``q``."""

    updated_since = UTCDateTimeFilter(
        method="filter_updated_since",
        help_text="Records changed at or after this ISO 8601 date or time (UTC if no zone). "
        "Switches the list to cursor pagination, oldest change first.",
    )
    q = django_filters.CharFilter(
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
        """Records changed at or after ``value``."""
        # In UTC (UTCDateTimeField): PostgreSQL refuses offsets beyond ±15:59.
        return queryset.filter(updated_at__gte=value)

    def search(self, queryset, name, value):
        """Records whose :attr:`search_fields` hold the words of ``value``."""
        condition = words_condition(
            queryset.model, self.search_fields, value, only=self.search_only
        )
        return queryset.filter(condition)
