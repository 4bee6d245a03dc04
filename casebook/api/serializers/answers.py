"""Answers of the selectors: timeline entries, terms in force, comparisons, search hits."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested
from casebook.api.serializers.base import (
    PublicLinkField,
    RecordLinkSerializer,
    Serializer,
    TermSerializer,
)
from casebook.api.serializers.terms import ClauseSerializer, TermsVersionSummarySerializer
from casebook.records.models import DatePrecision


class AnyRecordLinkField(serializers.Field):
    """A link to a record of any type (always public: selectors return public records)."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return nested(self, RecordLinkSerializer, value)


AnyRecordLinkField = extend_schema_field(RecordLinkSerializer)(AnyRecordLinkField)


class TimelineEntrySerializer(Serializer):
    """One dated fact on the timeline, linked to the record it belongs to."""

    key = serializers.CharField(read_only=True, help_text="Stable unique id of the entry.")
    date = serializers.DateField(read_only=True)
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, source="precision", read_only=True
    )
    date_display = serializers.CharField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="E.g. 'allegation_made', 'event:ruling'."
    )
    headline = serializers.CharField(read_only=True)
    record_type = serializers.CharField(read_only=True)
    record = AnyRecordLinkField()
    parties = RecordLinkSerializer(many=True, read_only=True)


class ClauseInForceSerializer(Serializer):
    """The answer for one terms document of the vendor."""

    document = AnyRecordLinkField()
    version = TermsVersionSummarySerializer(read_only=True, allow_null=True)
    clause = ClauseSerializer(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)


class ClauseLookupSerializer(Serializer):
    """Which clause of a vendor in a category was in force on a date."""

    vendor = PublicLinkField(help_text="The vendor; null when it is not public.")
    category = TermSerializer(read_only=True)
    on = serializers.DateField(read_only=True)
    status = serializers.CharField(
        read_only=True,
        help_text="'present', 'not_present' (in the reviewed version), 'not_reviewed' or "
        "'no_version_in_force' (Casebook holds no version of any document in force then).",
    )
    status_display = serializers.SerializerMethodField()
    documents = ClauseInForceSerializer(many=True, read_only=True)

    def get_status_display(self, obj) -> str:
        from casebook.records.selectors import ClauseStatus

        return str(ClauseStatus(obj.status).label)


class TermsMatrixRowSerializer(Serializer):
    """One row of the terms matrix: a terms document, its vendor, one cell per category."""

    document = AnyRecordLinkField()
    vendor = AnyRecordLinkField()
    cells = ClauseLookupSerializer(many=True, read_only=True)


class TermsMatrixSerializer(Serializer):
    """Terms documents × clause categories, as in force on a date (one page of rows)."""

    on = serializers.DateField(read_only=True)
    categories = TermSerializer(many=True, read_only=True)
    results = serializers.SerializerMethodField()

    @extend_schema_field(TermsMatrixRowSerializer(many=True))
    def get_results(self, obj) -> list[dict]:
        rows = [
            {"document": document, "vendor": document.vendor, "cells": cells}
            for document, cells in obj.rows
        ]
        return nested(self, TermsMatrixRowSerializer, rows, many=True)


class ComparisonRowSerializer(Serializer):
    """One column of the side-by-side: an allegation's totals or one accused party."""

    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    allegation = AnyRecordLinkField()
    accused = serializers.SerializerMethodField()
    accuser = AnyRecordLinkField()
    date_display = serializers.CharField(read_only=True)
    venue = serializers.CharField(read_only=True, allow_null=True)
    accounts = serializers.IntegerField(read_only=True, allow_null=True)
    accounts_qualifier = serializers.CharField(read_only=True, allow_null=True)
    exchanges = serializers.IntegerField(read_only=True, allow_null=True)
    exchanges_qualifier = serializers.CharField(read_only=True, allow_null=True)
    figures_basis = serializers.CharField(read_only=True, allow_null=True)
    capabilities = serializers.ListField(child=serializers.CharField(), read_only=True)
    techniques = serializers.ListField(child=serializers.CharField(), read_only=True)
    legal_theories = serializers.ListField(child=serializers.CharField(), read_only=True)
    response = serializers.CharField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)
    source_count = serializers.IntegerField(read_only=True)

    @extend_schema_field(RecordLinkSerializer(allow_null=True))
    def get_accused(self, obj) -> dict | None:
        if obj.accused is None:
            return None
        return nested(self, RecordLinkSerializer, obj.accused.party)


class SearchHitSerializer(Serializer):
    record_type = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    snippet = serializers.SerializerMethodField(
        help_text="Plain text around the matches (no HTML: the portal alone highlights them)."
    )
    rank = serializers.FloatField(read_only=True)
    record = AnyRecordLinkField()

    def get_snippet(self, hit) -> str:
        """The hit's snippet as plain text, its matches unmarked."""
        return hit.snippet.text


class SearchResultsSerializer(Serializer):
    """Public records matching a full-text query, best first."""

    query = serializers.CharField(read_only=True)
    counts = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    hits = SearchHitSerializer(many=True, read_only=True)
