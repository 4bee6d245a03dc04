"""The lists of each record type, filtered, sorted and paged, as HTML or CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.views.generic import ListView

from casebook.portal import feeds, filters
from casebook.portal.parameters import BadParameters, ParameterErrorsMixin, check_form
from casebook.records import csvwriter, selectors
from casebook.records.registry import record_type

Column = tuple[str, Callable[[Any], Any]]


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
    the columns in ``csv_columns``. A filter, ``page`` or ``format`` value the
    list cannot use answers 400 naming it. Every ordering ends with the primary
    key, so records with equal values keep one order and each is on exactly one page.
    """

    record_type: str = ""
    filterset_class: type[filters.django_filters.FilterSet]
    csv_columns: tuple[Column, ...] = ()
    paginate_by = 25

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
            raise BadParameters({"page": ["No such page of this list."]}) from exc

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
        """The whole filtered list as streamed CSV, through the shared CSV writer."""
        filename = f"casebook-{record_type(self.record_type).plural.lower().replace(' ', '-')}"
        header = ["slug", *(name for name, _ in self.csv_columns), "url"]

        def rows():
            yield header
            # In chunks, related rows prefetched per chunk: memory stays flat at any size.
            for record in records.iterator(chunk_size=500):
                yield [
                    record.slug,
                    *(value(record) for _, value in self.csv_columns),
                    self.request.build_absolute_uri(record.get_absolute_url()),
                ]

        return csvwriter.csv_response(rows(), filename)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["record_type"] = record_type(self.record_type)
        return context


def _names(records) -> str:
    return "; ".join(str(r) for r in records)


def _figure(value) -> Any:
    """A figure for a CSV cell: the number, or empty when not stated."""
    return value if value is not None else ""


def _qualifier(value, qualifier: str) -> str:
    """A figure's qualifier for a CSV cell: empty when the figure itself is not stated.

    The qualifier fields default to "about", so without this a row with no
    figure would read ``accounts=,accounts_qualifier=about``.
    """
    return qualifier if value is not None else ""


def _public_name(record) -> str:
    """A linked record's name for a CSV cell; empty when that record is not public."""
    return record.name if record is not None and record.is_public else ""


class PartyListView(RecordListView):
    """Every public party."""

    record_type = "party"
    filterset_class = filters.PartyFilter
    csv_columns = (
        ("name", lambda p: p.name),
        ("short_name", lambda p: p.short_name),
        ("kind", lambda p: p.kind),
        ("country", lambda p: p.country),
        ("website", lambda p: p.website),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.party_list()


class SourceListView(RecordListView):
    """Every public source."""

    record_type = "source"
    filterset_class = filters.SourceFilter
    csv_columns = (
        ("title", lambda s: s.title),
        ("kind", lambda s: s.kind),
        ("publisher", lambda s: s.publisher),
        ("author", lambda s: s.author),
        ("published_on", lambda s: s.published_on or ""),
        ("published_on_precision", lambda s: s.published_on_precision),
        ("source_url", lambda s: s.url),
        ("archive_url", lambda s: s.archive_url),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.source_list()


class TermsListView(RecordListView):
    """Every public terms document of a vendor."""

    record_type = "terms"
    filterset_class = filters.TermsDocumentFilter
    csv_columns = (
        ("title", lambda d: d.title),
        ("vendor", lambda d: _public_name(d.vendor)),
        ("kind", lambda d: d.kind),
        ("document_url", lambda d: d.url),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.terms_document_list()


class AllegationListView(RecordListView):
    """Every public allegation."""

    record_type = "allegation"
    filterset_class = filters.AllegationFilter
    csv_columns = (
        ("title", lambda a: a.title),
        ("accuser", lambda a: _public_name(a.accuser)),
        ("accused", lambda a: _names(row.party for row in a.public_accused)),
        ("made_on", lambda a: a.made_on),
        ("made_on_precision", lambda a: a.made_on_precision),
        ("venue", lambda a: a.venue),
        ("status", lambda a: a.status),
        ("accounts", lambda a: _figure(a.accounts)),
        ("accounts_qualifier", lambda a: _qualifier(a.accounts, a.accounts_qualifier)),
        ("exchanges", lambda a: _figure(a.exchanges)),
        ("exchanges_qualifier", lambda a: _qualifier(a.exchanges, a.exchanges_qualifier)),
        ("figures_basis", lambda a: a.figures_basis),
        ("legal_theories", lambda a: _names(a.legal_theories.all())),
        ("topics", lambda a: _names(a.topics.all())),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.allegation_list()


class CaseListView(RecordListView):
    """Every public court case."""

    record_type = "case"
    filterset_class = filters.CaseFilter
    csv_columns = (
        ("name", lambda c: c.name),
        ("court", lambda c: _public_name(c.court)),
        ("docket_number", lambda c: c.docket_number),
        ("filed_on", lambda c: c.filed_on or ""),
        ("status", lambda c: c.status),
        ("topics", lambda c: _names(c.topics.all())),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.case_list()


class SettlementListView(RecordListView):
    """Every public settlement."""

    record_type = "settlement"
    filterset_class = filters.SettlementFilter
    csv_columns = (
        ("title", lambda s: s.title),
        ("case", lambda s: _public_name(s.case)),
        ("amount", lambda s: _figure(s.amount)),
        ("amount_qualifier", lambda s: _qualifier(s.amount, s.amount_qualifier)),
        ("currency", lambda s: s.currency),
        ("per_unit_amount", lambda s: s.per_unit_amount if s.per_unit_amount is not None else ""),
        ("unit_name", lambda s: s.unit_name),
        ("unit_count", lambda s: s.unit_count if s.unit_count is not None else ""),
        ("announced_on", lambda s: s.announced_on or ""),
        ("preliminary_approval_on", lambda s: s.preliminary_approval_on or ""),
        ("final_approval_on", lambda s: s.final_approval_on or ""),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.settlement_list()


class GuidanceListView(RecordListView):
    """Every public guidance document."""

    record_type = "guidance"
    filterset_class = filters.GuidanceFilter
    csv_columns = (
        ("title", lambda g: g.title),
        ("issuer", lambda g: _public_name(g.issuer)),
        ("document_type", lambda g: g.document_type),
        ("issued_on", lambda g: g.issued_on),
        ("issued_on_precision", lambda g: g.issued_on_precision),
        ("formal_citation", lambda g: g.formal_citation),
        ("topics", lambda g: _names(g.topics.all())),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.guidance_list()


class EventListView(RecordListView):
    """Every public event."""

    record_type = "event"
    filterset_class = filters.EventFilter
    csv_columns = (
        ("date", lambda e: e.date),
        ("date_precision", lambda e: e.date_precision),
        ("kind", lambda e: e.kind),
        ("headline", lambda e: e.headline),
        ("parties", lambda e: _names(e.public_parties)),
        ("topics", lambda e: _names(e.topics.all())),
    )

    def get_base_queryset(self) -> QuerySet:
        return selectors.event_list()
