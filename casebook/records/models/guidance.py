"""Guidance from regulators and courts, and the holdings it states."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    PublishableModel,
    TimeStampedModel,
    format_date,
)
from casebook.records.models.cases import Case
from casebook.records.models.parties import Party
from casebook.records.models.vocabularies import Topic


class Guidance(PublishableModel):
    """Policy and guidance: an authority's document on AI, copyright or distillation.

    Reports, registration guidance, rules, court or agency decisions, memoranda (e.g.
    NSTM-4, NSPM-11) and bills (e.g. H.R. 8283), each with its issuer, date, formal
    citation and holdings quoted from it.
    """

    class DocumentType(models.TextChoices):
        REPORT = "report", "Report"
        REGISTRATION_GUIDANCE = "registration_guidance", "Registration guidance"
        RULE = "rule", "Rule"
        DECISION = "decision", "Court or agency decision"
        MEMORANDUM = "memorandum", "Memorandum"
        #: A bill before a legislature (e.g. H.R. 8283): guidance widened to policy, since a
        #: bill has the same shape (issuer, title, date, formal citation, quoted holdings).
        BILL = "bill", "Bill"

    issuer = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="guidance_issued", help_text="Who issued it."
    )
    title = models.CharField(max_length=400, help_text="Title as issued.")
    document_type = models.CharField(
        max_length=24, choices=DocumentType.choices, help_text="Type of document."
    )
    issued_on = models.DateField(db_index=True, help_text="When it was issued or published.")
    issued_on_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of that date is known.",
    )
    formal_citation = models.CharField(
        max_length=200, blank=True, help_text="Formal cite, e.g. '88 FR 16190'."
    )
    summary = models.TextField(blank=True, help_text="What it says, in brief (Markdown).")
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="For a court decision: the case it was decided in.",
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text="A later document that replaces this one.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="guidance", help_text="Topics.")
    history = HistoricalRecords(m2m_fields=[topics])

    portal_url_name = "portal:guidance_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_guidance", "Can publish, send back and retract guidance")]
        verbose_name_plural = "guidance"
        ordering = ["-issued_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(superseded_by=F("pk")), name="guidance_not_superseded_by_itself"
            )
        ]

    @property
    def issued_display(self) -> str:
        return format_date(self.issued_on, self.issued_on_precision)


class HoldingQuerySet(models.QuerySet):
    def public(self) -> HoldingQuerySet:
        return self.filter(guidance__editorial_status=EditorialStatus.PUBLISHED)


class Holding(TimeStampedModel):
    """A one-line proposition a guidance document holds, with a pinpoint quote."""

    guidance = models.ForeignKey(Guidance, on_delete=models.CASCADE, related_name="holdings")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the document.")
    proposition = models.CharField(max_length=400, help_text="The holding in one neutral line.")
    pinpoint = models.CharField(max_length=200, blank=True, help_text="Page or section.")
    quote = models.TextField(blank=True, help_text="The supporting words, quoted exactly.")
    history = HistoricalRecords()

    objects = HoldingQuerySet.as_manager()

    class Meta:
        ordering = ["guidance", "position", "id"]

    def __str__(self) -> str:
        return self.proposition
