"""The public lists of each record type, as the portal's list pages and the API's
endpoints read them.

Each function returns the public rows of one type (``Model.objects.public()``,
the one rule) with what its use shows loaded, so a list runs a fixed number of
queries whatever its length. Filters, ordering and pages are the caller's. Where
the portal and the API show the same rows the same way they share a selector
(:func:`source_list`); otherwise the API's are the ``*_api_list`` functions,
which the API's details read too.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Citation,
    Clause,
    Event,
    Guidance,
    Party,
    PublishableModel,
    Settlement,
    Source,
    TermsDocument,
    TermsVersion,
    Topic,
)
from casebook.records.selectors.inforce import CLAUSE_SHOWN_FIELDS
from casebook.records.versions import in_force_ordering


def party_list() -> QuerySet[Party]:
    """Every public party, for the portal's list of parties (nothing related loaded)."""
    return Party.objects.public()


def source_list() -> QuerySet[Source]:
    """Every public source, for the portal's list and the API's sources (nothing related
    loaded: a source links to nothing)."""
    return Source.objects.public()


def terms_document_list() -> QuerySet[TermsDocument]:
    """Every public terms document with its vendor, for the portal's list."""
    return TermsDocument.objects.public().select_related("vendor")


def allegation_list() -> QuerySet[Allegation]:
    """Every public allegation for the portal's list: its accuser, legal theories and
    topics, and its accused rows of public allegations in ``public_accused`` (with their
    parties, public or not: the caller hides a party that is not)."""
    return (
        Allegation.objects.public()
        .select_related("accuser")
        .prefetch_related(
            Prefetch(
                "accused",
                queryset=AccusedParty.objects.public().select_related("party"),
                to_attr="public_accused",
            ),
            "legal_theories",
            "topics",
        )
    )


def case_list() -> QuerySet[Case]:
    """Every public court case with its court and topics, for the portal's list."""
    return Case.objects.public().select_related("court").prefetch_related("topics")


def settlement_list() -> QuerySet[Settlement]:
    """Every public settlement with its case, for the portal's list."""
    return Settlement.objects.public().select_related("case")


def guidance_list() -> QuerySet[Guidance]:
    """Every public guidance document with its issuer and topics, for the portal's list."""
    return Guidance.objects.public().select_related("issuer").prefetch_related("topics")


def event_list() -> QuerySet[Event]:
    """Every public event for the portal's list: its topics, and its public parties in
    ``public_parties``."""
    return Event.objects.public().prefetch_related(
        Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
        "topics",
    )


def api_citations_prefetch() -> Prefetch:
    """Prefetch a record's citations of public sources (into ``citations``), with their
    sources, in the API's order: by source slug, then pinpoint."""
    return Prefetch(
        "citations",
        queryset=Citation.objects.public()
        .select_related("source")
        .order_by("source__slug", "pinpoint"),
    )


def party_api_list() -> QuerySet[Party]:
    """Every public party with its public citations, for the API's list and detail."""
    return Party.objects.public().prefetch_related(api_citations_prefetch())


def allegation_api_list() -> QuerySet[Allegation]:
    """Every public allegation for the API's list and detail: accuser, figures' source,
    breached clause with its document and category, legal theories, topics, public
    citations, and its public accused rows (party, response and figures' sources,
    capabilities, techniques) in ``accused``."""
    accused = (
        AccusedParty.objects.public()
        .select_related("party", "response_source", "figures_source")
        .prefetch_related("capabilities", "techniques")
    )
    return (
        Allegation.objects.public()
        .select_related(
            "accuser",
            "figures_source",
            "breached_clause__version__document",
            "breached_clause__category",
        )
        .prefetch_related(
            Prefetch("accused", queryset=accused),
            "legal_theories",
            "topics",
            api_citations_prefetch(),
        )
    )


def case_api_list() -> QuerySet[Case]:
    """Every public case for the API's list and detail: court, parties with their roles
    (public or not: the serializer hides the others), public allegations, topics and
    public citations."""
    return (
        Case.objects.public()
        .select_related("court")
        .prefetch_related(
            Prefetch("case_parties", queryset=CaseParty.objects.select_related("party")),
            Prefetch("allegations", queryset=Allegation.objects.public()),
            "topics",
            api_citations_prefetch(),
        )
    )


def settlement_api_list() -> QuerySet[Settlement]:
    """Every public settlement with its case, topics and public citations, for the API."""
    return (
        Settlement.objects.public()
        .select_related("case")
        .prefetch_related("topics", api_citations_prefetch())
    )


def guidance_api_list() -> QuerySet[Guidance]:
    """Every public guidance document for the API: issuer, case, the document superseding
    it, holdings, topics and public citations."""
    return (
        Guidance.objects.public()
        .select_related("issuer", "case", "superseded_by")
        .prefetch_related("holdings", "topics", api_citations_prefetch())
    )


#: The columns of an event the API shows (EventSerializer), with the keys of what it
#: links to: an events page loads only these (whole rows cost most of its CPU, issue
#: #12 item 6). A field shown but not listed here would cost a query per event.
EVENT_API_COLUMNS = (
    "slug",
    "editorial_status",
    "date",
    "date_precision",
    "kind",
    "headline",
    "description",
    "caveats",
    "published_at",
    "updated_at",
    *(f"{field}_id" for field in Event.RECORD_FIELDS),
)


def link_columns(model: type[PublishableModel]) -> tuple[str, ...]:
    """The columns a link to a record of ``model`` reads (the API's RecordLinkSerializer):
    slug, editorial status (public or not), and the name or title its ``__str__`` shows."""
    named = [f.name for f in model._meta.concrete_fields if f.name in ("name", "title")]
    return ("slug", "editorial_status", *named)


def event_api_list() -> QuerySet[Event]:
    """Every public event for the API, with only the columns the API shows: the record
    it belongs to, parties (public or not: the serializer hides the others) and topics,
    each with the columns of a link only, and public citations."""
    records = [
        f"{field}__{column}"
        for field in Event.RECORD_FIELDS
        for column in link_columns(Event._meta.get_field(field).related_model)
    ]
    return (
        Event.objects.public()
        .select_related(*Event.RECORD_FIELDS)
        .only(*EVENT_API_COLUMNS, *records)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.only(*link_columns(Party))),
            Prefetch("topics", queryset=Topic.objects.only("slug", "name")),
            api_citations_prefetch(),
        )
    )


def terms_version_rows() -> QuerySet[TermsVersion]:
    """Every version of a public terms document, for the API's flat list: document and
    vendor, reviewed categories and clauses (by category slug), ordered by document and
    then the date each was in force from."""
    # The columns shown, and the time each changed (the answer's Last-Modified).
    clauses = (
        Clause.objects.only(*CLAUSE_SHOWN_FIELDS, "updated_at")
        .with_category_and_carry_over()
        .order_by("category__slug")
    )
    return (
        TermsVersion.objects.public()
        .select_related("document__vendor")
        .with_reviewed_categories()
        .prefetch_related(Prefetch("clauses", queryset=clauses))
        .order_by("document__slug", *in_force_ordering())
    )


def clause_rows() -> QuerySet[Clause]:
    """Every clause of a public terms document, for the API's flat list: its version
    (without the full text), document, vendor, category and the clause it carries over,
    ordered by document, effective date and category."""
    return (
        Clause.objects.public()
        .with_category_and_carry_over()
        .select_related("version__document__vendor")
        .defer("version__full_text")
        .order_by("version__document__slug", "version__effective_from", "category__slug")
    )
