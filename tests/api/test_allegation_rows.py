"""The allegations' JSON list and CSV from plain rows: the model path's output, flat cost.

The API's allegations list (JSON pages and ``?format=csv``) and the portal's CSV
download read plain rows (casebook/records/selectors/allegationrows.py, issue #12)
instead of model instances with their prefetches. The detail still reads a model
(``allegation_api_list``) through the same serializer; each test here compares the
list with what that model path writes for the same rows, on a world that mixes what
the rows must get right: several accused parties (one a draft), capabilities,
techniques, legal theories, topics, citations of public and draft sources, null
figures and dates, a breached clause of a public and of a draft terms document, an
accuser that is a draft, hostile characters, and allegations that are not public.
"""

import csv
import datetime
import io
import json

import pytest
from django.db.models.signals import post_init
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.renderers import JSONRenderer

from casebook.api.serializers import AllegationSerializer
from casebook.api.views.base import serialized_csv_rows
from casebook.records import selectors
from casebook.records.csvwriter import csv_lines
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Citation,
    DatePrecision,
    EditorialStatus,
    LegalTheory,
    Party,
    Source,
    Technique,
    Topic,
)
from casebook.records.selectors import eventrows
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CitationFactory,
    ClauseFactory,
    LegalTheoryFactory,
    PartyFactory,
    SourceFactory,
    TechniqueFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LIST = "api:allegation-list"
DRAFT = EditorialStatus.DRAFT
OMITTED = {"summary", "topics"}
HIDDEN_SLUGS = ["secret-draft", "secret-review", "secret-retracted", "party-draft", "source-draft"]


def cite(record, *cited) -> None:
    for pinpoint, source in cited:
        CitationFactory(record=record, source=source, pinpoint=pinpoint, quote=f"Quote {pinpoint}")


@pytest.fixture
def world() -> None:
    """The allegations of the module docstring, with explicit slugs."""
    public_a = PartyFactory(slug="party-a", name="Accused A", cite=False)
    public_b = PartyFactory(slug="party-b", name="", cite=False)  # no name: the slug shows
    hostile = PartyFactory(slug="party-hostile", name='=HYPERLINK("x","y")', cite=False)
    draft_party = PartyFactory(slug="party-draft", name="Draft", editorial_status=DRAFT, cite=False)
    s1 = SourceFactory(slug="source-1", title="@SUM(1+1)")
    s2 = SourceFactory(slug="source-2", url="")
    s3 = SourceFactory(slug="source-draft", editorial_status=DRAFT)
    caps = [CapabilityFactory(slug=s, name=n) for s, n in (("cod", "Coding"), ("rea", "Reason"))]
    tech = TechniqueFactory(slug="cot", name='Chain-of-thought, "elicited"')
    theories = [LegalTheoryFactory(slug="contract"), LegalTheoryFactory(slug="copyright")]
    topics = [TopicFactory(slug="distillation"), TopicFactory(slug="aa-first", name="Aa first")]
    public_doc = TermsVersionFactory(document=TermsDocumentFactory(slug="terms-public"))
    draft_doc = TermsVersionFactory(
        document=TermsDocumentFactory(slug="terms-draft", editorial_status=DRAFT),
        effective_from=None,
    )
    full = AllegationFactory(
        slug="alleg-full",
        title='Full, with "quotes"\nand a newline',
        accuser=PartyFactory(slug="party-accuser", name="Accuser Lab", cite=False),
        figures_source=s1,
        figures_pinpoint="-p. 3",
        conduct_start=datetime.date(2025, 3, 1),
        conduct_start_precision=DatePrecision.MONTH,
        conduct_end=datetime.date(2025, 12, 31),
        status_as_of=datetime.date(2026, 1, 2),
        caveats="+caveat",
        breached_clause=ClauseFactory(version=public_doc, section=""),
        cite=False,
    )
    full.legal_theories.set(theories)
    full.topics.set(topics)
    cite(full, ("p. 2", s2), ("p. 1", s1), ("p. 9", s3), ("p. 0", s1))
    first = AccusedPartyFactory(
        allegation=full,
        party=public_a,
        accounts=None,
        figures_source=s1,
        response=AccusedParty.Response.DENIAL,
        response_source=s3,
        response_on=datetime.date(2026, 2, 1),
    )
    first.capabilities.set(caps)
    first.techniques.set([tech])
    AccusedPartyFactory(allegation=full, party=public_b, exchanges=None, response_source=s2)
    AccusedPartyFactory(allegation=full, party=draft_party, exchanges=10**9)
    AccusedPartyFactory(allegation=full, party=hostile, exchanges=-1 + 10**6, conduct="@cmd")
    empty = AllegationFactory(
        slug="alleg-null",
        title="-2+3",
        summary="\r=1+1",
        accuser=draft_party,
        accounts=None,
        exchanges=None,
        figures_source=s3,
        breached_clause=ClauseFactory(version=draft_doc),
        made_on_precision=DatePrecision.YEAR,
        cite=False,
    )
    AccusedPartyFactory(allegation=empty, party=hostile, accounts=0)
    AllegationFactory(slug="alleg-plain", title="Plain", venue_detail="\t=1+1", cite=s2)
    for slug, status in (
        ("secret-draft", DRAFT),
        ("secret-review", EditorialStatus.IN_REVIEW),
        ("secret-retracted", EditorialStatus.RETRACTED),
    ):
        hidden = AllegationFactory(slug=slug, title=slug, editorial_status=status, cite=s1)
        AccusedPartyFactory(allegation=hidden, party=public_a)


def model_path_csv(ordering=(), keep_fields=None) -> bytes:
    """The CSV as the model path writes it: AllegationSerializer over model instances
    read with ``allegation_api_list``'s prefetches (what the JSON list shows)."""
    request = RequestFactory().get(reverse(LIST))
    records = selectors.allegation_api_list()
    if ordering:
        records = records.order_by(*ordering)
    context = {"request": request, "keep_fields": keep_fields, "accuser_clauses": {}}
    return "".join(csv_lines(serialized_csv_rows(records, AllegationSerializer, context))).encode()


def model_path_json(records, keep_fields=None) -> list[dict]:
    """``records`` (model instances) as the JSON list's ``results`` would show them."""
    request = RequestFactory().get(reverse(LIST))
    context = {"request": request, "keep_fields": keep_fields, "accuser_clauses": {}}
    data = AllegationSerializer(records, many=True, context=context).data
    return json.loads(JSONRenderer().render(data))


def csv_bytes(client, url: str, params: dict) -> bytes:
    response = client.get(url, {"format": "csv", **params})
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("params", "ordering", "keep"),
    [
        ({}, (), None),
        ({"ordering": "title"}, ("title",), None),
        ({"ordering": "-updated_at"}, ("-updated_at",), None),
        (
            {"fields": "slug,accused,breached_clause,citations,accuser"},
            (),
            {"slug", "accused", "breached_clause", "citations", "accuser"},
        ),
        ({"omit": "summary,topics"}, (), set(AllegationSerializer().fields) - OMITTED),
    ],
)
def test_api_csv_has_the_bytes_of_the_model_path(client, world, params, ordering, keep):
    got = csv_bytes(client, reverse(LIST), params)
    assert got == model_path_csv(ordering, keep)
    assert got.count(b"\n") > 3  # header and the three public allegations at least


def test_portal_csv_has_the_bytes_of_the_model_path(client, world):
    got = csv_bytes(client, reverse("portal:allegation_list"), {})
    assert got == model_path_csv()


@pytest.mark.parametrize(
    ("params", "ordering", "window", "keep"),
    [
        ({}, (), slice(None), None),
        ({"ordering": "-title"}, ("-title",), slice(None), None),
        ({"page_size": "2", "page": "2"}, (), slice(2, 4), None),
        ({"page_size": "1"}, ("-updated_at",), slice(0, 1), None),
        ({"fields": "slug,accused,breached_clause"}, (), slice(None), {"slug", "accused"}),
        ({"omit": "summary,topics"}, (), slice(None), set(AllegationSerializer().fields) - OMITTED),
    ],
)
def test_json_list_shows_what_the_model_path_shows(client, world, params, ordering, window, keep):
    if params.get("page_size") == "1":  # the newest change first
        params = {**params, "ordering": "-updated_at"}
    if "fields" in params:
        keep = set(params["fields"].split(","))
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200, response.content
    records = selectors.allegation_api_list()
    if ordering:
        records = records.order_by(*ordering)
    expected = model_path_json(list(records)[window], keep)
    assert response.json()["results"] == expected
    assert response.json()["count"] == 3
    assert expected  # a page that shows something


def test_json_sync_by_cursor_shows_what_the_model_path_shows(client, world):
    """``updated_since`` pages by cursor over the rows, oldest change first."""
    since = "2000-01-01T00:00:00Z"
    changed = selectors.allegation_api_list().order_by("updated_at", "id")
    got, url, params = [], reverse(LIST), {"updated_since": since, "page_size": "2"}
    while url:
        answer = client.get(url, params).json()
        got += answer["results"]
        url, params = answer["next"], {}
    assert got == model_path_json(list(changed))
    assert len(got) == 3


def test_csv_shows_links_terms_and_nulls_and_hides_what_is_not_public(client, world):
    text = csv_bytes(client, reverse(LIST), {}).decode()
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert set(rows) == {"alleg-full", "alleg-null", "alleg-plain"}
    full, empty = rows["alleg-full"], rows["alleg-null"]
    # Public accused rows only (their order, by exchanges with a null among them, is
    # the database's: the byte comparisons above check it), the draft party's left out.
    assert sorted(full["accused"].split("; ")) == ["party-a", "party-b", "party-hostile"]
    assert full["legal_theories"] == "contract; copyright"
    assert full["topics"] == "aa-first; distillation"
    assert full["citations"] == "source-1; source-1; source-2"
    assert full["figures_source"] == "source-1"
    assert full["conduct_start_display"] == "March 2025"
    assert (
        '"document": {"api_url": "http://testserver/api/v1/terms/terms-public/"'
        in (full["breached_clause"])
    )
    assert full["caveats"] == "'+caveat"
    # A draft accuser, figures' source and terms document show as empty cells.
    assert (empty["accuser"], empty["figures_source"], empty["breached_clause"]) == ("", "", "")
    assert (empty["accounts"], empty["accounts_qualifier"], empty["title"]) == ("", "", "'-2+3")
    assert empty["accused"] == "party-hostile"
    for slug in HIDDEN_SLUGS:
        assert slug not in text


def test_list_and_csv_build_no_model_instances(client, world, monkeypatch):
    """The rows are plain: no allegation, accused row, party, source, term or citation
    is made into a model (which is what cost the time, issue #12)."""
    made = []
    models = (Allegation, AccusedParty, Party, Source, Citation, Capability, Technique)
    models += (LegalTheory, Topic)

    def count(sender, **kwargs):
        made.append(sender.__name__)

    for model in models:
        post_init.connect(count, sender=model, weak=False)
    try:
        csv_bytes(client, reverse(LIST), {})
        csv_bytes(client, reverse("portal:allegation_list"), {})
        assert client.get(reverse(LIST)).json()["count"] == 3
    finally:
        for model in models:
            post_init.disconnect(count, sender=model)
    assert made == []


def test_csv_runs_six_queries_a_chunk(client, django_assert_max_num_queries, monkeypatch):
    """Accused rows, capabilities, techniques, legal theories, topics and citations:
    one query each per chunk of allegations, whatever the chunk holds."""
    accused = PartyFactory(slug="party-x", cite=False)
    capability = CapabilityFactory()
    for i in range(6):
        allegation = AllegationFactory(slug=f"alleg-{i}", cite=True)
        allegation.topics.add(TopicFactory())
        AccusedPartyFactory(allegation=allegation, party=accused).capabilities.add(capability)
    monkeypatch.setattr(eventrows, "CSV_CHUNK_SIZE", 2)
    counts = []
    for limit in (2, 6):
        Allegation.objects.filter(slug__in=[f"alleg-{i}" for i in range(limit, 6)]).update(
            editorial_status=DRAFT
        )
        with django_assert_max_num_queries(100) as captured:
            assert csv_bytes(client, reverse(LIST), {}).count(b"\r\n") == limit + 1
        counts.append(len(captured))
        Allegation.objects.update(editorial_status=EditorialStatus.PUBLISHED)
    # Two more chunks of two: twelve more queries, not one per row or relation.
    assert counts[1] - counts[0] == 2 * 6
