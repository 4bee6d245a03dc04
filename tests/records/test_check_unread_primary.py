"""check_casebook fails on a citation of an unread document not marked unverified."""

import pytest

from casebook.records.dataset.audit import CITED_SECTIONS, unread_source_problems
from tests.records.check_helpers import check_file
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db


def mark_every_citation(data: dict, mark: str) -> int:
    """Set every citation's verification to ``mark``; return how many there are."""
    count = 0
    for section in CITED_SECTIONS:
        for record in data.get(section, []):
            for citation in record.get("citations", []):
                citation["verification"] = mark
                count += 1
    return count


@pytest.mark.parametrize(
    "notes", ["Not read; known through press.", "not read in a stored copy", "  Not read directly"]
)
@pytest.mark.parametrize("mark", ["primary", "secondary"])
def test_a_citation_of_an_unread_source_must_be_unverified(notes, mark):
    data = sample_dataset()
    data["sources"][0]["notes"] = notes
    count = mark_every_citation(data, mark)

    problems = unread_source_problems(data)

    assert f'allegations[the-allegation].citations[post].verification: is "{mark}"' in (
        "\n".join(problems)
    )
    assert len(problems) == count > 5


@pytest.mark.parametrize("notes", ["", "Read in a mirror.", "Header read; body not read."])
def test_a_read_source_may_be_cited_as_primary(notes):
    data = sample_dataset()
    data["sources"][0]["notes"] = notes

    assert unread_source_problems(data) == []


def test_unverified_citations_of_an_unread_source_pass():
    data = sample_dataset()
    data["sources"][0]["notes"] = "Not read; known through press."
    mark_every_citation(data, "unverified")

    assert unread_source_problems(data) == []


def test_the_command_names_record_and_field(tmp_path):
    data = sample_dataset()
    data["sources"][0]["notes"] = "Not read; known through press."

    error = check_file(tmp_path, data)

    assert 'cases[a-case].citations[post].verification: is "primary"' in error
