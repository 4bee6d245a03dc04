"""No draft, in-review or retracted record shows on any public surface."""

import pytest
from django.urls import reverse

from casebook.portal.sitemaps import SITEMAPS
from casebook.records import selectors
from casebook.records.models import CaseParty, EditorialStatus
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    CasePartyFactory,
    CitationFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)
from tests.portal.conftest import build_world, page_urls

pytestmark = pytest.mark.django_db

MARK = "zyx"  # in every hidden record's name; appears nowhere else


@pytest.fixture
def mixed(db):
    """A public world, a hidden world per unpublished status, and hidden rows in public records."""
    public = build_world()
    hidden = {
        status: build_world(status=status, mark=f"Zyx{status}")
        for status in (
            EditorialStatus.DRAFT,
            EditorialStatus.IN_REVIEW,
            EditorialStatus.RETRACTED,
        )
    }
    draft = EditorialStatus.DRAFT
    hidden_party = PartyFactory(name="Zyx hidden accused", editorial_status=draft)
    AccusedPartyFactory(allegation=public.allegation, party=hidden_party, exchanges=10**12)
    CasePartyFactory(case=public.case, party=hidden_party, role=CaseParty.Role.DEFENDANT)
    public.event.parties.add(hidden_party)
    CitationFactory(
        record=public.allegation,
        source=SourceFactory(title="Zyx hidden source", editorial_status=draft),
    )
    EventFactory(headline="Zyx event of a draft allegation", allegation=hidden[draft].allegation)
    hidden_terms = TermsDocumentFactory(
        vendor=public.accuser, title="Zyx hidden terms", editorial_status=draft
    )
    ClauseFactory(version=TermsVersionFactory(document=hidden_terms), text="Zyx hidden clause text")
    GuidanceFactory(title="Zyx superseding draft", editorial_status=draft).supersedes.add(
        public.guidance
    )
    return public, hidden


@pytest.fixture
def linked_to_hidden(mixed):
    """Published records whose required link (accuser, court, issuer ...) is not public."""
    _, hidden = mixed
    party = PartyFactory(name="Zyx hidden linked party", editorial_status=EditorialStatus.DRAFT)
    return [
        AllegationFactory(title="Allegation of a hidden accuser", accuser=party),
        CaseFactory(name="Case in a hidden court", court=party),
        GuidanceFactory(title="Guidance of a hidden issuer", issuer=party),
        TermsDocumentFactory(title="Terms of a hidden vendor", vendor=party),
        SettlementFactory(
            title="Settlement of a hidden case", case=hidden[EditorialStatus.DRAFT].case
        ),
    ]


def test_no_unpublished_record_shows_on_any_public_surface(client, mixed, linked_to_hidden):
    public, hidden = mixed
    urls = [
        *page_urls(public),
        *(record.get_absolute_url() for record in linked_to_hidden),
        reverse("portal:home"),
        reverse("portal:search") + "?q=hidden",
        reverse("portal:search") + "?q=draft allegation",
        reverse("portal:search") + "?q=Accused",
        reverse("portal:timeline") + f"?party={public.accused.slug}",
        reverse("portal:feed"),
        reverse("portal:sitemap"),
        *(reverse("portal:sitemap_section", args=[key]) for key in SITEMAPS),
        *(
            reverse(f"portal:{t}_list") + "?format=csv"
            for t in ("party", "source", "terms", "allegation", "case", "settlement")
        ),
        reverse("portal:guidance_list") + "?format=csv",
        reverse("portal:event_list") + "?format=csv",
    ]
    for key, _ in selectors.comparison_choices():
        urls.append(reverse("portal:compare") + f"?key={key}&key={public.allegation.slug}")
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARK not in body.decode().lower(), url


def test_unpublished_records_are_not_found_and_retracted_ones_gone(client, mixed):
    _, hidden = mixed
    for status, world in hidden.items():
        expected = 410 if status == EditorialStatus.RETRACTED else 404
        for record in world.records:
            assert client.get(record.get_absolute_url()).status_code == expected, record


def test_search_finds_nothing_unpublished(client, mixed):
    results = client.get(reverse("portal:search"), {"q": "zyx"}).context["results"]
    assert results.hits == []
    assert sum(results.counts.values()) == 0
