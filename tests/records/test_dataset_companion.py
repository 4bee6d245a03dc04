"""Recorded (Open Terms Archive) versions in the dataset, their texts in a companion file."""

from __future__ import annotations

import datetime
import json
import lzma

import pytest
from django.core.management import CommandError, call_command

from casebook.records.dataset import DatasetError, check_dataset, read_file
from casebook.records.dataset.companion import companion_path
from casebook.records.models import Clause, TermsVersion, Verification
from tests.factories import CitationFactory, SourceFactory
from tests.ota_world import CLAUSE, THIRD, ota_world

pytestmark = pytest.mark.django_db

FOURTH = THIRD + "\nA new paragraph.\n"


@pytest.fixture
def world(tmp_path):
    """Three imported versions, a confirmed clause, and a fourth version that carries it."""
    world = ota_world(tmp_path)
    source = SourceFactory()
    CitationFactory(record=world.document, source=source)
    CitationFactory(record=world.document.vendor, source=source)
    later = TermsVersion.objects.create(
        document=world.document,
        origin=TermsVersion.Origin.OTA,
        recorded_at=datetime.datetime(2025, 3, 1, 12, 0, 5, tzinfo=datetime.UTC),
        full_text=FOURTH,
        ota_commit="b" * 40,
        ota_permalink="https://github.com/OpenTermsArchive/GenAI-versions/blob/b/xAI/x.md",
    )
    later.reviewed_categories.add(world.category)
    Clause.objects.create(
        version=later,
        category=world.category,
        text=CLAUSE,
        verification=Verification.PRIMARY,
        carried_over_from=world.clause,
    )
    return world


def export(path) -> None:
    call_command("export_casebook", str(path), stderr=_Quiet())


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


def test_recorded_versions_round_trip_through_the_companion(world, tmp_path):
    first = tmp_path / "one" / "casebook.json"
    first.parent.mkdir()
    export(first)
    data = json.loads(first.read_text())
    (document,) = [d for d in data["terms_documents"] if d["slug"] == "xai-terms"]
    assert [v["recorded_at"] for v in document["recorded_versions"]] == [
        "2024-02-08T18:31:13Z",
        "2024-05-02T09:00:00Z",
        "2025-01-08T00:32:49Z",
        "2025-03-01T12:00:05Z",
    ]
    assert all("full_text" not in v for v in document["recorded_versions"])
    assert document["recorded_versions"][3]["clauses"][0]["carried_over_from"] == (
        "2025-01-08T00:32:49Z"
    )
    assert data["recorded_texts"]["versions"] == 4
    assert companion_path(first).exists()
    assert document["ota_service"] == "xAI"

    TermsVersion.objects.filter(document=world.document).delete()
    call_command("load_casebook", str(first), verbosity=0)
    texts = list(
        TermsVersion.objects.filter(document=world.document)
        .order_by("recorded_at")
        .values_list("full_text", flat=True)
    )
    assert texts[2:] == [THIRD, FOURTH]
    carried = Clause.objects.get(version__full_text=FOURTH)
    assert carried.carried_over_from.version.full_text == THIRD

    second = tmp_path / "two" / "casebook.json"
    second.parent.mkdir()
    export(second)
    assert second.read_bytes() == first.read_bytes()
    assert companion_path(second).read_bytes() == companion_path(first).read_bytes()


def test_loading_again_keeps_versions_recorded_since(world, tmp_path):
    path = tmp_path / "casebook.json"
    export(path)
    newer = TermsVersion.objects.create(
        document=world.document,
        origin=TermsVersion.Origin.OTA,
        recorded_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        full_text="newer",
    )
    call_command("load_casebook", str(path), verbosity=0)
    assert TermsVersion.objects.filter(pk=newer.pk).exists()


def _rewrite_companion(path, change) -> None:
    companion = companion_path(path)
    parsed = json.loads(lzma.decompress(companion.read_bytes()))
    change(parsed)
    companion.write_bytes(lzma.compress(json.dumps(parsed).encode()))


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda path: companion_path(path).unlink(), "cannot be read"),
        (lambda path: companion_path(path).write_bytes(b"not xz"), "is not an xz file"),
        (
            lambda path: _rewrite_companion(
                path, lambda parsed: parsed["texts"][0].update(full_text="changed")
            ),
            "does not belong to",
        ),
    ],
    ids=["missing", "damaged", "mismatched"],
)
def test_a_missing_or_mismatched_companion_is_a_clear_error_and_writes_nothing(
    world, tmp_path, damage, words
):
    path = tmp_path / "casebook.json"
    export(path)
    TermsVersion.objects.filter(document=world.document).delete()
    damage(path)

    with pytest.raises(CommandError, match=words):
        call_command("load_casebook", str(path), verbosity=0)
    with pytest.raises(CommandError, match=words):
        call_command("check_casebook", str(path), verbosity=0)
    assert not TermsVersion.objects.filter(document=world.document).exists()


def test_a_confirmed_clause_must_quote_its_recorded_version(world, tmp_path):
    path = tmp_path / "casebook.json"
    export(path)
    data = read_file(path)
    (document,) = [d for d in data["terms_documents"] if d["slug"] == "xai-terms"]
    document["recorded_versions"][2]["clauses"][0]["text"] = "Words the version never said."
    document["recorded_versions"][3]["clauses"][0]["carried_over_from"] = "2024-02-08T18:31:13Z"

    with pytest.raises(DatasetError) as caught:
        check_dataset(data)
    assert any("does not occur in this version's full text" in e for e in caught.value.errors)
    assert any("carried_over_from: names no earlier" in e for e in caught.value.errors)


def test_a_file_whose_companion_was_not_read_is_refused(world, tmp_path):
    path = tmp_path / "casebook.json"
    export(path)
    with pytest.raises(DatasetError, match="companion file of full texts was not read"):
        check_dataset(json.loads(path.read_text()))
