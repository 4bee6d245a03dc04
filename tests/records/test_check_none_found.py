"""check_casebook fails on "none found" where no source documents a search.

"None found" says someone searched; with no search on record the honest value is
``not_searched`` ("No response recorded; not searched"), which is also the default.
"""

import pytest

from tests.records.check_helpers import check_file
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db


def accused_row(data: dict) -> dict:
    return data["allegations"][0]["accused"][0]


def test_none_found_without_a_source_fails_naming_the_row(tmp_path):
    data = sample_dataset()
    accused_row(data)["response"] = "none_found"

    error = check_file(tmp_path, data)

    assert "allegations[the-allegation].accused[accused].response:" in error
    assert 'say "not_searched"' in error


def test_none_found_with_the_search_cited_passes(tmp_path):
    data = sample_dataset()
    accused_row(data).update(
        response="none_found", response_source="post", response_as_of="2026-11-28"
    )

    assert check_file(tmp_path, data) == ""


@pytest.mark.parametrize("response", ["not_searched", None])
def test_not_searched_or_the_default_passes_without_a_source(tmp_path, response):
    data = sample_dataset()
    if response:
        accused_row(data)["response"] = response

    assert check_file(tmp_path, data) == ""
