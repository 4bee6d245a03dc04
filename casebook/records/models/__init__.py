"""The Casebook domain: records of distillation disputes and their sources.

Every top-level record (party, source, allegation, case, settlement, guidance,
terms document, event) is *publishable*: it has a stable slug, an editorial
status and a full edit history, and ``Model.objects.public()`` is the one rule
for what the public may see. Rows that belong to a record (accused parties,
holdings, terms versions and clauses, citations, case parties) are public only
when their record is.

Each date is stored once. A record's own dates live on the record (an
allegation's date, a settlement's approval dates, a terms version's effective
date); the timeline reads them from there and adds the standalone events in
:class:`Event`, so the timeline and the record cannot disagree.

The models live in one module per aggregate; this package re-exports every
name so ``from casebook.records.models import Allegation``, the migrations and
``apps.get_model`` keep working.
"""

# Vocabularies first, so the models register in the order they were declared.
from casebook.records.models.vocabularies import (
    Capability,
    ClauseCategory,
    LegalTheory,
    Technique,
    Topic,
    Vocabulary,
)

# isort: split
from casebook.records.models.allegations import (
    AccusedParty,
    AccusedPartyQuerySet,
    Allegation,
    Figures,
)
from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    FigureBasis,
    PublishableModel,
    PublishableQuerySet,
    Qualifier,
    TimeStampedModel,
    Verification,
    at_most_one_set,
    format_date,
)
from casebook.records.models.cases import Case, CaseParty, Settlement
from casebook.records.models.events import RECORD_MODELS, Event, EventQuerySet
from casebook.records.models.guidance import Guidance, Holding, HoldingQuerySet
from casebook.records.models.parties import (
    Citation,
    CitationQuerySet,
    Party,
    Source,
    country_code_validator,
    currency_code_validator,
)
from casebook.records.models.terms import (
    Clause,
    ClauseQuerySet,
    TermsDocument,
    TermsVersion,
    TermsVersionQuerySet,
)

# isort: split
# Staff-only clause finding (match rules, suggestions), kept in its own module.
from casebook.records.clauses.models import (  # noqa: E402
    ClauseChangeProposal,
    ClauseMatchRule,
    ClauseSuggestion,
)

# The search index's tables live in their own module; imported here so Django registers them.
from casebook.records.search_models import SearchEntry, SearchWord  # noqa: E402

__all__ = [
    "AccusedParty",
    "AccusedPartyQuerySet",
    "Allegation",
    "Figures",
    "DatePrecision",
    "EditorialStatus",
    "FigureBasis",
    "PublishableModel",
    "PublishableQuerySet",
    "Qualifier",
    "TimeStampedModel",
    "Verification",
    "at_most_one_set",
    "format_date",
    "Case",
    "CaseParty",
    "Settlement",
    "RECORD_MODELS",
    "Event",
    "EventQuerySet",
    "Guidance",
    "Holding",
    "HoldingQuerySet",
    "Citation",
    "CitationQuerySet",
    "Party",
    "Source",
    "country_code_validator",
    "currency_code_validator",
    "Clause",
    "ClauseQuerySet",
    "TermsDocument",
    "TermsVersion",
    "TermsVersionQuerySet",
    "Capability",
    "ClauseCategory",
    "LegalTheory",
    "Technique",
    "Topic",
    "Vocabulary",
    "ClauseChangeProposal",
    "ClauseMatchRule",
    "ClauseSuggestion",
    "SearchEntry",
    "SearchWord",
]
