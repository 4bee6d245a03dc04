"""check_casebook fails on an event dated outside its record's span."""

import pytest

from casebook.records.dataset.audit import date_span, event_span_problems
from tests.records.check_helpers import check_file, sample_with_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("record", "date", "precision"),
    [
        ({"case": "a-case"}, "2024-08-18", "day"),  # the case was filed 2024-08-19
        ({"case": "a-case"}, "2024-07-01", "month"),
        ({"case": "a-case"}, "2023-01-01", "year"),
        ({"settlement": "a-settlement", "case": None}, "2020-05-05", "day"),
        ({"allegation": "the-allegation", "case": None}, "2026-02-22", "day"),
        ({"allegation": "the-allegation", "case": None}, "2026-01-01", "month"),
    ],
)
def test_an_event_before_its_record_began_fails(record, date, precision):
    data = sample_with_event(date=date, date_precision=precision, **record)

    problems = event_span_problems(data)

    assert len(problems) == 1
    assert problems[0].startswith(f"events[an-event].date: {date} is before")


@pytest.mark.parametrize(
    ("record", "date", "precision"),
    [
        ({"case": "a-case"}, "2024-08-19", "day"),
        ({"case": "a-case"}, "2024-08-01", "month"),  # August 2024 holds the filing day
        ({"case": "a-case"}, "2024-01-01", "year"),
        ({"settlement": "a-settlement", "case": None}, "2026-01-29", "day"),
        ({"allegation": "the-allegation", "case": None}, "2026-02-23", "day"),
        ({"case": None}, "1999-01-01", "day"),  # belongs to no record
    ],
)
def test_an_event_within_its_record_passes(record, date, precision):
    data = sample_with_event(date=date, date_precision=precision, **record)

    assert event_span_problems(data) == []


def test_an_allegation_begins_with_its_conduct_when_known():
    data = sample_with_event(date="2025-11-01", allegation="the-allegation", case=None)
    assert event_span_problems(data) != []

    data["allegations"][0]["conduct_start"] = "2025-01-01"
    data["allegations"][0]["conduct_start_precision"] = "year"
    assert event_span_problems(data) == []


def test_date_span_by_precision():
    assert [d.isoformat() for d in date_span("2024-02-01", "month")] == ["2024-02-01", "2024-02-29"]
    assert date_span("2024-01-01", "year")[1].isoformat() == "2024-12-31"


def test_the_command_fails(tmp_path):
    error = check_file(tmp_path, sample_with_event(date="2020-01-01"))

    assert "events[an-event].date: 2020-01-01 is before its filing" in error
