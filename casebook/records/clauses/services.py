"""Writes of clause finding: suggest, confirm, reject, carry over, propose changes.

Carry-over walks a document's versions that keep a full text, oldest record
first. When a version has no clause in a category that the version before it
has, and that clause's text occurs in it word for word (:mod:`.verbatim`), the
clause is copied into it with ``carried_over_from`` pointing at the clause
first confirmed by hand. When the text does not occur, a draft timeline event
proposes the change (once per clause and version, see
:class:`~casebook.records.clauses.models.ClauseChangeProposal`). A category an
analyst reviewed in a version and found absent is never carried into it: the
clause is proposed as dropped. A version marked unreadable (its notes start with
:data:`UNREADABLE_NOTE`: an error page or a redirect stub OTA recorded) is
skipped, so the version after it is compared with the last readable one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from casebook.records.clauses.matching import matching_passages
from casebook.records.clauses.verbatim import normalise_whitespace, quote_occurs
from casebook.records.models import (
    Clause,
    ClauseChangeProposal,
    ClauseMatchRule,
    ClauseSuggestion,
    DatePrecision,
    Event,
    TermsDocument,
    TermsVersion,
    Verification,
)
from casebook.records.searchindex import batched_reindex
from casebook.records.textdiff import diff_words

#: How the notes of a version too broken to review begin (set by a clause review).
UNREADABLE_NOTE = "Unreadable as recorded by Open Terms Archive:"


def version_is_unreadable(version: TermsVersion) -> bool:
    """Whether an analyst marked ``version`` unreadable (error page, redirect stub)."""
    return version.notes.startswith(UNREADABLE_NOTE)


@dataclass
class ClauseRunReport:
    """What a run of suggestions and carry-over wrote."""

    suggested: int = 0
    carried: int = 0
    proposed: list[str] = field(default_factory=list)
    timeouts: int = 0

    def summary(self) -> str:
        return (
            f"{self.suggested} clause suggestion(s), {self.carried} confirmation(s) carried "
            f"over, {len(self.proposed)} change proposal(s)"
            + (f"; {self.timeouts} regex search(es) timed out" if self.timeouts else "")
        )


def _active_rules() -> dict[int, list[tuple[ClauseMatchRule, Any]]]:
    rules: dict[int, list] = defaultdict(list)
    for rule in ClauseMatchRule.objects.filter(active=True).select_related("category"):
        rules[rule.category_id].append((rule, rule.compiled()))
    return rules


def version_suggest_clauses(
    *, version: TermsVersion, rules: dict | None = None, report: ClauseRunReport | None = None
) -> ClauseRunReport:
    """Suggest every passage of ``version``'s text that an active rule matches.

    Idempotent: a passage already suggested in the category (whatever its
    status) is not suggested again. A version with no full text gets none.
    """
    report = report or ClauseRunReport()
    if not version.full_text:
        return report
    rules = _active_rules() if rules is None else rules
    existing = set(version.clause_suggestions.values_list("category_id", "text"))
    section_length = ClauseSuggestion._meta.get_field("section").max_length
    new = []
    for category_id, category_rules in rules.items():
        compiled = [pattern for _, pattern in category_rules]
        found, timeouts = matching_passages(version.full_text, compiled)
        report.timeouts += timeouts
        for passage in found:
            if (category_id, passage.text) in existing:
                continue
            existing.add((category_id, passage.text))
            rule = next(r for r, p in category_rules if _matches(p, passage.text))
            new.append(
                ClauseSuggestion(
                    version=version,
                    category_id=category_id,
                    rule=rule,
                    section=passage.heading[:section_length],
                    text=passage.text,
                )
            )
    ClauseSuggestion.objects.bulk_create(new)
    report.suggested += len(new)
    return report


def _matches(pattern, text: str) -> bool:
    try:
        return pattern.search(text, timeout=1) is not None
    except TimeoutError:
        return False


def versions_process(*, versions: Iterable[TermsVersion]) -> ClauseRunReport:
    """Suggest clauses in ``versions``, then carry confirmations over in their documents."""
    report = ClauseRunReport()
    rules = _active_rules()
    documents = {}
    with transaction.atomic(), batched_reindex():  # the search index, once at the end
        for version in versions:
            version_suggest_clauses(version=version, rules=rules, report=report)
            documents[version.document_id] = version.document
        for document in documents.values():
            document_carry_over(document=document, report=report)
    return report


def document_versions_in_order(document: TermsDocument) -> list[TermsVersion]:
    """The document's versions that keep a full text, oldest record first."""
    return list(
        document.versions.exclude(full_text="")
        .order_by("recorded_at", "effective_from", "id")
        .prefetch_related("clauses__category", "reviewed_categories")
    )


def document_carry_over(
    *, document: TermsDocument, report: ClauseRunReport | None = None
) -> ClauseRunReport:
    """Carry confirmed clauses forward through ``document``'s versions; propose changes."""
    report = report or ClauseRunReport()
    previous: dict[int, Clause] = {}
    for version in document_versions_in_order(document):
        if version_is_unreadable(version):
            continue
        current = {clause.category_id: clause for clause in version.clauses.all()}
        reviewed = {category.pk for category in version.reviewed_categories.all()}
        for category_id, earlier in previous.items():
            if category_id in current:
                if _changed(earlier, current[category_id]):
                    proposal = _propose_change(earlier, version, current[category_id])
                    if proposal:
                        report.proposed.append(proposal)
                continue
            if category_id not in reviewed and quote_occurs(earlier.text, version.full_text):
                current[category_id] = _carry(earlier, version)
                report.carried += 1
            else:
                proposal = _propose_change(earlier, version)
                if proposal:
                    report.proposed.append(proposal)
        previous = current
    return report


def _changed(earlier: Clause, later: Clause) -> bool:
    """Whether ``later`` (confirmed in the next version) quotes other words than ``earlier``."""
    return normalise_whitespace(earlier.text) != normalise_whitespace(later.text)


def _carry(earlier: Clause, version: TermsVersion) -> Clause:
    clause = Clause.objects.create(
        version=version,
        category=earlier.category,
        section=earlier.section,
        text=earlier.text,
        verification=earlier.verification,
        carried_over_from=earlier.carried_over_from or earlier,
    )
    wanted = normalise_whitespace(earlier.text)
    pending = version.clause_suggestions.filter(
        category=earlier.category, status=ClauseSuggestion.Status.PENDING
    )
    # The passage that is the clause, else the one it was trimmed from (a list item of it).
    holding = [s for s in pending if wanted in normalise_whitespace(s.text)]
    exact = [s for s in holding if normalise_whitespace(s.text) == wanted]
    for suggestion in exact or holding[:1]:
        suggestion.status = ClauseSuggestion.Status.CARRIED
        suggestion.clause = clause
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["status", "clause", "decided_at", "updated_at"])
    return clause


def _propose_change(
    earlier: Clause, version: TermsVersion, confirmed: Clause | None = None
) -> str | None:
    """A draft event for a clause that changed or vanished; None if proposed before.

    ``confirmed`` is the clause already confirmed in ``version`` when the text
    changed; otherwise the suggestion closest to the old text stands for it.
    """
    if ClauseChangeProposal.objects.filter(clause=earlier, version=version).exists():
        return None
    document = version.document
    vendor = document.vendor
    category = earlier.category
    candidates = list(version.clause_suggestions.filter(category=category))
    replacement = confirmed or max(
        candidates,
        key=lambda s: sum(
            len(t) for op, t in diff_words(earlier.text, s.text).pieces if op == "equal"
        ),
        default=None,
    )
    verb = "changed" if replacement else "dropped"
    headline = f"{vendor.short_name or vendor.name} {verb} its clause: {category.name.lower()}"
    if version.effective_from is not None:
        date, precision = version.effective_from, version.effective_from_precision
        dated = "Dated by the effective date the new text states."
    else:
        date, precision = timezone.localdate(version.recorded_at), DatePrecision.DAY
        dated = (
            "The new text states no effective date: dated by the day Open Terms Archive "
            "recorded it (observed in force from that day)."
        )
    stamp = f"{version.recorded_at:%Y%m%d%H%M%S}" if version.recorded_at else str(version.pk)
    slug = slugify(f"{document.slug}-{category.slug}-changed-{stamp}")[:120]
    existing = Event.objects.filter(slug=slug, terms_document=document).first()
    if existing is not None:
        # The same proposal, come back through the dataset file (which keeps events but
        # not proposal rows): link it again rather than fail on the slug.
        ClauseChangeProposal.objects.create(clause=earlier, version=version, event=existing)
        return None
    event = Event.objects.create(
        slug=slug,
        date=date,
        date_precision=precision,
        kind=Event.Kind.POLICY,
        headline=headline[:300],
        description=_proposal_body(earlier, version, replacement, dated),
        terms_document=document,
        review_note="Proposed by clause carry-over: publish it, or discard it (delete the draft).",
    )
    event.parties.add(vendor)
    ClauseChangeProposal.objects.create(clause=earlier, version=version, event=event)
    return headline


def _proposal_body(earlier, version, replacement, dated: str) -> str:
    before = earlier.version
    recorded = (
        f"recorded by Open Terms Archive on {before.recorded_at:%Y-%m-%d}"
        if before.recorded_at
        else before.effective_display
    )
    now = f"{version.recorded_at:%Y-%m-%d}" if version.recorded_at else version.effective_display
    lines = [
        f"The confirmed clause “{earlier.category.name}” of *{version.document.title}* "
        f"(version {recorded}) does not occur word for word in the version recorded on "
        f"{now}. {dated}",
        "",
    ]
    if replacement is None:
        lines.append("No passage of the new version matches the category's rules. Old text:")
        lines += ["", f"> {normalise_whitespace(earlier.text)}"]
    else:
        lines.append("Word diff (removed words in [-…-], added words in {+…+}):")
        marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
        diff = diff_words(
            normalise_whitespace(earlier.text), normalise_whitespace(replacement.text)
        )
        lines += ["", "> " + "".join(marks[op].format(text) for op, text in diff.pieces)]
    return "\n".join(lines)


def clause_mark_category_reviewed(clause: Clause) -> None:
    """Record ``clause``'s category as reviewed for its version, after staff save it.

    A clause found in a category means the version was read for it; without this a
    clause added by hand or confirmed from a suggestion sat beside
    ``reviewed_categories`` that omitted its category (the API showed both). The
    dataset loader writes what its file says instead.
    """
    clause.version.reviewed_categories.add(clause.category_id)


def suggestion_confirm(
    *,
    suggestion: ClauseSuggestion,
    user: Any,
    text: str | None = None,
    section: str | None = None,
    carry_over: bool = True,
) -> Clause:
    """Make the clause ``suggestion`` proposes (``text``/``section`` as edited), then carry it
    (unless ``carry_over`` is false: a caller confirming many runs carry-over once after).

    Raises ``ValidationError`` (nothing written) when the quote does not occur
    in the version's text or the version already has a clause in the category.
    """
    with transaction.atomic():
        clause = Clause(
            version=suggestion.version,
            category=suggestion.category,
            section=suggestion.section if section is None else section,
            text=suggestion.text if text is None else text,
            verification=Verification.PRIMARY,
        )
        clause.full_clean()
        clause._history_user = user
        clause.save()
        clause_mark_category_reviewed(clause)
        suggestion.status = ClauseSuggestion.Status.CONFIRMED
        suggestion.clause = clause
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save()
        if carry_over:
            document_carry_over(document=suggestion.version.document)
    return clause


def suggestion_link(*, suggestion: ClauseSuggestion, clause: Clause, user: Any) -> None:
    """Mark ``suggestion`` decided by ``clause``, a clause already made of (part of) its text:
    carried when the clause was carried over, else confirmed by ``user``."""
    carried = clause.carried_over_from_id is not None
    suggestion.status = (
        ClauseSuggestion.Status.CARRIED if carried else ClauseSuggestion.Status.CONFIRMED
    )
    suggestion.clause = clause
    suggestion.decided_by = None if carried else user
    suggestion.decided_at = timezone.now()
    suggestion.save()


def suggestion_reject(*, suggestion: ClauseSuggestion, user: Any) -> None:
    """Mark ``suggestion`` rejected: not a clause of its category."""
    suggestion.status = ClauseSuggestion.Status.REJECTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save()
