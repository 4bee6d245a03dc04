"""The read-only API's endpoints: thin views over the public querysets and the selectors.

One module per resource: shared behaviour (``base``), the records, the keyed
rows of vendor terms, the selectors' answers, search, the dump and the guide
page. This package re-exports them all, so ``casebook.api.urls`` and
``from casebook.api.views import X`` keep working.
"""

from casebook.api.views.answers import (
    ClauseInForceQuery,
    ClauseInForceView,
    ComparisonQuery,
    ComparisonView,
    SelectorView,
    TermsMatrixAPIView,
    TermsMatrixQuery,
    TimelineAPIView,
    TimelineQuery,
    slug_field,
    stream_csv,
)
from casebook.api.views.base import (
    CURSOR_PARAMETER,
    DETAIL_ERRORS,
    LIST_ERRORS,
    RECORD_DETAIL_ERRORS,
    CasebookAPIMixin,
    CSVRenderer,
    csv_cell,
)
from casebook.api.views.dump import DumpView, public_dump
from casebook.api.views.guide import GuidePageView
from casebook.api.views.records import (
    AllegationViewSet,
    CaseViewSet,
    EventViewSet,
    GuidanceViewSet,
    PartyViewSet,
    RecordViewSet,
    SettlementViewSet,
    SourceViewSet,
    TermsDocumentViewSet,
    record_schema,
)
from casebook.api.views.search import SEARCH_RECORD_TYPES, SearchAPIView, SearchQuery
from casebook.api.views.terms import (
    KEY_PARAMETERS,
    KEYED_LIST_DESCRIPTION,
    ClauseViewSet,
    KeyedRowViewSet,
    TermsVersionViewSet,
)

__all__ = [
    "ClauseInForceQuery",
    "ClauseInForceView",
    "ComparisonQuery",
    "ComparisonView",
    "SelectorView",
    "TermsMatrixAPIView",
    "TermsMatrixQuery",
    "TimelineAPIView",
    "TimelineQuery",
    "slug_field",
    "stream_csv",
    "CURSOR_PARAMETER",
    "DETAIL_ERRORS",
    "LIST_ERRORS",
    "RECORD_DETAIL_ERRORS",
    "CSVRenderer",
    "CasebookAPIMixin",
    "csv_cell",
    "DumpView",
    "public_dump",
    "GuidePageView",
    "AllegationViewSet",
    "CaseViewSet",
    "EventViewSet",
    "GuidanceViewSet",
    "PartyViewSet",
    "RecordViewSet",
    "SettlementViewSet",
    "SourceViewSet",
    "TermsDocumentViewSet",
    "record_schema",
    "SEARCH_RECORD_TYPES",
    "SearchAPIView",
    "SearchQuery",
    "KEYED_LIST_DESCRIPTION",
    "KEY_PARAMETERS",
    "ClauseViewSet",
    "KeyedRowViewSet",
    "TermsVersionViewSet",
]
