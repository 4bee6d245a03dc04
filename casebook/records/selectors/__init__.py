"""Read-side queries shared by the portal and the API.

Every function here reads public data only, through the models' ``.public()``
querysets, and runs a fixed number of queries whatever the size of the data, so
the portal page and the API endpoint built on a selector give the same answer.

One module per use: the record lists (portal and API), the record pages' querysets
and what those pages list, the home page and sitemaps, the parameters' choices,
the timeline, vendor terms (in force, matrix, history), comparisons, search and
the accused-party rows. The portal's and the API's views read public rows only
through these functions (``tests/test_read_path.py`` checks it). This package re-exports them
all, so ``from casebook.records.selectors import clause_lookup`` keeps working.
"""

# Re-exported: what search reads of each record type, one hit, and the timeline's types.
from casebook.records.registry import TIMELINE_RECORD_TYPES
from casebook.records.searchindex import SEARCH_SPECS, SearchSpec
from casebook.records.searching import SearchHit
from casebook.records.selectors.choices import (
    allegation_choices,
    capability_choices,
    clause_category_choices,
    party_choices,
    technique_choices,
    topic_choices,
)
from casebook.records.selectors.comparisons import (
    ComparisonRow,
    UnknownComparisonKey,
    comparison_choices,
    comparison_rows,
)
from casebook.records.selectors.details import (
    allegation_detail_queryset,
    case_detail_queryset,
    citations_prefetch,
    event_detail_queryset,
    guidance_detail_queryset,
    party_detail_queryset,
    record_events,
    settlement_detail_queryset,
    source_detail_queryset,
    terms_document_detail_queryset,
)
from casebook.records.selectors.home import (
    home_counts,
    home_largest_accused,
    home_largest_settlements,
    recent_public_records,
    sitemap_records,
)
from casebook.records.selectors.lists import (
    allegation_api_list,
    allegation_list,
    api_citations_prefetch,
    case_api_list,
    case_list,
    clause_rows,
    event_api_list,
    event_list,
    guidance_api_list,
    guidance_list,
    party_api_list,
    party_list,
    settlement_api_list,
    settlement_list,
    source_list,
    terms_document_api_list,
    terms_document_list,
    terms_version_rows,
)
from casebook.records.selectors.pages import (
    allegation_accused_rows,
    clause_history_vendors,
    party_roles,
    party_terms_documents,
    source_cited_by,
    terms_document_allegations,
    terms_document_page_queryset,
    vendor_has_clause_history,
)
from casebook.records.selectors.records import (
    accused_party_rows,
    clause_suggestions_pending,
    record_by_slug,
    retracted_record_by_slug,
)
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
    "allegation_choices",
    "capability_choices",
    "clause_category_choices",
    "party_choices",
    "technique_choices",
    "topic_choices",
    "allegation_detail_queryset",
    "case_detail_queryset",
    "citations_prefetch",
    "event_detail_queryset",
    "guidance_detail_queryset",
    "party_detail_queryset",
    "record_events",
    "settlement_detail_queryset",
    "source_detail_queryset",
    "terms_document_detail_queryset",
    "home_counts",
    "home_largest_accused",
    "home_largest_settlements",
    "recent_public_records",
    "sitemap_records",
    "allegation_api_list",
    "allegation_list",
    "api_citations_prefetch",
    "case_api_list",
    "case_list",
    "clause_rows",
    "event_api_list",
    "event_list",
    "guidance_api_list",
    "guidance_list",
    "party_api_list",
    "party_list",
    "settlement_api_list",
    "settlement_list",
    "source_list",
    "terms_document_api_list",
    "terms_document_list",
    "terms_version_rows",
    "allegation_accused_rows",
    "clause_history_vendors",
    "party_roles",
    "party_terms_documents",
    "source_cited_by",
    "terms_document_allegations",
    "terms_document_page_queryset",
    "vendor_has_clause_history",
    "clause_suggestions_pending",
    "record_by_slug",
    "retracted_record_by_slug",
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
