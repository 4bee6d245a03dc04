"""Parties, sources and the citations that tie a record to its sources."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    PublishableModel,
    TimeStampedModel,
    Verification,
    format_date,
)

country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", "Use a two-letter ISO 3166 country code in capitals, such as US or CN."
)


currency_code_validator = RegexValidator(
    r"^[A-Z]{3}$", "Use a three-letter ISO 4217 currency code in capitals, such as USD."
)


class Party(PublishableModel):
    """An organisation, agency, court, legislature or person."""

    class Kind(models.TextChoices):
        COMPANY = "company", "Company or lab"
        AGENCY = "agency", "Government agency"
        COURT = "court", "Court"
        LEGISLATURE = "legislature", "Legislature or committee"
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Other organisation"

    name = models.CharField(max_length=200, help_text="Full name, e.g. 'Anthropic PBC'.")
    short_name = models.CharField(
        max_length=80, blank=True, help_text="Name used in tables and charts, e.g. 'Anthropic'."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="What kind of party.")
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[country_code_validator],
        help_text="Two-letter ISO 3166 code of the country the party is based in.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names the party is known by, as a JSON list: ["Kimi", "Moonshot"].',
    )
    website = models.URLField(blank=True, help_text="The party's own website.")
    description = models.TextField(blank=True, help_text="Short neutral description (Markdown).")
    history = HistoricalRecords()

    portal_url_name = "portal:party_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_party", "Can publish, send back and retract parties")]
        verbose_name_plural = "parties"
        ordering = ["name"]

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Source(PublishableModel):
    """A document that supports claims: a post, filing, report, article or video."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", "Primary (party's own statement, filing, agency document)"
        SECONDARY = "secondary", "Secondary (press, commentary)"

    title = models.CharField(max_length=400, help_text="Title as published.")
    url = models.URLField(max_length=500, blank=True, help_text="Where the document is published.")
    publisher = models.CharField(max_length=200, blank=True, help_text="Who published it.")
    author = models.CharField(max_length=300, blank=True, help_text="Author(s), if named.")
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        help_text="Primary: the party's own words or an official record. Secondary: reporting.",
    )
    published_on = models.DateField(null=True, blank=True, help_text="Publication date.")
    published_on_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the publication date is known.",
    )
    accessed_on = models.DateField(
        null=True, blank=True, help_text="When Casebook last read the document."
    )
    archive_url = models.URLField(
        max_length=500, blank=True, help_text="An archived copy (e.g. the Wayback Machine)."
    )
    notes = models.TextField(blank=True, help_text="How the source was read, what it covers.")
    history = HistoricalRecords()

    portal_url_name = "portal:source_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_source", "Can publish, send back and retract sources")]
        ordering = ["title"]

    @property
    def published_display(self) -> str:
        return format_date(self.published_on, self.published_on_precision)


class CitationQuerySet(models.QuerySet):
    def public(self) -> CitationQuerySet:
        """Citations whose source is public (the record's own status is checked by its reader)."""
        return self.filter(source__editorial_status=EditorialStatus.PUBLISHED)


class Citation(TimeStampedModel):
    """Ties a source to a record, with a pinpoint and a short quote."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, help_text="Type of the record cited for."
    )
    object_id = models.PositiveBigIntegerField(help_text="Id of the record cited for.")
    record = GenericForeignKey("content_type", "object_id")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="cited_by", help_text="The source."
    )
    pinpoint = models.CharField(
        max_length=200, blank=True, help_text="Section, page, paragraph or timestamp (t=65s)."
    )
    quote = models.TextField(blank=True, help_text="Short quote, word for word from the source.")
    supports = models.CharField(
        max_length=300, blank=True, help_text="Which claim of the record this source supports."
    )
    verification = models.CharField(
        max_length=12,
        choices=Verification.choices,
        default=Verification.SECONDARY,
        help_text="How the cited fact was checked.",
    )
    history = HistoricalRecords()

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source", "pinpoint"],
                name="citation_unique_source_pinpoint_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.pinpoint}".strip()
