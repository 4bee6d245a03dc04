"""A published terms document fed by import_ota from a small OTA repository the test builds.

Three recorded versions of xAI's terms, as import_ota writes them: two state the
same effective date (the vendor changed the text and kept the date), the third
states none and carries the clause against competing models, confirmed by an
analyst. Shared by the portal's and the API's tests of imported versions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command

from casebook.records.models import (
    Clause,
    ClauseCategory,
    EditorialStatus,
    TermsDocument,
    TermsVersion,
)
from tests.factories import ClauseCategoryFactory, ClauseFactory, PartyFactory, TermsDocumentFactory
from tests.records.ota_sources import COLLECTION, VersionsRepo

FIRST = (
    "# Terms of Service\n\nEffective: January 31, 2024\n\n## Use\n\n"
    "Do not misuse the Service.\n\n<script>alert('x')</script>\n"
)
SECOND = (
    "# Terms of Service\n\nEffective: January 31, 2024\n\n## Use\n\n"
    "Do not misuse or resell the Service.\n"
)
CLAUSE = (
    "You may not use the Service or any Output to develop models or services that compete with xAI."
)
THIRD = f"# Terms of Service\n\n## Use\n\nDo not misuse or resell the Service.\n\n{CLAUSE}\n"
RECORDED = ("2024-02-08T18:31:13", "2024-05-02T09:00:00", "2025-01-08T00:32:49")
#: The versions' date keys: their OTA record times.
KEYS = ("2024-02-08T18-31-13Z", "2024-05-02T09-00-00Z", "2025-01-08T00-32-49Z")


@dataclass
class OTAWorld:
    document: TermsDocument
    versions: list[TermsVersion]
    clause: Clause
    category: ClauseCategory


def ota_world(tmp_path: Path, *, status: str = EditorialStatus.PUBLISHED) -> OTAWorld:
    """Import the three versions into a terms document of ``status``; confirm the clause."""
    vendor = PartyFactory(slug="xai", name="xAI", cite=False)
    document = TermsDocumentFactory(
        slug="xai-terms",
        vendor=vendor,
        title="xAI Terms of Service",
        editorial_status=status,
        ota_collection=COLLECTION,
        ota_service="xAI",
        ota_terms_type="Terms of Service",
        cite=False,
    )
    repo = VersionsRepo(tmp_path / "versions")
    for text, when in zip((FIRST, SECOND, THIRD), RECORDED, strict=True):
        repo.record("xAI", "Terms of Service", text, when)
    call_command("import_ota", str(repo.path), stdout=io.StringIO())
    versions = list(document.versions.order_by("recorded_at"))
    category = ClauseCategoryFactory(
        slug="no-competing-models", name="No training of competing models"
    )
    clause = ClauseFactory(version=versions[2], category=category, section="Use", text=CLAUSE)
    return OTAWorld(document, versions, clause, category)
