"""Pages of the research portal.

Every public read goes through the models' ``.public()`` querysets or the
selectors in :mod:`casebook.records.selectors`; the views only pick the records,
shape them for a template and keep the number of queries fixed.

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
    public_citations,
)
from casebook.portal.views.home import HomeView, MethodologyView
from casebook.portal.views.lists import (
    AllegationListView,
    CaseListView,
    Column,
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
    "public_citations",
    "HomeView",
    "MethodologyView",
    "AllegationListView",
    "CaseListView",
    "Column",
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
