"""Match rules and suggested clauses: staff-only rows, never shown on a public surface.

Imported by :mod:`casebook.records.models`, so they belong to the ``records`` app.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import MD5
from simple_history.models import HistoricalRecords

from casebook.records.clauses.matching import compile_rule, rule_problem
from casebook.records.models import Clause, ClauseCategory, TermsVersion, TimeStampedModel


class ClauseMatchRule(TimeStampedModel):
    """A phrase or regular expression that finds candidate clauses of one category."""

    class Kind(models.TextChoices):
        PHRASE = "phrase", "Phrase (any case, any whitespace between words)"
        REGEX = "regex", "Regular expression (any case)"

    category = models.ForeignKey(
        ClauseCategory,
        on_delete=models.CASCADE,
        related_name="match_rules",
        help_text="The clause category whose clauses this rule finds.",
    )
    kind = models.CharField(
        max_length=8,
        choices=Kind.choices,
        default=Kind.PHRASE,
        help_text="How to read the pattern.",
    )
    pattern = models.CharField(
        max_length=300,
        help_text="A phrase such as 'compete with', or a regular expression such as "
        r"'develop\s+(any\s+)?(AI\s+)?models?\s+that\s+compete'. At most 300 characters; "
        "expressions that take too long on some texts are refused.",
    )
    active = models.BooleanField(default=True, help_text="Only active rules make suggestions.")
    notes = models.TextField(blank=True, help_text="Why the rule exists, what it misses.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__name", "pattern"]
        verbose_name = "clause match rule"
        constraints = [
            models.UniqueConstraint(
                fields=["category", "kind", "pattern"], name="clause_match_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.pattern}"

    def clean(self) -> None:
        problem = rule_problem(self.kind, self.pattern)
        if problem:
            raise ValidationError({"pattern": problem})

    def compiled(self):
        """The compiled pattern (``regex`` module)."""
        return compile_rule(self.kind, self.pattern)


class ClauseSuggestionQuerySet(models.QuerySet):
    def pending(self) -> ClauseSuggestionQuerySet:
        """Suggestions no analyst has confirmed or rejected yet."""
        return self.filter(status=ClauseSuggestion.Status.PENDING)


class ClauseSuggestion(TimeStampedModel):
    """A passage of a terms version that a match rule found, awaiting an analyst.

    Never public: no portal page, API endpoint (but the staff-only list), CSV,
    dump, search, feed or sitemap reads this table.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        CONFIRMED = "confirmed", "Confirmed"
        CARRIED = "carried", "Confirmed by carry-over"
        REJECTED = "rejected", "Rejected"

    version = models.ForeignKey(
        TermsVersion,
        on_delete=models.CASCADE,
        related_name="clause_suggestions",
        help_text="The version the passage was found in.",
    )
    category = models.ForeignKey(
        ClauseCategory,
        on_delete=models.CASCADE,
        related_name="suggestions",
        help_text="The category whose rule matched.",
    )
    rule = models.ForeignKey(
        ClauseMatchRule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The rule that matched (empty if the rule was since deleted).",
    )
    section = models.CharField(
        max_length=120, blank=True, help_text="The heading the passage sits under."
    )
    text = models.TextField(help_text="The sentence or list item, as the version's text has it.")
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text="Whether an analyst has confirmed or rejected it.",
    )
    clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The clause made from it, once confirmed.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who confirmed or rejected it (empty for carry-over).",
    )
    decided_at = models.DateTimeField(null=True, blank=True, help_text="When it was decided.")

    objects = ClauseSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["version", "category__name", "id"]
        verbose_name = "suggested clause"
        constraints = [
            # On the text's MD5, not the text: PostgreSQL's btree cannot index a value over
            # 2,704 bytes, and a passage can be longer (a paragraph-long list of restrictions,
            # a Chinese paragraph that has no sentence break the splitter knows).
            models.UniqueConstraint(
                "version", "category", MD5("text"), name="clause_suggestion_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "rejected"]) | Q(clause__isnull=False),
                name="clause_suggestion_confirmed_has_clause",
                violation_error_message="A confirmed suggestion names the clause made from it.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} — {self.category}: {self.text[:60]}"


class ClauseChangeProposal(TimeStampedModel):
    """The record that a confirmed clause changed or vanished in a later version.

    Made once per (clause, later version) with a draft timeline event for an
    editor to publish or discard; deleting the draft event keeps this row, so
    the same change is never proposed twice.
    """

    clause = models.ForeignKey(
        Clause,
        on_delete=models.CASCADE,
        related_name="change_proposals",
        help_text="The confirmed clause of the earlier version.",
    )
    version = models.ForeignKey(
        TermsVersion,
        on_delete=models.CASCADE,
        related_name="clause_change_proposals",
        help_text="The later version whose text no longer holds the clause word for word.",
    )
    event = models.ForeignKey(
        "records.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The draft timeline event proposed (empty once an editor discards it).",
    )

    class Meta:
        ordering = ["version", "id"]
        verbose_name = "clause change proposal"
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "version"], name="clause_change_proposal_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clause} → {self.version}"
