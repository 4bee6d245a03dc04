"""An analyst's clause review of Open Terms Archive versions, kept in a JSON file and applied.

The file (``data/ota/clause-review.json``) names each version by its OTA
identity — collection, service, terms type and record time — never by commit,
since OTA's technical upgrades replace a version's commit::

    {"documents": [
        {"collection": "https://github.com/OpenTermsArchive/GenAI-versions",
         "service": "xAI", "terms_type": "Terms of Service",
         "versions": [
            {"recorded_at": "2025-01-08T00:32:49Z",
             "clauses": {
                "no-competing-models": {"section": "…", "text": "… quoted verbatim …"},
                "no-reverse-engineering": "absent"}},
            {"recorded_at": "2025-03-01T00:00:00Z", "unreadable": "an error page"}]}]}

Each key of ``clauses`` is a reviewed category: a clause (section heading and
the sentence or list item quoted word for word) or ``"absent"``. A Casebook
version holds one clause per category. Decisions are needed only where
carry-over cannot decide (a document's first version, a clause that appears,
changes or goes); :func:`clause_review_apply` fills in the rest.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from casebook.records.clauses.models import ClauseSuggestion
from casebook.records.clauses.review_walk import ReviewCounts, document_fill_review
from casebook.records.clauses.services import (
    UNREADABLE_NOTE,
    document_carry_over,
    suggestion_confirm,
    suggestion_link,
    suggestion_reject,
)
from casebook.records.clauses.verbatim import normalise_whitespace, quote_occurs
from casebook.records.models import Clause, ClauseCategory, TermsDocument, Verification
from casebook.records.ota.reader import normalise_collection
from casebook.records.searchindex import batched_reindex

ABSENT = "absent"


class ReviewFileError(Exception):
    """The review cannot be applied; the message names each problem. Nothing is written."""


@dataclass
class Decision:
    """One version's review as the file states it, with the Casebook version it names."""

    label: str
    version: Any
    #: category slug → ``{"section", "text"}`` or :data:`ABSENT`.
    clauses: dict[str, Any]
    unreadable: str = ""


@dataclass
class ReviewReport:
    """What applying a review wrote (or would write), and what it could not place."""

    counts: ReviewCounts = field(default_factory=ReviewCounts)
    #: Decisions whose document or version is not in the database.
    not_in_db: list[str] = field(default_factory=list)
    #: Versions and categories that still need a decision, e.g. "… recorded …: category".
    undecided: list[str] = field(default_factory=list)
    proposed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts, or says that nothing changed."""
        changes = self.counts.summary()
        line = changes or "nothing changed"
        line += f"; {len(self.proposed)} change proposal(s)"
        line += f"; {len(self.not_in_db)} decision(s) for versions not in the database"
        return line + f"; {len(self.undecided)} version/category pair(s) still undecided"


def review_file_read(path: str | Path) -> list[dict[str, Any]]:
    """The documents of the review file at ``path`` (see the module docstring).

    Raises :class:`ReviewFileError` when the file is not JSON of that shape.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewFileError(f"cannot read {path}: {exc}") from exc
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        raise ReviewFileError(f'{path}: expected an object with a list under "documents"')
    return documents


def _parse_time(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a record time needs its zone (end it with Z)")
    return moment


def decisions_resolve(documents: list[dict[str, Any]], report: ReviewReport) -> list[Decision]:
    """The file's decisions matched to Casebook versions, checked before anything is written.

    Decisions whose document or version is not in the database go to
    ``report.not_in_db``. Raises :class:`ReviewFileError` listing every problem:
    a malformed entry, an unknown category, or a quote that does not occur word
    for word in its version's text.
    """
    mapped = {
        (normalise_collection(d.ota_collection), d.ota_service, d.ota_terms_type): d
        for d in TermsDocument.objects.exclude(ota_service="")
    }
    slugs = set(ClauseCategory.objects.values_list("slug", flat=True))
    problems: list[str] = []
    decisions: list[Decision] = []
    for entry in documents:
        key = (
            normalise_collection(entry.get("collection", "")),
            entry.get("service", ""),
            entry.get("terms_type", ""),
        )
        name = f"{key[1]} / {key[2]} ({entry.get('collection', '')})"
        document = mapped.get(key)
        versions = (
            {v.recorded_at: v for v in document.versions.exclude(recorded_at=None)}
            if document
            else {}
        )
        for item in entry.get("versions", []):
            label = f"{name} recorded {item.get('recorded_at')}"
            try:
                moment = _parse_time(item["recorded_at"])
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"{label}: bad record time ({exc})")
                continue
            version = versions.get(moment)
            if version is None:
                report.not_in_db.append(label)
                continue
            decision = Decision(label, version, item.get("clauses", {}), item.get("unreadable", ""))
            problems += _decision_problems(decision, slugs)
            decisions.append(decision)
    if problems:
        raise ReviewFileError("\n".join(problems))
    return decisions


def _decision_problems(decision: Decision, slugs: set[str]) -> list[str]:
    problems = []
    if not isinstance(decision.clauses, dict):
        return [f"{decision.label}: clauses must be an object keyed by category"]
    for slug, verdict in decision.clauses.items():
        where = f"{decision.label}, {slug}"
        if slug not in slugs:
            problems.append(f"{where}: no clause category '{slug}'")
        elif verdict == ABSENT:
            continue
        elif not isinstance(verdict, dict) or not verdict.get("text"):
            problems.append(f'{where}: give {{"section", "text"}} or "{ABSENT}"')
        elif not quote_occurs(verdict["text"], decision.version.full_text):
            problems.append(f"{where}: the quote does not occur word for word in the text")
    return problems


def clause_review_apply(
    *, documents: list[dict[str, Any]], user: Any, dry_run: bool = False
) -> ReviewReport:
    """Apply the review's decisions to the versions in the database, all or nothing.

    For each decided version: record its reviewed categories (or mark it
    unreadable in its notes), confirm the matching suggestion or create the
    clause, reject the other pending suggestions of the reviewed categories.
    Then carry-over runs on each document, and the versions no decision names
    are reviewed by carry-over (:mod:`.review_walk`). Idempotent. History
    under ``user``. ``dry_run`` rolls everything back. Raises
    :class:`ReviewFileError` (nothing written) on any problem in the file.
    """
    report = ReviewReport()
    with transaction.atomic(), batched_reindex():  # the search index, once at the end
        decisions = decisions_resolve(documents, report)
        categories = {c.slug: c for c in ClauseCategory.objects.all()}
        by_document: dict[int, list[Decision]] = {}
        for decision in sorted(decisions, key=lambda d: d.version.recorded_at):
            by_document.setdefault(decision.version.document_id, []).append(decision)
        for document_decisions in by_document.values():
            for decision in document_decisions:
                _decision_apply(decision, categories, user, report.counts)
            document = document_decisions[0].version.document
            run = document_carry_over(document=document)
            report.counts.carried += run.carried
            report.proposed += run.proposed
            decided = {d.version.pk: {categories[s].pk for s in d.clauses} for d in decisions}
            report.undecided += document_fill_review(
                document=document, decided=decided, user=user, counts=report.counts
            )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _decision_apply(decision: Decision, categories, user, counts: ReviewCounts) -> None:
    version = decision.version
    if decision.unreadable:
        note = f"{UNREADABLE_NOTE} {decision.unreadable}"
        if version.notes != note:
            version.notes = note
            version._history_user = user
            version.save(update_fields=["notes", "updated_at"])
            counts.unreadable += 1
        for suggestion in version.clause_suggestions.pending():
            suggestion_reject(suggestion=suggestion, user=user)
            counts.rejected += 1
        return
    reviewed = {c.pk for c in version.reviewed_categories.all()}
    wanted = [categories[slug] for slug in decision.clauses if categories[slug].pk not in reviewed]
    if wanted:
        version._history_user = user
        version.reviewed_categories.add(*wanted)
        counts.reviewed += len(wanted)
    for slug, verdict in decision.clauses.items():
        category = categories[slug]
        if verdict == ABSENT:
            kept = None
            for clause in Clause.objects.filter(version=version, category=category):
                _clause_remove(clause, user, counts)
        else:
            kept = _clause_settle(version, category, verdict, user, counts)
        held = normalise_whitespace(kept.text) if kept is not None else None
        for suggestion in version.clause_suggestions.pending().filter(category=category):
            if held is not None and held in normalise_whitespace(suggestion.text):
                suggestion_link(suggestion=suggestion, clause=kept, user=user)
            else:
                suggestion_reject(suggestion=suggestion, user=user)
                counts.rejected += 1


def _clause_settle(version, category, verdict: dict, user, counts: ReviewCounts) -> Clause:
    """The version's clause in ``category`` made to quote ``verdict``; counts what changed."""
    text, section = verdict["text"], verdict.get("section", "")
    existing = Clause.objects.filter(version=version, category=category).first()
    if existing is not None and normalise_whitespace(existing.text) == normalise_whitespace(text):
        return existing
    if existing is not None:
        _clause_remove(existing, user, counts)
    wanted = normalise_whitespace(text)
    open_suggestions = version.clause_suggestions.filter(category=category).exclude(
        status=ClauseSuggestion.Status.CONFIRMED
    )
    # The suggested passage itself, else the one the quote was trimmed from (confirmed as
    # edited: a list item of a sentence, a sentence without its run-in heading).
    ranked = sorted(open_suggestions, key=lambda s: normalise_whitespace(s.text) != wanted)
    for suggestion in ranked:
        if wanted in normalise_whitespace(suggestion.text):
            counts.confirmed += 1
            return suggestion_confirm(
                suggestion=suggestion, user=user, section=section, text=text, carry_over=False
            )
    clause = Clause(
        version=version,
        category=category,
        section=section,
        text=text,
        verification=Verification.PRIMARY,
    )
    clause.full_clean()
    clause._history_user = user
    clause.save()
    counts.created += 1
    return clause


def _clause_remove(clause: Clause, user, counts: ReviewCounts) -> None:
    """Delete a clause the review overrules; its suggestions wait for a decision again."""
    clause.suggestions.update(status=ClauseSuggestion.Status.PENDING, clause=None)
    clause._history_user = user
    clause.delete()
    counts.removed += 1
