"""Reads across every record type: the home page's numbers, the most recently changed
records, and the records each sitemap lists."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import QuerySet

from casebook.records import dumpcache
from casebook.records.models import AccusedParty, PublishableModel, Settlement, TermsVersion
from casebook.records.registry import (
    RECORD_TYPES_BY_RANK,
    RecordType,
    record_type,
    record_type_of,
)
from casebook.records.selectors.keptcounts import kept_count


def home_counts() -> list[tuple[RecordType, int]]:
    """The number of public records of each type, by the types' rank (one query each,
    kept until the data changes: :func:`~casebook.records.selectors.keptcounts.kept_count`)."""
    return [(rt, kept_count(rt.public())) for rt in RECORD_TYPES_BY_RANK]


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
    """The most recently changed public records of every type, newest first, by
    :attr:`PublishableModel.last_changed` and then the time of the last save.

    Which records those are is kept until the data changes
    (:func:`~casebook.records.dumpcache.kept_until_change`): finding them is two
    queries per record type (:func:`most_recently_changed`), 16 in all, on every
    page of the home page and the feed. Each is then read through its public rule,
    one query per record type among them, and one no longer public is left out:
    kept keys may outlive a change that another process made without a cache shared
    with this one, as the timeline's kept rows may.
    """
    keys = dumpcache.kept_until_change("recent-records", limit, lambda: _recent_record_keys(limit))
    return read_by_keys(keys, lambda name: record_type(name).public())


def read_by_keys(
    keys: list[tuple[str, int]], rows_of: Callable[[str], QuerySet]
) -> list[PublishableModel]:
    """The records ``keys`` name, as (record type name, pk), in their order: one query per
    record type among them, in ``rows_of(name)``. A key whose record is not there (gone,
    or no longer matching the rule ``rows_of`` applies) is left out."""
    wanted: dict[str, list[int]] = {}
    for name, pk in keys:
        wanted.setdefault(name, []).append(pk)
    found = {name: rows_of(name).in_bulk(pks) for name, pks in wanted.items()}
    return [found[name][pk] for name, pk in keys if pk in found[name]]


def _recent_record_keys(limit: int) -> list[tuple[str, int]]:
    """(record type name, pk) of the ``limit`` public records changed last, newest first."""
    records: list[PublishableModel] = []
    for rt in RECORD_TYPES_BY_RANK:
        records.extend(most_recently_changed(rt.public(), limit))
    records.sort(key=_change_order, reverse=True)
    return [(record_type_of(record).name, record.pk) for record in records[:limit]]


def most_recently_changed(public: QuerySet, limit: int) -> list[PublishableModel]:
    """The ``limit`` records of ``public`` changed last, newest first.

    A record's change day is the dataset's ``changed_on`` when it carries one, else the
    day of its last save. Ordering by that expression would sort every row; instead the
    records with a ``changed_on`` and those without are each read from the newest end of
    their own index (``changed_on, updated_at`` and ``updated_at``), and merged here.
    """
    dated = public.filter(changed_on__isnull=False).order_by("-changed_on", "-updated_at")
    undated = public.filter(changed_on__isnull=True).order_by("-updated_at")
    records = [*dated[:limit], *undated[:limit]]
    records.sort(key=_change_order, reverse=True)
    return records[:limit]


def latest_change_day(public: QuerySet) -> datetime.date | None:
    """The latest :attr:`PublishableModel.last_changed` among ``public``, or None when it
    is empty: two index reads (as :func:`most_recently_changed`), not a scan of every row."""
    days = [record.last_changed for record in most_recently_changed(public, 1)]
    return days[0] if days else None


def _change_order(record: PublishableModel) -> tuple[datetime.date, datetime.datetime]:
    return (record.last_changed, record.updated_at)


def sitemap_records(name: str) -> QuerySet[PublishableModel]:
    """The public records of the type named ``name``, by primary key: one sitemap's pages,
    with the columns of a record's address and change day only."""
    return record_type(name).public().only("slug", "changed_on", "updated_at").order_by("pk")


def sitemap_terms_versions() -> QuerySet[TermsVersion]:
    """The versions of every public terms document, by primary key, with the columns a
    version's page address needs (document slug, effective date, OTA record time)."""
    return (
        TermsVersion.objects.public()
        .select_related("document")
        .only("document__slug", "effective_from", "recorded_at", "origin", "updated_at")
        .order_by("pk")
    )
