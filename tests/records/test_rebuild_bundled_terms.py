"""``rebuild_bundled_terms`` on two tiny OTA repositories: the dataset it writes, twice alike."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from casebook.records.dataset.companion import companion_path
from tests.ota_world import FIRST, SECOND, THIRD
from tests.records.ota_sources import COLLECTION, README, VersionsRepo

OTHER = "https://github.com/OpenTermsArchive/Other-versions"
SOURCE = {
    "slug": "ota-test",
    "title": "Open Terms Archive, Test collection",
    "url": COLLECTION,
    "publisher": "Open Terms Archive",
    "kind": "primary",
    "editorial_status": "published",
}


def _document(slug: str, collection: str, service: str) -> dict:
    return {
        "slug": slug,
        "title": f"{service} Terms of Service",
        "kind": "terms_of_use",
        "vendor": "xai",
        "ota_collection": collection,
        "ota_service": service,
        "ota_terms_type": "Terms of Service",
        "editorial_status": "published",
        "citations": [{"source": "ota-test", "pinpoint": f"{service}/Terms of Service.md"}],
    }


def _dataset(path) -> None:
    data = {
        "format": "casebook-dataset",
        "version": 1,
        "parties": [
            {
                "slug": "xai",
                "name": "xAI",
                "kind": "company",
                "editorial_status": "published",
                "citations": [{"source": "ota-test", "pinpoint": ""}],
            }
        ],
        "sources": [SOURCE],
        "terms_documents": [
            _document("xai-terms", COLLECTION, "xAI"),
            _document("grok-terms-eu", OTHER, "Grok"),
        ],
    }
    path.write_text(json.dumps(data))


def test_the_rebuild_writes_recorded_versions_and_a_second_run_writes_the_same_bytes(tmp_path):
    genai = VersionsRepo(tmp_path / "genai")
    for text, when in zip(
        (FIRST, SECOND, THIRD),
        ("2024-02-08T18:31:13", "2024-05-02T09:00:00", "2025-01-08T00:32:49"),
        strict=True,
    ):
        genai.record("xAI", "Terms of Service", text, when)
    genai.record("Unmapped", "Terms of Service", "Not ours.", "2024-03-01T00:00:00")
    eu = VersionsRepo(tmp_path / "eu", readme=README.replace(COLLECTION, OTHER))
    eu.record("Grok", "Terms of Service", THIRD, "2025-11-11T10:00:00")
    dataset = tmp_path / "data" / "casebook.json"
    dataset.parent.mkdir()
    _dataset(dataset)

    def rebuild() -> tuple[bytes, bytes]:
        call_command(
            "rebuild_bundled_terms",
            genai=str(genai.path),
            genai_eu=str(eu.path),
            user="rebuilder",
            dataset=str(dataset),
            decisions=str(tmp_path / "no-decisions"),
            stdout=io.StringIO(),
        )
        return dataset.read_bytes(), companion_path(dataset).read_bytes()

    first = rebuild()
    written = json.loads(first[0])
    documents = {d["slug"]: d for d in written["terms_documents"]}
    assert [v["recorded_at"] for v in documents["xai-terms"]["recorded_versions"]] == [
        "2024-02-08T18:31:13Z",
        "2024-05-02T09:00:00Z",
        "2025-01-08T00:32:49Z",
    ]
    (eu_version,) = documents["grok-terms-eu"]["recorded_versions"]
    assert eu_version["ota_permalink"].startswith(OTHER + "/blob/")
    assert written["recorded_texts"]["versions"] == 4

    assert rebuild() == first  # the second run loads the first's output: nothing changes
