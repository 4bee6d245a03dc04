"""Vocabularies fixed in code, dates with their precision, and the publishable base."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from casebook.links import slug_path


class EditorialStatus(models.TextChoices):
    """Where a record is in the editorial workflow. Only published is public."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class DatePrecision(models.TextChoices):
    """How much of a stored date is known. The stored date is the first day of the span."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    APPROXIMATE = "approximate", "Approximate (circa)"


class Verification(models.TextChoices):
    """How a fact was checked, following the marks in the facts file."""

    PRIMARY = "primary", "Verified in the primary document"
    SECONDARY = "secondary", "Verified in secondary reporting"
    UNVERIFIED = "unverified", "Unverified"


class Qualifier(models.TextChoices):
    """How a reported figure is qualified ("over 13 million", "about 24,000")."""

    EXACT = "exact", "exactly"
    ABOUT = "about", "about"
    OVER = "over", "over"
    AT_LEAST = "at_least", "at least"
    UP_TO = "up_to", "up to"


class FigureBasis(models.TextChoices):
    """Whether a figure is only claimed or has been tested by a court or admitted."""

    REPORTED = "reported", "Reported by the accuser"
    ADMITTED = "admitted", "Admitted by the accused"
    ADJUDICATED = "adjudicated", "Adjudicated"


def format_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """Show a date at its honest precision: "23 February 2026", "March 2025", "c. 2024"."""
    if value is None:
        return "date unknown"
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    if precision == DatePrecision.APPROXIMATE:
        return f"c. {value.year}"
    return f"{value.day} {value.strftime('%B %Y')}"


class TimeStampedModel(models.Model):
    """Adds creation and last-change timestamps."""

    created_at = models.DateTimeField(auto_now_add=True, help_text="When this row was created.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When this row last changed.")

    class Meta:
        abstract = True


class PublishableQuerySet(models.QuerySet):
    """Querysets of records that carry an editorial status."""

    def public(self) -> PublishableQuerySet:
        """The one rule for every public surface: only published records."""
        return self.filter(editorial_status=EditorialStatus.PUBLISHED)


class PublishableModel(TimeStampedModel):
    """A record with a stable slug, an editorial status and a full history."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Stable identifier used in URLs and the API. Never change it once published.",
    )
    editorial_status = models.CharField(
        max_length=12,
        choices=EditorialStatus.choices,
        default=EditorialStatus.DRAFT,
        db_index=True,
        help_text="Only published records are shown on the portal, the API and the dumps.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the record was first published. Set by the workflow.",
    )
    retraction_note = models.TextField(
        blank=True,
        help_text="Public note shown at a retracted record's URL instead of its content.",
    )
    retracted_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the record was retracted. Set by the workflow.",
    )
    caveats = models.TextField(
        blank=True,
        help_text="Public notes on what is unverified or uncertain in this record (Markdown).",
    )
    review_note = models.TextField(
        blank=True,
        help_text="Internal note from the last review, e.g. why it was sent back. Never public.",
    )
    changed_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day the record's content last changed, as the dataset file carries it; "
            "cleared by a staff edit, after which the edit's own time counts."
        ),
    )
    citations = GenericRelation("records.Citation")

    objects = PublishableQuerySet.as_manager()

    #: URL name of the record's portal page; takes the slug.
    portal_url_name = ""

    class Meta:
        abstract = True
        ordering = ["slug"]
        # "Most recently changed" (home page, feed, sitemap dates) reads these two
        # indexes from the newest end instead of sorting every public row.
        indexes = [
            models.Index(
                fields=["changed_on", "updated_at"], name="%(app_label)s_%(class)s_changed"
            ),
            models.Index(fields=["updated_at"], name="%(app_label)s_%(class)s_updated"),
        ]

    def __str__(self) -> str:
        return getattr(self, "name", None) or getattr(self, "title", None) or self.slug

    def get_absolute_url(self) -> str:
        """The record's portal page: ``reverse(portal_url_name, kwargs={"slug": slug})``,
        from a template reversed once (:func:`casebook.links.slug_path`): a sitemap
        page of 500 records spent 32 ms in ``reverse()``."""
        return slug_path(self.portal_url_name, self.slug)

    @property
    def is_public(self) -> bool:
        """Whether the public may see this record: the same rule as ``objects.public()``."""
        return self.editorial_status == EditorialStatus.PUBLISHED

    @property
    def last_changed(self) -> datetime.date | None:
        """The day the record last changed: the dataset's ``changed_on`` when it carries
        one (so a load is not a change), else the day of the last save (UTC)."""
        if self.changed_on is not None:
            return self.changed_on
        return self.updated_at.date() if self.updated_at else None


def at_most_one_set(*fields: str) -> Q:
    """A condition that holds when no more than one of ``fields`` is non-null."""
    condition = Q()
    for chosen in (None, *fields):
        condition |= Q(**{f"{f}__isnull": True for f in fields if f != chosen})
    return condition
