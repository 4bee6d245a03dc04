"""The CSV of each record list, one set of columns for the API and the portal.

A list's CSV columns are the fields of the API's list serializer of that
record type, declared once there: ``/api/v1/<type>/?format=csv`` streams them,
and the portal's "Download as CSV" of the same list streams the same rows
(:func:`record_list_csv`), so a data desk's script and a reader's spreadsheet
have the same header and cells. The portal filters and orders the records; the
rows are read through the API's queryset and the viewset's ``csv_records`` (plain
rows in chunks for allegations and events, else records with their prefetches).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from casebook.api.views.base import serialized_csv_rows
from casebook.api.views.records import (
    AllegationViewSet,
    CaseViewSet,
    EventViewSet,
    GuidanceViewSet,
    PartyViewSet,
    RecordViewSet,
    SettlementViewSet,
    SourceViewSet,
    TermsDocumentViewSet,
)
from casebook.records import csvwriter

#: The API endpoint whose list serializer gives each record type's CSV columns.
RECORD_LIST_VIEWSETS: dict[str, type[RecordViewSet]] = {
    "party": PartyViewSet,
    "source": SourceViewSet,
    "terms": TermsDocumentViewSet,
    "allegation": AllegationViewSet,
    "case": CaseViewSet,
    "settlement": SettlementViewSet,
    "guidance": GuidanceViewSet,
    "event": EventViewSet,
}


def record_list_csv(
    request: HttpRequest, record_type: str, records: QuerySet, filename: str
) -> StreamingHttpResponse:
    """``records`` (filtered and ordered public rows of ``record_type``) as the API's CSV.

    Every column, as in the API without ``fields``/``omit``; links are absolute
    URLs of ``request``'s host. ``filename`` is the download's name without ``.csv``.
    """
    viewset = RECORD_LIST_VIEWSETS[record_type](action="list", request=request)
    rows_of = viewset.get_queryset().filter(pk__in=records.values("pk"))
    ordered = rows_of.order_by(*records.query.order_by)
    context = {"request": request, "keep_fields": None}
    records = viewset.csv_records(ordered)
    rows = serialized_csv_rows(records, viewset.get_serializer_class(), context)
    return csvwriter.csv_response(rows, filename)
