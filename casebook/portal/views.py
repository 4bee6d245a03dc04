"""Pages of the research portal.

Every public read goes through the models' ``.public()`` querysets or the
selectors in :mod:`casebook.records.selectors`; the views only pick the records,
shape them for a template and keep the number of queries fixed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from casebook.portal import filters
from casebook.portal.citing import record_citation
from casebook.portal.comparechart import figures_chart
from casebook.portal.forms import (
    ClauseHistoryForm,
    CompareForm,
    SearchForm,
    TermsMatrixForm,
    TimelineForm,
)
from casebook.portal.matrix import terms_matrix_comparison
from casebook.portal.parameters import (
    BadParameters,
    ParameterErrorsMixin,
    check_form,
    form_data,
)
from casebook.portal.recordtypes import RECORD_TYPES, recent_public_records
from casebook.records import csvwriter, selectors
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Citation,
    Clause,
    EditorialStatus,
    Event,
    Guidance,
    Holding,
    Party,
    PublishableModel,
    Settlement,
    TermsDocument,
    TermsVersion,
)
from casebook.records.services import can_preview

# --------------------------------------------------------------------------
# Home and methodology
# --------------------------------------------------------------------------


class HomeView(TemplateView):
    """What Casebook covers, its key numbers, the latest changes and the way in."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = [
            (record_type, record_type.model.objects.public().count())
            for record_type in RECORD_TYPES.values()
        ]
        context["largest_accused"] = (
            AccusedParty.objects.public()
            .filter(exchanges__isnull=False)
            .select_related("party", "allegation__accuser")
            .order_by("-exchanges", "id")[:5]
        )
        context["largest_settlements"] = (
            Settlement.objects.public()
            .filter(amount__isnull=False)
            .select_related("case")
            .order_by("-amount", "slug")[:3]
        )
        context["recent"] = recent_public_records(8)
        return context


class MethodologyView(TemplateView):
    """How records are sourced and what each status means."""

    template_name = "portal/methodology.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            editorial_statuses=EditorialStatus.choices,
            allegation_statuses=Allegation.Status.choices,
            case_statuses=Case.Status.choices,
            responses=AccusedParty.Response.choices,
            clause_statuses=selectors.ClauseStatus.choices,
        )
        return context


# --------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------

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
        return RECORD_TYPES[self.record_type].model.objects.public()

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
        if formats:
            raise BadParameters({"format": ["The only format is csv."]})
        return super().get(request, *args, **kwargs)

    def render_csv(self, records: QuerySet) -> StreamingHttpResponse:
        """The whole filtered list as streamed CSV, through the shared CSV writer."""
        filename = f"casebook-{RECORD_TYPES[self.record_type].plural.lower().replace(' ', '-')}"
        header = ["slug", *(name for name, _ in self.csv_columns), "url"]

        def rows():
            yield header
            for record in records:
                yield [
                    record.slug,
                    *(value(record) for _, value in self.csv_columns),
                    self.request.build_absolute_uri(record.get_absolute_url()),
                ]

        return csvwriter.csv_response(rows(), filename)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["record_type"] = RECORD_TYPES[self.record_type]
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
        return TermsDocument.objects.public().select_related("vendor")


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
        return (
            Allegation.objects.public()
            .select_related("accuser")
            .prefetch_related(
                Prefetch(
                    "accused",
                    queryset=AccusedParty.objects.public().select_related("party"),
                    to_attr="public_accused",
                ),
                "legal_theories",
                "topics",
            )
        )


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
        return Case.objects.public().select_related("court").prefetch_related("topics")


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
        return Settlement.objects.public().select_related("case")


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
        return Guidance.objects.public().select_related("issuer").prefetch_related("topics")


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
        return Event.objects.public().prefetch_related(
            Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
            "topics",
        )


# --------------------------------------------------------------------------
# Record pages
# --------------------------------------------------------------------------


def public_citations() -> Prefetch:
    """Prefetch a record's citations of public sources, with their sources."""
    return Prefetch(
        "citations",
        queryset=Citation.objects.public().select_related("source").order_by("id"),
        to_attr="public_citations",
    )


class RecordDetailView(DetailView):
    """A record's page: public once published, previewed by staff before, 410 once retracted.

    A retracted record's URL answers "410 Gone" with only its title and its
    retraction note. A record that is not public by the model's one rule
    (``Model.objects.public()``: a draft or in-review record, or an event of a
    record that is not public) is a 404 for everyone but the analysts and
    editors (:func:`~casebook.records.services.can_preview`), who see it under a
    "not public" banner.
    """

    record_type: str = ""
    #: The Event field that points at this record type, for its own events.
    events_field: str = ""

    def get_queryset(self) -> QuerySet:
        return RECORD_TYPES[self.record_type].model.objects.prefetch_related(public_citations())

    def get_template_names(self) -> list[str]:
        return [f"portal/{self.record_type}_detail.html"]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.editorial_status == EditorialStatus.RETRACTED:
            return TemplateResponse(
                request, "portal/retracted.html", {"record": self.object}, status=410
            )
        if not self.object.is_public and not can_preview(request.user):
            raise Http404("No public record at this address.")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_events(self) -> QuerySet[Event]:
        return Event.objects.public().filter(**{self.events_field: self.object})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record = self.object
        context["record_type"] = RECORD_TYPES[self.record_type]
        context["preview"] = not record.is_public
        context["citations"] = record.public_citations
        context["events"] = self.get_events() if self.events_field else []
        context["cite"] = record_citation(
            record,
            permalink=self.request.build_absolute_uri(record.get_absolute_url()),
            retrieved=timezone.localdate(),
        )
        return context


class PartyDetailView(RecordDetailView):
    """A party: everything it appears in, grouped by role, and its terms documents."""

    record_type = "party"
    events_field = "parties"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        party = self.object
        case_roles = (
            CaseParty.objects.filter(party=party, case__in=Case.objects.public())
            .select_related("case")
            .order_by("role", "case__name")
        )
        roles: dict[str, list[tuple[PublishableModel, str]]] = {
            "Accuser": [(a, "") for a in Allegation.objects.public().filter(accuser=party)],
            "Accused": [
                (row.allegation, row.get_response_display())
                for row in AccusedParty.objects.public()
                .filter(party=party)
                .select_related("allegation")
                .order_by("-allegation__made_on")
            ],
        }
        for row in case_roles:
            roles.setdefault(row.get_role_display(), []).append((row.case, row.notes))
        roles["Court"] = [(c, "") for c in Case.objects.public().filter(court=party)]
        roles["Issuer"] = [(g, "") for g in Guidance.objects.public().filter(issuer=party)]
        context["roles"] = [(role, items) for role, items in roles.items() if items]
        context["terms_documents"] = TermsDocument.objects.public().filter(vendor=party)
        return context


class SourceDetailView(RecordDetailView):
    """A source and the public records that cite it."""

    record_type = "source"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        citations = list(self.object.cited_by.select_related("content_type"))
        ids_by_model: dict[type, set[int]] = {}
        for citation in citations:
            ids_by_model.setdefault(citation.content_type.model_class(), set()).add(
                citation.object_id
            )
        records: dict[tuple[type, int], PublishableModel] = {}
        for record_type in RECORD_TYPES.values():
            ids = ids_by_model.get(record_type.model)
            if ids:
                for record in record_type.model.objects.public().filter(pk__in=ids):
                    records[(record_type.model, record.pk)] = record
        context["cited_by"] = [
            (records[key], citation)
            for citation in citations
            if (key := (citation.content_type.model_class(), citation.object_id)) in records
        ]
        return context


class TermsDetailView(RecordDetailView):
    """A vendor's terms document with its versions and their clauses."""

    record_type = "terms"
    events_field = "terms_document"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("vendor")
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=TermsVersion.objects.order_by("-effective_from", "-id")
                    .prefetch_related("reviewed_categories")
                    .prefetch_related(
                        Prefetch("clauses", queryset=Clause.objects.select_related("category"))
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["versions"] = self.object.versions.all()
        context["allegations"] = (
            Allegation.objects.public()
            .filter(breached_clause__version__document=self.object)
            .distinct()
        )
        return context


class AllegationDetailView(RecordDetailView):
    """An allegation: the accused parties' table and the accuser's clause in force."""

    record_type = "allegation"
    events_field = "allegation"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related(
                "accuser", "breached_clause__version__document", "breached_clause__category"
            )
            .prefetch_related(
                "legal_theories",
                "topics",
                Prefetch("cases", queryset=Case.objects.public(), to_attr="public_cases"),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        allegation = self.object
        context["accused"] = (
            allegation.accused.filter(party__in=Party.objects.public())
            .select_related("party", "response_source")
            .prefetch_related("capabilities", "techniques")
        )
        context["accuser_clause"] = selectors.allegation_accuser_clause(allegation)
        context["competing_models_category"] = selectors.COMPETING_MODELS_CATEGORY
        # Link to the clause history only where that page has one (a vendor with public terms).
        vendors = ClauseHistoryForm.base_fields["vendor"].queryset
        context["accuser_has_clause_history"] = vendors.filter(pk=allegation.accuser_id).exists()
        return context


class CaseDetailView(RecordDetailView):
    """A court case: parties by role, settlements, decisions and the allegations it concerns."""

    record_type = "case"
    events_field = "case"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("court")
            .prefetch_related(
                "topics",
                Prefetch(
                    "case_parties",
                    queryset=CaseParty.objects.filter(party__in=Party.objects.public())
                    .select_related("party")
                    .order_by("role", "party__name"),
                    to_attr="public_case_parties",
                ),
                Prefetch(
                    "allegations",
                    queryset=Allegation.objects.public(),
                    to_attr="public_allegations",
                ),
                Prefetch(
                    "settlements",
                    queryset=Settlement.objects.public(),
                    to_attr="public_settlements",
                ),
                Prefetch(
                    "decisions", queryset=Guidance.objects.public(), to_attr="public_decisions"
                ),
            )
        )


class SettlementDetailView(RecordDetailView):
    """A settlement: fund, per-unit payout, class, release and approval dates."""

    record_type = "settlement"
    events_field = "settlement"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("case").prefetch_related("topics")


class GuidanceDetailView(RecordDetailView):
    """A guidance document with its holdings."""

    record_type = "guidance"
    events_field = "guidance"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("issuer", "case", "superseded_by")
            .prefetch_related(
                "topics",
                Prefetch("holdings", queryset=Holding.objects.order_by("position", "id")),
                Prefetch(
                    "supersedes", queryset=Guidance.objects.public(), to_attr="public_supersedes"
                ),
            )
        )


class EventDetailView(RecordDetailView):
    """A single event on the timeline."""

    record_type = "event"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related(*Event.RECORD_FIELDS)
            .prefetch_related(
                Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
                "topics",
            )
        )


# --------------------------------------------------------------------------
# Timeline, comparisons and search (computed by the selectors)
# --------------------------------------------------------------------------


class TimelineView(ParameterErrorsMixin, TemplateView):
    """Every public event in date order, filtered by party, record type, topic and dates."""

    template_name = "portal/timeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = TimelineForm(form_data(self.request.GET, TimelineForm))
        check_form(form)
        criteria = form.cleaned_data if form.is_bound else {}
        entries = selectors.timeline_entries(
            parties=[criteria["party"]] if criteria.get("party") else None,
            record_types=criteria.get("record_type") or None,
            topics=[criteria["topic"]] if criteria.get("topic") else None,
            date_from=criteria.get("date_from"),
            date_to=criteria.get("date_to"),
        )
        context.update(form=form, entries=entries, axis=timeline_axis(entries))
        return context


#: Rows of the timeline's time axis, one per record type, top to bottom.
AXIS_ROWS = ("allegation", "case", "settlement", "guidance", "terms", "event")
AXIS_WIDTH, AXIS_LEFT, AXIS_ROW_HEIGHT = 1000, 110, 28


def timeline_axis(entries: list[selectors.TimelineEntry]) -> dict[str, Any] | None:
    """Positions for the timeline's SVG time axis: a row per record type, a tick per year."""
    if not entries:
        return None
    first, last = entries[0].date.year, entries[-1].date.year + 1
    start = datetime.date(first, 1, 1)
    span_days = (datetime.date(last, 1, 1) - start).days
    plot_width = AXIS_WIDTH - AXIS_LEFT - 30  # room for the last year label

    def x(date: datetime.date) -> int:
        days = (date - start).days
        return AXIS_LEFT + round(plot_width * days / span_days)

    rows = [t for t in AXIS_ROWS if any(e.record_type == t for e in entries)]
    height = AXIS_ROW_HEIGHT * len(rows) + 30
    ticks = [{"x": x(datetime.date(year, 1, 1)), "label": year} for year in range(first, last + 1)]
    return {
        "width": AXIS_WIDTH,
        "height": height,
        "axis_y": height - 22,
        "left": AXIS_LEFT,
        "first": entries[0].date_display,
        "last": entries[-1].date_display,
        "rows": [
            {"y": AXIS_ROW_HEIGHT * i + 16, "label": RECORD_TYPES[t].plural, "key": t}
            for i, t in enumerate(rows)
        ],
        "ticks": ticks,
        "points": [
            {
                "x": x(e.date),
                "y": AXIS_ROW_HEIGHT * rows.index(e.record_type) + 16,
                "entry": e,
            }
            for e in entries
        ],
    }


class TermsMatrixView(ParameterErrorsMixin, TemplateView):
    """Vendors × clause categories: the clauses in force on a chosen date."""

    template_name = "portal/terms_matrix.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = TermsMatrixForm(form_data(self.request.GET, TermsMatrixForm))
        check_form(form)
        on = form.cleaned_data.get("on") if form.is_bound else None
        on = on or timezone.localdate()
        compare_on = form.cleaned_data.get("compare_on") if form.is_bound else None
        comparison = terms_matrix_comparison(on=on, compare_on=compare_on)
        context.update(
            form=form,
            on=on,
            compare_on=compare_on,
            matrix=comparison.matrix,
            comparison=comparison,
        )
        return context


class ClauseHistoryView(ParameterErrorsMixin, TemplateView):
    """One vendor's clause category across its versions, with word-level diffs."""

    template_name = "portal/clause_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = ClauseHistoryForm(form_data(self.request.GET, ClauseHistoryForm))
        check_form(form)
        context["form"] = form
        if form.is_bound:
            vendor, category = form.cleaned_data["vendor"], form.cleaned_data["category"]
            context.update(
                vendor=vendor,
                category=category,
                history=selectors.clause_history(vendor=vendor, category=category),
            )
        return context


class CompareView(ParameterErrorsMixin, TemplateView):
    """Two to four allegations or accused parties side by side, with a chart of the figures."""

    template_name = "portal/compare.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context.get("error") else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        choices = selectors.comparison_choices()
        form = CompareForm(form_data(self.request.GET, CompareForm), choices=choices)
        context.update(form=form, rows=[], chart=None)
        keys = self.request.GET.getlist("key")
        if len(keys) == 1 and keys[0] in dict(choices):
            # "Compare with other allegations" on a record page: that one is ticked, the
            # reader picks the others; nothing is wrong with the request.
            context["form"] = CompareForm(initial={"key": keys}, choices=choices)
            context["notice"] = "Tick one to three more to compare with it."
        elif form.is_bound and form.is_valid():
            try:
                rows = selectors.comparison_rows(form.cleaned_data["key"])
            except selectors.UnknownComparisonKey as error:
                context["error"] = f"key: {error}"
            else:
                context.update(rows=rows, chart=figures_chart(rows))
        elif form.is_bound:
            context["error"] = "key: " + " ".join(form.errors.get("key", ["Choose two to four."]))
        return context


class SearchView(ParameterErrorsMixin, TemplateView):
    """One search box across every record type: ranked hits, highlighted, counted by type."""

    template_name = "portal/search.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        status = 400 if context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = SearchForm(form_data(self.request.GET, SearchForm))
        check_form(form)
        context["form"] = form
        if form.is_bound and form.cleaned_data["q"]:
            results = selectors.search_records(
                form.cleaned_data["q"], record_type=form.cleaned_data["type"] or None
            )
            try:
                page = Paginator(results.hits, self.paginate_by).page(
                    self.request.GET.get("page", 1)
                )
            except InvalidPage as exc:
                raise BadParameters({"page": ["No such page of these results."]}) from exc
            context.update(
                results=results,
                page_obj=page,
                facets=[
                    (RECORD_TYPES[key], results.counts.get(key, 0))
                    for key in RECORD_TYPES
                    if results.counts.get(key)
                ],
                total=sum(results.counts.values()),
            )
        return context
