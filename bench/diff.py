"""Timings of the clause-history word diff on long texts with scattered edits.

Run with ``.venv/bin/python bench/diff.py``; prints one line per text size.
Not a test: wall time depends on the machine. The tests check what the diff
marks and that a cut-short diff says so (tests/records/test_textdiff.py).
"""

import difflib
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casebook.records.textdiff import diff_words  # noqa: E402

# Legal text repeats a small vocabulary; repeated words are what make difflib slow.
SENTENCE = (
    "you may not use the output of the services to develop models that compete with us "
    "or any of our affiliates and the terms of this agreement apply to all such use"
)
VOCABULARY = SENTENCE.split(" ")


def tokens(text: str) -> list[str]:
    """Words and runs of whitespace, as the old difflib-based diff split texts."""
    return re.findall(r"\s+|\S+", text)


def versions(words: int, edits: int, seed: int = 1) -> tuple[str, str]:
    """Two texts of ``words`` words, the second with ``edits`` words replaced, added or removed."""
    rng = random.Random(seed)
    old = [rng.choice(VOCABULARY) for _ in range(words)]
    new = list(old)
    for _ in range(edits):
        at = rng.randrange(len(new))
        kind = rng.choice(("replace", "insert", "delete"))
        if kind == "replace":
            new[at] = "CHANGED"
        elif kind == "insert":
            new.insert(at, "ADDED")
        else:
            del new[at]
    return " ".join(old), " ".join(new)


def main() -> None:
    for words in (1_000, 2_000, 4_000, 20_000, 100_000):
        old, new = versions(words, edits=max(10, words // 100))
        started = time.perf_counter()
        result = diff_words(old, new)
        took = time.perf_counter() - started
        line = f"{words:>7} words: diff_words {took:6.3f} s, complete={result.complete}"
        if words <= 2_000:
            a, b = tokens(old), tokens(new)
            started = time.perf_counter()
            difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
            line += f"; difflib {time.perf_counter() - started:6.3f} s"
        print(line)
    for words in (1_000, 2_000, 20_000):
        old, _ = versions(words, 0, seed=1)
        new, _ = versions(words, 0, seed=2)
        started = time.perf_counter()
        result = diff_words(old, new)
        took = time.perf_counter() - started
        line = f"{words:>7} words rewritten: diff_words {took:6.3f} s, complete={result.complete}"
        if words <= 2_000:
            started = time.perf_counter()
            difflib.SequenceMatcher(a=tokens(old), b=tokens(new), autojunk=False).get_opcodes()
            line += f"; difflib {time.perf_counter() - started:6.3f} s"
        print(line)


if __name__ == "__main__":
    main()
