"""Standalone dated events, and the list of publishable record types."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from casebook.records.models.allegations import Allegation
from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    PublishableModel,
    PublishableQuerySet,
    at_most_one_set,
    format_date,
)
from casebook.records.models.cases import Case, Settlement
from casebook.records.models.guidance import Guidance
from casebook.records.models.parties import Party, Source
from casebook.records.models.terms import TermsDocument
from casebook.records.models.vocabularies import Topic


class EventQuerySet(PublishableQuerySet):
    def public(self) -> EventQuerySet:
        """Published events whose record, if any, is published too.

        Written as "no record, or one not among the unpublished ones" rather than as a
        LEFT JOIN per record field: the same rows, but each event is checked against a
        small hashed set of unpublished records instead of joined to five tables (a
        count of 100,000 events on PostgreSQL: 159 ms to 65 ms). The null test comes
        first so that SQLite, which evaluates conditions in the order written, skips
        the set for the four record fields an event leaves empty (an events page on
        the large bench file: 44 ms to 23 ms).
        """
        qs = super().public()
        for field in Event.RECORD_FIELDS:
            record_model = Event._meta.get_field(field).related_model
            unpublished = record_model.objects.exclude(editorial_status=EditorialStatus.PUBLISHED)
            qs = qs.filter(
                Q(**{f"{field}__isnull": True}) | ~Q(**{f"{field}__in": unpublished.values("pk")})
            )
        return qs


class Event(PublishableModel):
    """A dated happening on the timeline that is not itself a record's own date.

    A record's own dates (an allegation's date, a settlement's approvals, a
    terms version's effective date) live on the record; the timeline reads them
    from there. Events hold everything else: hearings, orders, responses,
    legislation. An event belongs to at most one record.
    """

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        FILING = "filing", "Filing"
        RULING = "ruling", "Ruling or order"
        HEARING = "hearing", "Hearing"
        SETTLEMENT = "settlement", "Settlement step"
        PUBLICATION = "publication", "Publication"
        RESPONSE = "response", "Response"
        POLICY = "policy", "Policy or legislation"
        OTHER = "other", "Other"

    RECORD_FIELDS = ("allegation", "case", "settlement", "guidance", "terms_document")

    date = models.DateField(
        db_index=True, help_text="When it happened (first day of the span if imprecise)."
    )
    date_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, help_text="Kind of event.")
    headline = models.CharField(max_length=300, help_text="One neutral line.")
    description = models.TextField(blank=True, help_text="More detail (Markdown).")
    parties = models.ManyToManyField(
        Party, blank=True, related_name="events", help_text="Parties involved."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="events", help_text="Topics.")
    allegation = models.ForeignKey(
        Allegation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The allegation this event belongs to, if any.",
    )
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The case this event belongs to, if any.",
    )
    settlement = models.ForeignKey(
        Settlement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The settlement this event belongs to, if any.",
    )
    guidance = models.ForeignKey(
        Guidance,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The guidance this event belongs to, if any.",
    )
    terms_document = models.ForeignKey(
        TermsDocument,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The terms document this event belongs to, if any.",
    )
    history = HistoricalRecords(m2m_fields=[parties, topics])

    objects = EventQuerySet.as_manager()
    portal_url_name = "portal:event_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_event", "Can publish, send back and retract events")]
        ordering = ["date", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=at_most_one_set(
                    "allegation", "case", "settlement", "guidance", "terms_document"
                ),
                name="event_belongs_to_at_most_one_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_display}: {self.headline}"

    @property
    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)

    @property
    def is_public(self) -> bool:
        """Published, and the record it belongs to (if any) is public too: the rule of
        :meth:`EventQuerySet.public`."""
        record = self.record
        return super().is_public and (record is None or record.is_public)

    @property
    def record(self) -> PublishableModel | None:
        """The record the event belongs to, if any."""
        for field in self.RECORD_FIELDS:
            value = getattr(self, field)
            if value is not None:
                return value
        return None


#: The publishable record types, in the order the dataset file lists them.
RECORD_MODELS: tuple[type[PublishableModel], ...] = (
    Party,
    Source,
    TermsDocument,
    Allegation,
    Case,
    Settlement,
    Guidance,
    Event,
)
