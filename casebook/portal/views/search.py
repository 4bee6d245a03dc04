"""The search page across every public record type."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.views.generic import TemplateView

from casebook.portal.forms import SearchForm
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
    check_form,
    form_data,
)
from casebook.records import selectors
from casebook.records.registry import RECORD_TYPES_BY_RANK, record_type


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
                raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc
            context.update(
                results=results,
                page_obj=page,
                facets=[
                    (each_type, results.counts.get(each_type.name, 0))
                    for each_type in RECORD_TYPES_BY_RANK
                    if results.counts.get(each_type.name)
                ],
                total=sum(results.counts.values()),
                chosen_type=record_type(form.cleaned_data["type"])
                if form.cleaned_data["type"]
                else None,
            )
        return context
