"""The vendor texts the facts file's third pass gives verbatim are in the bundled dataset.

Each with its source and mark, and only where a clause category fits: the Mistral
version headers, Mistral's commercial-terms clause (d) (secondary, cut off), and
the xAI Enterprise Terms' §1.2 opening words (primary, partial: no category fits,
so they stay in the version's notes and no category is marked reviewed).
"""

import datetime

import pytest

from casebook.records.models import Clause, TermsDocument, TermsVersion
from tests.bundled import load_bundled

pytestmark = pytest.mark.django_db

MISTRAL_D = (
    "Customer will not, and will not permit any other person (including any End User) to: "
    "... (d) attempt to reverse engineer, decompile, or otherwise attempt to discover the "
    "source code or underlying components (e.g., algorithms, weights, or systems) of the "
    "Mistral AI Products, including using the Outpu[t]…"
)
XAI_12 = (
    "you will not do, and will not assist, permit, or enable any user or third party to do, "
    "any of the following: (a) sell, rent, lease or use the Service for time sharing "
    "purposes; (b) use the Service to help develop, or help provide to any …"
)


def cited(document) -> dict[str, tuple[str, str]]:
    return {c.source.slug: (c.source.url, c.verification) for c in document.citations.all()}


def test_third_pass_vendor_texts_are_held_with_their_sources_and_marks(client):
    load_bundled()

    mistral = TermsDocument.objects.public().get(slug="mistral-terms-of-service")
    versions = {
        (v.label, v.effective_from, v.effective_from_precision)
        for v in mistral.versions.filter(origin=TermsVersion.Origin.MANUAL)
    }
    assert versions == {
        ("Last updated - Sep, 2023", datetime.date(2023, 9, 1), "month"),
        ("Effective 2025-02-06", datetime.date(2025, 2, 6), "day"),
    }
    assert cited(mistral)["mistral-tos-2023-src"] == (
        "https://mistral.ai/terms-of-service/",
        "primary",
    )

    clause = Clause.objects.public().get(version__document__slug="mistral-commercial-terms")
    assert (clause.text, clause.section, clause.category.slug) == (
        MISTRAL_D,
        "(d)",
        "no-reverse-engineering",
    )
    assert clause.verification == "secondary"
    assert cited(clause.version.document) == {
        "conductatlas-mistral-commercial-terms": (
            "https://conductatlas.com/platform/mistral-ai/mistral-ai-commercial-terms/"
            "output-restrictions-non-competition-on-image-generation/",
            "secondary",
        )
    }

    xai = TermsDocument.objects.public().get(slug="xai-enterprise-terms")
    (version,) = xai.versions.filter(origin=TermsVersion.Origin.MANUAL)
    assert version.effective_from == datetime.date(2024, 9, 5)
    assert XAI_12 in version.notes
    assert not version.clauses.exists() and not version.reviewed_categories.exists()
    assert cited(xai) == {
        "xai-enterprise-tos-src": (
            "https://x.ai/legal/terms-of-service-enterprise/previous",
            "primary",
        ),
        # the versions Open Terms Archive recorded, imported beside the hand-entered one
        "ota-genai-versions": ("https://github.com/OpenTermsArchive/GenAI-versions", "primary"),
    }

    page = client.get(xai.get_absolute_url())
    assert page.status_code == 200
    assert "September 5, 2024 version" in page.content.decode()
