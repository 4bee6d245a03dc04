"""Allegations of distillation and the parties each one accuses, with their figures."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    FigureBasis,
    PublishableModel,
    Qualifier,
    TimeStampedModel,
    format_date,
)
from casebook.records.models.parties import Party, Source
from casebook.records.models.terms import Clause
from casebook.records.models.vocabularies import Capability, LegalTheory, Technique, Topic


class Figures(models.Model):
    """Reported figures of an extraction campaign, each with its qualifier."""

    accounts = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Number of (fraudulent) accounts, as stated."
    )
    accounts_qualifier = models.CharField(
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.ABOUT,
        help_text="How the account figure is qualified in the source.",
    )
    exchanges = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Number of exchanges (prompts and answers), as stated."
    )
    exchanges_qualifier = models.CharField(
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.ABOUT,
        help_text="How the exchange figure is qualified in the source.",
    )
    figures_basis = models.CharField(
        max_length=12,
        choices=FigureBasis.choices,
        default=FigureBasis.REPORTED,
        help_text="Reported by the accuser, admitted, or adjudicated by a court.",
    )
    figures_source = models.ForeignKey(
        "Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)s_figures",
        help_text="The source that gives these figures; shown next to the numbers.",
    )
    figures_pinpoint = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where in that source the figures are (section, page, timestamp).",
    )

    #: The figures' own columns (their source aside), in the order files and CSVs give them.
    COLUMNS = (
        "accounts",
        "accounts_qualifier",
        "exchanges",
        "exchanges_qualifier",
        "figures_basis",
        "figures_pinpoint",
    )

    class Meta:
        abstract = True


class Allegation(PublishableModel, Figures):  # noqa: DJ008 (__str__ from PublishableModel)
    """One party's public accusation that others extracted its models' abilities."""

    class Venue(models.TextChoices):
        BLOG_POST = "blog_post", "Blog post or article"
        SOCIAL_MEDIA = "social_media", "Social media post"
        COURT_FILING = "court_filing", "Court filing"
        LEGISLATURE_LETTER = "legislature_letter", "Letter or memo to a legislature"
        THREAT_REPORT = "threat_report", "Threat-intelligence report"
        INTERVIEW = "interview", "Interview or press statement"

    class Status(models.TextChoices):
        ALLEGED = "alleged", "Alleged"
        RESPONDED = "responded", "Responded"
        UNDER_INVESTIGATION = "under_investigation", "Under investigation"
        LITIGATED = "litigated", "Litigated"
        SETTLED = "settled", "Settled"
        ADJUDICATED = "adjudicated", "Adjudicated"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=300, help_text="Neutral headline of the allegation.")
    summary = models.TextField(help_text="What is alleged, in neutral words (Markdown).")
    accuser = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="allegations_made", help_text="Who accuses."
    )
    made_on = models.DateField(
        db_index=True, help_text="When the allegation was first made public."
    )
    made_on_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of that date is known.",
    )
    venue = models.CharField(
        max_length=20, choices=Venue.choices, help_text="Where the allegation was made."
    )
    venue_detail = models.CharField(
        max_length=300, blank=True, help_text="E.g. the committee a letter went to."
    )
    conduct_start = models.DateField(
        null=True, blank=True, help_text="When the alleged conduct began, if stated."
    )
    conduct_start_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the start date is known.",
    )
    conduct_end = models.DateField(
        null=True, blank=True, help_text="When the alleged conduct ended, if stated."
    )
    conduct_end_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the end date is known.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.ALLEGED,
        help_text="Where the dispute stands: alleged, responded, litigated, settled ...",
    )
    status_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date a source last confirmed the status; it is shown as “as of” that day.",
    )
    legal_theories = models.ManyToManyField(
        LegalTheory, blank=True, related_name="allegations", help_text="Legal theories invoked."
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="allegations", help_text="Topics."
    )
    breached_clause = models.ForeignKey(
        Clause,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allegations",
        help_text="The terms clause the accuser says was broken, where it names one.",
    )
    history = HistoricalRecords(m2m_fields=[legal_theories, topics])

    portal_url_name = "portal:allegation_detail"

    class Meta(PublishableModel.Meta):
        permissions = [("publish_allegation", "Can publish, send back and retract allegations")]
        ordering = ["-made_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conduct_start__isnull=True)
                | Q(conduct_end__isnull=True)
                | Q(conduct_end__gte=F("conduct_start")),
                name="allegation_conduct_period_in_order",
            ),
        ]

    @property
    def made_on_display(self) -> str:
        return format_date(self.made_on, self.made_on_precision)

    @property
    def public_breached_clause(self) -> Clause | None:
        """The breached clause, when its terms document is public (the rule of
        ``Clause.objects.public()``); ``None`` otherwise, so nothing of it shows."""
        clause = self.breached_clause
        if clause is None or not clause.version.document.is_public:
            return None
        return clause


class AccusedPartyQuerySet(models.QuerySet):
    def public(self) -> AccusedPartyQuerySet:
        return self.filter(
            allegation__editorial_status=EditorialStatus.PUBLISHED,
            party__editorial_status=EditorialStatus.PUBLISHED,
        )


class AccusedParty(TimeStampedModel, Figures):
    """One accused party of an allegation, with that party's own figures and response."""

    class Response(models.TextChoices):
        """The accused party's response as the record knows it.

        ``none_found`` says a search was made and found nothing (its
        ``response_source`` documents the search, ``response_as_of`` its day);
        ``not_searched`` says only that no response is recorded and no search for
        one is documented -- the honest default.
        """

        NOT_SEARCHED = "not_searched", "No response recorded; not searched"
        NONE_FOUND = "none_found", "No response found"
        NO_COMMENT = "no_comment", "Declined to comment / did not respond"
        DENIAL = "denial", "Denied"
        PARTIAL = "partial", "Partly denied or disputed"
        ADMISSION = "admission", "Admitted"

    allegation = models.ForeignKey(
        Allegation, on_delete=models.CASCADE, related_name="accused", help_text="Allegation."
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="accusations", help_text="Accused party."
    )
    conduct = models.TextField(
        blank=True, help_text="What this party allegedly did and aimed at, in neutral words."
    )
    capabilities = models.ManyToManyField(
        Capability, blank=True, related_name="accused_rows", help_text="Capabilities targeted."
    )
    techniques = models.ManyToManyField(
        Technique, blank=True, related_name="accused_rows", help_text="Techniques alleged."
    )
    response = models.CharField(
        max_length=12,
        choices=Response.choices,
        default=Response.NOT_SEARCHED,
        help_text=(
            "The accused party's response, as found in a source. “No response found” "
            "only when a search was made: cite the source documenting it."
        ),
    )
    response_summary = models.TextField(blank=True, help_text="The response in a sentence or two.")
    response_on = models.DateField(null=True, blank=True, help_text="When it responded.")
    response_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        help_text="Where the response (or the search for one) is documented.",
    )
    response_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the last search for a response; shown as “as of” that day.",
    )
    history = HistoricalRecords(m2m_fields=[capabilities, techniques])

    objects = AccusedPartyQuerySet.as_manager()

    class Meta:
        verbose_name = "accused party"
        verbose_name_plural = "accused parties"
        ordering = ["allegation", "-exchanges", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["allegation", "party"], name="accused_party_once_per_allegation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} in {self.allegation}"
