"""Rows of records that several surfaces read: the accused rows, a record by its slug
(for the public rule's 404 and 410) and the staff's pending clause suggestions."""

from __future__ import annotations

from django.db.models import QuerySet

from casebook.records.models import (
    AccusedParty,
    ClauseSuggestion,
    EditorialStatus,
    PublishableModel,
)


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


def record_by_slug(model: type[PublishableModel], slug: str) -> PublishableModel | None:
    """The record of ``model`` with ``slug`` whatever its status, or None: the caller
    answers 410 for a retracted one and 404 for one that is not public."""
    return model.objects.filter(slug=slug).first()


def retracted_record_by_slug(model: type[PublishableModel], slug: str) -> PublishableModel | None:
    """The retracted record of ``model`` with ``slug``, or None (its tombstone is public)."""
    return model.objects.filter(slug=slug, editorial_status=EditorialStatus.RETRACTED).first()


def clause_suggestions_pending() -> QuerySet[ClauseSuggestion]:
    """The clause suggestions no analyst has decided on (staff only, never public), with
    their version, document, category and rule, by document, version and category."""
    return (
        ClauseSuggestion.objects.pending()
        .select_related("version__document", "category", "rule")
        .order_by("version__document__slug", "version__recorded_at", "category__slug", "id")
    )
