"""The Casebook domain: records of distillation disputes and their sources.

Every top-level record (party, source, allegation, case, settlement, guidance,
terms document, event) is *publishable*: it has a stable slug, an editorial
status and a full edit history, and ``Model.objects.public()`` is the one rule
for what the public may see. Rows that belong to a record (accused parties,
holdings, terms versions and clauses, citations, case parties) are public only
when their record is.

Each date is stored once. A record's own dates live on the record (an
allegation's date, a settlement's approval dates, a terms version's effective
date); the timeline reads them from there and adds the standalone events in
:class:`Event`, so the timeline and the record cannot disagree.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from casebook.records.attribution import Attribution, ota_attribution

# --------------------------------------------------------------------------
# Controlled vocabularies that never change without a deploy
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Bases
# --------------------------------------------------------------------------


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

    def __str__(self) -> str:
        return getattr(self, "name", None) or getattr(self, "title", None) or self.slug

    def get_absolute_url(self) -> str:
        """The record's portal page."""
        return reverse(self.portal_url_name, kwargs={"slug": self.slug})

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


class Vocabulary(TimeStampedModel):
    """A term in a vocabulary that analysts extend without a deploy."""

    slug = models.SlugField(max_length=80, unique=True, help_text="Stable identifier of the term.")
    name = models.CharField(max_length=120, unique=True, help_text="The term as readers see it.")
    description = models.TextField(blank=True, help_text="What the term covers, and what not.")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Capability(Vocabulary):
    """A model capability an extraction campaign allegedly targeted (e.g. agentic coding)."""

    class Meta(Vocabulary.Meta):
        verbose_name_plural = "capabilities"


class Technique(Vocabulary):
    """A technique used to extract a model's abilities (e.g. fraudulent accounts, proxies)."""


class LegalTheory(Vocabulary):
    """A legal theory an allegation rests on (copyright, terms breach, trade secret ...)."""

    class Meta(Vocabulary.Meta):
        verbose_name_plural = "legal theories"


class ClauseCategory(Vocabulary):
    """A kind of clause in vendors' terms (no training of competing models ...)."""

    class Meta(Vocabulary.Meta):
        verbose_name_plural = "clause categories"


class Topic(Vocabulary):
    """A subject that cuts across record types (distillation, AI copyrightability ...)."""


# --------------------------------------------------------------------------
# Parties and sources
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Vendor terms
# --------------------------------------------------------------------------


class TermsDocument(PublishableModel):
    """A vendor's terms document: terms of use, commercial terms, usage policy, licence."""

    class Kind(models.TextChoices):
        TERMS_OF_USE = "terms_of_use", "Terms of use (consumer)"
        COMMERCIAL_TERMS = "commercial_terms", "Commercial terms"
        SERVICE_AGREEMENT = "service_agreement", "Services agreement"
        API_TERMS = "api_terms", "API terms"
        USAGE_POLICY = "usage_policy", "Usage policy"
        MODEL_LICENCE = "model_licence", "Model licence"
        HELP_ARTICLE = "help_article", "Help article"

    vendor = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="terms_documents", help_text="Whose terms."
    )
    title = models.CharField(max_length=300, help_text="The document's own title.")
    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="Type of document.")
    url = models.URLField(max_length=500, blank=True, help_text="Where the current text lives.")
    description = models.TextField(blank=True, help_text="What the document governs (Markdown).")
    ota_collection = models.URLField(
        "OTA collection",
        max_length=300,
        blank=True,
        help_text="Open Terms Archive versions repository that records this document, e.g. "
        "https://github.com/OpenTermsArchive/GenAI-versions. Leave the three OTA fields blank "
        "for a document OTA does not track.",
    )
    ota_service = models.CharField(
        "OTA service",
        max_length=200,
        blank=True,
        help_text="The service's name in that collection, as its folder is named, e.g. 'xAI'.",
    )
    ota_terms_type = models.CharField(
        "OTA terms type",
        max_length=200,
        blank=True,
        help_text="The terms type in OTA's vocabulary, as its file is named, e.g. "
        "'Terms of Service'.",
    )
    history = HistoricalRecords()

    portal_url_name = "portal:terms_detail"

    class Meta(PublishableModel.Meta):
        permissions = [
            ("publish_termsdocument", "Can publish, send back and retract terms documents")
        ]
        verbose_name = "terms document"
        ordering = ["vendor__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(ota_collection="") & Q(ota_service="") & Q(ota_terms_type=""))
                | (~Q(ota_collection="") & ~Q(ota_service="") & ~Q(ota_terms_type="")),
                name="terms_document_ota_mapping_all_or_none",
                violation_error_message="Give the OTA collection, service and terms type "
                "together, or none of them.",
            ),
            models.UniqueConstraint(
                fields=["ota_collection", "ota_service", "ota_terms_type"],
                condition=~Q(ota_service=""),
                name="terms_document_unique_ota_mapping",
                violation_error_message="Another terms document already takes this OTA "
                "collection, service and terms type.",
            ),
        ]

    @property
    def ota_mapped(self) -> bool:
        """Whether Open Terms Archive versions feed this document."""
        return bool(self.ota_collection and self.ota_service and self.ota_terms_type)


class TermsVersionQuerySet(models.QuerySet):
    def public(self) -> TermsVersionQuerySet:
        return self.filter(document__editorial_status=EditorialStatus.PUBLISHED)


class TermsVersion(TimeStampedModel):
    """One version of a terms document, as read by Casebook.

    Clause categories listed in ``reviewed_categories`` were checked in this
    version: a reviewed category with no clause means "not present in the
    reviewed version", which differs from "not reviewed".
    """

    class Origin(models.TextChoices):
        MANUAL = "manual", "Entered by hand"
        OTA = "ota", "Recorded by Open Terms Archive"

    document = models.ForeignKey(
        TermsDocument, on_delete=models.CASCADE, related_name="versions", help_text="Document."
    )
    label = models.CharField(
        max_length=120, blank=True, help_text="How the version names itself, e.g. 'Effective ...'."
    )
    effective_from = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="First day this version was in force, if known.",
    )
    effective_from_precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the effective date is known.",
    )
    retrieved_on = models.DateField(
        null=True, blank=True, help_text="When Casebook read this version."
    )
    archive_url = models.URLField(max_length=500, blank=True, help_text="Archived copy.")
    origin = models.CharField(
        max_length=8,
        choices=Origin.choices,
        default=Origin.MANUAL,
        help_text="Where this version comes from. Open Terms Archive versions are written by "
        "import_ota.",
    )
    recorded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When Open Terms Archive recorded this version. Never an effective date: "
        "the vendor may have changed the text earlier. Empty for versions entered by hand.",
    )
    full_text = models.TextField(
        blank=True, help_text="The version's whole text as OTA keeps it (Markdown)."
    )
    ota_commit = models.CharField(
        "OTA commit",
        max_length=40,
        blank=True,
        help_text="Commit of the OTA versions repository whose text is kept here (the "
        "version's record, or a later technical upgrade of it).",
    )
    ota_permalink = models.URLField(
        "OTA permalink",
        max_length=500,
        blank=True,
        help_text="This version's text in the public OTA collection, at its commit.",
    )
    ota_release_path = models.CharField(
        "OTA release path",
        max_length=500,
        blank=True,
        help_text="The version's file in the OTA dataset release it was imported from, when "
        "it came from a release rather than a repository.",
    )
    reviewed_categories = models.ManyToManyField(
        ClauseCategory,
        blank=True,
        related_name="reviewed_in_versions",
        help_text="Clause categories checked in this version; clause categories are included.",
    )
    notes = models.TextField(blank=True, help_text="What is known and unknown about this version.")
    # The history keeps everything but the full text. simple-history copies every field on
    # each change, so keeping ``full_text`` there stored each imported text again for every
    # edit of its version (the SQLite file grew to 293 MB with all GenAI versions). The text
    # is not Casebook's to edit: it is OTA's record, found again at ``ota_permalink`` (commit
    # ``ota_commit``), which the history keeps, and an upgrade of it shows there as a new
    # commit.
    history = HistoricalRecords(m2m_fields=[reviewed_categories], excluded_fields=["full_text"])

    objects = TermsVersionQuerySet.as_manager()

    class Meta:
        ordering = [
            "document",
            F("effective_from").asc(nulls_first=True),
            F("recorded_at").asc(nulls_first=True),
            "id",
        ]
        constraints = [
            # Open Terms Archive records a new version whenever the text changes, often with
            # the same stated date (or none): only hand-entered versions are one per date.
            models.UniqueConstraint(
                fields=["document", "effective_from"],
                condition=Q(origin="manual"),
                name="terms_version_unique_effective_date",
            ),
            models.UniqueConstraint(
                fields=["document", "recorded_at"],
                condition=Q(recorded_at__isnull=False),
                name="terms_version_unique_record_time",
            ),
            models.CheckConstraint(
                condition=Q(origin="manual") | Q(recorded_at__isnull=False),
                name="terms_version_ota_has_record_time",
                violation_error_message="A version recorded by Open Terms Archive needs its "
                "record time.",
            ),
        ]

    def __str__(self) -> str:
        if self.origin == self.Origin.OTA and self.effective_from is None:
            return f"{self.document} — recorded {self.recorded_at:%Y-%m-%d %H:%M} UTC"
        return f"{self.document} — {self.effective_display}"

    @property
    def attribution(self) -> Attribution | None:
        """The Open Terms Archive credit this version must carry; None if entered by hand.

        See :mod:`casebook.records.attribution`, the wording's one home.
        """
        return ota_attribution(self)

    @property
    def effective_display(self) -> str:
        if self.effective_from is None:
            return self.label or "effective date unknown"
        return format_date(self.effective_from, self.effective_from_precision)

    @property
    def in_force_display(self) -> str:
        """This version named for a sentence: "version in force from 3 March 2024".

        An undated version is named by its label, which often reads "Version in
        force in 2023" already, so the label is never prefixed with "version in
        force from" (that read "Version in force from Version in force in 2023").
        Templates put ``|capfirst`` on it at the start of a heading.
        """
        if self.effective_from is not None:
            return f"version in force from {self.effective_display}"
        from casebook.records.versions import in_force_from  # versions imports this module

        observed = in_force_from(self)  # an imported version whose text states no date
        if observed is not None:
            return f"version {observed.display}"
        if not self.label:
            return "version of unknown effective date"
        if self.label.lower().startswith("version"):
            return self.label
        return f"version “{self.label}”"


class ClauseQuerySet(models.QuerySet):
    def public(self) -> ClauseQuerySet:
        return self.filter(version__document__editorial_status=EditorialStatus.PUBLISHED)


class Clause(TimeStampedModel):
    """A clause of a terms version, in one category, quoted word for word."""

    version = models.ForeignKey(
        TermsVersion, on_delete=models.CASCADE, related_name="clauses", help_text="Version."
    )
    category = models.ForeignKey(
        ClauseCategory, on_delete=models.PROTECT, related_name="clauses", help_text="Category."
    )
    section = models.CharField(
        max_length=120, blank=True, help_text="Section number or heading, e.g. '§3.3(e)'."
    )
    text = models.TextField(help_text="The clause, quoted exactly.")
    verification = models.CharField(
        max_length=12,
        choices=Verification.choices,
        default=Verification.SECONDARY,
        help_text="How the quoted text was checked.",
    )
    notes = models.TextField(blank=True, help_text="Context: exceptions, unverified parts.")
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_over_to",
        help_text="The confirmed clause of an earlier version of the same document whose "
        "text this version repeats word for word; set by carry-over, empty when confirmed "
        "by hand.",
    )
    history = HistoricalRecords()

    objects = ClauseQuerySet.as_manager()

    class Meta:
        ordering = ["version", "category__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "category"], name="clause_one_per_category_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version.document} {self.section or ''} ({self.category})".replace("  ", " ")

    def clean(self) -> None:
        """The quote must occur in the version's full text, when it keeps one."""
        from casebook.records.clauses.verbatim import quote_problem

        if self.version_id is None or self.text is None:
            return
        full_text = (
            TermsVersion.objects.filter(pk=self.version_id)
            .values_list("full_text", flat=True)
            .first()
        )
        problem = quote_problem(self.text, full_text or "")
        if problem:
            raise ValidationError({"text": problem})

    @property
    def carried_over_note(self) -> str | None:
        """The note "carried over from version recorded on …" of a carried clause, else None."""
        source = self.carried_over_from
        if source is None:
            return None
        version = source.version
        if version.recorded_at is not None:
            return f"carried over from version recorded on {version.recorded_at:%Y-%m-%d}"
        return f"carried over from version {version.effective_display}"


# --------------------------------------------------------------------------
# Allegations
# --------------------------------------------------------------------------


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

    class Meta:
        abstract = True


class Allegation(PublishableModel, Figures):
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


# --------------------------------------------------------------------------
# Cases and settlements
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Guidance
# --------------------------------------------------------------------------


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


def at_most_one_set(*fields: str) -> Q:
    """A condition that holds when no more than one of ``fields`` is non-null."""
    condition = Q()
    for chosen in (None, *fields):
        condition |= Q(**{f"{f}__isnull": True for f in fields if f != chosen})
    return condition


# --------------------------------------------------------------------------
# Events: the timeline's own entries
# --------------------------------------------------------------------------


class EventQuerySet(PublishableQuerySet):
    def public(self) -> EventQuerySet:
        """Published events whose record, if any, is published too."""
        published = EditorialStatus.PUBLISHED
        qs = super().public()
        for field in Event.RECORD_FIELDS:
            qs = qs.filter(
                Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__editorial_status": published})
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


# Staff-only clause finding (match rules, suggestions), kept in its own module.
from casebook.records.clauses.models import (  # noqa: E402, F401
    ClauseChangeProposal,
    ClauseMatchRule,
    ClauseSuggestion,
)

# The search index's tables live in their own module; imported here so Django registers them.
from casebook.records.search_models import SearchEntry, SearchWord  # noqa: E402, F401
