"""No draft, in-review or retracted record appears in any response, CSV or dump."""

import datetime
import json

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    CasePartyFactory,
    CitationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
MARK = "zzhidden"


@pytest.fixture
def world():
    """Published records linked to hidden ones of every type, all hidden ones marked."""
    category = ClauseCategoryFactory(slug="no-competing-models")
    vendor = PartyFactory(slug="vendor")
    document = TermsDocumentFactory(slug="vendor-terms", vendor=vendor)
    ClauseFactory(version__document=document, category=category)
    allegation = AllegationFactory(slug="allegation", accuser=vendor)
    AccusedPartyFactory(allegation=allegation, party=PartyFactory(slug="rival"))
    case = CaseFactory(slug="case")
    SettlementFactory(slug="settlement", case=case)
    HoldingFactory(guidance__slug="guidance")
    EventFactory(slug="event")
    for n, status in enumerate(HIDDEN):
        tag = f"{MARK}-{n}"
        hidden_source = SourceFactory(slug=f"{tag}-source", editorial_status=status)
        hidden_party = PartyFactory(slug=f"{tag}-party", editorial_status=status)
        # Hidden links from published records.
        AccusedPartyFactory(allegation=allegation, party=hidden_party)
        CasePartyFactory(case=case, party=hidden_party)
        CitationFactory(record=allegation, source=hidden_source)
        # Hidden records of every type, and published ones hanging off hidden ones.
        hidden_document = TermsDocumentFactory(
            slug=f"{tag}-terms", vendor=vendor, editorial_status=status
        )
        ClauseFactory(
            version__document=hidden_document,
            version__effective_from=datetime.date(2020, 1, 1),
            category=category,
            text=f"{tag} clause",
        )
        hidden_allegation = AllegationFactory(
            slug=f"{tag}-allegation", accuser=hidden_party, editorial_status=status
        )
        case.allegations.add(hidden_allegation)
        hidden_case = CaseFactory(slug=f"{tag}-case", editorial_status=status)
        SettlementFactory(slug=f"{tag}-settlement", case=hidden_case, editorial_status=status)
        GuidanceFactory(slug=f"{tag}-guidance", issuer=hidden_party, editorial_status=status)
        EventFactory(slug=f"{tag}-event", editorial_status=status)
        EventFactory(slug=f"{tag}-of-hidden", allegation=hidden_allegation)
        event = EventFactory(slug=f"published-event-{n}")
        event.parties.add(hidden_party)
        # Published records whose required link (accuser, court ...) is hidden.
        AllegationFactory(slug=f"published-by-hidden-{n}", accuser=hidden_party)
        CaseFactory(slug=f"published-in-hidden-court-{n}", court=hidden_party)
        GuidanceFactory(slug=f"published-of-hidden-issuer-{n}", issuer=hidden_party)
        TermsDocumentFactory(slug=f"published-of-hidden-vendor-{n}", vendor=hidden_party)
        SettlementFactory(slug=f"published-of-hidden-case-{n}", case=hidden_case)


def endpoints() -> list[tuple[str, dict]]:
    lists = ["party", "source", "allegation", "case", "settlement", "guidance", "terms", "clause"]
    lists.append("event")
    urls = []
    for name in lists:
        urls.append((reverse(f"api:{name}-list"), {}))
        urls.append((reverse(f"api:{name}-list"), {"format": "csv"}))
        if name != "clause":  # clauses are rows of a terms document, not records
            urls.append((reverse(f"api:{name}-list"), {"updated_since": "2000-01-01"}))
    for name, slug in [
        ("party", "vendor"),
        ("allegation", "allegation"),
        ("case", "case"),
        ("settlement", "settlement"),
        ("guidance", "guidance"),
        ("terms", "vendor-terms"),
        ("event", "event"),
    ]:
        urls.append((reverse(f"api:{name}-detail", kwargs={"slug": slug}), {}))
    urls += [
        (reverse("api:timeline"), {}),
        (reverse("api:timeline"), {"format": "csv"}),
        (
            reverse("api:clause-in-force"),
            {"vendor": "vendor", "category": "no-competing-models", "on": "2026-01-01"},
        ),
        (reverse("api:terms-matrix"), {"on": "2026-01-01"}),
        (reverse("api:compare"), {"key": ["allegation", "allegation/rival"]}),
        (reverse("api:search"), {"q": "a"}),
        (reverse("api:search"), {"q": "Party", "format": "csv"}),
        (reverse("api:dump"), {}),
    ]
    return urls


def body(response) -> str:
    """The response's text, without the tombstones of retracted records (slug, type, date
    and note only: their own tests check that nothing else of the record is in them)."""
    text = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(text)
        if isinstance(data, dict) and "retracted" in data:
            data.pop("retracted")
            return json.dumps(data)
    return text.decode()


def test_nothing_hidden_in_any_endpoint_or_format(api, world):
    for url, params in endpoints():
        response = api.get(url, params)
        assert response.status_code == 200, (url, params, response.content[:300])
        text = body(response)
        assert MARK not in text, (url, params)
        assert len(text) > 50, (url, params)


def test_search_finds_no_hidden_record(api, world):
    response = api.get(reverse("api:search"), {"q": MARK})
    assert response.json()["count"] == 0
    assert set(response.json()["counts"].values()) == {0}
    assert api.get(reverse("api:search"), {"q": "Party"}).json()["count"] > 0


@pytest.mark.parametrize("status", HIDDEN[:2])
def test_hidden_records_have_no_detail(api, status):
    allegation = AllegationFactory(editorial_status=status)
    response = api.get(reverse("api:allegation-detail", kwargs={"slug": allegation.slug}))
    assert response.status_code == 404
