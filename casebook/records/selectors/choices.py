"""The rows a parameter may name: what the API's query serializers and filters accept.

Each returns a lazy queryset that a choice field evaluates per request, so a
record published since start-up is accepted at once.
"""

from __future__ import annotations

from django.db.models import QuerySet

from casebook.records.models import (
    Allegation,
    Capability,
    Case,
    ClauseCategory,
    LegalTheory,
    Party,
    Technique,
    TermsDocument,
    Topic,
)


def party_choices() -> QuerySet[Party]:
    """The public parties (a ``party`` or ``vendor`` parameter names one by slug)."""
    return Party.objects.public()


def allegation_choices() -> QuerySet[Allegation]:
    """The public allegations (an ``allegation`` parameter names one by slug)."""
    return Allegation.objects.public()


def topic_choices() -> QuerySet[Topic]:
    """Every topic (topics are a vocabulary: all public)."""
    return Topic.objects.all()


def clause_category_choices() -> QuerySet[ClauseCategory]:
    """Every clause category (a vocabulary: all public)."""
    return ClauseCategory.objects.all()


def capability_choices() -> QuerySet[Capability]:
    """Every capability (a vocabulary: all public)."""
    return Capability.objects.all()


def technique_choices() -> QuerySet[Technique]:
    """Every technique (a vocabulary: all public)."""
    return Technique.objects.all()


def case_choices() -> QuerySet[Case]:
    """The public cases (a ``case`` parameter names one by slug)."""
    return Case.objects.public()


def terms_document_choices() -> QuerySet[TermsDocument]:
    """The public terms documents (a ``document`` parameter names one by slug)."""
    return TermsDocument.objects.public()


def legal_theory_choices() -> QuerySet[LegalTheory]:
    """Every legal theory (a vocabulary: all public)."""
    return LegalTheory.objects.all()
