"""Read-side queries shared by the portal and the API.

Every function here reads public data only, through the models' ``.public()``
querysets, and runs a fixed number of queries whatever the size of the data, so
the portal page and the API endpoint built on a selector give the same answer.

One module per use: the timeline, vendor terms (in force, matrix, history),
comparisons, search and the accused-party rows. This package re-exports them
all, so ``from casebook.records.selectors import clause_lookup`` keeps working.
"""

# Re-exported: what search reads of each record type, one hit, and the timeline's types.
from casebook.records.registry import TIMELINE_RECORD_TYPES
from casebook.records.searchindex import SEARCH_SPECS, SearchSpec
from casebook.records.searching import SearchHit
from casebook.records.selectors.comparisons import (
    ComparisonRow,
    UnknownComparisonKey,
    comparison_choices,
    comparison_rows,
)
from casebook.records.selectors.records import accused_party_rows
from casebook.records.selectors.search import SearchResults, search_records
from casebook.records.selectors.terms import (
    CLAUSE_HISTORY_DIFF_SECONDS,
    COMPETING_MODELS_CATEGORY,
    AccuserClause,
    ClauseHistoryEntry,
    ClauseInForce,
    ClauseLookup,
    ClauseStatus,
    TermsMatrix,
    allegation_accuser_clause,
    clause_history,
    clause_lookup,
    terms_matrix,
    word_diff,
)
from casebook.records.selectors.timeline import timeline_entries, timeline_filters
from casebook.records.timeline import (
    TimelineEntry,
    TimelineFilters,
    iter_timeline,
)

__all__ = [
    "ComparisonRow",
    "UnknownComparisonKey",
    "comparison_choices",
    "comparison_rows",
    "accused_party_rows",
    "SearchResults",
    "search_records",
    "CLAUSE_HISTORY_DIFF_SECONDS",
    "COMPETING_MODELS_CATEGORY",
    "AccuserClause",
    "ClauseHistoryEntry",
    "ClauseInForce",
    "ClauseLookup",
    "ClauseStatus",
    "TermsMatrix",
    "allegation_accuser_clause",
    "clause_history",
    "clause_lookup",
    "terms_matrix",
    "word_diff",
    "timeline_entries",
    "timeline_filters",
    "SEARCH_SPECS",
    "SearchHit",
    "SearchSpec",
    "TIMELINE_RECORD_TYPES",
    "TimelineEntry",
    "TimelineFilters",
    "iter_timeline",
]
