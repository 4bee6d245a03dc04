"""Kind: orderings with ties.

Thirty records with equal values in every field a list can be ordered by: walking
every page (API page numbers and cursors, portal pages) for every ordering, in
both directions, shows each record exactly once. On PostgreSQL, whose top-N sort
does not keep ties in a stable order, this failed before every ordering ended
with the primary key.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from casebook.api import views as api_views
from casebook.portal import views as portal_views
from casebook.records.models import (
    Allegation,
    Case,
    Clause,
    Event,
    Guidance,
    Party,
    Settlement,
    Source,
    TermsDocument,
    TermsVersion,
)
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

COUNT = 30
SAME_DAY = datetime.date(2025, 6, 1)
SAME_MOMENT = timezone.make_aware(datetime.datetime(2025, 6, 1, 12, 0))


def build_ties(record_type: str) -> list[str]:
    """``COUNT`` public records of one type, alike in every orderable field; their keys."""
    source = SourceFactory(slug="the-source")
    category = ClauseCategoryFactory(slug="cat", name="Cat")
    vendor = PartyFactory(slug="the-vendor", name="Same", cite=source)
    for i in range(COUNT):
        if record_type == "party":
            PartyFactory(slug=f"r{i:02}", name="Same", cite=source)
        elif record_type == "source":
            SourceFactory(slug=f"r{i:02}", title="Same", publisher="Same")
        elif record_type == "allegation":
            AllegationFactory(slug=f"r{i:02}", title="Same", accuser=vendor, cite=source)
        elif record_type == "case":
            CaseFactory(slug=f"r{i:02}", name="Same", cite=source)
        elif record_type == "settlement":
            SettlementFactory(slug=f"r{i:02}", title="Same", cite=source)
        elif record_type == "guidance":
            GuidanceFactory(slug=f"r{i:02}", title="Same", cite=source)
        elif record_type in ("terms", "terms-version", "clause"):
            document = TermsDocumentFactory(
                slug=f"r{i:02}", title="Same", vendor=vendor, cite=source
            )
            version = TermsVersionFactory(document=document, effective_from=SAME_DAY)
            ClauseFactory(version=version, category=category)
        elif record_type == "event":
            EventFactory(slug=f"r{i:02}", headline="Same", cite=source)
    # Every date, amount and timestamp the same (updated_at included: no auto_now on update()).
    for model, fields in {
        Source: {"published_on": SAME_DAY},
        Allegation: {"made_on": SAME_DAY},
        Case: {"filed_on": SAME_DAY},
        Settlement: {"announced_on": SAME_DAY, "amount": Decimal("100.00")},
        Guidance: {"issued_on": SAME_DAY},
        Event: {"date": SAME_DAY},
        Party: {"kind": Party.Kind.COMPANY, "country": "US"},
    }.items():
        model.objects.update(**fields)
    for model in (Party, Source, Allegation, Case, Settlement, Guidance, Event):
        model.objects.update(updated_at=SAME_MOMENT)
    TermsDocument.objects.update(updated_at=SAME_MOMENT)
    TermsVersion.objects.update(updated_at=SAME_MOMENT)
    Clause.objects.update(updated_at=SAME_MOMENT)
    return [f"r{i:02}" for i in range(COUNT)]


def api_key(record_type: str, row: dict) -> str:
    if record_type == "terms-version":
        return row["document"]["slug"] if isinstance(row["document"], dict) else row["document"]
    if record_type == "clause":
        return row["key"].split("/")[0]
    return row["slug"]


API_LISTS = {
    "party": api_views.PartyViewSet,
    "source": api_views.SourceViewSet,
    "allegation": api_views.AllegationViewSet,
    "case": api_views.CaseViewSet,
    "settlement": api_views.SettlementViewSet,
    "guidance": api_views.GuidanceViewSet,
    "terms": api_views.TermsDocumentViewSet,
    "terms-version": api_views.TermsVersionViewSet,
    "clause": api_views.ClauseViewSet,
    "event": api_views.EventViewSet,
}
API_PATHS = {
    "party": "parties",
    "source": "sources",
    "allegation": "allegations",
    "case": "cases",
    "settlement": "settlements",
    "guidance": "guidance",
    "terms": "terms",
    "terms-version": "terms-versions",
    "clause": "clauses",
    "event": "events",
}


def walk(client, url: str, params: dict) -> list[dict]:
    """Every row of a paged API list, following ``next`` to the end."""
    rows: list[dict] = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        if not body["next"]:
            return rows
        cache.clear()  # throttle counts
        response = client.get(body["next"])


def owned(record_type: str, keys: list[str], rows: list[str]) -> list[str]:
    """The keys of the tied records among a list's rows (other records left out)."""
    return sorted(k for k in rows if k in set(keys))


@pytest.mark.parametrize("record_type", sorted(API_LISTS))
def test_api_pages_show_each_tied_record_once_in_every_ordering(client, record_type):
    keys = build_ties(record_type)
    url = f"/api/v1/{API_PATHS[record_type]}/"
    orderings = [None]
    for field in API_LISTS[record_type].ordering_fields:
        orderings += [field, f"-{field}"]
    for ordering in orderings:
        cache.clear()
        params = {"page_size": 7} | ({"ordering": ordering} if ordering else {})
        rows = walk(client, url, params)
        seen = [api_key(record_type, row) for row in rows]
        assert owned(record_type, keys, seen) == keys, (ordering, seen)


@pytest.mark.parametrize(
    "record_type", ["party", "source", "allegation", "case", "settlement", "guidance", "event"]
)
def test_api_cursor_pages_show_each_tied_record_once(client, record_type):
    keys = build_ties(record_type)
    rows = walk(
        client,
        f"/api/v1/{API_PATHS[record_type]}/",
        {"updated_since": "2000-01-01", "page_size": 7},
    )
    assert owned(record_type, keys, [row["slug"] for row in rows]) == keys


PORTAL_LISTS = {
    "party": ("/parties/", portal_views.PartyListView),
    "source": ("/sources/", portal_views.SourceListView),
    "allegation": ("/allegations/", portal_views.AllegationListView),
    "case": ("/cases/", portal_views.CaseListView),
    "settlement": ("/settlements/", portal_views.SettlementListView),
    "guidance": ("/guidance/", portal_views.GuidanceListView),
    "terms": ("/terms/", portal_views.TermsListView),
    "event": ("/events/", portal_views.EventListView),
}


@pytest.mark.parametrize("record_type", sorted(PORTAL_LISTS))
def test_portal_pages_show_each_tied_record_once_in_every_ordering(
    client, monkeypatch, record_type
):
    keys = build_ties(record_type)
    url, view = PORTAL_LISTS[record_type]
    # Small pages, as in the API test: more page boundaries for ties to cross.
    monkeypatch.setattr(view, "paginate_by", 7)
    ordering_filter = view.filterset_class.base_filters["ordering"]
    choices = [value for value, _ in ordering_filter.field.choices if value]
    assert choices
    for ordering in [None, *choices]:
        seen: list[str] = []
        page = 1
        while True:
            params = {"page": page} | ({"ordering": ordering} if ordering else {})
            response = client.get(url, params)
            assert response.status_code == 200, (ordering, page)
            seen += [record.slug for record in response.context["object_list"]]
            if not response.context["page_obj"].has_next():
                break
            page += 1
        assert page > 1  # the walk crossed pages
        assert owned(record_type, keys, seen) == keys, (ordering, seen)
