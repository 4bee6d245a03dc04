"""Read-side queries shared by the portal and the API.

Every function here reads public data only, through the models' ``.public()``
querysets, and runs a fixed number of queries whatever the size of the data, so
the portal page and the API endpoint built on a selector give the same answer.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Clause,
    ClauseCategory,
    FigureBasis,
    Party,
    Source,
    TermsDocument,
    TermsVersion,
    Topic,
)
from casebook.records.searchindex import SEARCH_SPECS, SearchSpec
from casebook.records.searching import SearchHit, SearchHits, count_by_type, ranked_entries, suggest
from casebook.records.textdiff import WordDiff, diff_words
from casebook.records.textsearch import query_terms, validate_query
from casebook.records.timeline import (  # noqa: F401 (re-exported)
    TIMELINE_RECORD_TYPES,
    TimelineEntry,
    TimelineFilters,
    iter_timeline,
)
from casebook.records.versions import InForceFrom, in_force_from, versions_in_order

#: Re-exported: what search reads of each record type, and one hit.
__search__ = (SEARCH_SPECS, SearchSpec, SearchHit)

#: Slug of the clause category "no training of competing models".
COMPETING_MODELS_CATEGORY = "no-competing-models"


class ClauseStatus(models.TextChoices):
    """What is known about a clause category in a terms version."""

    PRESENT = "present", "In force"
    NOT_PRESENT = "not_present", "Not present in the reviewed version"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


def timeline_entries(
    *,
    parties: Iterable[Party] | None = None,
    record_types: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[TimelineEntry]:
    """Every public dated fact of the filtered timeline, sorted by ``(date, key)``.

    The whole list, for exports and small data; pages and charts read
    :mod:`casebook.records.timeline` (``timeline_slice``, ``timeline_summary``,
    ``bucket_counts``), which order, filter and count in the database.

    The entries are the public records' own dates (an allegation's date, a
    case's filing, a settlement's announcement and approvals, a guidance
    document's issue, the effective date of each known version of a public
    terms document) plus the public events. An event is of type ``"event"``
    whatever it belongs to, and links to the record it belongs to, if any.

    Filters combine with AND; ``None`` means no filter, and a list matches any
    of its values (so an empty list matches nothing). ``parties`` matches
    entries that involve one of the parties; ``topics`` matches entries of
    records or events filed under one of the topics (terms versions have no
    topics); ``date_from`` and ``date_to`` are inclusive and compare with the
    stored date, which for an imprecise date is the first day of its month or year.
    """
    return list(iter_timeline(timeline_filters(parties, record_types, topics, date_from, date_to)))


def timeline_filters(
    parties: Iterable[Party] | None = None,
    record_types: Iterable[str] | None = None,
    topics: Iterable[Topic] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> TimelineFilters:
    """The :class:`TimelineFilters` of the given criteria (``None``: no filter)."""
    return TimelineFilters(
        parties=list(parties) if parties is not None else None,
        record_types=list(record_types) if record_types is not None else None,
        topics=list(topics) if topics is not None else None,
        date_from=date_from,
        date_to=date_to,
    )


# --------------------------------------------------------------------------
# Vendor terms: the clause in force on a date, the matrix, the history
# --------------------------------------------------------------------------


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
    def status_display(self) -> str:
        return ClauseStatus(self.status).label


def _public_terms_documents(vendors: Iterable[Party] | None = None) -> list[TermsDocument]:
    """Public terms documents of public vendors, with their versions, clauses and reviews.

    Versions come in the model's order: by effective date, undated ones first.
    Four queries.
    """
    documents = TermsDocument.objects.public().filter(vendor__in=Party.objects.public())
    if vendors is not None:
        documents = documents.filter(vendor__in=[v.pk for v in vendors])
    # The full texts stay in the database: a page over every version would load them all.
    versions = (
        TermsVersion.objects.public()
        .defer("full_text")
        .prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.public().select_related(
                    "category", "carried_over_from__version"
                ),
            ),
            "reviewed_categories",
        )
    )
    return list(
        documents.select_related("vendor").prefetch_related(Prefetch("versions", queryset=versions))
    )


def _version_status(
    version: TermsVersion | None, category: ClauseCategory
) -> tuple[Clause | None, str]:
    """The clause of ``category`` in ``version`` and what is known about it."""
    if version is None:
        return None, ClauseStatus.NOT_REVIEWED
    for clause in version.clauses.all():
        if clause.category_id == category.pk:
            return clause, ClauseStatus.PRESENT
    if any(c.pk == category.pk for c in version.reviewed_categories.all()):
        return None, ClauseStatus.NOT_PRESENT
    return None, ClauseStatus.NOT_REVIEWED


def _version_in_force(document: TermsDocument, on: datetime.date) -> TermsVersion | None:
    """The last version, in order, in force from a date on or before ``on``.

    In force from: the stated effective date, or for an imported version that
    states none the day OTA recorded it ("observed in force from"; see
    :mod:`casebook.records.versions`). A hand-entered version with no effective
    date is never taken to be in force.
    """
    in_force = None
    for version in versions_in_order(document.versions.all()):
        start = in_force_from(version)
        if start is not None and start.date <= on:
            in_force = version
    return in_force


def _lookup(
    vendor: Party,
    category: ClauseCategory,
    on: datetime.date,
    documents: Iterable[TermsDocument],
) -> ClauseLookup:
    answers = []
    for document in documents:
        version = _version_in_force(document, on)
        clause, status = _version_status(version, category)
        answers.append(ClauseInForce(document, version, clause, status))
    statuses = {a.status for a in answers}
    if ClauseStatus.PRESENT in statuses:
        status = ClauseStatus.PRESENT
    elif ClauseStatus.NOT_PRESENT in statuses:
        status = ClauseStatus.NOT_PRESENT
    else:
        status = ClauseStatus.NOT_REVIEWED
    return ClauseLookup(vendor, category, on, status, tuple(answers))


def clause_lookup(*, vendor: Party, category: ClauseCategory, on: datetime.date) -> ClauseLookup:
    """Which clause of ``vendor`` in ``category`` was in force on ``on``?

    One answer per public terms document of the vendor (none if the vendor is
    not public). The overall status is "present" if any document had such a
    clause in its version in force; "not present" if some version in force was
    reviewed for the category and had none; otherwise "not reviewed". A
    version's effective date is compared as stored, so a version dated only to
    a month counts from the first of that month.
    """
    documents = _public_terms_documents([vendor])
    return _lookup(vendor, category, on, documents)


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
    that date, ``later`` is the first later version that has one.
    """
    category = _competing_models_category()
    on = allegation.conduct_start or allegation.made_on
    documents = _public_terms_documents([allegation.accuser])
    lookup = _lookup(allegation.accuser, category, on, documents)
    later = None
    if lookup.status != ClauseStatus.PRESENT:
        candidates = []
        for document in documents:
            for version in versions_in_order(document.versions.all()):
                start = in_force_from(version)
                if start is None or start.date <= on:
                    continue
                clause, status = _version_status(version, category)
                if clause is not None:
                    candidates.append(ClauseInForce(document, version, clause, status))
                    break
        if candidates:
            later = min(candidates, key=lambda c: c.in_force.date)
    return AccuserClause(allegation, on, lookup, later)


@dataclass(frozen=True)
class TermsMatrix:
    """Vendors by clause categories: what each vendor's terms said on one date."""

    on: datetime.date
    vendors: list[Party]
    categories: list[ClauseCategory]
    rows: list[tuple[Party, list[ClauseLookup]]]

    def cell(self, vendor: Party, category: ClauseCategory) -> ClauseLookup:
        """The lookup for one vendor and category; KeyError if either is not in the matrix."""
        for row_vendor, lookups in self.rows:
            if row_vendor.pk == vendor.pk:
                for lookup in lookups:
                    if lookup.category.pk == category.pk:
                        return lookup
        raise KeyError((vendor, category))


def terms_matrix(
    *, on: datetime.date, categories: Iterable[ClauseCategory] | None = None
) -> TermsMatrix:
    """Every public vendor with public terms, by name, against clause categories, on a date.

    ``categories`` defaults to every clause category, by name.
    """
    categories = list(ClauseCategory.objects.all() if categories is None else categories)
    by_vendor: dict[int, list[TermsDocument]] = {}
    vendors: dict[int, Party] = {}
    for document in _public_terms_documents():
        vendors[document.vendor_id] = document.vendor
        by_vendor.setdefault(document.vendor_id, []).append(document)
    ordered = sorted(vendors.values(), key=lambda v: (v.name, v.pk))
    rows = [
        (vendor, [_lookup(vendor, c, on, by_vendor[vendor.pk]) for c in categories])
        for vendor in ordered
    ]
    return TermsMatrix(on=on, vendors=ordered, categories=categories, rows=rows)


@dataclass(frozen=True)
class ClauseHistoryEntry:
    """One version of a vendor's document, for one clause category, with the change."""

    document: TermsDocument
    version: TermsVersion
    clause: Clause | None
    status: str
    diff: list[tuple[str, str]]
    #: False when the diff hit its time limit and may mark more words as changed than were.
    diff_complete: bool = True

    @property
    def status_display(self) -> str:
        return ClauseStatus(self.status).label

    @property
    def in_force(self) -> InForceFrom | None:
        """Since when the version was in force ("effective" or "observed"), if known."""
        return in_force_from(self.version)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts as ("equal" | "insert" | "delete", text) pieces.

    Whitespace is kept, so the "equal" and "delete" pieces join back into
    ``old`` and the "equal" and "insert" pieces into ``new``. Bounded in time:
    see :func:`casebook.records.textdiff.diff_words`.
    """
    return diff_words(old, new).pieces


#: Seconds the word diffs of one clause history may take together (each diff gets
#: what is left, and at least a twentieth of a second).
CLAUSE_HISTORY_DIFF_SECONDS = 2.0


def clause_history(*, vendor: Party, category: ClauseCategory) -> list[ClauseHistoryEntry]:
    """Every known version of the vendor's public terms documents, for one clause category.

    Grouped by document, versions in order (:func:`~casebook.records.versions.versions_in_order`:
    imported versions as OTA recorded them). Each entry diffs the clause text word by
    word against the previous version of the same document (an absent clause
    counts as empty text); the first version of a document has no diff. The
    diffs share a time budget of :data:`CLAUSE_HISTORY_DIFF_SECONDS`; an entry
    whose diff ran out of time has ``diff_complete=False``.
    """
    entries = []
    deadline = time.monotonic() + CLAUSE_HISTORY_DIFF_SECONDS
    for document in _public_terms_documents([vendor]):
        previous_text = None
        for version in versions_in_order(document.versions.all()):
            clause, status = _version_status(version, category)
            text = clause.text if clause is not None else ""
            diff = WordDiff()
            if previous_text is not None:
                timeout = max(deadline - time.monotonic(), 0.05)
                diff = diff_words(previous_text, text, timeout=timeout)
            entries.append(
                ClauseHistoryEntry(
                    document, version, clause, status, diff.pieces, diff_complete=diff.complete
                )
            )
            previous_text = text
    return entries


# --------------------------------------------------------------------------
# Comparisons of allegations
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One column of the allegation comparison: a whole allegation or one accused party."""

    key: str
    label: str
    allegation: Allegation
    accused: AccusedParty | None
    accuser: Party
    date_display: str
    venue: str
    accounts: int | None
    accounts_qualifier: str
    exchanges: int | None
    exchanges_qualifier: str
    figures_basis: str
    capabilities: list[str]
    techniques: list[str]
    legal_theories: list[str]
    response: str
    status: str
    source_count: int

    @property
    def figures_basis_display(self) -> str:
        return FigureBasis(self.figures_basis).label


class UnknownComparisonKey(ValueError):
    """A comparison key that names no public allegation or accused party."""

    def __init__(self, key: str) -> None:
        super().__init__(f"Unknown comparison key: {key!r}")
        self.key = key


def _comparable_allegations(slugs: Iterable[str] | None = None) -> list[Allegation]:
    """Public allegations by public accusers, with what the comparison shows. Five queries."""
    allegations = Allegation.objects.public().filter(accuser__in=Party.objects.public())
    if slugs is not None:
        allegations = allegations.filter(slug__in=list(slugs))
    accused = (
        AccusedParty.objects.public()
        .select_related("party")
        .prefetch_related("capabilities", "techniques")
    )
    return list(
        allegations.select_related("accuser")
        .annotate(
            public_source_count=Count(
                "citations__source",
                filter=Q(citations__source__in=Source.objects.public()),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("accused", queryset=accused, to_attr="public_accused"), "legal_theories"
        )
    )


def _comparison_row(allegation: Allegation, accused: AccusedParty | None) -> ComparisonRow:
    accuser = allegation.accuser
    date_display = allegation.made_on_display
    context = f"({accuser.display_name}, {date_display})"
    if accused is None:
        rows = allegation.public_accused
        key, label = allegation.slug, f"Whole allegation {context}"
        figures, response = allegation, ""
    else:
        rows = [accused]
        key, label = (
            f"{allegation.slug}/{accused.party.slug}",
            f"{accused.party.display_name} {context}",
        )
        figures, response = accused, accused.get_response_display()

    def names(attribute: str) -> list[str]:
        terms = {t.pk: t for row in rows for t in getattr(row, attribute).all()}
        return [t.name for t in sorted(terms.values(), key=lambda t: t.name)]

    return ComparisonRow(
        key=key,
        label=label,
        allegation=allegation,
        accused=accused,
        accuser=accuser,
        date_display=date_display,
        venue=allegation.get_venue_display(),
        accounts=figures.accounts,
        accounts_qualifier=figures.accounts_qualifier,
        exchanges=figures.exchanges,
        exchanges_qualifier=figures.exchanges_qualifier,
        figures_basis=figures.figures_basis,
        capabilities=names("capabilities"),
        techniques=names("techniques"),
        legal_theories=[t.name for t in allegation.legal_theories.all()],
        response=response,
        status=allegation.get_status_display(),
        source_count=allegation.public_source_count,
    )


def comparison_rows(keys: Sequence[str]) -> list[ComparisonRow]:
    """The comparison rows for ``keys``, in the order given.

    A key is an allegation's slug (the whole allegation, with its own totals)
    or "<allegation-slug>/<party-slug>" (one accused party's row). Raises
    :class:`UnknownComparisonKey` for a key that names nothing public.
    """
    keys = list(keys)
    if not keys:
        return []
    parsed = [(key, *key.split("/", 1)) if "/" in key else (key, key, None) for key in keys]
    allegations = {a.slug: a for a in _comparable_allegations(slug for _, slug, _ in parsed)}
    rows = []
    for key, slug, party_slug in parsed:
        allegation = allegations.get(slug)
        if allegation is None:
            raise UnknownComparisonKey(key)
        accused = None
        if party_slug is not None:
            accused = next(
                (a for a in allegation.public_accused if a.party.slug == party_slug), None
            )
            if accused is None:
                raise UnknownComparisonKey(key)
        rows.append(_comparison_row(allegation, accused))
    return rows


def comparison_choices() -> list[tuple[str, str]]:
    """Every public comparison key with its label, newest allegation first, for pickers."""
    choices = []
    for allegation in _comparable_allegations():
        for accused in (None, *allegation.public_accused):
            row = _comparison_row(allegation, accused)
            choices.append((row.key, row.label))
    return choices


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResults:
    """The hits of a search (paged lazily, :class:`~casebook.records.searching.SearchHits`),
    the number of hits of each record type, and a corrected query when a word is unknown."""

    query: str
    hits: SearchHits
    counts: dict[str, int]
    suggestion: str | None = None


def search_records(query: str, *, record_type: str | None = None) -> SearchResults:
    """Search every public record, main records first and sources last (one selector for the
    portal and the API; the rules are :mod:`casebook.records.searching`'s).

    ``counts`` covers every record type even when ``record_type`` narrows the
    hits; it and the hits are counted and paged in the database. Snippets are
    safe HTML: escaped text with the matches in ``<mark>``. ``suggestion`` is
    the query with misspelt words corrected ("distilation" → "distillation"),
    or None. A fixed number of queries whatever the size of the data.

    Raises :class:`~casebook.records.textsearch.QueryTooLong` for a query
    past the limits of :func:`~casebook.records.textsearch.validate_query`.
    """
    query = query.strip()
    validate_query(query)
    entries = ranked_entries(query) if query else None
    counts = count_by_type(entries)
    if entries is not None and record_type is not None:
        entries = entries.filter(record_type=record_type)
    total = counts[record_type] if record_type else sum(counts.values())
    wanted = query_terms(query)[0] if query else []
    hits = SearchHits(entries, total, wanted)
    return SearchResults(
        query=query, hits=hits, counts=counts, suggestion=suggest(query) if query else None
    )


# --------------------------------------------------------------------------
# Accused parties, one row each
# --------------------------------------------------------------------------


def accused_party_rows() -> QuerySet[AccusedParty]:
    """Every public accused row (its allegation and party published), with what it shows.

    One row per accused party of a public allegation, oldest allegation first, with the
    allegation, its accuser, the party, the response's source and the row's capabilities
    and techniques loaded: a constant number of queries whatever the number of rows.
    A response source or accuser that is not public is left for the caller to hide.
    """
    return (
        AccusedParty.objects.public()
        .select_related("allegation__accuser", "party", "response_source", "figures_source")
        .prefetch_related("capabilities", "techniques")
        .order_by("allegation__made_on", "allegation__slug", "party__slug", "id")
    )
