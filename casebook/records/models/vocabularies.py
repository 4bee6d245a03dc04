"""Controlled vocabularies that analysts extend in the admin."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from casebook.records.models.base import TimeStampedModel

#: The columns of a term that public pages and the API show (``TermSerializer``: slug and
#: name). Read only these where a page lists many terms: the rest (description,
#: timestamps) is for the admin and the dataset.
VOCABULARY_SHOWN_FIELDS = ("id", "slug", "name")


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
