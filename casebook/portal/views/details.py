"""The page of each public record, with its citations and related records."""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import DetailView

from casebook.portal.citing import record_citation
from casebook.portal.parameters import (
    NO_SUCH_PAGE,
    BadParameters,
    ParameterErrorsMixin,
)
from casebook.portal.retracted import retracted_response
from casebook.portal.revisions import current_permalink
from casebook.records import selectors
from casebook.records.models import EditorialStatus, Event
from casebook.records.registry import record_type
from casebook.records.services import can_preview
from casebook.records.versions import versions_in_order


class RecordDetailView(DetailView):
    """A record's page: public once published, previewed by staff before, 410 once retracted.

    A retracted record's URL answers "410 Gone" with only its title and its
    retraction note. A record that is not public by the model's one rule
    (``Model.objects.public()``: a draft or in-review record, or an event of a
    record that is not public) is a 404 for everyone but the analysts and
    editors (:func:`~casebook.records.services.can_preview`), who see it under a
    "not public" banner.

    Each type's view reads its record from its selector (:meth:`get_queryset`), which
    loads the record's public citations into ``public_citations``.
    """

    record_type: str = ""
    #: The Event field that points at this record type, for its own events.
    events_field: str = ""

    def get_queryset(self) -> QuerySet:
        """Every record of the type, public or not, with what its page shows."""
        raise NotImplementedError

    def get_template_names(self) -> list[str]:
        return [f"portal/{self.record_type}_detail.html"]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.editorial_status == EditorialStatus.RETRACTED:
            return retracted_response(request, self.object)
        if not self.object.is_public and not can_preview(request.user):
            raise Http404("No public record at this address.")
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_events(self) -> QuerySet[Event]:
        return selectors.record_events(self.object, self.events_field)

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


#: The portal list holding all of a party's records in a role (a ``PartyRole.kind``):
#: the list's URL name and the parameter naming the party. A case role's list is also
#: filtered by ``role`` (``PartyRole.case_role``).
ROLE_LISTS: dict[str, tuple[str, str]] = {
    "accuser": ("portal:allegation_list", "accuser"),
    "accused": ("portal:allegation_list", "accused"),
    "case": ("portal:case_list", "party"),
    "court": ("portal:case_list", "court"),
    "issuer": ("portal:guidance_list", "party"),
}


class PartyDetailView(RecordDetailView):
    """A party: everything it appears in, grouped by role, and its terms documents.

    Each role lists its first records only
    (:data:`~casebook.records.selectors.PARTY_ROLE_LIMIT`); a role with more links to
    the list filtered for the party in that role (as ``more_url``, for a public party:
    the lists know no other).
    """

    record_type = "party"
    events_field = "parties"

    def get_queryset(self) -> QuerySet:
        return selectors.party_detail_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        party = self.object
        roles = []
        for role in selectors.party_roles(party):
            more_url = ""
            if role.has_more and party.is_public:
                url_name, parameter = ROLE_LISTS[role.kind]
                query = {parameter: party.slug}
                if role.case_role:
                    query["role"] = role.case_role
                more_url = f"{reverse(url_name)}?{urlencode(query)}"
            roles.append((role, more_url))
        context["roles"] = roles
        context["terms_documents"] = selectors.party_terms_documents(party)
        return context


class SourceDetailView(ParameterErrorsMixin, RecordDetailView):
    """A source and the public records that cite it, ``paginate_by`` citations a page.

    ``?page=`` (from 1) picks the page; a page the list does not have is a 400
    naming ``page``, as on the lists.
    """

    record_type = "source"
    paginate_by = selectors.CITED_BY_PAGE_SIZE

    def get_queryset(self) -> QuerySet:
        return selectors.source_detail_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        number = int(self.request.GET.get("page", "1"))
        try:
            page = selectors.source_cited_by(self.object, number, self.paginate_by)
        except InvalidPage as exc:
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc
        context["cited_by"] = page.object_list
        context["page_obj"] = page
        return context


class TermsDetailView(ParameterErrorsMixin, RecordDetailView):
    """A vendor's terms document with its versions, newest first, ``paginate_by`` a page,
    and their clauses (a document Open Terms Archive follows may have hundreds).

    ``?page=`` (from 1) picks the page; a page the list does not have is a 400 naming
    ``page``, as on the lists.
    """

    record_type = "terms"
    events_field = "terms_document"
    paginate_by = 20

    def get_queryset(self) -> QuerySet:
        return selectors.terms_document_detail_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        newest_first = versions_in_order(self.object.versions.all())[::-1]
        try:
            page = Paginator(newest_first, self.paginate_by).page(self.request.GET.get("page", 1))
        except InvalidPage as exc:
            raise BadParameters({"page": [NO_SUCH_PAGE]}) from exc
        selectors.terms_versions_contents(page.object_list)
        context["versions"] = page.object_list
        context["page_obj"] = page
        context["allegations"] = selectors.terms_document_allegations(self.object)
        return context


class AllegationDetailView(RecordDetailView):
    """An allegation: the accused parties' table and the accuser's clause in force."""

    record_type = "allegation"
    events_field = "allegation"

    def get_queryset(self) -> QuerySet:
        return selectors.allegation_detail_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        allegation = self.object
        context["accused"] = selectors.allegation_accused_rows(allegation)
        context["accuser_clause"] = selectors.allegation_accuser_clause(allegation)
        context["competing_models_category"] = selectors.COMPETING_MODELS_CATEGORY
        # Link to the clause history only where that page has one (a vendor with public terms).
        context["accuser_has_clause_history"] = selectors.vendor_has_clause_history(
            allegation.accuser_id
        )
        return context


class CaseDetailView(RecordDetailView):
    """A court case: parties by role, settlements, decisions and the allegations it concerns."""

    record_type = "case"
    events_field = "case"

    def get_queryset(self) -> QuerySet:
        return selectors.case_detail_queryset()


class SettlementDetailView(RecordDetailView):
    """A settlement: fund, per-unit payout, class, release and approval dates."""

    record_type = "settlement"
    events_field = "settlement"

    def get_queryset(self) -> QuerySet:
        return selectors.settlement_detail_queryset()


class GuidanceDetailView(RecordDetailView):
    """A guidance document with its holdings."""

    record_type = "guidance"
    events_field = "guidance"

    def get_queryset(self) -> QuerySet:
        return selectors.guidance_detail_queryset()


class EventDetailView(RecordDetailView):
    """A single event on the timeline."""

    record_type = "event"

    def get_queryset(self) -> QuerySet:
        return selectors.event_detail_queryset()
