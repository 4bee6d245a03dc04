"""Home, methodology, feed, sitemap, and what every page's HTML must hold."""

import re

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from casebook.portal.sitemaps import SITEMAPS
from casebook.portal.versions import version_url
from casebook.records.models import EditorialStatus, Event, Party
from tests.factories import (
    CaseFactory,
    EventFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)
from tests.portal.conftest import page_urls

pytestmark = pytest.mark.django_db


def test_home_shows_counts_largest_figures_latest_changes_and_ways_in(client, world):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "portal/home.html" in [t.name for t in response.templates]
    counts = {t.name: n for t, n in response.context["counts"]}
    assert counts["allegation"] == 1
    assert counts["party"] == Party.objects.public().count()
    assert list(response.context["largest_accused"]) == [world.accused_row]
    assert list(response.context["largest_settlements"]) == [world.settlement]
    content = response.content.decode()
    assert world.accused.name in content
    for name in ("portal:timeline", "portal:terms_matrix", "portal:compare", "portal:search"):
        assert reverse(name) in content


def test_home_lists_the_latest_published_changes_first(client, world):
    world.case.name = "Renamed case"
    world.case.save()
    recent = client.get(reverse("portal:home")).context["recent"]
    assert recent[0] == world.case


def test_methodology_explains_sources_and_statuses(client, db):
    response = client.get(reverse("portal:methodology"))
    assert response.status_code == 200
    content = response.content.decode()
    for label in ("Primary", "Secondary", "In review", "Retracted", "Not reviewed"):
        assert label.lower() in content.lower()


def test_atom_feed_lists_published_records(client, world):
    draft = CaseFactory(name="Unpublished case", editorial_status=EditorialStatus.DRAFT)
    response = client.get(reverse("portal:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    content = response.content.decode()
    assert world.allegation.get_absolute_url() in content
    assert draft.name not in content


def test_every_page_announces_the_feed(client, world):
    content = client.get(world.case.get_absolute_url()).content.decode()
    head = content.split("</head>")[0]
    link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
    assert link and f'href="{reverse("portal:feed")}"' in link.group(0)


def test_sitemap_lists_every_public_page(client, world):
    draft = EventFactory(editorial_status=EditorialStatus.DRAFT)
    index = client.get(reverse("portal:sitemap")).content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    assert len(sections) == len(SITEMAPS)
    content = "".join(client.get(url).content.decode() for url in sections)
    for record in world.records:
        assert f"http://testserver{record.get_absolute_url()}</loc>" in content
    assert f"http://testserver{reverse('portal:timeline')}</loc>" in content
    assert draft.get_absolute_url() not in content


def test_sitemap_lists_the_versions_of_public_terms_documents_only(client, world):
    draft_terms = TermsDocumentFactory(editorial_status=EditorialStatus.DRAFT)
    hidden = TermsVersionFactory(document=draft_terms)
    index = client.get(reverse("portal:sitemap")).content.decode()
    assert "http://testserver/sitemap-terms-versions.xml</loc>" in index
    content = client.get("/sitemap-terms-versions.xml").content.decode()
    versions = list(world.terms.versions.all())
    assert len(versions) == 2
    for version in versions:
        url = version_url(version)
        assert f"<loc>http://testserver{url}</loc>" in content
        assert client.get(url).status_code == 200
    assert f"/terms/{draft_terms.slug}/" not in content
    assert version_url(hidden) not in content
    assert content.count("<url>") == len(versions)


def test_pages_have_a_title_a_description_and_no_inline_script_or_style(client, world):
    for url in page_urls(world):
        content = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", content, re.S)
        assert title and title.group(1).removesuffix(" · Casebook").strip(), url
        description = re.search(r'<meta name="description" content="([^"]+)"', content)
        assert description and len(description.group(1)) > 20, url
        # A strict Content-Security-Policy must be possible: scripts only from files,
        # no event-handler attributes, no style attributes.
        assert re.findall(r"<script(?![^>]*\bsrc=)", content) == [], url
        assert not re.search(r"\son[a-z]+\s*=", content), url
        assert not re.search(r"\sstyle\s*=", content), url


def test_portal_pages_send_a_strict_content_security_policy(client, world):
    for url in [*page_urls(world), "/no-such-page/"]:
        policy = client.get(url).headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url


def test_the_admin_keeps_its_own_policy(client):
    assert "Content-Security-Policy" not in client.get(reverse("admin:login")).headers


def test_pages_use_semantic_landmarks(client, world):
    content = client.get(world.allegation.get_absolute_url()).content.decode()
    for tag in ("<header", "<nav", "<main", "<footer", "<article", "<h1>"):
        assert tag in content
    assert 'href="#main"' in content  # skip link for keyboard users


def test_sitemap_sections_are_split_into_pages_the_index_names(client, world, monkeypatch):
    for _ in range(3):
        EventFactory(editorial_status=EditorialStatus.PUBLISHED)
    monkeypatch.setattr(SITEMAPS["event"], "limit", 2)
    public = list(SITEMAPS["event"].items())
    assert len(public) >= 3
    index = client.get(reverse("portal:sitemap")).content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-event\.xml(?:\?p=\d+)?)</loc>", index)
    assert len(pages) == (len(public) + 1) // 2
    listed = []
    for page in pages:
        content = client.get(page).content.decode()
        listed += re.findall(r"<loc>http://testserver(/events/[^<]+)</loc>", content)
    assert sorted(listed) == sorted(event.get_absolute_url() for event in public)


def sitemap_pages(client, section: str) -> list[str]:
    index = client.get(reverse("portal:sitemap")).content.decode()
    return re.findall(rf"<loc>http://testserver(/sitemap-{section}\.xml(?:\?p=\d+)?)</loc>", index)


def test_a_sitemap_sections_count_is_kept_until_the_data_changes(client, world, monkeypatch):
    """The count of a section (which names its pages) is read once, then again after
    each change: publishing, retracting, linking (issue #12: 26 ms at 100,000 events)."""
    monkeypatch.setattr(SITEMAPS["event"], "limit", 1)
    counted = []
    real_count = QuerySet.count

    def count(queryset):
        if queryset.model is Event:
            counted.append(1)
        return real_count(queryset)

    monkeypatch.setattr(QuerySet, "count", count)
    before = sitemap_pages(client, "event")
    assert sitemap_pages(client, "event") == before
    client.get(before[-1])
    assert len(counted) == 1  # the index twice and a section page: one count
    added = EventFactory(editorial_status=EditorialStatus.PUBLISHED)
    assert len(sitemap_pages(client, "event")) == len(before) + 1
    added.editorial_status = EditorialStatus.RETRACTED
    added.save()
    assert sitemap_pages(client, "event") == before
    added.editorial_status = EditorialStatus.PUBLISHED
    added.save()
    assert len(sitemap_pages(client, "event")) == len(before) + 1
    added.topics.add(TopicFactory())  # a link change is a change too
    assert len(sitemap_pages(client, "event")) == len(before) + 1
    assert len(counted) == 5
