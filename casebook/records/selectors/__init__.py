"""Read-side queries shared by the portal and the API.

Every function here reads what the public may see (published records through
the models' ``.public()`` querysets, their public revisions, and of a retracted
record only its tombstone) and runs a fixed number of queries whatever the size
of the data, so the portal page and the API endpoint built on a selector give the
same answer.

One module per use: the record lists (portal and API), the record pages' querysets
and what those pages list, the home page and sitemaps, the parameters' choices,
the timeline, vendor terms (in force, matrix, history), a terms version's page,
comparisons, search, the accused-party rows, a record's public revisions, the
tombstones of retracted records and the API's dump. The portal and the API read
records only through this package (``tests/test_read_path.py`` checks it). It
re-exports what they use, so ``from casebook.records.selectors import clause_lookup``
keeps working.
"""

# Re-exported: what search reads of each record type, one hit, its snippets, the timeline's types.
from casebook.records.registry import TIMELINE_RECORD_TYPES
from casebook.records.searchindex import SEARCH_SPECS, SearchSpec
from casebook.records.searching import SearchHit, Snippet
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
from casebook.records.selectors.dump import public_dump_sections
from casebook.records.selectors.eventrows import (
    CitationRow,
    EventRow,
    Link,
    Term,
    event_api_page,
    event_api_rows,
)
from casebook.records.selectors.home import (
    home_counts,
    home_largest_accused,
    home_largest_settlements,
    recent_public_records,
    sitemap_records,
    sitemap_terms_versions,
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
    terms_document_list,
    terms_version_rows,
)
from casebook.records.selectors.matrix import TermsMatrix, terms_matrix, terms_matrix_documents
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
from casebook.records.selectors.revisions import (
    MAX_REVISION,
    Revision,
    record_revision_get,
    record_revision_latest_number,
    record_revisions_public,
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
    allegation_accuser_clause,
    clause_history,
    clause_lookup,
    terms_document_api_detail,
    terms_document_api_list,
    word_diff,
)
from casebook.records.selectors.timeline import (
    TimelineEntry,
    TimelineFilters,
    TimelineSummary,
    TimelineWindow,
    bucket_counts,
    iter_timeline,
    timeline_entries,
    timeline_filters,
    timeline_slice,
    timeline_summary,
)
from casebook.records.selectors.tombstones import (
    Tombstone,
    recent_tombstones,
    retracted_tombstones,
    tombstone,
)
from casebook.records.selectors.versionpage import (
    VersionPage,
    terms_version_find,
    terms_version_page,
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
    "CitationRow",
    "EventRow",
    "Link",
    "Term",
    "event_api_page",
    "event_api_rows",
    "home_counts",
    "home_largest_accused",
    "home_largest_settlements",
    "recent_public_records",
    "sitemap_records",
    "sitemap_terms_versions",
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
    "terms_document_api_detail",
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
    "terms_matrix_documents",
    "word_diff",
    "timeline_entries",
    "timeline_filters",
    "timeline_slice",
    "timeline_summary",
    "bucket_counts",
    "TimelineSummary",
    "TimelineWindow",
    "public_dump_sections",
    "MAX_REVISION",
    "Revision",
    "record_revision_get",
    "record_revision_latest_number",
    "record_revisions_public",
    "Tombstone",
    "recent_tombstones",
    "retracted_tombstones",
    "tombstone",
    "VersionPage",
    "terms_version_find",
    "terms_version_page",
    "SEARCH_SPECS",
    "SearchHit",
    "Snippet",
    "SearchSpec",
    "TIMELINE_RECORD_TYPES",
    "TimelineEntry",
    "TimelineFilters",
    "iter_timeline",
]
