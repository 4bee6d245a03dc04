"""The portal's list of accused parties: one row per accused party, with its own figures.

The same rows, filters and CSV as ``/api/v1/accused-parties/``: the filter
names are the API's, and "Download as CSV" is the API's CSV of the same filter,
so a reader and a script see the same table.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.views.generic import ListView

from casebook.portal.filters import AccusedPartyFilter
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
    check_form,
)
from casebook.records import selectors
from casebook.records.models import AccusedParty


class AccusedPartyListView(ParameterErrorsMixin, ListView):
    """``/accused-parties/``: every public accused row, 25 a page, filterable."""

    template_name = "portal/accused_party_list.html"
    paginate_by = 25
    filterset_class = AccusedPartyFilter

    def get_queryset(self) -> QuerySet[AccusedParty]:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=selectors.accused_party_rows()
        )
        check_form(self.filterset.form)
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404 as exc:  # an out-of-range or malformed page
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc

    def get(self, request, *args, **kwargs):
        formats = request.GET.getlist("format")
        if formats == ["csv"]:  # as on every list: the download, here the API's CSV
            self.get_queryset()  # a bad filter is a 400 here, not in the API
            return HttpResponseRedirect(self.csv_url())
        if formats:
            raise BadParameters({"format": ["The only format is csv."]})
        return super().get(request, *args, **kwargs)

    def csv_url(self) -> str:
        """The API's CSV of the same filters: only the filters' own parameters go along
        (a page may carry others, such as ``utm_source``, that the API would refuse)."""
        query = QueryDict(mutable=True)
        for name in self.filterset.filters:
            for value in self.request.GET.getlist(name):
                query.appendlist(name, value)
        query["format"] = "csv"
        return f"{reverse('api:accused-party-list')}?{query.urlencode()}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["csv_url"] = self.csv_url()
        return context
