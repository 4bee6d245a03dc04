"""check_casebook fails on a published record with no published source."""

import pytest

from tests.records.check_helpers import check_file
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db


def test_the_sample_file_passes(tmp_path):
    assert check_file(tmp_path, sample_dataset()) == ""


@pytest.mark.parametrize("section", ["allegations", "cases", "settlements", "terms_documents"])
def test_a_published_record_citing_nothing_fails(tmp_path, section):
    data = sample_dataset()
    record = data[section][0]
    record["citations"] = []

    error = check_file(tmp_path, data)

    assert f"{section}[{record['slug']}]: is published, but it cites no source" in error


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_a_record_citing_only_an_unpublished_source_fails(tmp_path, status):
    data = sample_dataset()
    data["sources"][0]["editorial_status"] = status

    error = check_file(tmp_path, data)

    assert "allegations[the-allegation]: is published, but cite at least one published" in error
    assert "The file fails its checks" in error


def test_a_draft_record_citing_nothing_passes(tmp_path):
    data = sample_dataset()
    data["cases"][0]["citations"] = []
    data["cases"][0]["editorial_status"] = "draft"
    data["settlements"][0]["editorial_status"] = "draft"

    assert check_file(tmp_path, data) == ""
