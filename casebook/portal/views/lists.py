"""The lists of each record type, filtered, sorted and paged, as HTML or CSV."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.views.generic import ListView

from casebook.api import listcsv
from casebook.portal import feeds, filters
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
    check_form,
)
from casebook.records import selectors
from casebook.records.registry import record_type
from casebook.records.selectors.keptcounts import KeptCountPaginator


def with_unique_order(queryset: QuerySet) -> QuerySet:
    """The queryset in its own order (asked for, else the model's), then by primary key.

    Without a unique last key, records with equal values (two sources
    published the same day) come back in any order the database likes, and
    offset pages show some twice and others never.
    """
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    return queryset.order_by(*ordering, "pk")


class RecordListView(ParameterErrorsMixin, ListView):
    """A list of public records of one type: filters, ordering, pages, and CSV download.

    Each type's view reads its rows from its selector (:meth:`get_base_queryset`).
    ``?format=csv`` downloads the whole filtered list (not just the page) with
    the columns of the API's CSV of the same list. A filter, ``page`` or
    ``format`` value the list cannot use answers 400 naming it. Every ordering
    ends with the primary key, so records with equal values keep one order and
    each is on exactly one page.
    """

    record_type: str = ""
    filterset_class: type[filters.django_filters.FilterSet]
    paginate_by = 25
    paginator_class = KeptCountPaginator

    def get_base_queryset(self) -> QuerySet:
        """The public rows of the list before filters, from the type's selector."""
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        check_form(self.filterset.form)
        return with_unique_order(self.filterset.qs)

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404 as exc:
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc

    def get_template_names(self) -> list[str]:
        return [f"portal/{self.record_type}_list.html"]

    def get(self, request, *args, **kwargs):
        formats = request.GET.getlist("format")
        if formats == ["csv"]:
            return self.render_csv(self.get_queryset())
        if formats == ["atom"]:
            return self.render_atom(self.get_queryset())
        if formats:
            raise BadParameters({"format": ["The formats are csv and atom."]})
        return super().get(request, *args, **kwargs)

    def render_atom(self, records: QuerySet):
        """The filtered list's most recently changed records as an Atom feed."""
        latest = records.order_by("-updated_at", "-pk")[: feeds.FilteredRecordsFeed.limit]
        summary = feeds.filters_summary(self.filterset.form)
        title = record_type(self.record_type).plural + (f" ({summary})" if summary else "")
        link = feeds.feed_page_link(self.request)
        return feeds.feed_response(
            feeds.FilteredRecordsFeed, self.request, feeds.FeedOf(title, link, list(latest))
        )

    def render_csv(self, records: QuerySet) -> StreamingHttpResponse:
        """The whole filtered list as streamed CSV: the API's columns for this list."""
        filename = f"casebook-{record_type(self.record_type).plural.lower().replace(' ', '-')}"
        return listcsv.record_list_csv(self.request, self.record_type, records, filename)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["record_type"] = record_type(self.record_type)
        return context


class PartyListView(RecordListView):
    """Every public party."""

    record_type = "party"
    filterset_class = filters.PartyFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.party_list()


class SourceListView(RecordListView):
    """Every public source."""

    record_type = "source"
    filterset_class = filters.SourceFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.source_list()


class TermsListView(RecordListView):
    """Every public terms document of a vendor."""

    record_type = "terms"
    filterset_class = filters.TermsDocumentFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.terms_document_list()


class AllegationListView(RecordListView):
    """Every public allegation."""

    record_type = "allegation"
    filterset_class = filters.AllegationFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.allegation_list()


class CaseListView(RecordListView):
    """Every public court case."""

    record_type = "case"
    filterset_class = filters.CaseFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.case_list()


class SettlementListView(RecordListView):
    """Every public settlement."""

    record_type = "settlement"
    filterset_class = filters.SettlementFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.settlement_list()


class GuidanceListView(RecordListView):
    """Every public guidance document."""

    record_type = "guidance"
    filterset_class = filters.GuidanceFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.guidance_list()


class EventListView(RecordListView):
    """Every public event."""

    record_type = "event"
    filterset_class = filters.EventFilter

    def get_base_queryset(self) -> QuerySet:
        return selectors.event_list()
