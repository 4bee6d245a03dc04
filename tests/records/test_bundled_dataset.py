"""The bundled dataset (data/casebook.json) loads, says what the sources say, and cites them."""

import datetime
import lzma
from decimal import Decimal

import pytest
from django.conf import settings

from casebook.records.dataset import dumps, export_dataset, load_dataset, read_file
from casebook.records.dataset.companion import companion_path, split_dataset
from casebook.records.models import (
    RECORD_MODELS,
    AccusedParty,
    Allegation,
    Case,
    Citation,
    Clause,
    Event,
    FigureBasis,
    Guidance,
    Qualifier,
    Settlement,
    Source,
    TermsDocument,
    TermsVersion,
    Verification,
)
from tests.bundled import load_bundled

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundled():
    load_bundled()


def test_loads_every_kind_of_record(bundled):
    assert Allegation.objects.public().count() >= 6
    assert Case.objects.public().count() >= 2
    assert Settlement.objects.public().count() >= 1
    assert Guidance.objects.public().count() >= 5
    assert TermsDocument.objects.public().count() >= 10
    assert Clause.objects.public().count() >= 10
    assert Event.objects.public().count() >= 10


def test_anthropic_allegation_has_its_three_accused_and_their_figures(bundled):
    allegation = Allegation.objects.get(accuser__slug="anthropic", made_on="2026-02-23")
    exchanges = {row.party.slug: row.exchanges for row in allegation.accused.all()}

    assert exchanges == {"deepseek": 150_000, "moonshot-ai": 3_400_000, "minimax": 13_000_000}
    assert allegation.accounts == 24_000
    assert allegation.exchanges == 16_000_000
    assert allegation.figures_basis == FigureBasis.REPORTED
    assert {row.response for row in allegation.accused.all()} == {AccusedParty.Response.NONE_FOUND}


def test_bartz_settlement_figures_and_dates(bundled):
    settlement = Settlement.objects.get(case__docket_number="3:24-cv-05417-WHA")

    assert settlement.amount == Decimal("1500000000.00")
    assert settlement.amount_qualifier == Qualifier.AT_LEAST
    assert settlement.unit_count == 482_460
    assert settlement.preliminary_approval_on == datetime.date(2025, 9, 25)
    assert settlement.final_approval_on is None  # not found in any stored source


def test_copyright_office_guidance_is_cited_formally(bundled):
    guidance = Guidance.objects.get(formal_citation__startswith="88 FR 16190")
    assert guidance.issued_on == datetime.date(2023, 3, 16)
    assert guidance.issuer.name.startswith("U")


def test_openai_competing_models_clause_is_quoted_word_for_word(bundled):
    clause = Clause.objects.get(
        version__document__vendor__slug="openai",
        version__effective_from=datetime.date(2024, 1, 31),
        version__origin=TermsVersion.Origin.MANUAL,  # OTA's versions state that date too
        category__slug="no-competing-models",
    )
    assert clause.text == "Use Output to develop models that compete with OpenAI."


def test_every_published_record_cites_a_published_source(bundled):
    uncited = [
        f"{model.__name__}:{record.slug}"
        for model in RECORD_MODELS
        if model is not Source
        for record in model.objects.public().prefetch_related("citations__source")
        if not any(c.source.is_public for c in record.citations.all())
    ]
    assert uncited == []


def test_unverified_citations_are_flagged_on_their_record(bundled):
    """Where a fact is unverified, the record says so in its public caveats."""
    unflagged = [
        f"{type(c.record).__name__}:{c.record.slug}"
        for c in Citation.objects.filter(verification=Verification.UNVERIFIED)
        if c.record.is_public and not c.record.caveats
    ]
    assert unflagged == []


def test_loading_twice_changes_nothing(bundled):
    before = dumps(export_dataset())
    report = load_dataset(read_file(settings.CASEBOOK_DATASET))
    assert report.created == report.changed == report.deleted == []
    assert dumps(export_dataset()) == before


def test_the_file_is_in_canonical_export_form(bundled):
    """The bundled file and its companion are exactly what export_casebook writes."""
    companion = companion_path(settings.CASEBOOK_DATASET)
    data, raw = split_dataset(export_dataset(), companion.name)
    assert dumps(data) == settings.CASEBOOK_DATASET.read_text(encoding="utf-8")
    assert raw == lzma.decompress(companion.read_bytes())


def test_terms_of_at_least_15_vendors_are_backed_by_versions_ota_recorded(bundled):
    vendors = set(
        TermsVersion.objects.public()
        .filter(origin=TermsVersion.Origin.OTA)
        .values_list("document__vendor__slug", flat=True)
    )
    assert len(vendors) >= 15, sorted(vendors)
    assert {"openai", "anthropic", "google", "xai", "meta", "deepseek", "moonshot-ai"} <= vendors


def test_every_recorded_version_carries_its_text_credit_and_permalink(bundled):
    versions = TermsVersion.objects.filter(origin=TermsVersion.Origin.OTA).select_related(
        "document"
    )
    assert versions.count() > 900
    for version in versions:
        credit = version.attribution
        assert credit is not None and "Open Terms Archive contributors" in credit.text
        assert version.ota_permalink.startswith(version.document.ota_collection + "/blob/")
        assert version.ota_commit in version.ota_permalink
        assert version.full_text and version.recorded_at is not None


def test_recorded_versions_never_take_the_record_date_for_an_effective_date(bundled):
    """An OTA version's effective date is the one its text states, never its record day."""
    for version in TermsVersion.objects.filter(origin=TermsVersion.Origin.OTA):
        if version.effective_from is not None:
            assert version.label, version  # the statement the date was read from
