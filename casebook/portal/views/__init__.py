"""Pages of the research portal.

Every read goes through the selectors in :mod:`casebook.records.selectors`, which
apply the public rule and load what a page shows; the views only pick the
selector, shape its rows for a template and keep the number of queries fixed.

One module per page family: home and methodology, the record lists, the record
pages, the timeline, the comparisons and search. This package re-exports them
all, so ``casebook.portal.urls`` and ``from casebook.portal.views import X``
keep working.
"""

from casebook.portal.views.compare import ClauseHistoryView, CompareView, TermsMatrixView
from casebook.portal.views.details import (
    AllegationDetailView,
    CaseDetailView,
    EventDetailView,
    GuidanceDetailView,
    PartyDetailView,
    RecordDetailView,
    SettlementDetailView,
    SourceDetailView,
    TermsDetailView,
)
from casebook.portal.views.home import HomeView, MethodologyView
from casebook.portal.views.lists import (
    AllegationListView,
    CaseListView,
    EventListView,
    GuidanceListView,
    PartyListView,
    RecordListView,
    SettlementListView,
    SourceListView,
    TermsListView,
    with_unique_order,
)
from casebook.portal.views.search import SearchView
from casebook.portal.views.timeline import TimelineView

__all__ = [
    "ClauseHistoryView",
    "CompareView",
    "TermsMatrixView",
    "AllegationDetailView",
    "CaseDetailView",
    "EventDetailView",
    "GuidanceDetailView",
    "PartyDetailView",
    "RecordDetailView",
    "SettlementDetailView",
    "SourceDetailView",
    "TermsDetailView",
    "HomeView",
    "MethodologyView",
    "AllegationListView",
    "CaseListView",
    "EventListView",
    "GuidanceListView",
    "PartyListView",
    "RecordListView",
    "SettlementListView",
    "SourceListView",
    "TermsListView",
    "with_unique_order",
    "SearchView",
    "TimelineView",
]
