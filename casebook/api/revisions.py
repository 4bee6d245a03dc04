"""A record as of one of its public revisions, in the API.

``/api/v1/<type>/<slug>/revisions/`` lists a public record's public revisions
(oldest first); ``/api/v1/<type>/<slug>/revisions/<n>/`` gives the record as of
revision ``n`` in the same shape as ``/api/v1/<type>/<slug>/``, wrapped with the
revision's number, date and permalinks. A terms document as of a revision adds to
its detail's fields each version's clauses, as the revision froze them: the detail's
version summaries link (``api_url``) to what each version holds now.
What a revision freezes is said in :mod:`casebook.records.selectors.revisions`. Same
public rule as the record: 404 for a record that is not public (or a revision saved
before it was published), 410 for a retracted one.
"""

from __future__ import annotations

from django.urls import path, reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from casebook.api.exceptions import Retracted
from casebook.api.renderers import JSONRenderer
from casebook.api.schema import error_responses
from casebook.api.serializers import (
    AllegationDetailSerializer,
    CaseSerializer,
    EventSerializer,
    GuidanceSerializer,
    PartySerializer,
    SettlementSerializer,
    SourceSerializer,
    TermsDocumentWithClausesSerializer,
)
from casebook.api.views import CasebookAPIMixin
from casebook.portal.revisions import revision_url
from casebook.records import selectors
from casebook.records.models import Allegation, EditorialStatus, PublishableModel
from casebook.records.registry import RECORD_TYPES, record_type_of
from casebook.records.selectors import (
    MAX_REVISION,
    Revision,
    record_revision_get,
    record_revisions_public,
    tombstone,
)


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class RevisionSummarySerializer(serializers.Serializer):
    """One public revision of a record: its number, when it was saved and its permalinks."""

    number = serializers.IntegerField(help_text="The revision's number (stable; not 1, 2, 3).")
    date = serializers.DateTimeField(help_text="When the revision was saved.")
    portal_url = serializers.SerializerMethodField(help_text="The citation permalink.")
    api_url = serializers.SerializerMethodField(help_text="This revision in the API.")

    def get_portal_url(self, revision) -> str:
        record = self.context["record"]
        return _absolute(self.context.get("request"), revision_url(record, revision.number))

    def get_api_url(self, revision) -> str:
        record = self.context["record"]
        url = reverse(
            f"api:{record_type_of(record).name}-revision",
            kwargs={"slug": record.slug, "number": revision.number},
        )
        return _absolute(self.context.get("request"), url)


class RevisionListSerializer(serializers.Serializer):
    """A record's public revisions, oldest first, and the one in force now."""

    slug = serializers.CharField(help_text="The record's slug.")
    current = serializers.IntegerField(help_text="Number of the current revision.")
    revisions = RevisionSummarySerializer(many=True)


class RevisionSerializer(RevisionSummarySerializer):
    """A record as of one revision; subclasses set ``record`` to the type's serializer."""

    is_latest = serializers.BooleanField(
        help_text="False once the record has changed since this revision."
    )


def _revision_serializer(
    record_serializer: type[serializers.Serializer], model: type[PublishableModel]
) -> type:
    name = model.__name__
    return type(
        f"{name}RevisionSerializer",
        (RevisionSerializer,),
        {
            "record": record_serializer(
                read_only=True, help_text="The record as of this revision."
            ),
            "__doc__": f"The {name.lower()} record as of one of its public revisions.",
        },
    )


def revision_accuser_clauses(record) -> dict:
    """What a revision's record shows besides its fields: for an allegation, its accuser's
    clause in force (by the allegation's primary key); nothing for the other types."""
    if not isinstance(record, Allegation):
        return {}
    return {record.pk: selectors.allegation_accuser_clause(record)}


class _Summary:
    """A history row read as a revision summary."""

    def __init__(self, row):
        self.number, self.date = row.history_id, row.history_date


class RevisionsMixin(CasebookAPIMixin):
    """Finds the public record named by the URL's slug: 404 if none, 410 if retracted."""

    model: type[PublishableModel]
    renderer_classes = [JSONRenderer]

    def public_record(self, slug: str) -> PublishableModel:
        record = selectors.record_by_slug(self.model, slug)
        if record is not None and record.editorial_status == EditorialStatus.RETRACTED:
            raise Retracted(tombstone(record).as_dict())
        if record is None or not record.is_public:
            raise exceptions.NotFound("No public record with that slug.")
        return record


class RecordRevisionListView(RevisionsMixin, APIView):
    """The public revisions of one record."""

    def get(self, request, slug: str):
        record = self.public_record(slug)
        rows = [_Summary(row) for row in record_revisions_public(record)]
        if not rows:
            raise exceptions.NotFound("This record has no public revision.")
        self.last_modified = record.updated_at
        data = {"slug": record.slug, "current": rows[-1].number, "revisions": rows}
        context = {"request": request, "record": record}
        return Response(RevisionListSerializer(data, context=context).data)


class RecordRevisionAPIView(RevisionsMixin, APIView):
    """One record as of one of its public revisions."""

    serializer_class: type[serializers.Serializer]

    def get(self, request, slug: str, number: int):
        record = self.public_record(slug)
        revision: Revision | None = record_revision_get(record, number)
        if revision is None:
            raise exceptions.NotFound("No public revision of this record has that number.")
        context = {
            "request": request,
            "record": record,
            "keep_fields": None,
            "accuser_clauses": revision_accuser_clauses(revision.record),
        }
        return Response(self.serializer_class(revision, context=context).data)


#: Each record type's detail serializer, by the type's name (as ``/<path>/<slug>/`` answers).
DETAIL_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    "party": PartySerializer,
    "source": SourceSerializer,
    "allegation": AllegationDetailSerializer,
    "case": CaseSerializer,
    "settlement": SettlementSerializer,
    "guidance": GuidanceSerializer,
    # A revision froze its versions' clauses, which their api_url (today's) cannot give.
    "terms": TermsDocumentWithClausesSerializer,
    "event": EventSerializer,
}

NUMBER = OpenApiParameter(
    "number",
    {"type": "integer", "minimum": 1, "maximum": MAX_REVISION},
    OpenApiParameter.PATH,
    description="The revision's number, from the revision list or a permalink.",
)
SLUG = OpenApiParameter(
    "slug",
    {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    OpenApiParameter.PATH,
    description="The record's slug.",
)


def _view(base: type[APIView], name: str, schema, **attrs) -> type[APIView]:
    """A subclass of ``base`` for one record type, its ``get`` documented by ``schema``."""

    def get(self, request, *args, **kwargs):
        return base.get(self, request, *args, **kwargs)

    return type(name, (base,), {"get": schema(get), **attrs})


def _urls() -> list:
    patterns = []
    errors = error_responses(400, 401, 404, 410, 429)
    for revised_type in RECORD_TYPES:
        prefix, name, model = revised_type.path, revised_type.name, revised_type.model
        record_serializer = DETAIL_SERIALIZERS[name]
        revision_serializer = _revision_serializer(record_serializer, model)
        list_view = _view(
            RecordRevisionListView,
            f"{model.__name__}RevisionListView",
            extend_schema(
                summary=f"Public revisions of one of the {prefix}",
                operation_id=f"{prefix}_revisions_list",
                parameters=[SLUG],
                responses={200: RevisionListSerializer, **errors},
            ),
            model=model,
        )
        detail_view = _view(
            RecordRevisionAPIView,
            f"{model.__name__}RevisionView",
            extend_schema(
                summary=f"One of the {prefix} as of a revision",
                operation_id=f"{prefix}_revisions_retrieve",
                parameters=[SLUG, NUMBER],
                responses={200: revision_serializer, **errors},
            ),
            model=model,
            serializer_class=revision_serializer,
        )
        patterns += [
            path(f"{prefix}/<slug:slug>/revisions/", list_view.as_view(), name=f"{name}-revisions"),
            path(
                f"{prefix}/<slug:slug>/revisions/<int:number>/",
                detail_view.as_view(),
                name=f"{name}-revision",
            ),
        ]
    return patterns


urlpatterns = _urls()
