"""check_casebook fails on a day-precision date whose caveat says the day is uncertain."""

import pytest

from casebook.records.dataset.audit import uncertain_day_problems
from tests.records.check_helpers import check_file, sample_with_event

pytestmark = pytest.mark.django_db

UNCERTAIN = [
    "Made public around this date; the exact day is not certain.",
    "The day is uncertain.",
    "Reported dates are 17–18 September 2025.",
    "Dated 17 or 18 September by different outlets.",
    "Reported for 2026-04-23/24.",
    "The day was approximate.",
]


@pytest.mark.parametrize("caveat", UNCERTAIN)
def test_an_event_at_day_precision_with_an_uncertain_day_fails(caveat):
    data = sample_with_event(caveats=caveat)

    problems = uncertain_day_problems(data)

    assert len(problems) == 1
    assert problems[0].startswith("events[an-event].date: is at day precision")


@pytest.mark.parametrize("caveat", UNCERTAIN)
@pytest.mark.parametrize("precision", ["month", "year", "approximate"])
def test_a_less_precise_date_may_say_so(caveat, precision):
    assert uncertain_day_problems(sample_with_event(caveats=caveat, date_precision=precision)) == []


@pytest.mark.parametrize(
    "caveat", ["", "One outlet dates the order 2025-06-24.", "Some outlets report 24 February."]
)
def test_a_day_fixed_by_a_source_with_another_date_in_the_caveat_passes(caveat):
    assert uncertain_day_problems(sample_with_event(caveats=caveat)) == []


def test_allegations_guidance_sources_and_terms_versions_are_checked():
    data = sample_with_event()
    data["allegations"][0]["caveats"] = "The exact day is not known."
    data["sources"][0]["notes"] = "Reported dates 17–18 September 2025."
    data["guidance"][0]["caveats"] = "Issued 28 or 29 January."
    data["terms_documents"][0]["versions"][0]["notes"] = "The exact day was not fixed."

    fields = sorted(problem.split(":")[0] for problem in uncertain_day_problems(data))

    assert fields == [
        "allegations[the-allegation].made_on",
        "guidance[new-guidance].issued_on",
        "sources[post].published_on",
        "terms_documents[accuser-terms].versions[2024-01-31].effective_from",
    ]


def test_the_command_fails(tmp_path):
    error = check_file(tmp_path, sample_with_event(caveats="The exact day is not certain."))

    assert "events[an-event].date: is at day precision" in error
