"""check_casebook fails on a quote not verbatim in the clause or holding it quotes."""

import pytest

from casebook.records.dataset.audit import quote_in, quote_problems
from tests.records.check_helpers import check_file
from tests.records.dataset_sample import sample_dataset

CLAUSE = "Use Output to develop models that compete."

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "quote",
    [
        "Use output to develop models that compete.",  # case changed
        "Use Output to develop models which compete.",  # word changed
        "Use Output to build models that compete.",
        "develop models that compete with us",  # words added
        "compete … Use Output",  # parts out of order
    ],
)
def test_a_terms_quote_that_is_not_verbatim_fails(quote):
    data = sample_dataset()
    data["terms_documents"][0]["citations"][0]["quote"] = quote

    problems = quote_problems(data)

    assert len(problems) == 1
    assert problems[0].startswith("terms_documents[accuser-terms].citations[post].quote:")


@pytest.mark.parametrize(
    "quote", [CLAUSE, "develop models", "Use Output … that compete.", "Use Output ... compete"]
)
def test_a_verbatim_terms_quote_passes(quote):
    data = sample_dataset()
    data["terms_documents"][0]["citations"][0]["quote"] = quote

    assert quote_problems(data) == []


def test_a_guidance_quote_must_be_in_one_of_its_holdings():
    data = sample_dataset()
    guidance = data["guidance"][0]
    guidance["holdings"] = [{"proposition": "P", "quote": "the mere provision of prompts"}]
    guidance["citations"] = [{"source": "post", "quote": "the provision of prompts"}]

    assert quote_problems(data) == [
        "guidance[new-guidance].citations[post].quote: “the provision of prompts” "
        "is not verbatim in any holding of this record"
    ]
    guidance["citations"][0]["quote"] = "mere provision"
    assert quote_problems(data) == []


def test_quote_in_needs_every_part_in_order():
    assert quote_in("a … c", ["a b c"])
    assert not quote_in("c … a", ["a b c"])
    assert not quote_in("a … d", ["a b c", "d"])


def test_the_command_fails_on_an_altered_quote(tmp_path):
    data = sample_dataset()
    data["terms_documents"][0]["citations"][0]["quote"] = "Use Output to train models."

    error = check_file(tmp_path, data)

    assert "terms_documents[accuser-terms].citations[post].quote" in error
