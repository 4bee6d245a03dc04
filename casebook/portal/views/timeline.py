"""The timeline page, paged and charted by the database."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.views.generic import TemplateView

from casebook.portal import feeds, timelinechart
from casebook.portal.forms import TimelineForm
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
    check_form,
    form_data,
)
from casebook.records import selectors


class TimelineView(ParameterErrorsMixin, TemplateView):
    """Every public event in date order, filtered by party, record type, topic and dates.

    Ordered, filtered, counted and paginated in the database
    (:mod:`casebook.records.selectors.timeline`): a fixed number of queries whatever the
    size of the data. The chart shows the counts of the whole filtered range
    and the entries of the page.
    """

    template_name = "portal/timeline.html"
    # The API timeline's default page size: a page of the portal and of the API hold the
    # same entries.
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        formats = request.GET.getlist("format")
        if formats == ["atom"]:
            form, flt = self.filtered()
            entries = list(selectors.iter_timeline(flt))
            summary = feeds.filters_summary(form)
            title = "Timeline" + (f" ({summary})" if summary else "")
            link = feeds.feed_page_link(request)
            return feeds.feed_response(
                feeds.TimelineFeed, request, feeds.FeedOf(title, link, entries)
            )
        if formats:
            raise BadParameters({"format": ["The only format is atom."]})
        return super().get(request, *args, **kwargs)

    def filtered(self) -> tuple[TimelineForm, selectors.TimelineFilters]:
        """The timeline's form (400 on a bad filter) and the filters it asks for."""
        form = TimelineForm(form_data(self.request.GET, TimelineForm))
        check_form(form)
        criteria = form.cleaned_data if form.is_bound else {}
        flt = selectors.timeline_filters(
            parties=[criteria["party"]] if criteria.get("party") else None,
            record_types=criteria.get("record_type") or None,
            topics=[criteria["topic"]] if criteria.get("topic") else None,
            date_from=criteria.get("date_from"),
            date_to=criteria.get("date_to"),
        )
        return form, flt

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, flt = self.filtered()
        day_counts = selectors.timeline_day_counts(flt)
        summary = selectors.TimelineSummary.of(day_counts)
        paginator = Paginator(selectors.TimelineWindow(flt, summary.count), self.paginate_by)
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except InvalidPage as exc:
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc
        entries = list(page.object_list)
        chart = None
        if summary.count:
            unit = timelinechart.choose_unit(summary.first, summary.last)
            counts = timelinechart.bucket_counts(day_counts, unit)
            chart = timelinechart.timeline_chart(counts, entries, unit)
            for bar in chart["bars"]:
                bar["href"] = self._bucket_url(bar["slot"], flt)
        context.update(form=form, entries=entries, summary=summary, page_obj=page, chart=chart)
        return context

    def _bucket_url(self, slot: timelinechart.Slot, flt: Any) -> str:
        """This page filtered to one bucket (within the dates asked for)."""
        query = self.request.GET.copy()
        query.pop("page", None)
        start = max(slot.start, flt.date_from) if flt.date_from else slot.start
        end = slot.end - datetime.timedelta(days=1)
        end = min(end, flt.date_to) if flt.date_to else end
        query["date_from"], query["date_to"] = start.isoformat(), end.isoformat()
        return f"?{query.urlencode()}"
