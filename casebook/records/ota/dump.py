"""The imported versions in the API's dump, each with its Open Terms Archive credit.

The dataset file manages hand-entered versions only (``Spec.scope``), so the
dump adds the imported ones in a section of their own, ``ota_versions``, read by
nobody (like ``retracted``): the full texts stay at each version's API URL (all
of them would make the dump hundreds of megabytes), and each row carries the
credit ODC-BY 1.0 asks for (:mod:`casebook.records.attribution`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from casebook.records.attribution import ota_attribution
from casebook.records.models import Clause, TermsVersion
from casebook.records.versions import version_key

#: The dump's section of imported versions.
SECTION = "ota_versions"


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
