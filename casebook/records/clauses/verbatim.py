"""The one rule that a confirmed clause quotes its version's text verbatim.

Only whitespace is normalised: every run of whitespace (spaces, tabs, line
breaks, non-breaking spaces) counts as one space, and the quote's leading and
trailing whitespace is ignored. Case, punctuation, Markdown marks and
typographic quotes are compared exactly, so "Output" never matches "output" and
a curly apostrophe never matches a straight one.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")


def normalise_whitespace(text: str) -> str:
    """``text`` with each run of whitespace made one space, and no space at either end."""
    return _WHITESPACE.sub(" ", text).strip()


def quote_occurs(quote: str, full_text: str) -> bool:
    """Whether ``quote`` occurs in ``full_text`` word for word, whitespace aside."""
    quote = normalise_whitespace(quote)
    return bool(quote) and quote in normalise_whitespace(full_text)


def quote_problem(quote: str, full_text: str) -> str | None:
    """Why ``quote`` cannot stand as a clause of a version whose text is ``full_text``.

    None when the version keeps no text (a version entered by hand from press
    quotes: nothing to check against) or when the quote occurs in it.
    """
    if not full_text or quote_occurs(quote, full_text):
        return None
    return (
        "The quoted text does not occur in this version's full text. Quote the version "
        "word for word (only whitespace may differ)."
    )
