"""Suggested clauses and proposed changes never reach a public surface.

An OTA import of a published document leaves pending suggestions, a confirmed
and a carried-over clause, and a draft change proposal. Every text field of
every suggestion holds a marker, and so does the proposal; every public URL of
the portal and the API (pages, lists, CSV, search, timeline, matrix, clause
history, feed, sitemap, dump) is fetched and none may show them. The confirmed
clauses show, with their carry-over note.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from casebook.records.clauses.services import suggestion_confirm
from casebook.records.models import ClauseChangeProposal, ClauseSuggestion
from tests import factories
from tests.records.clause_world import CLAUSE, build_repo, import_ota, make_world, versions
from tests.test_no_leak_links import public_urls, text_of

pytestmark = pytest.mark.django_db
MARK = "zzsuggested"


@pytest.fixture
def world(tmp_path):
    world = make_world()
    import_ota(build_repo(tmp_path / "versions").path)
    v2025 = versions(world["document"])[1]
    suggestion_confirm(suggestion=v2025.clause_suggestions.get(), user=factories.StaffUserFactory())
    for n, suggestion in enumerate(ClauseSuggestion.objects.filter(status="pending")):
        suggestion.section = f"{MARK} section {n}"
        suggestion.text = f"{MARK} passage {n}"
        suggestion.save()
    rejected = ClauseSuggestion.objects.create(
        version=v2025, category=world["category"], text=f"{MARK} rejected", status="rejected"
    )
    assert rejected.pk
    (proposal,) = ClauseChangeProposal.objects.all()
    proposal.event.description += f"\n\n{MARK} proposal"
    proposal.event.save()
    world["proposal"] = proposal.event
    return world


def test_no_public_surface_shows_a_suggestion_or_a_proposal(client, world):
    urls = public_urls(world)
    assert len(urls) > 40
    leaks, errors = [], []
    for url in urls:
        cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            errors.append((url, response.status_code))
            continue
        body = text_of(response)
        if MARK in body or "changed its clause" in body or world["proposal"].slug in body:
            leaks.append(url)
    assert errors == [] and leaks == []
    # Searches echo their query: they must find nothing.
    for url, words in [
        ("api:clause-list", MARK),
        ("api:search", MARK),
        ("api:search", "changed its clause"),
        ("api:event-list", "changed its clause"),
    ]:
        cache.clear()
        assert client.get(reverse(url), {"q": words}).json()["count"] == 0, (url, words)
    for words in (MARK, "changed its clause"):
        cache.clear()
        assert client.get(reverse("portal:search"), {"q": words}).context["results"].hits == []
    cache.clear()
    assert client.get(world["proposal"].get_absolute_url()).status_code == 404
    detail = reverse("api:event-detail", kwargs={"slug": world["proposal"].slug})
    assert client.get(detail).status_code == 404


def test_confirmed_and_carried_clauses_are_public_with_their_note(client, world):
    page = client.get(world["document"].get_absolute_url())
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert text.count(CLAUSE) == 2
    assert "Confirmation carried over from version recorded on 2025-01-08." in text
    cache.clear()
    rows = client.get(reverse("api:clause-list"), {"page_size": 50}).json()["results"]
    assert {(row["text"], row["carried_over"]) for row in rows} == {
        (CLAUSE, None),
        (CLAUSE, "carried over from version recorded on 2025-01-08"),
    }
    assert len(rows) == 2
    cache.clear()
    document = client.get(
        reverse("api:terms-detail", kwargs={"slug": world["document"].slug})
    ).json()
    # The document lists its versions as summaries; each one's clauses are at its api_url.
    notes = [
        c["carried_over"]
        for v in document["versions"]
        for c in client.get(v["api_url"]).json()["clauses"]
    ]
    assert sorted(notes, key=str) == [None, "carried over from version recorded on 2025-01-08"]
