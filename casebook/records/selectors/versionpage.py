"""The read behind a terms version's own page: the version, its clauses, its neighbours, its diff.

Reads only. The portal's version page and any other face of it read here
(through :mod:`casebook.records.selectors`, which re-exports it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.core.cache import cache

from casebook.records.models import Clause, TermsDocument, TermsVersion
from casebook.records.textdiff import DIFF_TIMEOUT_SECONDS, WordDiff, diff_words
from casebook.records.versions import version_key_filter, versions_in_order

#: Words of unchanged text kept on each side of a change in a compacted diff.
DIFF_CONTEXT_WORDS = 25

_TOKENS = re.compile(r"\s+|\S+")

#: Seconds a diff cut short by its deadline stays cached (a complete one stays until the
#: texts change): long enough that a busy page costs its diff once, short enough that a
#: quieter moment gets the whole diff.
CUT_SHORT_DIFF_CACHE_SECONDS = 600


@dataclass(frozen=True)
class VersionPage:
    """One version of a terms document, with what its page shows.

    ``previous`` and ``following`` are the neighbouring versions of the same
    document (in :func:`~casebook.records.versions.versions_in_order`), or None.
    ``diff`` is the whole-document word diff against ``previous`` (empty when
    either text is missing), compacted to :data:`DIFF_CONTEXT_WORDS` words of
    context around each change; ``diff_complete`` is False when its time limit
    cut the search short. ``clauses`` are the version's public clauses.
    """

    document: TermsDocument
    version: TermsVersion
    clauses: list[Clause]
    previous: TermsVersion | None
    following: TermsVersion | None
    diff: list[tuple[str, str]] = field(default_factory=list)
    diff_complete: bool = True


def terms_version_find(document: TermsDocument, date_key: str) -> TermsVersion | None:
    """The version of ``document`` a date key names (see :mod:`casebook.records.versions`).

    An effective date may name several imported versions (the old form of their
    keys): the hand-entered one comes first, then the first recorded. None when
    no version matches or the key is no date.
    """
    found = version_key_filter(date_key)
    if found is None:
        return None
    return (
        TermsVersion.objects.filter(document=document, **found)
        .order_by("origin", "recorded_at", "pk")
        .first()
    )


def terms_version_page(document: TermsDocument, version: TermsVersion) -> VersionPage:
    """Everything the page of ``version`` (a version of ``document``) shows. Four queries.

    The caller decides who may see ``document`` (public, or previewed by staff).
    """
    siblings = versions_in_order(
        TermsVersion.objects.filter(document=document).only(
            "id", "document_id", "origin", "effective_from", "effective_from_precision",
            "recorded_at", "label",
        )
    )  # fmt: skip
    index = next(i for i, v in enumerate(siblings) if v.pk == version.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    previous_text = ""
    if previous is not None:
        previous_text = (
            TermsVersion.objects.filter(pk=previous.pk).values_list("full_text", flat=True).get()
        )
    clauses = list(
        Clause.objects.public()
        .filter(version=version)
        .select_related("category")
        .order_by("category__name")
    )
    for neighbour in (previous, following):
        if neighbour is not None:
            neighbour.document = document
    version.document = document
    diff = WordDiff()
    if previous_text and version.full_text:
        diff = cached_document_diff(previous_text, version.full_text)
    return VersionPage(
        document=document,
        version=version,
        clauses=clauses,
        previous=previous,
        following=following,
        diff=compact_diff(diff.pieces),
        diff_complete=diff.complete,
    )


def cached_document_diff(old: str, new: str) -> WordDiff:
    """:func:`~casebook.records.textdiff.diff_words` of two whole texts, through the cache.

    A long diff costs up to :data:`DIFF_TIMEOUT_SECONDS` of CPU, so each page view must
    not pay it again. The key is the SHA-256 of both texts, so a changed text (an OTA
    upgrade) is diffed afresh and nothing needs invalidating. A complete diff is kept
    until evicted; one cut short, :data:`CUT_SHORT_DIFF_CACHE_SECONDS`.
    """
    digest = hashlib.sha256()
    for text in (old, new):
        encoded = text.encode()
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    key = f"document-diff:{digest.hexdigest()}"
    diff = cache.get(key)
    if diff is None:
        diff = diff_words(old, new, timeout=DIFF_TIMEOUT_SECONDS)
        cache.set(key, diff, None if diff.complete else CUT_SHORT_DIFF_CACHE_SECONDS)
    return diff


def compact_diff(
    pieces: list[tuple[str, str]], context: int = DIFF_CONTEXT_WORDS
) -> list[tuple[str, str]]:
    """``pieces`` with each long unchanged run cut to ``context`` words either side of a change.

    What is cut becomes an ``("elided", " … ")`` piece. A diff with no change
    at all is returned empty. Linear in the size of the text.
    """
    if not any(op != "equal" for op, _ in pieces):
        return []
    out: list[tuple[str, str]] = []
    last = len(pieces) - 1
    for i, (op, text) in enumerate(pieces):
        if op != "equal":
            out.append((op, text))
            continue
        # Tokens alternate words and whitespace: 2 * context tokens hold ``context`` words.
        tokens = _TOKENS.findall(text)
        keep_before = 2 * context if i > 0 else 0
        keep_after = 2 * context if i < last else 0
        if len(tokens) <= keep_before + keep_after + 1:
            out.append((op, text))
            continue
        head = "".join(tokens[:keep_before])
        tail = "".join(tokens[len(tokens) - keep_after :]) if keep_after else ""
        if head:
            out.append(("equal", head))
        out.append(("elided", " … "))
        if tail:
            out.append(("equal", tail))
    return out
