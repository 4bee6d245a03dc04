"""factory_boy factories for every Casebook model.

Records default to *published* with one citation, so a test that wants a
draft says so: ``AllegationFactory(editorial_status=EditorialStatus.DRAFT)``.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Case,
    CaseParty,
    Citation,
    Clause,
    ClauseCategory,
    ClauseMatchRule,
    ClauseSuggestion,
    EditorialStatus,
    Event,
    Guidance,
    Holding,
    LegalTheory,
    Party,
    Qualifier,
    Settlement,
    Source,
    Technique,
    TermsDocument,
    TermsVersion,
    Topic,
    Verification,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffUserFactory(UserFactory):
    is_staff = True


class SuperUserFactory(StaffUserFactory):
    is_superuser = True


class VocabularyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"term-{n}")
    name = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").capitalize())


class CapabilityFactory(VocabularyFactory):
    class Meta:
        model = Capability
        skip_postgeneration_save = True


class TechniqueFactory(VocabularyFactory):
    class Meta:
        model = Technique
        skip_postgeneration_save = True


class LegalTheoryFactory(VocabularyFactory):
    class Meta:
        model = LegalTheory
        skip_postgeneration_save = True


class ClauseCategoryFactory(VocabularyFactory):
    class Meta:
        model = ClauseCategory
        skip_postgeneration_save = True


class TopicFactory(VocabularyFactory):
    class Meta:
        model = Topic
        skip_postgeneration_save = True


class PublishableFactory(factory.django.DjangoModelFactory):
    """Published by default, with one cited source (see ``cite``)."""

    class Meta:
        abstract = True

    editorial_status = EditorialStatus.PUBLISHED

    @factory.post_generation
    def cite(obj, create, extracted, **kwargs):
        """Sources are not cited. ``cite=False``: no citation; ``cite=<Source>``: cite it."""
        if not create or extracted is False or isinstance(obj, Source):
            return
        source = extracted if isinstance(extracted, Source) else SourceFactory()
        CitationFactory(record=obj, source=source)


class PartyFactory(PublishableFactory):
    class Meta:
        model = Party
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"party-{n}")
    name = factory.Sequence(lambda n: f"Party {n}")
    kind = Party.Kind.COMPANY
    country = "US"


class SourceFactory(PublishableFactory):
    class Meta:
        model = Source
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    url = factory.LazyAttribute(lambda s: f"https://example.org/{s.slug}")
    publisher = "Example Publisher"
    kind = Source.Kind.PRIMARY
    published_on = datetime.date(2026, 2, 23)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation
        skip_postgeneration_save = True

    record = factory.SubFactory(PartyFactory, cite=False)  # pass record=<any record>
    content_type = factory.LazyAttribute(lambda c: ContentType.objects.get_for_model(c.record))
    object_id = factory.LazyAttribute(lambda c: c.record.pk)
    source = factory.SubFactory(SourceFactory)
    pinpoint = factory.Sequence(lambda n: f"para. {n}")
    quote = "A short quote."
    verification = Verification.PRIMARY

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs.pop("record", None)
        return kwargs


class TermsDocumentFactory(PublishableFactory):
    class Meta:
        model = TermsDocument
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"terms-{n}")
    vendor = factory.SubFactory(PartyFactory)
    title = factory.Sequence(lambda n: f"Terms of Use {n}")
    kind = TermsDocument.Kind.TERMS_OF_USE


class TermsVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsVersion
        skip_postgeneration_save = True

    document = factory.SubFactory(TermsDocumentFactory)
    effective_from = datetime.date(2024, 1, 31)
    retrieved_on = datetime.date(2026, 11, 28)

    @factory.post_generation
    def reviewed_categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.reviewed_categories.set(extracted)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause
        skip_postgeneration_save = True

    version = factory.SubFactory(TermsVersionFactory)
    category = factory.SubFactory(ClauseCategoryFactory, slug="no-competing-models")
    section = "2(c)"
    text = "Use Output to develop models that compete with the vendor."

    @factory.post_generation
    def mark_reviewed(obj, create, extracted, **kwargs):
        if create:
            obj.version.reviewed_categories.add(obj.category)


class AllegationFactory(PublishableFactory):
    class Meta:
        model = Allegation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"allegation-{n}")
    title = factory.Sequence(lambda n: f"Allegation {n}")
    summary = "The accuser says the accused extracted its model's abilities."
    accuser = factory.SubFactory(PartyFactory)
    made_on = datetime.date(2026, 2, 23)
    venue = Allegation.Venue.BLOG_POST
    accounts = 24000
    exchanges = 16_000_000


class AccusedPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccusedParty
        skip_postgeneration_save = True

    allegation = factory.SubFactory(AllegationFactory)
    party = factory.SubFactory(PartyFactory, country="CN")
    exchanges = 150_000
    exchanges_qualifier = Qualifier.OVER
    conduct = "Extracting reasoning capabilities."


class CaseFactory(PublishableFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"case-{n}")
    name = factory.Sequence(lambda n: f"Plaintiff {n} v. Defendant")
    court = factory.SubFactory(PartyFactory, kind=Party.Kind.COURT)
    docket_number = factory.Sequence(lambda n: f"3:24-cv-{n:05d}")
    filed_on = datetime.date(2024, 8, 19)


class CasePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseParty
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    party = factory.SubFactory(PartyFactory)
    role = CaseParty.Role.PLAINTIFF


class SettlementFactory(PublishableFactory):
    class Meta:
        model = Settlement
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"settlement-{n}")
    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Settlement {n}")
    amount = Decimal("1500000000.00")
    amount_qualifier = Qualifier.AT_LEAST
    per_unit_amount = Decimal("3000.00")
    unit_name = "work"
    unit_count = 482_460
    announced_on = datetime.date(2025, 9, 5)
    preliminary_approval_on = datetime.date(2025, 9, 25)


class GuidanceFactory(PublishableFactory):
    class Meta:
        model = Guidance
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"guidance-{n}")
    issuer = factory.SubFactory(PartyFactory, kind=Party.Kind.AGENCY)
    title = factory.Sequence(lambda n: f"Guidance {n}")
    document_type = Guidance.DocumentType.REPORT
    issued_on = datetime.date(2025, 1, 29)


class HoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holding
        skip_postgeneration_save = True

    guidance = factory.SubFactory(GuidanceFactory)
    proposition = "Prompts alone do not make a user the author of the output."
    quote = "the mere provision of prompts"


class EventFactory(PublishableFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    date = datetime.date(2025, 6, 23)
    kind = Event.Kind.RULING
    headline = factory.Sequence(lambda n: f"Something happened ({n})")


class ClauseMatchRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClauseMatchRule

    category = factory.SubFactory(ClauseCategoryFactory)
    kind = ClauseMatchRule.Kind.PHRASE
    pattern = factory.Sequence(lambda n: f"compete with {n}")


class ClauseSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClauseSuggestion

    version = factory.SubFactory(
        TermsVersionFactory, full_text="## Use\n\nDo not build competing models."
    )
    category = factory.SubFactory(ClauseCategoryFactory)
    section = "Use"
    text = "Do not build competing models."


#: A factory of each public record type, by the type's name in the registry, with the
#: field its title comes from.
RECORD_TYPE_FACTORIES = {
    "party": (PartyFactory, "name"),
    "source": (SourceFactory, "title"),
    "terms": (TermsDocumentFactory, "title"),
    "allegation": (AllegationFactory, "title"),
    "case": (CaseFactory, "name"),
    "settlement": (SettlementFactory, "title"),
    "guidance": (GuidanceFactory, "title"),
    "event": (EventFactory, "headline"),
}
