"""``/api/v1/accused-parties/``: one row per accused party, with that party's own figures.

What a data desk asks for first: not one row per allegation with the accused
nested inside, but one flat row per (allegation, accused party) pair — the
accuser, the party, its own accounts and exchanges with their qualifiers, the
conduct, capabilities, techniques and the response — as JSON pages or as one
streamed CSV. Each row's ``key`` is ``<allegation slug>/<party slug>``, and
``/api/v1/accused-parties/<allegation>/<party>/`` answers that row alone.
"""

from __future__ import annotations

import datetime

from django.db.models import F
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers

from casebook.api import filters
from casebook.api.schema import FIELDS_PARAMETERS
from casebook.api.serializers import AccusedPartySerializer, PublicLinkField, SelectableFieldsMixin
from casebook.api.views import DETAIL_ERRORS, KEYED_LIST_DESCRIPTION, LIST_ERRORS, KeyedRowViewSet
from casebook.records import selectors
from casebook.records.models import AccusedParty, Allegation, DatePrecision


def accused_party_key(row: AccusedParty) -> str:
    """Stable id of an accused row: ``<allegation slug>/<party slug>``."""
    return f"{row.allegation.slug}/{row.party.slug}"


class AccusedPartyRowSerializer(SelectableFieldsMixin, AccusedPartySerializer):
    """One accused party of a public allegation, flat: the allegation's row as the
    allegation shows it (:class:`AccusedPartySerializer`), with its key and allegation."""

    key = serializers.SerializerMethodField(help_text="Stable id: '<allegation>/<party>'.")
    api_url = serializers.SerializerMethodField(help_text="This row in the API.")
    allegation = PublicLinkField(help_text="The allegation.")
    accuser = PublicLinkField(source="allegation.accuser", help_text="Who made it.")
    made_on = serializers.DateField(source="allegation.made_on", read_only=True)
    made_on_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, source="allegation.made_on_precision", read_only=True
    )
    made_on_display = serializers.CharField(source="allegation.made_on_display", read_only=True)
    status = serializers.ChoiceField(
        choices=Allegation.Status.choices, source="allegation.status", read_only=True
    )

    class Meta(AccusedPartySerializer.Meta):
        fields = [
            "key",
            "api_url",
            "allegation",
            "accuser",
            "made_on",
            "made_on_precision",
            "made_on_display",
            "status",
            *AccusedPartySerializer.Meta.fields,
            "updated_at",
        ]

    def get_key(self, obj) -> str:
        return accused_party_key(obj)

    def get_api_url(self, obj) -> str:
        kwargs = {"allegation": obj.allegation.slug, "party": obj.party.slug}
        path = reverse("api:accused-party-detail", kwargs=kwargs)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_view(
    list=extend_schema(
        summary="List accused parties, one row each",
        description="One row per accused party of every public allegation, with that party's "
        "own figures (accounts, exchanges, their qualifiers and basis), conduct, capabilities, "
        "techniques and response. Ordered by the allegation's date, then allegation and party."
        + KEYED_LIST_DESCRIPTION,
        parameters=FIELDS_PARAMETERS,
        responses={
            (200, "application/json"): AccusedPartyRowSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV rows."),
            **LIST_ERRORS,
        },
    ),
)
class AccusedPartyViewSet(KeyedRowViewSet):
    """Accused parties of public allegations, one flat row each."""

    serializer_class = AccusedPartyRowSerializer
    filterset_class = filters.AccusedPartyFilterSet
    ordering_fields = ["made_on", "exchanges", "accounts", "updated_at"]
    basename = "accused-party"

    def get_queryset(self):
        # ``made_on`` sorts by the allegation's date under the name the rows show it.
        return selectors.accused_party_rows().annotate(made_on=F("allegation__made_on"))

    @extend_schema(
        summary="One accused party of an allegation",
        description="The row of the party accused in the public allegation. Its `key` is "
        "'<allegation>/<party>'.",
        parameters=[
            OpenApiParameter(
                "allegation", str, OpenApiParameter.PATH, description="The allegation's slug."
            ),
            OpenApiParameter(
                "party", str, OpenApiParameter.PATH, description="The accused party's slug."
            ),
            *FIELDS_PARAMETERS,
        ],
        responses={200: AccusedPartyRowSerializer, **DETAIL_ERRORS},
    )
    def retrieve_key(self, request, *args, **kwargs):
        return super().retrieve_key(request, *args, **kwargs)

    def key_filter(self) -> dict:
        return {"allegation__slug": self.kwargs["allegation"], "party__slug": self.kwargs["party"]}

    def get_object(self) -> AccusedParty:
        row = self.get_queryset().filter(**self.key_filter()).first()
        if row is None:
            raise Http404
        return row

    def canonical_url(self, obj) -> None:
        return None  # a row has one key: no old keys to redirect from

    def changed_at(self, row) -> datetime.datetime:
        return max(row.updated_at, row.allegation.updated_at)
