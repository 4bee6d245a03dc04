"""The versions a clause review names no decision for, reviewed by carry-over.

After a review's decisions are applied and carry-over has run, each readable
version of the document is walked oldest record first, per category:

- it has a clause (confirmed, or carried over word for word): the category is
  reviewed there;
- the version before it was reviewed and had no clause: the category is still
  absent, as long as every passage the rules suggest in it was rejected in
  the version before (such rejections carry over too);
- otherwise (a clause vanished or changed, a new passage was suggested, or the
  category was never reviewed) the version needs a decision: it is listed.

A version marked unreadable is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from casebook.records.clauses.models import ClauseSuggestion
from casebook.records.clauses.services import (
    document_versions_in_order,
    suggestion_link,
    suggestion_reject,
    version_is_unreadable,
)
from casebook.records.clauses.verbatim import normalise_whitespace
from casebook.records.models import ClauseCategory, TermsDocument


@dataclass
class ReviewCounts:
    """What a review wrote, counted by kind of write."""

    reviewed: int = 0
    confirmed: int = 0
    created: int = 0
    removed: int = 0
    rejected: int = 0
    carried: int = 0
    unreadable: int = 0

    def summary(self) -> str:
        """ "3 confirmed, 1 rejected" — only the non-zero counts; "" when nothing was written."""
        return ", ".join(
            f"{getattr(self, f.name)} {f.name}" for f in fields(self) if getattr(self, f.name)
        )


def document_fill_review(
    *, document: TermsDocument, decided: dict[int, set[int]], user: Any, counts: ReviewCounts
) -> list[str]:
    """Record the categories carry-over decides in ``document``'s versions (see module).

    ``decided`` maps a version id to the category ids a decision reviewed
    there. Returns "version: category" labels still needing a decision.
    """
    undecided: list[str] = []
    slugs = dict(ClauseCategory.objects.values_list("pk", "slug"))
    before: dict[int, tuple[bool, set[str]]] = {}  # category → (had clause, rejected texts)
    for version in document_versions_in_order(document):
        if version_is_unreadable(version):
            continue
        clauses = {clause.category_id: clause for clause in version.clauses.all()}
        reviewed = {category.pk: category for category in version.reviewed_categories.all()}
        suggestions = list(version.clause_suggestions.select_related("category"))
        categories = set(reviewed) | set(clauses) | set(before)
        now: dict[int, tuple[bool, set[str]]] = {}
        newly_reviewed: list[int] = []
        for category_id in categories:
            pending = [
                s for s in suggestions if s.category_id == category_id and s.status == "pending"
            ]
            had_clause, rejected_before = before.get(category_id, (True, set()))
            settled = (
                category_id in decided.get(version.pk, set())
                or category_id in clauses
                or category_id in reviewed
                or not had_clause
            )
            if settled and category_id not in decided.get(version.pk, set()):
                clause = clauses.get(category_id)
                settled = _pending_settled(pending, clause, rejected_before, user, counts)
            if not settled:
                undecided.append(
                    f"{document} recorded {version.recorded_at:%Y-%m-%dT%H:%M:%SZ}: "
                    f"{slugs[category_id]}"
                )
                continue
            if category_id not in reviewed:
                newly_reviewed.append(category_id)
            now[category_id] = (
                category_id in clauses,
                {
                    normalise_whitespace(s.text)
                    for s in suggestions
                    if s.category_id == category_id and s.status == "rejected"
                },
            )
        if newly_reviewed:  # one change (one history row) per version
            version._history_user = user
            version.reviewed_categories.add(*newly_reviewed)
            counts.reviewed += len(newly_reviewed)
        before = now
    return undecided


def _pending_settled(pending: list, clause, rejected_before: set[str], user, counts) -> bool:
    """Settle ``pending`` suggestions where the version before decides them; whether all are.

    A passage holding the version's clause is linked to it (confirmed, or carried when the
    clause was carried); a passage rejected in the version before is rejected again.
    """
    held = normalise_whitespace(clause.text) if clause is not None else None
    for suggestion in pending:
        text = normalise_whitespace(suggestion.text)
        if held is not None and held in text:
            suggestion_link(suggestion=suggestion, clause=clause, user=user)
        elif text in rejected_before:
            suggestion_reject(suggestion=suggestion, user=user)
            counts.rejected += 1
    return all(s.status != ClauseSuggestion.Status.PENDING for s in pending)
