"""Terms versions in force: which version of each document was in force on a date,
read with the clauses and reviews it shows.

The rule (in force from the stated effective date, or the day OTA recorded an
undated text) lives in :mod:`casebook.records.versions` and :func:`in_force_among`;
:func:`versions_in_force_on` applies it in the database so that a page reads one
version a document, not every version. The lookups built on these answers are in
:mod:`.terms`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from casebook.records.models import Clause, ClauseCategory, TermsDocument, TermsVersion
from casebook.records.models.expressions import InIdsReadFirst
from casebook.records.models.terms import (
    carried_over_prefetch,
    reviewed_categories_prefetch,
    shown_categories,
)
from casebook.records.versions import (
    RECORD_ORDER,
    in_force_from,
    in_force_ordering,
    in_force_start,
    versions_in_order,
)


def version_rows() -> QuerySet[TermsVersion]:
    """Public versions without their full texts (a page over every version would load
    them all): what picking the version in force needs."""
    return TermsVersion.objects.public().defer("full_text")


#: What a clause in force shows (portal cells, lookups, the API's ``ClauseSerializer``).
CLAUSE_SHOWN_FIELDS = (
    "id", "version_id", "category_id", "section", "text", "verification", "notes",
    "carried_over_from_id",
)  # fmt: skip


def load_version_contents(versions: Sequence[TermsVersion]) -> None:
    """Reads what versions show in a lookup: each one's reviewed categories (prefetched,
    with the columns shown) and its public clauses (:func:`attach_public_clauses`).
    Three queries for any number of versions, a fourth when a clause carries one over."""
    prefetch_related_objects(versions, reviewed_categories_prefetch())
    attach_public_clauses(versions)


def attach_public_clauses(versions: Sequence[TermsVersion]) -> None:
    """Sets each version's ``public_clauses``: its public clauses, by category name, each
    with its category and the clause it carries over (for its carry-over note).

    Two queries (clauses, their categories), a third when some clause carries one over.
    Only the columns shown are read (:data:`CLAUSE_SHOWN_FIELDS`, and the categories'
    :data:`~casebook.records.models.vocabularies.VOCABULARY_SHOWN_FIELDS`): a matrix
    page otherwise parsed 1,500 timestamps that nothing shows. Reading a deferred
    column, or a clause's ``version`` (not set: nothing shown reads it), costs a query
    per clause, which the query-count tests (tests/querycounts/) would show.

    What ``Prefetch("clauses", to_attr="public_clauses")`` would give, without Django's
    per-clause work a lookup does not need (setting each clause's version, a carry-over
    prefetch over clauses that carry none): that was a third of reading the versions
    of a matrix page (87M instructions for 50 versions and 500 clauses, now 59M).
    """
    by_id = {version.pk: version for version in versions}
    for version in versions:
        version.public_clauses = []
    # Ordered by category alone: the model's order joins each clause's version,
    # document and vendor to sort.
    clauses = list(
        Clause.objects.public()
        .filter(version_id__in=list(by_id))
        .only(*CLAUSE_SHOWN_FIELDS)
        .order_by("category__name")
    )
    categories = shown_categories().in_bulk({clause.category_id for clause in clauses})
    for clause in clauses:
        clause.category = categories[clause.category_id]
        by_id[clause.version_id].public_clauses.append(clause)
    carrying = [clause for clause in clauses if clause.carried_over_from_id is not None]
    if carrying:
        prefetch_related_objects(carrying, carried_over_prefetch())


def version_in_force(document: TermsDocument, on: datetime.date) -> TermsVersion | None:
    """The last version, in order, in force from a date on or before ``on``.

    In force from: the stated effective date, or for an imported version that
    states none the day OTA recorded it ("observed in force from"; see
    :mod:`casebook.records.versions`). A hand-entered version with no effective
    date is never taken to be in force.
    """
    return in_force_among(document.versions.all(), on)


def in_force_among(versions: Iterable[TermsVersion], on: datetime.date) -> TermsVersion | None:
    """:func:`version_in_force`'s answer among ``versions`` (of one document)."""
    in_force = None
    for version in versions_in_order(versions):
        start = in_force_from(version)
        if start is not None and start.date <= on:
            in_force = version
    return in_force


def versions_in_force(
    documents: Sequence[TermsDocument], on: datetime.date
) -> list[TermsVersion | None]:
    """Each document's public version in force on ``on``, in ``documents``' order (None
    where none was), with its clauses and reviews: :func:`versions_in_force_on` for one
    date."""
    return versions_in_force_on(documents, [on])[0]


def versions_in_force_on(
    documents: Sequence[TermsDocument], dates: Sequence[datetime.date]
) -> list[list[TermsVersion | None]]:
    """For each of ``dates``, each document's public version in force then, in
    ``documents``' order (None where none was), with its public clauses and reviewed
    categories (:func:`load_version_contents`).

    The database narrows each document's versions to those in force on one of the
    dates, at most one a date; :func:`in_force_among` picks among them, so the rule
    keeps its one home. Four queries, which load at most one version a document and
    date, without its full text, however many versions the document has (an imported
    document may have hundreds); a version in force on two dates is read once. Each
    version's ``document`` is the one given, so reading it costs no query.
    """
    document_ids = [document.pk for document in documents]
    candidates = read_versions(documents, [in_force_ids(document_ids, on) for on in dates])
    return [
        [in_force_among(candidates.get(document.pk, ()), on) for document in documents]
        for on in dates
    ]


def first_versions_with_clause_after(
    documents: Sequence[TermsDocument], category: ClauseCategory, on: datetime.date
) -> list[TermsVersion | None]:
    """Each document's first public version in force from a date after ``on`` that has a
    public clause of ``category``, in ``documents``' order (None where none has), with
    its public clauses and reviewed categories.

    A version that a later one of the same in-force date replaced was never in force
    (:func:`in_force_among` takes the last of a date): it is passed over, even with
    the clause, so the answer is the version a lookup on its date finds.

    Four queries, which load at most one version a document, however many versions it
    has: the database finds each document's first such version (by
    :func:`in_force_start` and the versions' order), and :func:`in_force_from` checks
    it, so the rule keeps its one home.
    """
    if category.pk is None:  # not saved, so no clause has it
        return [None] * len(documents)
    with_clause = Clause.objects.public().filter(version=OuterRef("pk"), category=category)
    replaced_that_day = (
        version_rows()
        .alias(in_force_start=in_force_start(), record_order=RECORD_ORDER)
        .filter(document=OuterRef("document"), in_force_start=OuterRef("in_force_start"))
        .filter(
            Q(record_order__gt=OuterRef("record_order"))
            | Q(record_order=OuterRef("record_order"), pk__gt=OuterRef("pk"))
        )
    )
    first = (
        version_rows()
        .filter(document=OuterRef("pk"))
        .alias(in_force_start=in_force_start(), record_order=RECORD_ORDER)
        .filter(Exists(with_clause), ~Exists(replaced_that_day), in_force_start__gt=on)
        .order_by(*in_force_ordering())
        .values("pk")[:1]
    )
    ids = (
        TermsDocument.objects.filter(pk__in=[document.pk for document in documents])
        .order_by()
        .values(version=Subquery(first))
    )
    candidates = read_versions(documents, [ids])
    answers: list[TermsVersion | None] = []
    for document in documents:
        version = next(iter(candidates.get(document.pk, ())), None)
        start = in_force_from(version) if version is not None else None
        answers.append(version if start is not None and start.date > on else None)
    return answers


def read_versions(
    documents: Sequence[TermsDocument], id_subqueries: Sequence[QuerySet]
) -> dict[int, list[TermsVersion]]:
    """The public versions whose ids the subqueries give (each a ``values`` queryset of
    one column of version ids, NULLs allowed), by document id, each with its contents
    (:func:`load_version_contents`) and its ``document`` set to the one given. Four
    queries."""
    rows = version_rows().filter(
        Q(*(InIdsReadFirst("pk", ids) for ids in id_subqueries), _connector=Q.OR)
    )
    # Unordered: the model's order joins document and vendor to sort rows kept by
    # document in a dict.
    candidates: dict[int, list[TermsVersion]] = defaultdict(list)
    for version in rows.order_by():
        candidates[version.document_id].append(version)
    for document in documents:
        for version in candidates.get(document.pk, ()):
            version.document = document
    load_version_contents([version for versions in candidates.values() for version in versions])
    return candidates


def in_force_ids(document_ids: Sequence[int], on: datetime.date) -> QuerySet:
    """A subquery: the id of the public version each document had in force on ``on``
    (NULL for none), by :func:`in_force_start` and the versions' order.

    For :class:`InIdsReadFirst`: as a semi-join, PostgreSQL ran the per-document
    subquery three times a document and hashed all 5,000 versions of the large bench
    size (5.4 ms); read first, it finds the versions by primary key (0.6 ms).
    """
    latest = (
        version_rows()
        .filter(document=OuterRef("pk"))
        .alias(in_force_start=in_force_start())
        .filter(in_force_start__lte=on)
        .order_by(*latest_first())
        .values("pk")[:1]
    )
    return (
        TermsDocument.objects.filter(pk__in=document_ids)
        .order_by()
        .values(version=Subquery(latest))
    )


def latest_first() -> list:
    """``order_by`` arguments for a document's versions, last in force order first."""
    return [
        F(o).desc() if isinstance(o, str) else o.copy().reverse_ordering()
        for o in in_force_ordering()
    ]
