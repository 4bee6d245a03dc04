"""The parties' CSV from plain rows: the same bytes as the model path, no models built.

A list whose serializer shows only the record's own columns, its URLs and its
citations (the parties) is read as plain rows in chunks
(casebook/records/selectors/recordrows.py, issue #12); the JSON list still reads
models through the same serializer, which is what each test compares against.
"""

import pytest
from django.db.models.signals import post_init
from django.test import RequestFactory
from django.urls import reverse

from casebook.api.serializers import (
    AllegationSerializer,
    CaseSerializer,
    PartySerializer,
    SourceSerializer,
)
from casebook.api.views.base import plain_columns, serialized_csv_rows
from casebook.records import selectors
from casebook.records.csvwriter import csv_lines
from casebook.records.models import Allegation, Case, Citation, EditorialStatus, Party, Source
from casebook.records.selectors import eventrows
from tests.factories import CitationFactory, PartyFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST = "api:party-list"


@pytest.fixture
def world() -> None:
    """Parties with aliases, blank fields, hostile text, citations of public and draft
    sources, and parties that are not public."""
    public = SourceFactory(slug="source-public", title="=cmd")
    draft = SourceFactory(slug="source-draft", editorial_status=EditorialStatus.DRAFT)
    lab = PartyFactory(slug="party-lab", name="Lab", aliases=["L", "=L"], caveats="-x", cite=False)
    for pinpoint, source in (("p. 2", public), ("p. 1", public), ("p. 3", draft)):
        CitationFactory(record=lab, source=source, pinpoint=pinpoint)
    PartyFactory(slug="party-plain", name='@Plain, "quoted"', website="", short_name="", cite=False)
    for i in range(5):
        PartyFactory(slug=f"party-{i:02d}", cite=public)
    for status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED):
        PartyFactory(slug=f"secret-{status}", editorial_status=status, cite=public)


def model_path_csv(ordering=()) -> bytes:
    """The CSV as PartySerializer writes it over model instances (the JSON path)."""
    records = selectors.party_api_list()
    if ordering:
        records = records.order_by(*ordering)
    context = {"request": RequestFactory().get(reverse(LIST)), "keep_fields": None}
    return "".join(csv_lines(serialized_csv_rows(records, PartySerializer, context))).encode()


def csv_bytes(client, url: str, params: dict) -> bytes:
    response = client.get(url, {"format": "csv", **params})
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(("params", "ordering"), [({}, ()), ({"ordering": "-name"}, ("-name",))])
def test_api_csv_has_the_bytes_of_the_model_path(client, world, monkeypatch, params, ordering):
    monkeypatch.setattr(eventrows, "CSV_CHUNK_SIZE", 3)  # several chunks
    got = csv_bytes(client, reverse(LIST), params)
    assert got == model_path_csv(ordering)
    assert b"source-public; source-public" in got  # the lab's two public citations
    assert b"secret-" not in got and b"source-draft" not in got


def test_portal_csv_has_the_bytes_of_the_model_path(client, world):
    assert csv_bytes(client, reverse("portal:party_list"), {}) == model_path_csv()


def test_csv_builds_no_model_instances(client, world):
    made = []

    def count(sender, **kwargs):
        made.append(sender.__name__)

    for model in (Party, Source, Citation):
        post_init.connect(count, sender=model, weak=False)
    try:
        csv_bytes(client, reverse(LIST), {})
    finally:
        for model in (Party, Source, Citation):
            post_init.disconnect(count, sender=model)
    assert made == []


def test_only_lists_of_own_columns_and_citations_read_plain_rows():
    assert "aliases" in plain_columns(PartySerializer, Party)
    # Links, terms and properties need the records (or rows of their own).
    assert plain_columns(AllegationSerializer, Allegation) is None
    assert plain_columns(CaseSerializer, Case) is None
    assert plain_columns(SourceSerializer, Source) is None
