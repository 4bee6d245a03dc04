"""Court cases, their parties, and settlements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from casebook.records.models.allegations import Allegation
from casebook.records.models.base import PublishableModel, Qualifier, TimeStampedModel
from casebook.records.models.parties import Party, currency_code_validator
from casebook.records.models.vocabularies import Topic


class Case(PublishableModel):
    """A court case: court, docket number, parties with roles, status."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SETTLED = "settled", "Settled (approval pending)"
        DECIDED = "decided", "Decided"
        ON_APPEAL = "on_appeal", "On appeal"
        CLOSED = "closed", "Closed"
        DISMISSED = "dismissed", "Dismissed"

    name = models.CharField(max_length=300, help_text="Case name, e.g. 'Bartz v. Anthropic PBC'.")
    court = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="cases_heard", help_text="The court."
    )
    docket_number = models.CharField(
        max_length=100, help_text="Docket number, as the court writes it."
    )
    reporter_citation = models.CharField(
        max_length=120, blank=True, help_text="Reporter citation of the decision, if any."
    )
    filed_on = models.DateField(
        null=True, blank=True, db_index=True, help_text="When the case was filed."
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, help_text="Case status."
    )
    status_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date a source last confirmed the status; it is shown as “as of” that day.",
    )
    summary = models.TextField(blank=True, help_text="What the case is about (Markdown).")
    topics = models.ManyToManyField(Topic, blank=True, related_name="cases", help_text="Topics.")
    allegations = models.ManyToManyField(
        Allegation, blank=True, related_name="cases", help_text="Allegations the case concerns."
    )
    history = HistoricalRecords(m2m_fields=[topics, allegations])

    portal_url_name = "portal:case_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_case", "Can publish, send back and retract cases")]
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "docket_number"], name="case_unique_docket_per_court"
            )
        ]


class CaseParty(TimeStampedModel):
    """A party to a case and its role."""

    class Role(models.TextChoices):
        PLAINTIFF = "plaintiff", "Plaintiff"
        DEFENDANT = "defendant", "Defendant"
        APPELLANT = "appellant", "Appellant"
        APPELLEE = "appellee", "Appellee"
        JUDGE = "judge", "Judge"
        CLASS_COUNSEL = "class_counsel", "Class counsel"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=16, choices=Role.choices, help_text="Role in the case.")
    notes = models.CharField(max_length=300, blank=True, help_text="E.g. 'until 2025-12-31'.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "case party"
        verbose_name_plural = "case parties"
        ordering = ["case", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "role"], name="case_party_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()})"


class Settlement(PublishableModel):
    """A settlement of a case: fund, per-unit payout, class and approval dates."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="settlements", help_text="Case settled."
    )
    title = models.CharField(max_length=300, help_text="Short name of the settlement.")
    amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Settlement fund.",
    )
    amount_qualifier = models.CharField(
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text="E.g. 'at least' $1.5 billion.",
    )
    currency = models.CharField(
        max_length=3,
        default="USD",
        validators=[currency_code_validator],
        help_text="ISO 4217 currency code.",
    )
    per_unit_amount = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Payout per unit.",
    )
    per_unit_qualifier = models.CharField(
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.ABOUT,
        help_text="How the per-unit payout is qualified.",
    )
    unit_name = models.CharField(
        max_length=60, blank=True, help_text="What a unit is, e.g. 'work' or 'book'."
    )
    unit_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of units covered (e.g. works on the works list)."
    )
    class_definition = models.TextField(blank=True, help_text="Who is in the class.")
    release_scope = models.TextField(blank=True, help_text="What claims are released.")
    terms_summary = models.TextField(blank=True, help_text="Other terms (Markdown).")
    announced_on = models.DateField(
        null=True, blank=True, help_text="When the settlement was announced or signed."
    )
    preliminary_approval_on = models.DateField(
        null=True, blank=True, help_text="When the court granted preliminary approval."
    )
    final_approval_on = models.DateField(
        null=True, blank=True, help_text="When the court granted final approval. Empty if not yet."
    )
    status_as_of = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The date a source last confirmed the approval status (e.g. final approval "
            "not yet granted); it is shown as “as of” that day."
        ),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="settlements", help_text="Topics."
    )
    history = HistoricalRecords(m2m_fields=[topics])

    portal_url_name = "portal:settlement_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_settlement", "Can publish, send back and retract settlements")]
        ordering = ["-announced_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="settlement_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(per_unit_amount__isnull=True) | Q(per_unit_amount__gte=0),
                name="settlement_per_unit_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(announced_on__isnull=True)
                | Q(preliminary_approval_on__isnull=True)
                | Q(preliminary_approval_on__gte=F("announced_on")),
                name="settlement_preliminary_after_announcement",
            ),
            models.CheckConstraint(
                condition=Q(preliminary_approval_on__isnull=True)
                | Q(final_approval_on__isnull=True)
                | Q(final_approval_on__gte=F("preliminary_approval_on")),
                name="settlement_final_after_preliminary",
            ),
            models.CheckConstraint(
                condition=Q(final_approval_on__isnull=True)
                | Q(preliminary_approval_on__isnull=False),
                name="settlement_final_needs_preliminary",
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if (
            self.announced_on
            and self.preliminary_approval_on
            and self.preliminary_approval_on < self.announced_on
        ):
            errors["preliminary_approval_on"] = (
                "Preliminary approval cannot come before the announcement."
            )
        if self.final_approval_on:
            if not self.preliminary_approval_on:
                errors["final_approval_on"] = "Final approval needs a preliminary approval date."
            elif self.final_approval_on < self.preliminary_approval_on:
                errors["final_approval_on"] = (
                    "Final approval cannot come before preliminary approval."
                )
        if errors:
            raise ValidationError(errors)
