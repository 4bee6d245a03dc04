"""The Django admin where staff analysts enter records and editors publish them.

- Every model is editable, with its history (django-simple-history).
- ``editorial_status`` is read-only in every form: status changes only through
  the workflow buttons on a record's page, which call
  :mod:`casebook.records.services`.
- Analysts change drafts and records in review; published and retracted
  records, their citations and their rows are changed only by editors.
  Published and retracted records cannot be deleted.
- Every form refuses a save made from a stale copy (see :mod:`casebook.records.forms`).

One module per family: shared mixins and rules (``base``), inlines, the record
admins, the admins of rows that belong to a record, vocabularies, and the
recent-changes page. Importing this package registers them all.
"""

from django.contrib import admin

from casebook.records.admin.base import (
    HTTPS_URL_FIELDS,
    OWNING_RECORD,
    WORKFLOW_FIELDS,
    ChildRowAdmin,
    FollowsRecordMixin,
    InlineBase,
    RankedSearchMixin,
    VersionedFormMixin,
    may_edit,
    owning_record,
    revise_owning_record,
    saves_nothing,
)
from casebook.records.admin.inlines import (
    AccusedPartyInline,
    CasePartyInline,
    CitationInline,
    ClauseInline,
    HoldingInline,
    TermsVersionInline,
    event_inline,
)
from casebook.records.admin.recent_changes import (
    RECENT_CHANGES_LIMIT,
    TRACKED_MODELS,
    recent_changes_view,
)
from casebook.records.admin.records import (
    AllegationAdmin,
    CaseAdmin,
    EventAdmin,
    GuidanceAdmin,
    PartyAdmin,
    RecordAdmin,
    SettlementAdmin,
    SourceAdmin,
    TermsDocumentAdmin,
)
from casebook.records.admin.rows import (
    AccusedPartyAdmin,
    CasePartyAdmin,
    CitationAdmin,
    ClauseAdmin,
    HoldingAdmin,
    TermsVersionAdmin,
)
from casebook.records.admin.vocabularies import VocabularyAdmin

admin.site.site_header = "Casebook administration"
admin.site.site_title = "Casebook administration"
admin.site.index_title = "Records, sources and vocabularies"

# Match rules and suggested clauses have their own module.
from casebook.records.clauses import admin as _clauses_admin  # noqa: E402, F401

__all__ = [
    "HTTPS_URL_FIELDS",
    "OWNING_RECORD",
    "WORKFLOW_FIELDS",
    "ChildRowAdmin",
    "FollowsRecordMixin",
    "InlineBase",
    "RankedSearchMixin",
    "VersionedFormMixin",
    "may_edit",
    "owning_record",
    "revise_owning_record",
    "saves_nothing",
    "AccusedPartyInline",
    "CasePartyInline",
    "CitationInline",
    "ClauseInline",
    "HoldingInline",
    "TermsVersionInline",
    "event_inline",
    "RECENT_CHANGES_LIMIT",
    "TRACKED_MODELS",
    "recent_changes_view",
    "AllegationAdmin",
    "CaseAdmin",
    "EventAdmin",
    "GuidanceAdmin",
    "PartyAdmin",
    "RecordAdmin",
    "SettlementAdmin",
    "SourceAdmin",
    "TermsDocumentAdmin",
    "AccusedPartyAdmin",
    "CasePartyAdmin",
    "CitationAdmin",
    "ClauseAdmin",
    "HoldingAdmin",
    "TermsVersionAdmin",
    "VocabularyAdmin",
]
