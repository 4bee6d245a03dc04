"""The word diff: right for many inputs, bounded in time on long texts, honest when cut short."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.records.textdiff import diff_words

SENTENCE = "you may not use the output to develop models that compete with us or our affiliates"
WORDS = SENTENCE.split(" ")


def joined(pieces, leave_out):
    return "".join(text for op, text in pieces if op != leave_out)


def long_versions(words: int, edits: int, seed: int):
    """A text of ``words`` words from a small vocabulary and a copy with scattered edits.

    Returns (old, new, changed): ``changed`` are the positions (in ``new``) of replaced words.
    """
    rng = random.Random(seed)
    old = [rng.choice(WORDS) for _ in range(words)]
    new = list(old)
    changed = sorted(rng.sample(range(words), edits))
    for n, at in enumerate(changed):
        new[at] = f"CHANGED{n}"
    return " ".join(old), " ".join(new), changed


text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)), max_size=40
).map(" ".join)


@given(old=text, new=text)
@settings(max_examples=200, deadline=None)
def test_the_pieces_join_back_into_both_texts(old, new):
    result = diff_words(old, new)
    assert joined(result.pieces, "insert") == old
    assert joined(result.pieces, "delete") == new
    ops = [op for op, _ in result.pieces]
    assert all(a != b for a, b in zip(ops, ops[1:], strict=False))
    assert all(text for _, text in result.pieces)
    assert result.complete


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("a b c", "a b c", [("equal", "a b c")]),
        ("", "", []),
        ("gone", "", [("delete", "gone")]),
        ("", "new", [("insert", "new")]),
        ("Straße one", "Straße two", [("equal", "Straße "), ("delete", "one"), ("insert", "two")]),
        ("a\n\nb", "a\nb", [("equal", "a\n"), ("delete", "\n"), ("equal", "b")]),
        ("a\nb c\nd", "a\nb x c\nd", [("equal", "a\nb "), ("insert", "x "), ("equal", "c\nd")]),
    ],
)
def test_small_diffs(old, new, expected):
    assert diff_words(old, new).pieces == expected


@pytest.mark.parametrize("words, edits, seed", [(2_000, 5, 1), (4_000, 20, 2), (20_000, 40, 3)])
def test_long_texts_with_scattered_edits_mark_exactly_the_changed_words(words, edits, seed):
    old, new, changed = long_versions(words, edits, seed)

    result = diff_words(old, new, timeout=30)

    assert result.complete
    inserted = [text for op, text in result.pieces if op == "insert"]
    assert inserted == [f"CHANGED{n}" for n in range(edits)]
    deleted = [text for op, text in result.pieces if op == "delete"]
    assert len(deleted) == edits and all(" " not in t for t in deleted)
    assert joined(result.pieces, "insert") == old
    assert joined(result.pieces, "delete") == new


def rewritten_document(lines: int, share: float, seed: int):
    """A document of ``lines`` lines of ten words, and a copy with ``share`` of its lines rewritten.

    Terms are revised like this: some clauses rewritten, the rest kept line for line.
    Returns (old, new, kept lines).
    """
    rng = random.Random(seed)
    vocabulary = [f"word{n}" for n in range(5_000)]

    def line():
        return " ".join(rng.choice(vocabulary) for _ in range(10))

    old = [line() for _ in range(lines)]
    new = [text if rng.random() > share else line() for text in old]
    kept = [text for text, revised in zip(old, new, strict=True) if text == revised]
    return "\n".join(old), "\n".join(new), kept


@pytest.mark.parametrize("lines, share, seed", [(1_000, 0.5, 1), (2_000, 0.3, 2), (2_000, 0.6, 3)])
def test_a_document_rewritten_in_many_places_is_diffed_fully_within_the_deadline(
    lines, share, seed
):
    # 10,000 to 20,000 words, thousands of them changed: word by word over the whole text
    # this took tens of seconds (xAI's terms of 8 January 2025 against 27 December 2024:
    # 23 s), so the page fell back to "whole text deleted, whole text inserted"; line by
    # line first, then word by word inside the changed lines, it takes about a second.
    # The deadline is wide (20 s against about 1 s) so a busy CI machine does not fail it
    # (5 s did, with both cores loaded); the old word-by-word diff still misses it.
    old, new, kept = rewritten_document(lines, share, seed)

    result = diff_words(old, new, timeout=20)

    assert result.complete
    equal_text = "".join(text for op, text in result.pieces if op == "equal")
    assert all(line in equal_text for line in kept)
    assert joined(result.pieces, "insert") == old
    assert joined(result.pieces, "delete") == new


def test_a_diff_cut_short_by_its_deadline_is_still_correct_and_says_so():
    old = " ".join(random.Random(1).choice(WORDS) for _ in range(3_000))
    new = " ".join(random.Random(2).choice(WORDS) for _ in range(3_000))

    result = diff_words(old, new, timeout=0.001)

    assert not result.complete
    assert joined(result.pieces, "insert") == old
    assert joined(result.pieces, "delete") == new


def test_the_timeout_must_be_positive():
    with pytest.raises(ValueError, match="timeout"):
        diff_words("a", "b", timeout=0)
