"""Terms versions: their stable keys, their order, and since when each was in force.

One home for three rules every surface (portal, API, CSV, selectors) shares:

- **The key.** A hand-entered version is one per effective date, so its key is
  ``<document>/<YYYY-MM-DD>`` (or ``<document>/undated``). Open Terms Archive records
  a new version whenever the text changes, often with the same stated date or none,
  so an imported version's key is its record time in OTA's own file naming,
  ``<document>/<YYYY-MM-DDTHH-MM-SSZ>``: unique, since the database holds one
  version per document and record time (to the second).
- **The order.** Versions of a document follow the date from which each was in force
  (below), then the record time, then the id: imported versions in the order OTA
  recorded them, hand-entered ones where their effective dates put them.
- **In force from.** The effective date the text states. When an imported version
  states none, the day OTA recorded it: the text was observably in force then, so
  that date may answer "which clause was in force?", but it is labelled "observed in
  force from", never "effective from". A hand-entered version with no effective date
  has no such date and is never taken to be in force.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce, TruncDate

from casebook.records.models import DatePrecision, TermsVersion, format_date

#: The date part of a version key: an effective date, "undated", or an OTA record time.
VERSION_DATE_PATTERN = r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}-[0-9]{2}-[0-9]{2}Z)?|undated)"
_RECORD_TIME = "%Y-%m-%dT%H-%M-%SZ"
_RECORD_TIME_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z$")


class InForceBasis:
    """Why a version counts as in force from its date."""

    EFFECTIVE = "effective"
    OBSERVED = "observed"


@dataclass(frozen=True)
class InForceFrom:
    """Since when a version was in force, and on what basis.

    ``basis`` is ``"effective"`` (the date the text states, at ``precision``) or
    ``"observed"`` (the day OTA recorded an undated text; always day precision).
    """

    date: datetime.date
    precision: str
    basis: str

    @property
    def display(self) -> str:
        """ "effective from 2 January 2025" or "observed in force from 8 January 2025"."""
        prefix = (
            "effective from" if self.basis == InForceBasis.EFFECTIVE else "observed in force from"
        )
        return f"{prefix} {format_date(self.date, self.precision)}"


def in_force_from(version: TermsVersion) -> InForceFrom | None:
    """The date from which ``version`` was in force, with its basis; None when unknown."""
    if version.effective_from is not None:
        return InForceFrom(
            version.effective_from, version.effective_from_precision, InForceBasis.EFFECTIVE
        )
    if version.recorded_at is not None:
        recorded = version.recorded_at.astimezone(datetime.UTC).date()
        return InForceFrom(recorded, DatePrecision.DAY, InForceBasis.OBSERVED)
    return None


def _order_key(version: TermsVersion) -> tuple:
    start = in_force_from(version)
    recorded = version.recorded_at
    return (
        start is not None,
        start.date if start else datetime.date.min,
        recorded is not None,
        recorded or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        version.pk or 0,
    )


def in_force_start(prefix: str = "") -> Coalesce:
    """:func:`in_force_from`'s date in the database: the effective date, else the UTC day
    of the record time; NULL when neither is known (never in force).

    ``prefix`` reaches the version from the queried model (e.g. ``"version__"``).
    """
    return Coalesce(
        F(f"{prefix}effective_from"), TruncDate(f"{prefix}recorded_at", tzinfo=datetime.UTC)
    )


#: A version's record time, for comparing places in the order of versions that share
#: their in-force date: a version without one (entered by hand) comes first.
RECORD_ORDER = Coalesce(
    "recorded_at",
    Value(datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)),
    output_field=DateTimeField(),
)


def in_force_ordering(prefix: str = "") -> list:
    """``order_by`` arguments giving :func:`versions_in_order`'s order in the database.

    ``prefix`` reaches the version from the queried model (e.g. ``"version__"``).
    """
    return [
        in_force_start(prefix).asc(nulls_first=True),
        F(f"{prefix}recorded_at").asc(nulls_first=True),
        f"{prefix}id",
    ]


def versions_in_order(versions: Iterable[TermsVersion]) -> list[TermsVersion]:
    """Versions of one document, oldest first (see the module's rule); unknown dates first."""
    return sorted(versions, key=_order_key)


def version_date_key(version: TermsVersion) -> str:
    """The date part of a version's key: OTA record time, effective date, or "undated"."""
    if version.origin == TermsVersion.Origin.OTA and version.recorded_at is not None:
        return version.recorded_at.astimezone(datetime.UTC).strftime(_RECORD_TIME)
    if version.effective_from is not None:
        return version.effective_from.isoformat()
    return "undated"


def version_key(version: TermsVersion) -> str:
    """Stable, unique id of a terms version: ``<document slug>/<date key>``."""
    return f"{version.document.slug}/{version_date_key(version)}"


def version_key_filter(date_key: str, prefix: str = "") -> dict | None:
    """The ORM filter for a version's date key (after ``<prefix>``); None if it is no date.

    A record time selects the imported version recorded in that second. A plain
    date selects versions with that effective date (the old keys of imported
    versions: callers take the first and may redirect to its own key).
    """
    if date_key == "undated":
        return {f"{prefix}effective_from": None}
    if _RECORD_TIME_RE.match(date_key):
        try:
            start = datetime.datetime.strptime(date_key, _RECORD_TIME).replace(tzinfo=datetime.UTC)
        except ValueError:
            return None
        return {
            f"{prefix}recorded_at__gte": start,
            f"{prefix}recorded_at__lt": start + datetime.timedelta(seconds=1),
        }
    try:
        return {f"{prefix}effective_from": datetime.date.fromisoformat(date_key)}
    except ValueError:
        return None
