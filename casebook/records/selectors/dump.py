"""The reads behind the API's dump: every published record, retractions, imported versions.

The dump is the dataset file of ``export_casebook`` (docs/dataset-format.md),
public records only, plus two sections read by nobody when a file is loaded:

- ``retracted``: the tombstone of each retracted record (:mod:`.tombstones`);
- ``ota_versions``: the imported versions. The dataset file manages hand-entered
  versions only (``Spec.scope``), so the dump adds the imported ones apart: the
  full texts stay at each version's API URL (all of them would make the dump
  hundreds of megabytes), and each row carries the credit ODC-BY 1.0 asks for
  (:mod:`casebook.records.attribution`).

The API encodes :func:`public_dump_sections` with the dataset format's own writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from casebook.records.attribution import ota_attribution
from casebook.records.dataset import SPECS, iter_export
from casebook.records.models import Clause, TermsVersion
from casebook.records.selectors.tombstones import retracted_tombstones
from casebook.records.versions import version_key

#: The dump's section of retracted records.
RETRACTED_SECTION = "retracted"
#: The dump's section of imported versions.
OTA_SECTION = "ota_versions"


def public_dump_sections() -> Iterator[tuple[str, Any]]:
    """The dump's top-level keys and values in order, record lists read lazily, row by row.

    The dataset file's keys (:func:`casebook.records.dataset.iter_export` of the
    public records), then :data:`RETRACTED_SECTION` (``{<type key>: [{"slug",
    "retracted_at", "note"}, ...]}``) and :data:`OTA_SECTION`
    (:func:`public_ota_versions`). The iterators must be consumed in order.
    """
    yield from iter_export(public_only=True)
    yield RETRACTED_SECTION, _retracted_section()
    yield OTA_SECTION, public_ota_versions()


def _retracted_section() -> dict[str, list[dict[str, str]]]:
    """Tombstones of every record type by dataset key, without their ``type``: one query each."""
    return {
        spec.key: [
            {name: value for name, value in t.as_dict().items() if name != "type"}
            for t in retracted_tombstones(spec.model)
        ]
        for spec in SPECS
    }


def public_ota_versions() -> list[dict[str, Any]]:
    """Every imported version of a published terms document, as JSON-ready rows. Two queries.

    Each row: ``key``, ``document`` (slug), ``recorded_at`` (ISO 8601, UTC),
    ``effective_from`` (ISO date or null) and its ``effective_from_precision``,
    ``label``, ``ota_permalink``, ``clauses`` (category slug, section, text) and
    ``attribution`` (``{"text", "licence_url", "permalink"}``).
    """
    versions = (
        TermsVersion.objects.public()
        .filter(origin=TermsVersion.Origin.OTA)
        .select_related("document")
        .defer("full_text")
        .prefetch_related(
            Prefetch(
                "clauses",
                queryset=Clause.objects.select_related("category").order_by("category__slug"),
            )
        )
        .order_by("document__slug", "recorded_at", "id")
    )
    return [
        {
            "key": version_key(v),
            "document": v.document.slug,
            "recorded_at": v.recorded_at.isoformat().replace("+00:00", "Z"),
            "effective_from": v.effective_from.isoformat() if v.effective_from else None,
            "effective_from_precision": v.effective_from_precision,
            "label": v.label,
            "ota_permalink": v.ota_permalink,
            "clauses": [
                {"category": c.category.slug, "section": c.section, "text": c.text}
                for c in v.clauses.all()
            ],
            "attribution": ota_attribution(v).as_dict(),
        }
        for v in versions
    ]
