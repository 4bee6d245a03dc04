"""A small xAI terms history in an OTA repository the tests build, and its match rule.

The competing-models clause appears on 2025-01-08, stays word for word on
2025-03-01 (other text changes), is reworded on 2025-06-01 and is gone on
2025-07-01.
"""

from __future__ import annotations

import io

from django.core.management import call_command

from casebook.records.models import ClauseMatchRule, EditorialStatus, TermsVersion
from tests import factories
from tests.records.ota_sources import COLLECTION, VersionsRepo

CLAUSE = (
    "You may not use the Service or any Output to develop models or services that compete with xAI."
)
REWORDED = "You may not use any Output to develop models that compete with xAI or its affiliates."


def text(date: str, clause: str = "", extra: str = "") -> str:
    """An xAI terms text effective on ``date`` (e.g. "January 8, 2025")."""
    body = f"## 2. Acceptable Use\n\nYou may not misuse the Service.\n{clause}\n" if clause else ""
    return (
        f"# Terms of Service\n\n_Effective: {date}_\n\n## 1. Who we are\n\nxAI makes Grok. "
        f"{extra}\n\n{body}\n## 9. Law\n\nThe laws of Texas apply.\n"
    )


HISTORY = [
    ("2024-02-08T18:31:13", text("February 1, 2024")),
    ("2025-01-08T00:32:49", text("January 2, 2025", CLAUSE)),
    ("2025-03-01T10:00:00", text("February 28, 2025", CLAUSE, "Grok is an assistant.")),
    ("2025-06-01T10:00:00", text("May 30, 2025", REWORDED, "Grok is an assistant.")),
    ("2025-07-01T10:00:00", text("June 30, 2025", "", "Grok is an assistant.")),
]


def build_repo(path, history=HISTORY) -> VersionsRepo:
    repo = VersionsRepo(path)
    for when, body in history:
        repo.record("xAI", "Terms of Service", body, when)
    return repo


def make_world(*, status=EditorialStatus.PUBLISHED):
    """The xAI terms document mapped to the test collection, with the category and its rule."""
    vendor = factories.PartyFactory(slug="xai", name="xAI Corp.", short_name="xAI")
    category = factories.ClauseCategoryFactory(
        slug="no-competing-models", name="No training of competing models"
    )
    ClauseMatchRule.objects.create(
        category=category, kind="regex", pattern=r"develop\s+models?\b.*\bcompete"
    )
    document = factories.TermsDocumentFactory(
        slug="xai-terms-of-service",
        vendor=vendor,
        title="xAI Terms of Service",
        editorial_status=status,
        ota_collection=COLLECTION,
        ota_service="xAI",
        ota_terms_type="Terms of Service",
    )
    return {"vendor": vendor, "category": category, "document": document}


def import_ota(source) -> str:
    out = io.StringIO()
    call_command("import_ota", str(source), stdout=out)
    return out.getvalue()


def versions(document) -> list[TermsVersion]:
    return list(document.versions.order_by("recorded_at"))
