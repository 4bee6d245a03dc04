"""The page of each public record, with its citations and related records."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.generic import DetailView

from casebook.portal.citing import record_citation
from casebook.portal.forms import ClauseHistoryForm
from casebook.portal.revisions import current_permalink
from casebook.records import selectors
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Citation,
    Clause,
    EditorialStatus,
    Event,
    Guidance,
    Holding,
    Party,
    PublishableModel,
    Settlement,
    TermsDocument,
    TermsVersion,
)
from casebook.records.registry import RECORD_TYPES_BY_RANK, record_type
from casebook.records.services import can_preview
from casebook.records.versions import versions_in_order


def public_citations() -> Prefetch:
    """Prefetch a record's citations of public sources, with their sources."""
    return Prefetch(
        "citations",
        queryset=Citation.objects.public().select_related("source").order_by("id"),
        to_attr="public_citations",
    )


class RecordDetailView(DetailView):
    """A record's page: public once published, previewed by staff before, 410 once retracted.

    A retracted record's URL answers "410 Gone" with only its title and its
    retraction note. A record that is not public by the model's one rule
    (``Model.objects.public()``: a draft or in-review record, or an event of a
    record that is not public) is a 404 for everyone but the analysts and
    editors (:func:`~casebook.records.services.can_preview`), who see it under a
    "not public" banner.
    """

    record_type: str = ""
    #: The Event field that points at this record type, for its own events.
    events_field: str = ""

    def get_queryset(self) -> QuerySet:
        return record_type(self.record_type).model.objects.prefetch_related(public_citations())

    def get_template_names(self) -> list[str]:
        return [f"portal/{self.record_type}_detail.html"]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.editorial_status == EditorialStatus.RETRACTED:
            return TemplateResponse(
                request, "portal/retracted.html", {"record": self.object}, status=410
            )
        if not self.object.is_public and not can_preview(request.user):
            raise Http404("No public record at this address.")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_events(self) -> QuerySet[Event]:
        return Event.objects.public().filter(**{self.events_field: self.object})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record = self.object
        context["record_type"] = record_type(self.record_type)
        context["preview"] = not record.is_public
        context["citations"] = record.public_citations
        context["events"] = self.get_events() if self.events_field else []
        context["cite"] = record_citation(
            record,
            permalink=self.request.build_absolute_uri(current_permalink(record)),
            retrieved=timezone.localdate(),
        )
        return context


class PartyDetailView(RecordDetailView):
    """A party: everything it appears in, grouped by role, and its terms documents."""

    record_type = "party"
    events_field = "parties"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        party = self.object
        case_roles = (
            CaseParty.objects.filter(party=party, case__in=Case.objects.public())
            .select_related("case")
            .order_by("role", "case__name")
        )
        roles: dict[str, list[tuple[PublishableModel, str]]] = {
            "Accuser": [(a, "") for a in Allegation.objects.public().filter(accuser=party)],
            "Accused": [
                (row.allegation, row.get_response_display())
                for row in AccusedParty.objects.public()
                .filter(party=party)
                .select_related("allegation")
                .order_by("-allegation__made_on")
            ],
        }
        for row in case_roles:
            roles.setdefault(row.get_role_display(), []).append((row.case, row.notes))
        roles["Court"] = [(c, "") for c in Case.objects.public().filter(court=party)]
        roles["Issuer"] = [(g, "") for g in Guidance.objects.public().filter(issuer=party)]
        context["roles"] = [(role, items) for role, items in roles.items() if items]
        context["terms_documents"] = TermsDocument.objects.public().filter(vendor=party)
        return context


class SourceDetailView(RecordDetailView):
    """A source and the public records that cite it."""

    record_type = "source"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        citations = list(self.object.cited_by.select_related("content_type"))
        ids_by_model: dict[type, set[int]] = {}
        for citation in citations:
            ids_by_model.setdefault(citation.content_type.model_class(), set()).add(
                citation.object_id
            )
        records: dict[tuple[type, int], PublishableModel] = {}
        for cited in RECORD_TYPES_BY_RANK:
            ids = ids_by_model.get(cited.model)
            if ids:
                for record in cited.public().filter(pk__in=ids):
                    records[(cited.model, record.pk)] = record
        context["cited_by"] = [
            (records[key], citation)
            for citation in citations
            if (key := (citation.content_type.model_class(), citation.object_id)) in records
        ]
        return context


class TermsDetailView(RecordDetailView):
    """A vendor's terms document with its versions and their clauses."""

    record_type = "terms"
    events_field = "terms_document"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("vendor")
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=TermsVersion.objects.defer("full_text")
                    .prefetch_related("reviewed_categories")
                    .prefetch_related(
                        Prefetch(
                            "clauses",
                            queryset=Clause.objects.select_related(
                                "category", "carried_over_from__version"
                            ),
                        )
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["versions"] = versions_in_order(self.object.versions.all())[::-1]
        context["allegations"] = (
            Allegation.objects.public()
            .filter(breached_clause__version__document=self.object)
            .distinct()
        )
        return context


class AllegationDetailView(RecordDetailView):
    """An allegation: the accused parties' table and the accuser's clause in force."""

    record_type = "allegation"
    events_field = "allegation"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related(
                "accuser",
                "figures_source",
                "breached_clause__version__document",
                "breached_clause__category",
            )
            .prefetch_related(
                "legal_theories",
                "topics",
                Prefetch("cases", queryset=Case.objects.public(), to_attr="public_cases"),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        allegation = self.object
        context["accused"] = (
            allegation.accused.filter(party__in=Party.objects.public())
            .select_related("party", "response_source", "figures_source")
            .prefetch_related("capabilities", "techniques")
        )
        context["accuser_clause"] = selectors.allegation_accuser_clause(allegation)
        context["competing_models_category"] = selectors.COMPETING_MODELS_CATEGORY
        # Link to the clause history only where that page has one (a vendor with public terms).
        vendors = ClauseHistoryForm.base_fields["vendor"].queryset
        context["accuser_has_clause_history"] = vendors.filter(pk=allegation.accuser_id).exists()
        return context


class CaseDetailView(RecordDetailView):
    """A court case: parties by role, settlements, decisions and the allegations it concerns."""

    record_type = "case"
    events_field = "case"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("court")
            .prefetch_related(
                "topics",
                Prefetch(
                    "case_parties",
                    queryset=CaseParty.objects.filter(party__in=Party.objects.public())
                    .select_related("party")
                    .order_by("role", "party__name"),
                    to_attr="public_case_parties",
                ),
                Prefetch(
                    "allegations",
                    queryset=Allegation.objects.public(),
                    to_attr="public_allegations",
                ),
                Prefetch(
                    "settlements",
                    queryset=Settlement.objects.public(),
                    to_attr="public_settlements",
                ),
                Prefetch(
                    "decisions", queryset=Guidance.objects.public(), to_attr="public_decisions"
                ),
            )
        )


class SettlementDetailView(RecordDetailView):
    """A settlement: fund, per-unit payout, class, release and approval dates."""

    record_type = "settlement"
    events_field = "settlement"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("case").prefetch_related("topics")


class GuidanceDetailView(RecordDetailView):
    """A guidance document with its holdings."""

    record_type = "guidance"
    events_field = "guidance"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related("issuer", "case", "superseded_by")
            .prefetch_related(
                "topics",
                Prefetch("holdings", queryset=Holding.objects.order_by("position", "id")),
                Prefetch(
                    "supersedes", queryset=Guidance.objects.public(), to_attr="public_supersedes"
                ),
            )
        )


class EventDetailView(RecordDetailView):
    """A single event on the timeline."""

    record_type = "event"

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .select_related(*Event.RECORD_FIELDS)
            .prefetch_related(
                Prefetch("parties", queryset=Party.objects.public(), to_attr="public_parties"),
                "topics",
            )
        )
