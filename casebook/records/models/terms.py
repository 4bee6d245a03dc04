"""Vendor terms: a terms document, its dated versions and their clauses."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from casebook.records.attribution import Attribution, ota_attribution
from casebook.records.models.base import (
    DatePrecision,
    EditorialStatus,
    PublishableModel,
    TimeStampedModel,
    Verification,
    format_date,
)
from casebook.records.models.parties import Party
from casebook.records.models.vocabularies import VOCABULARY_SHOWN_FIELDS, ClauseCategory


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

    def with_reviewed_categories(self) -> TermsVersionQuerySet:
        """With each version's reviewed categories, read with the columns shown only
        (:data:`VOCABULARY_SHOWN_FIELDS`): a page of 50 versions reviewed for ten
        categories makes 500 of them."""
        return self.prefetch_related(reviewed_categories_prefetch())


def reviewed_categories_prefetch() -> models.Prefetch:
    """The prefetch of versions' reviewed categories with the columns shown only, for
    versions already loaded (``prefetch_related_objects``) or a version queryset."""
    return models.Prefetch("reviewed_categories", queryset=shown_categories())


def carried_over_prefetch() -> models.Prefetch:
    """The prefetch of the clause a clause carries over, with its version (no full text:
    an imported text is tens of kilobytes), for :attr:`Clause.carried_over_note`."""
    sources = Clause.objects.select_related("version").defer("version__full_text")
    return models.Prefetch("carried_over_from", queryset=sources)


def shown_categories() -> models.QuerySet[ClauseCategory]:
    """Clause categories with the columns public pages and the API show only
    (:data:`VOCABULARY_SHOWN_FIELDS`), for prefetches of many of them."""
    return ClauseCategory.objects.only(*VOCABULARY_SHOWN_FIELDS)


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

    def with_category_and_carry_over(self) -> ClauseQuerySet:
        """With each clause's category and the version of the clause it carries over
        (for :attr:`Clause.carried_over_note`), without that version's full text: an
        imported text is tens of kilobytes, and a page of clauses read one per clause.

        Both are prefetched, not joined. The categories come with the columns shown
        only (:data:`VOCABULARY_SHOWN_FIELDS`), one object per category: joined, a page
        of 500 clauses made 500 copies of ten categories. Few clauses carry one over,
        and joining two empty models' columns to every row took a third of the time of
        reading a terms matrix's clauses: no query when none does.
        """
        categories = models.Prefetch("category", queryset=shown_categories())
        return self.prefetch_related(categories).with_carry_over()

    def with_carry_over(self) -> ClauseQuerySet:
        """With the clause each carries over and its version (no full text), prefetched:
        one query when some clause of the page carries one over, none otherwise."""
        return self.prefetch_related(carried_over_prefetch())


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
