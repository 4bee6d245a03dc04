"""The comparison pages: the terms matrix, a clause's history, allegations side by side."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Page
from django.utils import timezone
from django.views.generic import TemplateView

from casebook.portal.comparechart import figures_chart
from casebook.portal.filters import TermsMatrixFilter
from casebook.portal.forms import ClauseHistoryForm, CompareForm, TermsMatrixForm
from casebook.portal.matrix import terms_matrix_comparison
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
    check_form,
    form_data,
)
from casebook.records import selectors
from casebook.records.attribution import ODC_BY_URL, OTA_ATTRIBUTION
from casebook.records.models import TermsVersion
from casebook.records.selectors.keptcounts import KeptCountPaginator


class TermsMatrixView(ParameterErrorsMixin, TemplateView):
    """Terms documents × clause categories: the clauses in force on a chosen date.

    Paged by document (``paginate_by`` rows), filtered by vendor, document and category
    (:class:`~casebook.portal.filters.TermsMatrixFilter`): a fixed number of queries and
    rows whatever the number of documents.
    """

    template_name = "portal/terms_matrix.html"
    paginate_by = 25

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = TermsMatrixForm(form_data(self.request.GET, TermsMatrixForm))
        check_form(form)
        on = form.cleaned_data.get("on") if form.is_bound else None
        if on is None:
            # Today, named in the date box too: "Show" then keeps the date the page shows.
            on = timezone.localdate()
            data = self.request.GET.copy()
            data["on"] = on.isoformat()
            form = TermsMatrixForm(data)
            form.is_valid()
        compare_on = form.cleaned_data.get("compare_on") if form.is_bound else None
        matrix_filter, page = self.documents_page()
        chosen = matrix_filter.form.cleaned_data if matrix_filter.is_bound else {}
        comparison = terms_matrix_comparison(
            on=on,
            compare_on=compare_on,
            documents=page.object_list,
            categories=chosen.get("category") or None,
        )
        matrix = comparison.matrix
        context.update(
            form=form,
            filter=matrix_filter,
            page_obj=page,
            on=on,
            pinned_parameters={"on": on.isoformat()},
            compare_on=compare_on,
            matrix=matrix,
            comparison=comparison,
            has_ota_versions=any(
                item.version.origin == TermsVersion.Origin.OTA
                for _, cells in matrix.rows
                for cell in cells
                for item in (*cell.clauses, *cell.reviewed_without_clause)
            ),
            ota_attribution_text=OTA_ATTRIBUTION,
            ota_licence_url=ODC_BY_URL,
        )
        return context

    def documents_page(self) -> tuple[TermsMatrixFilter, Page]:
        """The rows' filter (400 on a bad value) and the page of documents asked for
        (400 on a page that does not exist)."""
        matrix_filter = TermsMatrixFilter(
            self.request.GET or None, queryset=selectors.terms_matrix_documents()
        )
        check_form(matrix_filter.form)
        paginator = KeptCountPaginator(matrix_filter.qs, self.paginate_by)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except InvalidPage as exc:
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc
        return matrix_filter, page


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
        keys = [key for key in self.request.GET.getlist("key") if key]
        # Only the named allegations' keys: the page lists what was chosen, not every allegation.
        choices = selectors.comparison_choices(keys)
        form = CompareForm(form_data(self.request.GET, CompareForm), choices=choices)
        context.update(form=form, rows=[], chart=None)
        if len(keys) == 1 and keys[0] in dict(choices):
            # "Compare with other allegations" on a record page: that one is ticked, the
            # reader picks the others; nothing is wrong with the request.
            context["form"] = CompareForm(initial={"key": keys}, choices=choices)
            context["notice"] = (
                "Tick one to three more to compare with it (its accused parties), or type them."
            )
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
