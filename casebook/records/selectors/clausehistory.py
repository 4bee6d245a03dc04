"""A clause's history: one vendor's clause category across the versions of its terms,
each version diffed word by word against the one before."""

from __future__ import annotations

import time
from dataclasses import dataclass

from casebook.records.models import Clause, ClauseCategory, Party, TermsDocument, TermsVersion
from casebook.records.selectors.terms import ClauseStatus, public_terms_documents, version_status
from casebook.records.textdiff import WordDiff, diff_words
from casebook.records.versions import (
    InForceFrom,
    in_force_from,
    version_date_key,
    versions_in_order,
)


@dataclass(frozen=True)
class ClauseHistoryEntry:
    """One version of a vendor's document, for one clause category, with the change."""

    document: TermsDocument
    version: TermsVersion
    clause: Clause | None
    status: str
    diff: list[tuple[str, str]]
    #: False when the diff hit its time limit and may mark more words as changed than were.
    diff_complete: bool = True

    @property
    def status_display(self) -> str:
        return ClauseStatus(self.status).label

    @property
    def in_force(self) -> InForceFrom | None:
        """Since when the version was in force ("effective" or "observed"), if known."""
        return in_force_from(self.version)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of two texts as ("equal" | "insert" | "delete", text) pieces.

    Whitespace is kept, so the "equal" and "delete" pieces join back into
    ``old`` and the "equal" and "insert" pieces into ``new``. Bounded in time:
    see :func:`casebook.records.textdiff.diff_words`.
    """
    return diff_words(old, new).pieces


#: Seconds the word diffs of one clause history may take together (each diff gets
#: what is left, and at least a twentieth of a second).
CLAUSE_HISTORY_DIFF_SECONDS = 2.0


def clause_history(*, vendor: Party, category: ClauseCategory) -> list[ClauseHistoryEntry]:
    """Every known version of the vendor's public terms documents, for one clause category.

    Grouped by document, versions in order (:func:`~casebook.records.versions.versions_in_order`:
    imported versions as OTA recorded them). Each entry diffs the clause text word by
    word against the previous version of the same document (an absent clause
    counts as empty text); the first version of a document has no diff. An undated
    version (a press quote with no date) has no place in that order: it has no diff
    and no later version is diffed against it, so a clause known only from an
    undated quote never seems to disappear from the first dated version. The
    diffs share a time budget of :data:`CLAUSE_HISTORY_DIFF_SECONDS`; an entry
    whose diff ran out of time has ``diff_complete=False``.
    """
    entries = []
    deadline = time.monotonic() + CLAUSE_HISTORY_DIFF_SECONDS
    for document in public_terms_documents([vendor]):
        previous_text = None
        for version in versions_in_order(document.versions.all()):
            clause, status = version_status(version, category)
            text = clause.text if clause is not None else ""
            dated = version_date_key(version) != "undated"
            diff = WordDiff()
            if previous_text is not None and dated:
                timeout = max(deadline - time.monotonic(), 0.05)
                diff = diff_words(previous_text, text, timeout=timeout)
            entries.append(
                ClauseHistoryEntry(
                    document, version, clause, status, diff.pieces, diff_complete=diff.complete
                )
            )
            if dated:
                previous_text = text
    return entries
