"""How each public record looks in the API.

Links to other records are small objects (slug, name, portal and API URLs);
a link to a record that is not public is ``null``, and lists leave such
records out, so nothing unpublished shows through a published record.
Dates come with their precision and a display form ("March 2025").

One module per resource: shared fields and rules (``base``), the records,
allegations, vendor terms, and the answers of the selectors. This package
re-exports them all, so ``from casebook.api.serializers import X`` keeps working.
"""

from casebook.api.serializers.allegations import (
    AccusedPartySerializer,
    AccuserClauseSerializer,
    AllegationDetailSerializer,
    AllegationSerializer,
    ClauseRefSerializer,
)
from casebook.api.serializers.answers import (
    AnyRecordLinkField,
    ClauseInForceSerializer,
    ClauseLookupSerializer,
    ComparisonRowSerializer,
    SearchHitSerializer,
    SearchResultsSerializer,
    TermsMatrixRowSerializer,
    TermsMatrixSerializer,
    TimelineEntrySerializer,
)
from casebook.api.serializers.base import (
    COMPANION_SUFFIXES,
    CitationSerializer,
    EmptyIsNullMixin,
    ModelSerializer,
    PublicLinkField,
    PublicLinkListField,
    RecordLinkSerializer,
    RecordSerializer,
    SelectableFieldsMixin,
    Serializer,
    TermSerializer,
    api_url,
    portal_url,
    public_or_none,
    qualified_field,
    record_fields,
)
from casebook.api.serializers.records import (
    CasePartySerializer,
    CaseSerializer,
    EventSerializer,
    GuidanceSerializer,
    HoldingSerializer,
    PartySerializer,
    SettlementSerializer,
    SourceSerializer,
)
from casebook.api.serializers.termlinks import (
    clause_api_url,
    clause_key,
    version_api_url,
    version_portal_url,
)
from casebook.api.serializers.termrows import (
    ClauseRowSerializer,
    TermsVersionRowSerializer,
    VersionClauseSerializer,
    VersionLinkSerializer,
)
from casebook.api.serializers.terms import (
    OTA_VERSION_FIELDS,
    AttributionSerializer,
    ClauseSerializer,
    InForceFromSerializer,
    OTAVersionFieldsMixin,
    TermsDocumentDetailSerializer,
    TermsDocumentSerializer,
    TermsDocumentWithClausesSerializer,
    TermsVersionSerializer,
    TermsVersionSummarySerializer,
    carried_over_field,
)

# Re-exported: the version key, as before the split.
from casebook.records.versions import version_key

__all__ = [
    "AccusedPartySerializer",
    "AccuserClauseSerializer",
    "AllegationDetailSerializer",
    "AllegationSerializer",
    "ClauseRefSerializer",
    "AnyRecordLinkField",
    "ClauseInForceSerializer",
    "ClauseLookupSerializer",
    "ComparisonRowSerializer",
    "SearchHitSerializer",
    "SearchResultsSerializer",
    "TermsMatrixRowSerializer",
    "TermsMatrixSerializer",
    "TimelineEntrySerializer",
    "COMPANION_SUFFIXES",
    "CitationSerializer",
    "EmptyIsNullMixin",
    "ModelSerializer",
    "PublicLinkField",
    "PublicLinkListField",
    "RecordLinkSerializer",
    "RecordSerializer",
    "SelectableFieldsMixin",
    "Serializer",
    "TermSerializer",
    "api_url",
    "portal_url",
    "public_or_none",
    "qualified_field",
    "record_fields",
    "CasePartySerializer",
    "CaseSerializer",
    "EventSerializer",
    "GuidanceSerializer",
    "HoldingSerializer",
    "PartySerializer",
    "SettlementSerializer",
    "SourceSerializer",
    "OTA_VERSION_FIELDS",
    "AttributionSerializer",
    "ClauseRowSerializer",
    "ClauseSerializer",
    "InForceFromSerializer",
    "OTAVersionFieldsMixin",
    "TermsDocumentDetailSerializer",
    "TermsDocumentSerializer",
    "TermsDocumentWithClausesSerializer",
    "TermsVersionRowSerializer",
    "TermsVersionSerializer",
    "TermsVersionSummarySerializer",
    "VersionClauseSerializer",
    "VersionLinkSerializer",
    "carried_over_field",
    "clause_api_url",
    "clause_key",
    "version_api_url",
    "version_portal_url",
    "version_key",
]
