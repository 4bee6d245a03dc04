"""Filters journalists ask for, one FilterSet per list, strict about what they accept.

An unknown query parameter, or a value that does not parse or names no
public record, answers 400 naming the parameter: a typo in a script must
never silently return the unfiltered list.
"""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter

from casebook.api import messages
from casebook.api.exceptions import InvalidParameter

# The record types' filters are declared once, for the portal too; the API uses them as
# they are (the viewsets name them through this module).
from casebook.records.filters import (  # noqa: F401
    AccusedPartyFilterSet,
    AllegationFilterSet,
    CaseFilterSet,
    ClauseFilterSet,
    EventFilterSet,
    GuidanceFilterSet,
    PartyFilterSet,
    SettlementFilterSet,
    SourceFilterSet,
    TermsDocumentFilterSet,
    TermsVersionFilterSet,
)
from casebook.records.filters.fields import (  # noqa: F401
    Q_RULES,
    UTCDateTimeFilter,
    date_range,
    slug_choice,
)


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
