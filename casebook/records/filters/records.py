"""One FilterSet per public record type (and the accused-party rows): what each filter means.

The API (``casebook.api``) uses these classes as they are; the portal subclasses
them only to label and lay out the same filters (``casebook.portal.filters``).
A filter's lookup is declared here and nowhere else, so ``?party=`` on the
cases page and ``?party=`` on ``/api/v1/cases/`` return the same cases.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from casebook.records.filters.fields import (
    RecordFilterSet,
    UTCDateTimeFilter,
    accused_row_choice,
    date_range,
    name_contains,
    public_accused_rows,
    slug_choice,
    slug_method_choice,
)
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Event,
    Guidance,
    Party,
    Settlement,
    Source,
    TermsDocument,
)
from casebook.records.selectors.choices import (
    allegation_choices,
    capability_choices,
    case_choices,
    clause_category_choices,
    legal_theory_choices,
    party_choices,
    technique_choices,
    topic_choices,
)


class PartyFilterSet(RecordFilterSet):
    """Parties by kind and country code (any case: ``us`` is ``US``), and by words."""

    search_fields = ("name", "short_name", "description", "aliases")
    name = name_contains("name", "short_name", label="Name or short name")
    country = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Party
        fields = ["kind", "country"]


class SourceFilterSet(RecordFilterSet):
    """Sources by kind, publisher and publication date."""

    search_fields = ("title", "publisher", "author")
    publisher = django_filters.CharFilter(
        lookup_expr="icontains", help_text="Publisher's name contains this text (any case)."
    )
    published_after, published_before = date_range("published_on", "Published")

    class Meta:
        model = Source
        fields = ["kind"]


class TermsDocumentFilterSet(RecordFilterSet):
    """Vendors' terms documents by vendor, kind and the clause categories they contain."""

    search_fields = ("title", "description", "versions__clauses__text")
    vendor = slug_choice(party_choices(), "vendor", "Vendor whose terms these are.")
    clause_category = slug_choice(
        clause_category_choices(),
        "versions__clauses__category",
        "Documents with a clause in this category in some version.",
    )

    class Meta:
        model = TermsDocument
        fields = ["kind"]


class AllegationFilterSet(RecordFilterSet):
    """Allegations by accuser, accused, either (``party``), vocabulary, status and date."""

    search_fields = ("title", "summary", "accused__conduct")
    title = name_contains("title", label="Title")
    search_only = {"accused__conduct": Q(accused__party__in=party_choices())}
    accuser = slug_choice(party_choices(), "accuser", "Party making the allegation.")
    accused = slug_choice(party_choices(), "accused__party", "Party accused.")
    party = slug_method_choice(
        party_choices(),
        "filter_party",
        "Party in any role (accuser or accused). Slug; repeatable.",
    )
    topic = slug_choice(topic_choices(), "topics", "Topic.")
    legal_theory = slug_choice(legal_theory_choices(), "legal_theories", "Legal theory.")
    capability = accused_row_choice(capability_choices(), "capabilities", "Capability.")
    technique = accused_row_choice(technique_choices(), "techniques", "Technique.")
    made_after, made_before = date_range("made_on", "Made")

    class Meta:
        model = Allegation
        fields = ["status", "venue", "figures_basis"]

    def filter_party(self, queryset, name, value):
        """Allegations made by, or (in a public accused row) against, any of the parties."""
        if not value:
            return queryset
        return queryset.filter(Q(accuser__in=value) | public_accused_rows(party__in=value))


class CaseFilterSet(RecordFilterSet):
    """Cases by party to the case and its role there, court (a separate filter), topic,
    status and filing date."""

    search_fields = ("name", "docket_number", "summary")
    name = name_contains("name")
    party = slug_method_choice(
        party_choices(),
        "filter_case_parties",
        "Party to the case (with role, a party in that role). Slug; repeat the parameter "
        "to match any of several.",
    )
    role = django_filters.ChoiceFilter(
        choices=CaseParty.Role.choices,
        method="filter_case_parties",
        help_text="Role of a party to the case; with party, the role of one of those parties.",
    )
    court = slug_choice(party_choices(), "court", "Court.")
    topic = slug_choice(topic_choices(), "topics", "Topic.")
    filed_after, filed_before = date_range("filed_on", "Filed")

    class Meta:
        model = Case
        fields = ["status"]

    def filter_case_parties(self, queryset, name, value):
        """Cases with a row of a public party that matches ``party`` and ``role`` together.

        Both given, the party and the role are those of one row: one of the parties
        has the role in the case (not "a party in any role, and someone in the role").
        Only public parties' rows count, as the case shows no others. ``party`` and
        ``role`` both call this; it filters once: in ``party``'s call when parties are
        given, else in ``role``'s.
        """
        parties = self.form.cleaned_data.get("party")
        role = self.form.cleaned_data.get("role")
        # A party not asked for cleans to [] or ``queryset.none()``: tell without a query.
        has_parties = (
            not parties.query.is_empty() if isinstance(parties, QuerySet) else bool(parties)
        )
        if (name == "party" and not has_parties) or (name == "role" and has_parties):
            return queryset
        rows = CaseParty.objects.filter(party__in=parties if has_parties else party_choices())
        if role:
            rows = rows.filter(role=role)
        return queryset.filter(pk__in=rows.values("case_id"))


class SettlementFilterSet(RecordFilterSet):
    """Settlements by party to the settled (public) case, case, topic and announcement date."""

    search_fields = ("title", "class_definition", "release_scope", "terms_summary")
    party = slug_method_choice(
        party_choices(),
        "filter_party",
        "Party to the settled case (shown only when the case is public). Slug; "
        "repeat the parameter to match any of several.",
    )
    case = slug_choice(case_choices(), "case", "Case settled.")
    topic = slug_choice(topic_choices(), "topics", "Topic.")
    announced_after, announced_before = date_range("announced_on", "Announced")

    class Meta:
        model = Settlement
        fields: list[str] = []

    def filter_party(self, queryset, name, value):
        """Settlements of a public case that any of the parties is a party to."""
        if not value:
            return queryset
        # A hidden case's parties are never shown, so they never match either.
        parties = CaseParty.objects.filter(case__in=Case.objects.public(), party__in=value)
        return queryset.filter(case__in=parties.values("case_id"))


class GuidanceFilterSet(RecordFilterSet):
    """Guidance by issuer, document type, topic and date of issue."""

    search_fields = ("title", "summary", "formal_citation", "holdings__proposition")
    issuer = slug_choice(party_choices(), "issuer", "Issuing party.")
    topic = slug_choice(topic_choices(), "topics", "Topic.")
    issued_after, issued_before = date_range("issued_on", "Issued")

    class Meta:
        model = Guidance
        fields = ["document_type"]


class EventFilterSet(RecordFilterSet):
    """Events by party involved, kind, topic and date."""

    search_fields = ("headline", "description")
    party = slug_choice(party_choices(), "parties", "Party involved.")
    topic = slug_choice(topic_choices(), "topics", "Topic.")
    date_after, date_before = date_range("date", "Happened")

    class Meta:
        model = Event
        fields = ["kind"]


class AccusedPartyFilterSet(django_filters.FilterSet):
    """Filters of the accused-party rows; the same names mean the same as on allegations."""

    allegation = slug_choice(allegation_choices(), "allegation", "Allegation the row belongs to.")
    accuser = slug_choice(party_choices(), "allegation__accuser", "Party making the allegation.")
    accused = slug_choice(party_choices(), "party", "Party accused.")
    capability = slug_choice(capability_choices(), "capabilities", "Capability.")
    technique = slug_choice(technique_choices(), "techniques", "Technique.")
    made_after, made_before = date_range("allegation__made_on", "Allegation made")
    status = django_filters.ChoiceFilter(
        field_name="allegation__status",
        choices=Allegation.Status.choices,
        help_text="Status of the allegation.",
    )
    updated_since = UTCDateTimeFilter(
        method="filter_updated_since",
        help_text="Rows whose own fields or allegation changed at or after this ISO 8601 date "
        "or time (UTC if no zone).",
    )

    class Meta:
        model = AccusedParty
        fields = ["response", "figures_basis"]

    def filter_updated_since(self, queryset, name, value):
        """Rows whose own fields or allegation changed at or after ``value``."""
        return queryset.filter(Q(updated_at__gte=value) | Q(allegation__updated_at__gte=value))
