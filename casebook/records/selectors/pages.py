"""What a record's page lists besides the record: a party's roles, the records citing
a source, the allegations under a terms document, an allegation's accused rows.

Public rows only, each in a fixed number of queries whatever the size of the data;
a list that grows with the data (a source's citations, a party's records in one role)
is cut to a page or a first few in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Citation,
    Guidance,
    Party,
    PublishableModel,
    Source,
    TermsDocument,
)
from casebook.records.registry import RECORD_TYPES, RECORD_TYPES_BY_RANK
from casebook.records.selectors.keptcounts import KeptCountPaginator

#: A record a page lists, with a note on it ("" for none).
NotedRecord = tuple[PublishableModel, str]

#: How many records a party's page lists in one role at most.
PARTY_ROLE_LIMIT = 25

#: How many citations a source's page lists on one page.
CITED_BY_PAGE_SIZE = 50


@dataclass(frozen=True)
class PartyRole:
    """A party's records in one role, as its page lists them.

    ``label`` names the role ("Accuser", "Plaintiff", "Court"); ``kind`` says which
    list holds all its records: ``"accuser"``, ``"accused"``, ``"case"`` (a role in
    a case: plaintiff, defendant …), ``"court"`` or ``"issuer"``. ``records`` are
    the first :data:`PARTY_ROLE_LIMIT` of them in the page's order, ``total``
    counts them all. ``case_role`` is the role's ``CaseParty.Role`` value for a role
    in a case ("plaintiff"), "" for the others: the case list's ``role`` filter, which
    with ``party`` lists exactly the ``total`` cases.
    """

    label: str
    kind: str
    records: list[NotedRecord]
    total: int
    case_role: str = ""

    @property
    def has_more(self) -> bool:
        """Whether the role has more records than the page lists."""
        return self.total > len(self.records)


def _first_with_total(queryset: QuerySet, order_by: Sequence[str], partition_by: str = "") -> list:
    """The first :data:`PARTY_ROLE_LIMIT` rows of ``queryset`` in ``order_by`` (of each
    value of ``partition_by`` when given), each with ``role_total``: how many rows its
    partition (else the queryset) has in all. One query: the limit and the count are
    window functions, so the rows past the limit never leave the database."""
    partition = {"partition_by": partition_by} if partition_by else {}
    return list(
        queryset.annotate(
            role_rank=Window(RowNumber(), order_by=list(order_by), **partition),
            role_total=Window(Count("pk"), **partition),
        )
        .filter(role_rank__lte=PARTY_ROLE_LIMIT)
        .order_by(*order_by)
    )


def _role(
    label: str,
    kind: str,
    rows: list,
    record: Callable[[Any], PublishableModel] = lambda row: row,
    note: Callable[[Any], str] = lambda row: "",
    case_role: str = "",
) -> PartyRole:
    """A :class:`PartyRole` of rows from :func:`_first_with_total` (all of one partition):
    each row's ``record`` with its ``note``."""
    total = rows[0].role_total if rows else 0
    return PartyRole(label, kind, [(record(row), note(row)) for row in rows], total, case_role)


def party_roles(party: Party) -> list[PartyRole]:
    """The public records ``party`` appears in, grouped by its role there: at most
    :data:`PARTY_ROLE_LIMIT` records a role, with the role's total. Five queries.

    Roles in this order, each only when it has records: "Accuser" (allegations it
    made, newest first), "Accused" (allegations against it, newest first, each noted
    with its response), its roles in public cases by role and then case name (each
    noted with the row's notes), "Court" (cases before it, by name) and "Issuer"
    (guidance it issued, newest first).
    """
    accuser = Allegation.objects.public().filter(accuser=party)
    accused = AccusedParty.objects.public().filter(party=party).select_related("allegation")
    roles = [
        _role("Accuser", "accuser", _first_with_total(accuser, ("-made_on", "slug"))),
        _role(
            "Accused",
            "accused",
            _first_with_total(accused, ("-allegation__made_on", "allegation__slug", "pk")),
            record=lambda row: row.allegation,
            note=lambda row: row.get_response_display(),
        ),
    ]
    in_cases = CaseParty.objects.filter(party=party, case__in=Case.objects.public())
    case_rows = _first_with_total(
        in_cases.select_related("case"), ("role", "case__name", "pk"), partition_by="role"
    )
    by_role: dict[str, list[CaseParty]] = {}
    for row in case_rows:
        by_role.setdefault(row.role, []).append(row)
    for case_role, rows in by_role.items():
        roles.append(
            _role(
                rows[0].get_role_display(),
                "case",
                rows,
                record=lambda row: row.case,
                note=lambda row: row.notes,
                case_role=case_role,
            )
        )
    courts = Case.objects.public().filter(court=party)
    roles.append(_role("Court", "court", _first_with_total(courts, ("name", "pk"))))
    issued = Guidance.objects.public().filter(issuer=party)
    roles.append(_role("Issuer", "issuer", _first_with_total(issued, ("-issued_on", "slug"))))
    return [role for role in roles if role.records]


def party_terms_documents(party: Party) -> QuerySet[TermsDocument]:
    """The public terms documents of ``party`` as a vendor."""
    return TermsDocument.objects.public().filter(vendor=party)


def source_citations(source: Source) -> QuerySet[Citation]:
    """The citations of ``source`` by a public record (of a public record type), in the
    citations' order (record type, record, citation). A query, not yet run: each record
    type's public rule is a subquery of it, so a page of it is one query."""
    content_types = ContentType.objects.get_for_models(*(t.model for t in RECORD_TYPES))
    by_public_record = Q()
    for cited in RECORD_TYPES:
        by_public_record |= Q(
            content_type=content_types[cited.model],
            object_id__in=cited.public().values("pk"),
        )
    return source.cited_by.filter(by_public_record).order_by("content_type", "object_id", "id")


def cited_records(citations: Iterable[Citation]) -> list[tuple[PublishableModel, Citation]]:
    """Each of ``citations`` with its record, in their order; a citation by a record that
    is not public (or not of a public record type) is left out. One query per record
    type among them."""
    citations = list(citations)
    ids_by_model: dict[type, set[int]] = {}
    for citation in citations:
        model = ContentType.objects.get_for_id(citation.content_type_id).model_class()
        ids_by_model.setdefault(model, set()).add(citation.object_id)
    records: dict[tuple[type, int], PublishableModel] = {}
    for cited in RECORD_TYPES_BY_RANK:
        ids = ids_by_model.get(cited.model)
        if ids:
            for record in cited.public().filter(pk__in=ids):
                records[(cited.model, record.pk)] = record
    pairs = []
    for citation in citations:
        model = ContentType.objects.get_for_id(citation.content_type_id).model_class()
        if (model, citation.object_id) in records:
            pairs.append((records[(model, citation.object_id)], citation))
    return pairs


def source_cited_by(source: Source, page: int = 1, per_page: int = CITED_BY_PAGE_SIZE) -> Page:
    """Page ``page`` (from 1) of the public records citing ``source``: a Django ``Page``
    whose ``object_list`` holds ``(record, citation)`` pairs in the citations' order
    (:func:`source_citations`) and whose ``paginator.count`` counts all such citations.

    Raises ``django.core.paginator.InvalidPage`` for a page the list does not have
    (page 1 of an empty list is a page). Two queries (the count, the page's
    citations) and one per record type on the page."""
    found = KeptCountPaginator(source_citations(source), per_page).page(page)
    found.object_list = cited_records(found.object_list)
    return found


def terms_document_allegations(document: TermsDocument) -> QuerySet[Allegation]:
    """The public allegations whose breached clause is in a version of ``document``."""
    return (
        Allegation.objects.public().filter(breached_clause__version__document=document).distinct()
    )


def allegation_accused_rows(allegation: Allegation) -> QuerySet[AccusedParty]:
    """The rows of ``allegation``'s public accused parties: party, response and figures'
    sources (public or not: the page hides the others), capabilities and techniques."""
    return (
        allegation.accused.filter(party__in=Party.objects.public())
        .select_related("party", "response_source", "figures_source")
        .prefetch_related("capabilities", "techniques")
    )


def clause_history_vendors() -> QuerySet[Party]:
    """The public parties with a public terms document: the vendors the clause history
    page offers."""
    return (
        Party.objects.public().filter(terms_documents__in=TermsDocument.objects.public()).distinct()
    )


def vendor_has_clause_history(party_id: int | None) -> bool:
    """Whether the clause history page has the party (one of :func:`clause_history_vendors`)."""
    return clause_history_vendors().filter(pk=party_id).exists()


def terms_document_page_queryset() -> QuerySet[TermsDocument]:
    """Every terms document, public or not, with its vendor: the documents a version's
    page looks its document up in (the page applies the public rule)."""
    return TermsDocument.objects.select_related("vendor")
