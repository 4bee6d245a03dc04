"""Vendor terms: the clause in force on a date, accusers' clauses, and the API's terms
documents.

The terms matrix and a clause's history, built from the same lookups, are in
:mod:`.matrix` and :mod:`.clausehistory`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Coalesce

from casebook.records.models import (
    Allegation,
    Clause,
    ClauseCategory,
    Party,
    TermsDocument,
    TermsVersion,
)
from casebook.records.selectors.inforce import (
    first_versions_with_clause_after,
    latest_first,
    load_version_contents,
    version_rows,
    versions_in_force,
)
from casebook.records.selectors.lists import api_citations_prefetch
from casebook.records.versions import (
    InForceFrom,
    in_force_from,
    in_force_ordering,
)

#: Slug of the clause category "no training of competing models".
COMPETING_MODELS_CATEGORY = "no-competing-models"


class ClauseStatus(models.TextChoices):
    """What is known about a clause category in a terms version."""

    PRESENT = "present", "In force"
    NOT_PRESENT = "not_present", "Not present in the reviewed version"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"
    NO_VERSION_IN_FORCE = "no_version_in_force", "No version in force"


#: A lookup over several documents takes the first of these that one of them has:
#: a clause anywhere is "present"; a reviewed version without it, "not present"; a
#: version in force not reviewed, "not reviewed"; else no document had a version.
STATUS_PRECEDENCE = (
    ClauseStatus.PRESENT,
    ClauseStatus.NOT_PRESENT,
    ClauseStatus.NOT_REVIEWED,
    ClauseStatus.NO_VERSION_IN_FORCE,
)


@dataclass(frozen=True)
class ClauseInForce:
    """The answer for one terms document of a vendor on one date."""

    document: TermsDocument
    version: TermsVersion | None
    clause: Clause | None
    status: str

    @property
    def in_force(self) -> InForceFrom | None:
        """Since when the version was in force ("effective" or "observed"), if known."""
        return in_force_from(self.version) if self.version is not None else None


@dataclass(frozen=True)
class ClauseLookup:
    """Which clause of a vendor, in one category, was in force on a date."""

    vendor: Party
    category: ClauseCategory
    on: datetime.date
    status: str
    documents: tuple[ClauseInForce, ...]

    @property
    def clauses(self) -> list[ClauseInForce]:
        """The documents that had a clause of the category in force."""
        return [d for d in self.documents if d.status == ClauseStatus.PRESENT]

    @property
    def reviewed_without_clause(self) -> list[ClauseInForce]:
        """The documents whose version in force was reviewed and had no such clause."""
        return [d for d in self.documents if d.status == ClauseStatus.NOT_PRESENT]

    @property
    def no_version_in_force(self) -> bool:
        """Whether no document had a version in force on the date (so nothing to review)."""
        return self.status == ClauseStatus.NO_VERSION_IN_FORCE

    @property
    def status_display(self) -> str:
        return ClauseStatus(self.status).label


def public_terms_documents(vendors: Iterable[Party] | None = None) -> list[TermsDocument]:
    """Public terms documents of public vendors, with their versions, and each version's
    public clauses and reviews (:func:`~.inforce.load_version_contents`).

    Versions come in the model's order: by effective date, undated ones first.
    Five queries (documents, versions, clauses, their categories, reviewed categories).
    """
    documents = public_vendor_documents()
    if vendors is not None:
        documents = documents.filter(vendor__in=[v.pk for v in vendors])
    versions = Prefetch("versions", queryset=version_rows())
    documents = list(documents.select_related("vendor").prefetch_related(versions))
    load_version_contents([version for doc in documents for version in doc.versions.all()])
    return documents


def public_vendor_documents() -> models.QuerySet[TermsDocument]:
    """The public terms documents whose vendor is public (no rows loaded yet)."""
    return TermsDocument.objects.public().filter(vendor__in=Party.objects.public())


def version_status(
    version: TermsVersion | None, category: ClauseCategory
) -> tuple[Clause | None, str]:
    """The clause of ``category`` in ``version`` and what is known about it."""
    return version_statuses(version, [category])[0]


def version_statuses(
    version: TermsVersion | None, categories: Sequence[ClauseCategory]
) -> list[tuple[Clause | None, str]]:
    """:func:`version_status` for each of ``categories``, in their order, reading the
    version's clauses and reviews (:func:`~.inforce.load_version_contents`) once: a
    matrix row asks for every category."""
    if version is None:
        return [(None, ClauseStatus.NO_VERSION_IN_FORCE)] * len(categories)
    clauses = {clause.category_id: clause for clause in version.public_clauses}
    reviewed = {category.pk for category in version.reviewed_categories.all()}
    answers: list[tuple[Clause | None, str]] = []
    for category in categories:
        if category.pk in clauses:
            answers.append((clauses[category.pk], ClauseStatus.PRESENT))
        elif category.pk in reviewed:
            answers.append((None, ClauseStatus.NOT_PRESENT))
        else:
            answers.append((None, ClauseStatus.NOT_REVIEWED))
    return answers


def lookup_in_versions(
    vendor: Party,
    category: ClauseCategory,
    on: datetime.date,
    in_force: Iterable[tuple[TermsDocument, TermsVersion | None]],
) -> ClauseLookup:
    """The lookup of ``category`` on ``on`` over documents paired with their version in
    force then (:func:`~.inforce.version_in_force`); no query."""
    return lookups_in_versions(vendor, [category], on, in_force)[0]


def lookups_in_versions(
    vendor: Party,
    categories: Sequence[ClauseCategory],
    on: datetime.date,
    in_force: Iterable[tuple[TermsDocument, TermsVersion | None]],
) -> list[ClauseLookup]:
    """:func:`lookup_in_versions` for each of ``categories``, in their order: a terms
    matrix row. Each version's clauses and reviews are read once; no query."""
    in_force = list(in_force)
    statuses = [version_statuses(version, categories) for _, version in in_force]
    lookups = []
    for index, category in enumerate(categories):
        answers = tuple(
            ClauseInForce(document, version, *version_answers[index])
            for (document, version), version_answers in zip(in_force, statuses, strict=True)
        )
        found = {answer.status for answer in answers}
        status = next(
            (s for s in STATUS_PRECEDENCE if s in found), ClauseStatus.NO_VERSION_IN_FORCE
        )
        lookups.append(ClauseLookup(vendor, category, on, status, answers))
    return lookups


def clause_lookup(*, vendor: Party, category: ClauseCategory, on: datetime.date) -> ClauseLookup:
    """Which clause of ``vendor`` in ``category`` was in force on ``on``?

    One answer per public terms document of the vendor (none if the vendor is
    not public). The overall status is "present" if any document had such a
    clause in its version in force; "not present" if some version in force was
    reviewed for the category and had none; "not reviewed" if some document had a
    version in force that was not reviewed; otherwise "no version in force" (no
    document, or none with a version in force on the date). A
    version's effective date is compared as stored, so a version dated only to
    a month counts from the first of that month.
    """
    documents = list(public_vendor_documents().filter(vendor=vendor).select_related("vendor"))
    in_force = versions_in_force(documents, on)
    return lookup_in_versions(vendor, category, on, zip(documents, in_force, strict=True))


@dataclass(frozen=True)
class AccuserClause:
    """The accuser's no-competing-models clause on the date of the alleged conduct."""

    allegation: Allegation
    on: datetime.date
    lookup: ClauseLookup
    later: ClauseInForce | None

    @property
    def added_later(self) -> bool:
        """True when a reviewed version in force on the date had no such clause and a later
        version of the same document has one: the clause came into force only afterwards.

        When the version in force was not reviewed, or not known, nothing is claimed.
        """
        if self.later is None:
            return False
        return any(
            d.document.pk == self.later.document.pk and d.status == ClauseStatus.NOT_PRESENT
            for d in self.lookup.documents
        )


def _competing_models_category() -> ClauseCategory:
    category = ClauseCategory.objects.filter(slug=COMPETING_MODELS_CATEGORY).first()
    if category is None:
        # Not in the database yet: an unsaved stand-in, so every lookup says "not reviewed".
        category = ClauseCategory(
            slug=COMPETING_MODELS_CATEGORY, name="No training of competing models"
        )
    return category


def allegation_accuser_clause(allegation: Allegation) -> AccuserClause:
    """The accuser's clause against training competing models, on the date of the conduct.

    The date is the start of the alleged conduct if the allegation states it,
    else the date the allegation was made. When no such clause was in force on
    that date, ``later`` is the first later version that has one
    (:func:`first_clause_after`). At most ten queries, however many versions the
    accuser's documents have.
    """
    category = _competing_models_category()
    on = allegation.conduct_start or allegation.made_on
    lookup = clause_lookup(vendor=allegation.accuser, category=category, on=on)
    later = None
    if lookup.status != ClauseStatus.PRESENT:
        later = first_clause_after([answer.document for answer in lookup.documents], category, on)
    return AccuserClause(allegation, on, lookup, later)


def first_clause_after(
    documents: Sequence[TermsDocument], category: ClauseCategory, on: datetime.date
) -> ClauseInForce | None:
    """The clause of ``category`` that came into force first after ``on`` in any of
    ``documents`` (the first of them on a tie), or None. Four queries."""
    versions = first_versions_with_clause_after(documents, category, on)
    candidates = []
    for document, version in zip(documents, versions, strict=True):
        clause, status = version_status(version, category)
        if clause is not None:
            candidates.append(ClauseInForce(document, version, clause, status))
    return min(candidates, key=lambda answer: answer.in_force.date, default=None)


def _terms_documents_counted() -> models.QuerySet[TermsDocument]:
    """Public terms documents with their vendor, public citations and ``version_count``."""
    # A subquery, not Count("versions"): a filter joining versions (clause_category,
    # q) would multiply a joined count.
    count = (
        TermsVersion.objects.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        TermsDocument.objects.public()
        .select_related("vendor")
        .annotate(version_count=Coalesce(Subquery(count), 0))
        .prefetch_related(api_citations_prefetch())
    )


def terms_document_api_list() -> models.QuerySet[TermsDocument]:
    """Every public terms document for the API's list: vendor, public citations,
    ``version_count`` (an annotation) and ``latest_versions`` (a list of none or one: the
    last version in force order, with its reviewed categories, without its full text).

    No clauses and no other version are read, so a page runs the same queries (the page,
    its citations, the latest versions, their reviewed categories) and loads the same
    rows however many versions each document has.
    """
    latest = (
        TermsVersion.objects.defer("full_text")
        .with_reviewed_categories()
        .order_by(*latest_first())[:1]
    )
    return _terms_documents_counted().prefetch_related(
        Prefetch("versions", queryset=latest, to_attr="latest_versions")
    )


def terms_document_api_detail() -> models.QuerySet[TermsDocument]:
    """Public terms documents for the API's detail: vendor, public citations,
    ``version_count`` and every version in force order (the last is the latest) with
    its reviewed categories; no clauses, no full texts (each version's own URL has them)."""
    versions = (
        TermsVersion.objects.defer("full_text")
        .order_by(*in_force_ordering())
        .with_reviewed_categories()
    )
    return _terms_documents_counted().prefetch_related(Prefetch("versions", queryset=versions))
