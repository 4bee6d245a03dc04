"""The effective date a terms text states, on the formats OTA's collections really use."""

import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casebook.records.models import DatePrecision
from casebook.records.ota.effective import numeric_order_hint, read_effective_date

D = datetime.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Effective: January 31, 2024", D(2024, 1, 31), DAY),
        ("Last Updated: May 27th, 2026", D(2026, 5, 27), DAY),
        ("Last updated - Sep, 2023", D(2023, 9, 1), MONTH),
        ("UpdatedNovember 14, 2023", D(2023, 11, 14), DAY),
        ("Effective:November 28, 2025", D(2025, 11, 28), DAY),
        (
            "**Effective:** January 31, 2024 ([previous version](https://openai.com/policies/x))",
            D(2024, 1, 31),
            DAY,
        ),
        ("Effective August 28, 2025[Previous Version](https://x.test/a)", D(2025, 8, 28), DAY),
        ("_Effective 27 May 2025_", D(2025, 5, 27), DAY),
        ("_Effective as of May 27 2025_", D(2025, 5, 27), DAY),
        ("Effective from 13 November 2023", D(2023, 11, 13), DAY),
        ("Effective: 24 October, 2025 ([past versions](https://x.test))", D(2025, 10, 24), DAY),
        ("Version Effective Date: March 21, 2024", D(2024, 3, 21), DAY),
        ("_Last Modified: June 4, 2024_", D(2024, 6, 4), DAY),
        ("‍**Last Updated: October 12th 2023**", D(2023, 10, 12), DAY),
        ("Updated OCT 21, 2025", D(2025, 10, 21), DAY),
        ("Updated january 22nd, 2023", D(2023, 1, 22), DAY),
        ("Effective Sep 26, 2023", D(2023, 9, 26), DAY),
        ("Last Update: 2025-02-10", D(2025, 2, 10), DAY),
        ("**Latest updated:** 2025-03-24", D(2025, 3, 24), DAY),
        ("Last Updated: 2024-10-01 ([past versions](https://x.test))", D(2024, 10, 1), DAY),
        ("Effective Date: 11/13/2024", D(2024, 11, 13), DAY),
        ("Last Modified: 8/23/2023", D(2023, 8, 23), DAY),
        ("Last Updated: October 2025", D(2025, 10, 1), MONTH),
        ("Last updated: **January 2023**", D(2023, 1, 1), MONTH),
        ("Last updated: 2023", D(2023, 1, 1), YEAR),
        ("**生效日期：2025年8月27日**", D(2025, 8, 27), DAY),
        ("**生效日期：2025年09月03日**", D(2025, 9, 3), DAY),
        ("协议更新日期：2024 年 12 月 19 日", D(2024, 12, 19), DAY),
        ("协议发布及生效日期：2024 年 1 月 5 日起", D(2024, 1, 5), DAY),
        (
            "_These Terms are effective and were last updated on June 20, 2024._",
            D(2024, 6, 20),
            DAY,
        ),
        (
            "_This policy was published on June 8, 2026 with an effective date of July 8, 2026._",
            D(2026, 7, 8),
            DAY,
        ),
        ("the Meta Model API._Last updated: August 21, 2026These Meta", D(2026, 8, 21), DAY),
        ("Terms of Service** **Last Updated: May 01, 2025** **Tempo Inc.**", D(2025, 5, 1), DAY),
        ("This Privacy Policy is effective as of  \n\nMarch 3, 2024\n", D(2024, 3, 3), DAY),
        ("*   **Effective Date**\n\nJuly 20, 2017", D(2017, 7, 20), DAY),
    ],
)
def test_real_formats_parse_with_their_precision(text, date, precision):
    stated = read_effective_date(text)
    assert stated is not None
    assert (stated.date, stated.precision) == (date, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Updated: 9 days ago",
        "Updated: yesterday",
        "Updated: 22 hours ago",
        "* 2024-01-10: We've updated our Usage Policies to be clearer.",
        "*   _May 20, 2014:_ Updated various typos.",
        "\\* Terms related to Copilot Health are effective as of May 13, 2026.",
        "These API Terms of Service are effective as of the Effective Date and shall continue.",
        "We will notify you before changes become effective.",
        "Effective 31 February 2024",
        "",
    ],
)
def test_no_stated_date_is_unknown(text):
    assert read_effective_date(text) is None


def test_an_effective_statement_wins_over_an_updated_one_wherever_it_is():
    text = "Last updated: March 2, 2024\n\nSome terms.\n\nEffective: April 1, 2024\n"
    assert read_effective_date(text).date == D(2024, 4, 1)
    assert read_effective_date(text).kind == "effective"


@pytest.mark.parametrize(
    ("text", "order", "date"),
    [
        ("Effective date: 11-04-2023", "mdy", D(2023, 11, 4)),
        ("Effective date: 11-04-2023", "dmy", D(2023, 4, 11)),
        ("Last updated: 12/05/2024", "mdy", D(2024, 12, 5)),
        ("Last updated: 10/9/2024 to update corporate address.", "mdy", D(2024, 10, 9)),
        ("Effective date: 04-04-2023", None, D(2023, 4, 4)),
        ("Effective date: 13-04-2023", "mdy", D(2023, 4, 13)),  # a part above 12 settles it
    ],
)
def test_numeric_dates_follow_the_order_when_they_need_one(text, order, date):
    assert read_effective_date(text, order).date == date


@pytest.mark.parametrize("text", ["Effective date: 11-04-2023", "Last updated: 12/05/2024"])
def test_an_ambiguous_numeric_date_without_an_order_is_unknown_but_kept_as_stated(text):
    stated = read_effective_date(text)
    assert stated.date is None and stated.precision is None
    assert stated.statement == text


def test_the_order_comes_from_the_service_s_own_texts():
    # xAI wrote 11-04-2023 and later restated the same date as 2023-11-04.
    xai = ["Effective date: 11-04-2023\n\nTerms", "Effective date: 2023-11-04\n\nTerms"]
    assert numeric_order_hint(xai) == "mdy"
    assert numeric_order_hint(["Effective date: 04-11-2023", "Effective date: 2023-11-04"]) == (
        "dmy"
    )
    assert numeric_order_hint(["Last updated: 02/24/2025", "Last updated: 12/05/2024"]) == "mdy"
    assert numeric_order_hint(["Last updated: 24/02/2025"]) == "dmy"
    assert numeric_order_hint(["Last updated: 12/05/2024"]) is None
    assert numeric_order_hint(["Updated: 24/02/2025", "Updated: 02/24/2025"]) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("Effective: 99/99/2024")
@example("Last updated: 2024-02-30")
@example("Effective \u017fept 3, 2024")  # a long s, which matches "s" ignoring case
@example("Effective: ٣/٤/٢٠٢٤")  # Arabic-Indic digits
def test_any_text_gives_a_date_with_its_precision_or_nothing(text):
    for order in (None, "mdy", "dmy"):
        stated = read_effective_date(text, order)
        if stated is None:
            continue
        assert (stated.date is None) == (stated.precision is None)
        assert stated.precision in (None, DAY, MONTH, YEAR)
        assert stated.kind in ("effective", "updated")
        assert stated.statement


LABELS = ["Effective:", "Effective date:", "Last updated:", "Last Updated -", "Updated"]
LABELS += ["生效日期："]
MONTH_NAMES = [None, "January", "February", "March", "April", "May", "June", "July"]
MONTH_NAMES += ["August", "September", "October", "November", "December"]


@settings(max_examples=300, deadline=None)
@given(
    label=st.sampled_from(LABELS),
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)),
    form=st.sampled_from(["mdy", "mdy-th", "dmy", "iso", "slash", "my", "cjk"]),
    before=st.sampled_from(["", "# Terms of Use\n\n", "**", "_", "Some terms. "]),
    after=st.sampled_from(["", "\n\nMore terms.", "**", " ([previous version](https://x.test))"]),
)
def test_a_stated_date_in_any_real_form_reads_back(label, day, form, before, after):
    written, expected, precision = {
        "mdy": (f"{MONTH_NAMES[day.month]} {day.day}, {day.year}", day, DAY),
        "mdy-th": (f"{MONTH_NAMES[day.month][:3]} {day.day}th, {day.year}", day, DAY),
        "dmy": (f"{day.day} {MONTH_NAMES[day.month]} {day.year}", day, DAY),
        "iso": (day.isoformat(), day, DAY),
        "slash": (f"{day.month}/{day.day}/{day.year}", day, DAY),
        "my": (f"{MONTH_NAMES[day.month]} {day.year}", day.replace(day=1), MONTH),
        "cjk": (f"{day.year}年{day.month}月{day.day}日", day, DAY),
    }[form]
    stated = read_effective_date(f"{before}{label} {written}{after}", order="mdy")
    assert stated is not None
    assert (stated.date, stated.precision) == (expected, precision)
