"""What a record's page lists besides the record: a party's roles, the records citing
a source, the allegations under a terms document, an allegation's accused rows.

Public rows only, each in a fixed number of queries whatever the size of the data.
"""

from __future__ import annotations

from django.db.models import QuerySet

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
from casebook.records.registry import RECORD_TYPES_BY_RANK

#: A record a page lists, with a note on it ("" for none).
NotedRecord = tuple[PublishableModel, str]


def party_roles(party: Party) -> list[tuple[str, list[NotedRecord]]]:
    """Every public record ``party`` appears in, grouped by its role there.

    Roles in this order, each only when it has records: "Accuser" (allegations it
    made), "Accused" (allegations against it, newest first, each noted with its
    response), its roles in public cases by role and then case name (each noted
    with the row's notes), "Court" (cases before it) and "Issuer" (guidance it issued).
    """
    roles: dict[str, list[NotedRecord]] = {
        "Accuser": [(a, "") for a in Allegation.objects.public().filter(accuser=party)],
        "Accused": [
            (row.allegation, row.get_response_display())
            for row in AccusedParty.objects.public()
            .filter(party=party)
            .select_related("allegation")
            .order_by("-allegation__made_on")
        ],
    }
    case_roles = (
        CaseParty.objects.filter(party=party, case__in=Case.objects.public())
        .select_related("case")
        .order_by("role", "case__name")
    )
    for row in case_roles:
        roles.setdefault(row.get_role_display(), []).append((row.case, row.notes))
    roles["Court"] = [(c, "") for c in Case.objects.public().filter(court=party)]
    roles["Issuer"] = [(g, "") for g in Guidance.objects.public().filter(issuer=party)]
    return [(role, items) for role, items in roles.items() if items]


def party_terms_documents(party: Party) -> QuerySet[TermsDocument]:
    """The public terms documents of ``party`` as a vendor."""
    return TermsDocument.objects.public().filter(vendor=party)


def source_cited_by(source: Source) -> list[tuple[PublishableModel, Citation]]:
    """The public records citing ``source``, each with its citation, in the citations'
    order; a citation by a record that is not public is left out. One query per
    record type cited, plus one."""
    citations = list(source.cited_by.select_related("content_type"))
    ids_by_model: dict[type, set[int]] = {}
    for citation in citations:
        ids_by_model.setdefault(citation.content_type.model_class(), set()).add(citation.object_id)
    records: dict[tuple[type, int], PublishableModel] = {}
    for cited in RECORD_TYPES_BY_RANK:
        ids = ids_by_model.get(cited.model)
        if ids:
            for record in cited.public().filter(pk__in=ids):
                records[(cited.model, record.pk)] = record
    return [
        (records[key], citation)
        for citation in citations
        if (key := (citation.content_type.model_class(), citation.object_id)) in records
    ]


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
