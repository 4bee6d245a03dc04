"""The record filters, declared once for the portal and the API (see :mod:`.records`)."""

from casebook.records.filters.records import (
    AccusedPartyFilterSet,
    AllegationFilterSet,
    CaseFilterSet,
    EventFilterSet,
    GuidanceFilterSet,
    PartyFilterSet,
    SettlementFilterSet,
    SourceFilterSet,
    TermsDocumentFilterSet,
)
from casebook.records.filters.terms import (
    ClauseFilterSet,
    TermsMatrixFilterSet,
    TermsVersionFilterSet,
)

#: The FilterSet of each public record type's list, by the type's name in the registry.
RECORD_FILTERSETS = {
    "party": PartyFilterSet,
    "source": SourceFilterSet,
    "terms": TermsDocumentFilterSet,
    "allegation": AllegationFilterSet,
    "case": CaseFilterSet,
    "settlement": SettlementFilterSet,
    "guidance": GuidanceFilterSet,
    "event": EventFilterSet,
}

__all__ = [
    "RECORD_FILTERSETS",
    "AccusedPartyFilterSet",
    "AllegationFilterSet",
    "CaseFilterSet",
    "ClauseFilterSet",
    "EventFilterSet",
    "GuidanceFilterSet",
    "PartyFilterSet",
    "SettlementFilterSet",
    "SourceFilterSet",
    "TermsDocumentFilterSet",
    "TermsMatrixFilterSet",
    "TermsVersionFilterSet",
]
