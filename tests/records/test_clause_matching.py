"""Cutting OTA texts into passages, match rules, and the verbatim-quote rule."""

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casebook.records.clauses.matching import (
    MAX_PATTERN_LENGTH,
    compile_rule,
    matching_passages,
    passages,
    rule_problem,
)
from casebook.records.clauses.verbatim import normalise_whitespace, quote_occurs, quote_problem

XAI = """# Terms of Service

_Effective: January 2, 2025_

## 2. Acceptable Use

You may not, and may not allow others to:

- reverse engineer, decompile or disassemble the Service;
- use the Service or any Output to develop models or services that compete with xAI;
- scrape or extract data through automated means, e.g. bots.

## 5. Ownership

As between you and xAI, you own the Output. We may use Content to improve the Service.
Contact us at U.S. offices.
"""

WORDS = st.sampled_from(
    ["Output", "compete", "models", "xAI", "the", "e.g.", "U.S.", "a", "Service", "—", "“quoted”"]
)
PUNCT = st.sampled_from(["", ".", ",", ";", "!", "?", ":"])
LINE = st.lists(st.tuples(WORDS, PUNCT).map("".join), min_size=1, max_size=12).map(" ".join)
MARKDOWN_LINE = st.one_of(
    LINE,
    LINE.map(lambda text: "## " + text),
    LINE.map(lambda text: "- " + text),
    LINE.map(lambda text: "1. " + text),
    LINE.map(lambda text: "(a) " + text),
    st.just(""),
)
MARKDOWN = st.lists(MARKDOWN_LINE, max_size=20).map("\n".join)


def test_list_items_and_sentences_carry_their_heading():
    found = list(passages(XAI))
    by_text = {p.text: p.heading for p in found}
    assert by_text[
        "use the Service or any Output to develop models or services that compete with xAI;"
    ] == ("2. Acceptable Use")
    assert by_text["reverse engineer, decompile or disassemble the Service;"] == "2. Acceptable Use"
    assert by_text["As between you and xAI, you own the Output."] == "5. Ownership"
    assert by_text["We may use Content to improve the Service."] == "5. Ownership"
    # Abbreviations do not end a sentence.
    assert "scrape or extract data through automated means, e.g. bots." in by_text
    assert "Contact us at U.S. offices." in by_text
    assert by_text["_Effective: January 2, 2025_"] == "Terms of Service"


@settings(max_examples=200, deadline=None)
@given(MARKDOWN)
@example("# Heading\n\nOne. Two!\n- item one\n  continued here\n\nLast")
def test_every_passage_is_a_verbatim_piece_of_the_text(text):
    for passage in passages(text):
        assert passage.text.strip() == passage.text and passage.text
        assert quote_occurs(passage.text, text), passage
        assert not passage.text.startswith(("- ", "## "))


@settings(max_examples=200, deadline=None)
@given(LINE, st.lists(st.sampled_from([" ", "\n", "\t", "  ", "\u00a0", "\n\n"]), min_size=1))
def test_only_whitespace_is_normalised(line, spaces):
    words = line.split(" ")
    respaced = "".join(w + spaces[i % len(spaces)] for i, w in enumerate(words)).strip()
    text = f"Intro.\n\n{respaced}\n\nEnd."
    assert quote_occurs(line, text)
    assert quote_problem(line, text) is None


@settings(max_examples=200, deadline=None)
@given(LINE, st.integers(min_value=0), st.sampled_from(["swapcase", "curly", "drop", "insert"]))
def test_anything_but_whitespace_differing_fails_the_check(line, position, change):
    text = f"Intro.\n\n{line}\n\nEnd."
    index = position % len(line)
    if change == "swapcase":
        letters = [i for i, c in enumerate(line) if c.isalpha() and c.swapcase() != c]
        if not letters:
            return
        index = letters[position % len(letters)]
        altered = line[:index] + line[index].swapcase() + line[index + 1 :]
    elif change == "curly":
        altered = line.replace("“", '"') if "“" in line else line + "’"
    elif change == "drop":
        if line[index].isspace():
            return
        altered = line[:index] + line[index + 1 :]
    else:
        altered = line[:index] + "x" + line[index:]
    if normalise_whitespace(altered) in normalise_whitespace(text):
        return  # the change made another piece of the same text
    assert not quote_occurs(altered, text)
    assert "does not occur" in quote_problem(altered, text)


def test_a_version_without_text_is_not_checked_and_an_empty_quote_never_occurs():
    assert quote_problem("anything at all", "") is None
    assert not quote_occurs("   ", "some text")


@pytest.mark.parametrize(
    ("kind", "pattern", "words"),
    [
        ("regex", "develop (models", "not a valid regular expression"),
        ("regex", "(a+)+$", "takes too long"),
        ("regex", "(a|aa)+$", "takes too long"),
        ("regex", r"(\w+\s?)+$", "takes too long"),
        ("regex", "a*", "matches empty text"),
        ("regex", "x" * (MAX_PATTERN_LENGTH + 1), "under 300 characters"),
        ("phrase", "   ", "Give a phrase"),
    ],
)
def test_bad_rules_are_refused_with_the_reason(kind, pattern, words):
    started = time.monotonic()
    problem = rule_problem(kind, pattern)
    assert problem is not None and words in problem
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("phrase", "compete with"),
        ("phrase", "develop  models"),
        ("regex", r"develop\s+(any\s+)?models?\s+(or\s+services\s+)?that\s+compete"),
        ("regex", r"reverse[- ]engineer"),
    ],
)
def test_good_rules_pass_and_find_their_passage(kind, pattern):
    assert rule_problem(kind, pattern) is None
    found, timeouts = matching_passages(XAI, [compile_rule(kind, pattern)])
    assert timeouts == 0
    assert len(found) == 1
    assert found[0].heading == "2. Acceptable Use"


def test_phrases_ignore_case_and_line_breaks_but_not_words():
    rule = compile_rule("phrase", "Develop MODELS or services")
    text = (
        "## Use\n\nYou may not develop\nmodels or services that compete.\n\nNo develop models here."
    )
    found, _ = matching_passages(text, [rule])
    assert [p.text for p in found] == ["You may not develop models or services that compete."]


def test_a_slow_regex_on_a_real_passage_is_skipped_not_hung(monkeypatch):
    from casebook.records.clauses import matching

    monkeypatch.setattr(matching, "SEARCH_TIMEOUT_SECONDS", 0.01)
    slow = compile_rule("regex", "(a|aa)+$")
    started = time.monotonic()
    found, timeouts = matching_passages("## H\n\n" + "a" * 60 + "!", [slow])
    assert found == [] and timeouts == 1
    assert time.monotonic() - started < 5
