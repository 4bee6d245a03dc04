"""Word-level differences between two versions of a text, in bounded time.

Python's ``difflib`` is quadratic (or worse) in the number of words: a
4,000-word clause took minutes. This module diffs with Google's
diff-match-patch (Myers' O(ND) algorithm with a deadline) over the texts'
words, each word or run of whitespace mapped to one character, so a
20,000-word text is a 40,000-character string to the algorithm.

When the deadline passes, diff-match-patch stops looking for the smallest
diff and returns a correct but coarser one (larger deleted and inserted
blocks): the pieces still join back into the two texts. :class:`WordDiff`
says so with ``complete=False`` so a page can tell its reader.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

#: Seconds one diff may spend looking for the smallest set of changes.
DIFF_TIMEOUT_SECONDS = 1.0

_TOKENS = re.compile(r"\s+|\S+")

# Words are encoded as characters from here on: past the ASCII and Latin-1
# ranges, so the encoding is easy to read in a debugger; the surrogate block
# is skipped, since such characters cannot be encoded in UTF-8.
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
_MAX_TOKENS = 0x10FFFF - _FIRST_CODE - len(_SURROGATES)

_OPS = {diff_match_patch.DIFF_EQUAL: "equal", -1: "delete", 1: "insert"}


@dataclass(frozen=True)
class WordDiff:
    """Pieces ("equal" | "delete" | "insert", text) and whether the diff is the smallest found.

    ``complete`` is False when the time limit cut the search short: the pieces
    are still correct (joined, the "equal" and "delete" pieces give the old
    text, the "equal" and "insert" pieces the new one) but may mark more words
    as changed than were.
    """

    pieces: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True


def _encode(tokens: list[str], codes: dict[str, str]) -> str:
    """One character per token; the same token always gets the same character."""
    chars = []
    for token in tokens:
        char = codes.get(token)
        if char is None:
            number = _FIRST_CODE + len(codes)
            if number >= _SURROGATES.start:
                number += len(_SURROGATES)
            char = codes[token] = chr(number)
        chars.append(char)
    return "".join(chars)


def diff_words(old: str, new: str, *, timeout: float = DIFF_TIMEOUT_SECONDS) -> WordDiff:
    """Word-level diff of ``old`` against ``new``, spending at most about ``timeout`` seconds.

    Whitespace is kept, so the "equal" and "delete" pieces join back into
    ``old`` and the "equal" and "insert" pieces into ``new``. Adjacent pieces
    never share an operation; a deletion comes before the insertion that
    replaces it. ``timeout`` must be positive.
    """
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(set(a) | set(b)) > _MAX_TOKENS:  # pragma: no cover - needs a million distinct words
        return WordDiff(_whole(old, new), complete=False)
    codes: dict[str, str] = {}
    encoded_a, encoded_b = _encode(a, codes), _encode(b, codes)
    words = {char: token for token, char in codes.items()}

    matcher = diff_match_patch()
    matcher.Diff_Timeout = timeout
    started = time.monotonic()
    diffs = matcher.diff_main(encoded_a, encoded_b, checklines=False)
    complete = time.monotonic() - started < timeout

    pieces: list[tuple[str, str]] = []
    for op, chars in diffs:
        text = "".join(words[c] for c in chars)
        name = _OPS[op]
        if pieces and pieces[-1][0] == name:
            pieces[-1] = (name, pieces[-1][1] + text)
        else:
            pieces.append((name, text))
    return WordDiff(pieces, complete)


def _whole(old: str, new: str) -> list[tuple[str, str]]:
    """The coarsest correct diff: all of ``old`` deleted, all of ``new`` inserted."""
    return [(op, text) for op, text in (("delete", old), ("insert", new)) if text]
