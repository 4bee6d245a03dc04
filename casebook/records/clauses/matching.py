"""Finding candidate clauses in a terms version's text with a category's match rules.

A version's text (Markdown, as Open Terms Archive keeps it) is cut into
*passages*: each list item is one passage, each paragraph is cut into
sentences. Every passage keeps the heading it sits under (the nearest Markdown
``#`` heading above it). A passage is always a piece of the text itself, so a
confirmed suggestion passes the verbatim check (:mod:`.verbatim`).

Rules are phrases (matched case-insensitively, any whitespace between words) or
regular expressions. Regular expressions run under the ``regex`` module with a
time limit per search (:data:`SEARCH_TIMEOUT_SECONDS`) and are capped at
:data:`MAX_PATTERN_LENGTH` characters; on save a rule is also tried on a text
built to trip catastrophic backtracking, and refused if it runs out of time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

#: Longest pattern an analyst may save, in characters.
MAX_PATTERN_LENGTH = 300
#: Seconds one regular-expression search may take on one passage.
SEARCH_TIMEOUT_SECONDS = 0.05
#: Seconds a rule may take on the trial texts when it is saved.
TRIAL_TIMEOUT_SECONDS = 0.2
#: Texts that make nested or overlapping quantifiers backtrack for ever, e.g. ``(a+)+$``.
_TRIAL_TEXTS = tuple(ch * 3000 + "!" for ch in ("a", " ", "x.", "a ", "0", "competing "))

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)]|\(?[a-z]{1,4}\))\s+")
# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before whitespace
# and a capital, digit, quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[A-Z0-9])")
_ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "inc.", "ltd.", "co.", "no.", "vs.", "u.s.", "mr.", "ms."}
_EMPHASIS = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class Passage:
    """A sentence or list item of a version's text and the heading it sits under."""

    heading: str
    text: str


def passages(full_text: str) -> Iterator[Passage]:
    """Every sentence and list item of ``full_text`` (Markdown), in order, with its heading."""
    heading = ""
    block: list[str] = []

    def flush() -> Iterator[Passage]:
        if block:
            yield from _sentences(heading, " ".join(block))
            block.clear()

    for line in full_text.splitlines():
        found = _HEADING.match(line)
        if found:
            yield from flush()
            heading = _EMPHASIS.sub("", found.group(2)).strip()
        elif not line.strip():
            yield from flush()
        elif _LIST_ITEM.match(line):
            yield from flush()
            block.append(line[_LIST_ITEM.match(line).end() :].strip())
        else:
            block.append(line.strip())
    yield from flush()


def _sentences(heading: str, paragraph: str) -> Iterator[Passage]:
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        words = paragraph[start : end.start()].split()
        if words and (words[-1].lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", words[-1])):
            continue
        piece = paragraph[start : end.start() + len(end.group().rstrip())].strip()
        if piece:
            yield Passage(heading, piece)
        start = end.end()
    piece = paragraph[start:].strip()
    if piece:
        yield Passage(heading, piece)


class RuleTooSlow(Exception):
    """A regular expression ran out of time on some text."""


def compile_rule(kind: str, pattern: str) -> regex.Pattern:
    """The compiled rule: ``kind`` is "phrase" or "regex". Raises ``regex.error`` on a bad one."""
    if kind == "phrase":
        words = [regex.escape(word) for word in pattern.split()]
        return regex.compile(r"\s+".join(words), regex.IGNORECASE | regex.V1)
    return regex.compile(pattern, regex.IGNORECASE | regex.V1)


def rule_problem(kind: str, pattern: str) -> str | None:
    """Why a rule cannot be saved (bad syntax, too long, too slow), or None."""
    if not pattern.strip():
        return "Give a phrase or a regular expression."
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"Keep the pattern under {MAX_PATTERN_LENGTH} characters."
    try:
        compiled = compile_rule(kind, pattern)
    except regex.error as exc:
        return f"This is not a valid regular expression: {exc}."
    if compiled.search("") is not None:
        return "This pattern matches empty text, so it would match every sentence."
    try:
        for text in _TRIAL_TEXTS:
            compiled.search(text, timeout=TRIAL_TIMEOUT_SECONDS)
    except TimeoutError:
        return (
            "This regular expression takes too long on some texts (nested or overlapping "
            "repetition such as (a+)+); simplify it."
        )
    return None


def matching_passages(full_text: str, rules: Iterable[regex.Pattern]) -> tuple[list[Passage], int]:
    """The passages of ``full_text`` that any of ``rules`` matches, and how many searches
    ran out of time (those passages are skipped, not matched)."""
    rules = list(rules)
    found: list[Passage] = []
    timeouts = 0
    for passage in passages(full_text):
        for rule in rules:
            try:
                if rule.search(passage.text, timeout=SEARCH_TIMEOUT_SECONDS):
                    found.append(passage)
                    break
            except TimeoutError:
                timeouts += 1
    return found, timeouts
