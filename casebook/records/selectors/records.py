"""Rows of public records that several surfaces list."""

from __future__ import annotations

from django.db.models import QuerySet

from casebook.records.models import AccusedParty


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
