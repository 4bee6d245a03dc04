"""The portal's record pages: each type's record with what its page shows.

A detail queryset holds every row of its type, public or not, so the page can
answer 410 for a retracted record and show staff a preview of one not yet
published (the page applies that rule, see
:class:`~casebook.portal.views.details.RecordDetailView`). Everything related it
loads is public only: citations of public sources (in ``public_citations``),
public cases, parties, allegations and so on, each in a ``public_*`` attribute.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from casebook.records.models import (
    Allegation,
    Case,
    CaseParty,
    Citation,
    Clause,
    Event,
    Guidance,
    Holding,
    Party,
    Settlement,
    Source,
    TermsDocument,
    TermsVersion,
)
from casebook.records.models.expressions import linked_to
from casebook.records.models.terms import reviewed_categories_prefetch


def citations_prefetch() -> Prefetch:
    """Prefetch a record's citations of public sources, with their sources, in the order
    they were added, into ``public_citations``."""
    return Prefetch(
        "citations",
        queryset=Citation.objects.public().select_related("source").order_by("id"),
        to_attr="public_citations",
    )


def party_detail_queryset() -> QuerySet[Party]:
    """Every party, public or not, with its public citations."""
    return Party.objects.prefetch_related(citations_prefetch())


def source_detail_queryset() -> QuerySet[Source]:
    """Every source, public or not, with its public citations."""
    return Source.objects.prefetch_related(citations_prefetch())


def terms_document_detail_queryset() -> QuerySet[TermsDocument]:
    """Every terms document, public or not: its vendor, public citations, and its versions
    without their full texts or clauses (a document may have hundreds of versions: the
    page reads the clauses of the versions it shows, with :func:`terms_versions_contents`)."""
    return (
        TermsDocument.objects.prefetch_related(citations_prefetch())
        .select_related("vendor")
        .prefetch_related(Prefetch("versions", queryset=TermsVersion.objects.defer("full_text")))
    )


def terms_versions_contents(versions: list[TermsVersion]) -> None:
    """Read the reviewed categories and clauses (category, and the clause each carries
    over) of ``versions`` into them: three queries for any number of versions
    (reviewed categories, clauses, their categories), a fourth when a clause carries
    one over."""
    clauses = Clause.objects.with_category_and_carry_over()
    prefetch_related_objects(versions, reviewed_categories_prefetch(), Prefetch("clauses", clauses))


def allegation_detail_queryset() -> QuerySet[Allegation]:
    """Every allegation, public or not: accuser, figures' source, breached clause with its
    document and category, legal theories, topics, public citations, and its public
    cases in ``public_cases``."""
    return (
        Allegation.objects.prefetch_related(citations_prefetch())
        .select_related(
            "accuser",
            "figures_source",
            "breached_clause__version__document",
            "breached_clause__category",
        )
        .prefetch_related(
            "legal_theories",
            "topics",
            Prefetch("cases", queryset=Case.objects.public(), to_attr="public_cases"),
        )
    )


def case_detail_queryset() -> QuerySet[Case]:
    """Every case, public or not: court, topics, public citations, and its public parties
    by role (``public_case_parties``), allegations, settlements and decisions
    (``public_allegations``, ``public_settlements``, ``public_decisions``)."""
    return (
        Case.objects.prefetch_related(citations_prefetch())
        .select_related("court")
        .prefetch_related(
            "topics",
            Prefetch(
                "case_parties",
                queryset=CaseParty.objects.filter(party__in=Party.objects.public())
                .select_related("party")
                .order_by("role", "party__name"),
                to_attr="public_case_parties",
            ),
            Prefetch(
                "allegations", queryset=Allegation.objects.public(), to_attr="public_allegations"
            ),
            Prefetch(
                "settlements", queryset=Settlement.objects.public(), to_attr="public_settlements"
            ),
            Prefetch("decisions", queryset=Guidance.objects.public(), to_attr="public_decisions"),
        )
    )


def settlement_detail_queryset() -> QuerySet[Settlement]:
    """Every settlement, public or not, with its case, topics and public citations."""
    return (
        Settlement.objects.prefetch_related(citations_prefetch())
        .select_related("case")
        .prefetch_related("topics")
    )


def guidance_detail_queryset() -> QuerySet[Guidance]:
    """Every guidance document, public or not: issuer, case, the document superseding it,
    topics, public citations, its holdings in order and the public documents it
    supersedes (``public_supersedes``)."""
    return (
        Guidance.objects.prefetch_related(citations_prefetch())
        .select_related("issuer", "case", "superseded_by")
        .prefetch_related(
            "topics",
            Prefetch("holdings", queryset=Holding.objects.order_by("position", "id")),
            Prefetch("supersedes", queryset=Guidance.objects.public(), to_attr="public_supersedes"),
        )
    )


def event_detail_queryset() -> QuerySet[Event]:
    """Every event, public or not: the record it belongs to, topics, public citations and
    its public parties (``public_parties``)."""
    return (
        Event.objects.prefetch_related(citations_prefetch())
        .select_related(*Event.RECORD_FIELDS)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
            "topics",
        )
    )


def record_events(record, field: str) -> QuerySet[Event]:
    """The public events whose ``field`` (an :attr:`Event.RECORD_FIELDS` name, or
    ``"parties"``) is ``record``: the events listed on its page.

    Through ``parties`` the events' ids are read from the link table first
    (:func:`~casebook.records.models.expressions.linked_to`), as the lists' party
    filter does: joined, PostgreSQL scanned all 100,000 events for a party's 16
    (a party page's events: 35 ms to 10 ms).
    """
    public = Event.objects.public()
    if Event._meta.get_field(field).many_to_many:
        return public.filter(linked_to(Event, field, [record]))
    return public.filter(**{field: record})
