"""Reads across every record type: the home page's numbers, the most recently changed
records, and the records each sitemap lists."""

from __future__ import annotations

from django.db.models import DateField, QuerySet
from django.db.models.functions import Cast, Coalesce

from casebook.records.models import AccusedParty, PublishableModel, Settlement, TermsVersion
from casebook.records.registry import RECORD_TYPES_BY_RANK, RecordType, record_type


def home_counts() -> list[tuple[RecordType, int]]:
    """The number of public records of each type, by the types' rank (one query each)."""
    return [(rt, rt.public().count()) for rt in RECORD_TYPES_BY_RANK]


def home_largest_accused(limit: int = 5) -> QuerySet[AccusedParty]:
    """The public accused rows with the most exchanges stated, largest first, with their
    party and the allegation's accuser."""
    return (
        AccusedParty.objects.public()
        .filter(exchanges__isnull=False)
        .select_related("party", "allegation__accuser")
        .order_by("-exchanges", "id")[:limit]
    )


def home_largest_settlements(limit: int = 3) -> QuerySet[Settlement]:
    """The public settlements with the largest amounts stated, largest first, with their case."""
    return (
        Settlement.objects.public()
        .filter(amount__isnull=False)
        .select_related("case")
        .order_by("-amount", "slug")[:limit]
    )


def recent_public_records(limit: int = 10) -> list[PublishableModel]:
    """The most recently changed public records of every type, newest first.

    One query per record type, whatever the size of the data.
    """
    records: list[PublishableModel] = []
    last = Coalesce("changed_on", Cast("updated_at", DateField()))
    for rt in RECORD_TYPES_BY_RANK:
        public = rt.public().annotate(last=last)
        records.extend(public.order_by("-last", "-updated_at")[:limit])
    records.sort(key=lambda r: (r.last_changed, r.updated_at), reverse=True)
    return records[:limit]


def sitemap_records(name: str) -> QuerySet[PublishableModel]:
    """The public records of the type named ``name``, by primary key: one sitemap's pages."""
    return record_type(name).public().order_by("pk")


def sitemap_terms_versions() -> QuerySet[TermsVersion]:
    """The versions of every public terms document, by primary key, with the columns a
    version's page address needs (document slug, effective date, OTA record time)."""
    return (
        TermsVersion.objects.public()
        .select_related("document")
        .only("document__slug", "effective_from", "recorded_at", "origin", "updated_at")
        .order_by("pk")
    )
