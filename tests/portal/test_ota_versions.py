"""Imported (Open Terms Archive) versions on the portal: the version page, clause history,
the terms matrix and the clause in force, each with its credit; never for a hidden document."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from casebook.records.models import EditorialStatus, TermsDocument, TermsVersion
from casebook.records.selectors import clause_lookup
from tests.factories import AllegationFactory
from tests.ota_world import CLAUSE, KEYS, ota_world

pytestmark = pytest.mark.django_db

CREDIT = "Recorded by Open Terms Archive contributors, ODC-BY 1.0"
LICENCE = "https://opendatacommons.org/licenses/by/1-0/"


def page_url(key: str, slug: str = "xai-terms") -> str:
    return reverse("portal:terms_version", kwargs={"slug": slug, "key": key})


@pytest.fixture
def world(tmp_path):
    return ota_world(tmp_path)


def test_the_version_page_shows_the_sanitised_text_with_its_clause_marked_and_linked(client, world):
    response = client.get(page_url(KEYS[2]))
    assert response.status_code == 200
    html = response.content.decode()
    # The clause list links to the clause's mark in the text.
    assert 'href="#clause-no-competing-models"' in html
    mark = re.search(r'<mark class="clause" id="clause-no-competing-models">(.*?)</mark>', html)
    assert mark and mark.group(1) == CLAUSE
    # OTA's headings sit under the page's own: "# Terms of Service" becomes an h3.
    assert "<h3>Terms of Service</h3>" in html


def test_no_script_from_a_recorded_text_reaches_the_page(client, world):
    html = client.get(page_url(KEYS[0])).content.decode()
    assert "Do not misuse the Service." in html
    assert "<script>alert" not in html


def test_record_date_and_effective_date_are_shown_apart(client, world):
    dated = client.get(page_url(KEYS[0])).content.decode()
    assert "Recorded by Open Terms Archive on" in dated
    assert "8 February 2024, 18:31 UTC" in dated
    assert "Effective from 31 January 2024" in dated
    undated = client.get(page_url(KEYS[2])).content.decode()
    assert "Effective date: not stated" in undated
    assert "Observed in force from 8 January 2025" in undated
    assert "Effective from 8 January 2025" not in undated


def test_the_version_page_carries_the_credit_with_licence_and_permalink(client, world):
    html = client.get(page_url(KEYS[1])).content.decode()
    version = world.versions[1]
    assert CREDIT in html
    assert f'href="{LICENCE}"' in html
    assert f'href="{version.ota_permalink}"' in html
    assert version.ota_commit in version.ota_permalink


def test_the_diff_against_the_previous_version_marks_what_changed(client, world):
    html = client.get(page_url(KEYS[1])).content.decode()
    diff = re.search(r'<p class="diff document-diff".*?</p>', html, re.S).group(0)
    assert "<ins>or resell </ins>" in diff or "<ins>or resell</ins>" in diff
    assert "<del>" in diff  # the script line went away
    first = client.get(page_url(KEYS[0])).content.decode()
    assert "Changes from the previous version" not in first


@pytest.mark.parametrize("upgraded", ["Do not abuse the Service.", "Do not misuse the API."])
def test_a_cached_diff_follows_a_text_that_changed_since(client, world, upgraded):
    # The diff is cached by the two texts, so a text replaced since (an OTA upgrade of
    # the previous version) is diffed afresh, never served from the old entry.
    client.get(page_url(KEYS[1]))
    previous = world.versions[0]
    TermsVersion.objects.filter(pk=previous.pk).update(
        full_text=previous.full_text.replace("Do not misuse the Service.", upgraded)
    )

    html = client.get(page_url(KEYS[1])).content.decode()

    diff = re.search(r'<p class="diff document-diff".*?</p>', html, re.S).group(0)
    removed = re.findall(r"<del>(.*?)</del>", diff, re.S)
    changed_word = set(upgraded.split()) - set(["Do", "not", "misuse", "the", "Service."])
    assert any(word.rstrip(".") in "".join(removed) for word in changed_word), removed


def test_a_document_diff_is_computed_once_then_read_from_the_cache():
    from django.core.cache import cache

    from casebook.records.selectors.versionpage import cached_document_diff

    cache.clear()
    first = cached_document_diff("a b c\nd e f", "a b x\nd e f")
    assert first.complete and ("insert", "x") in first.pieces
    # What the cache holds is what the next reader gets.
    assert cached_document_diff("a b c\nd e f", "a b x\nd e f") == first
    assert cached_document_diff("a b c\nd e f", "a b y\nd e f") != first


def test_the_old_key_of_an_imported_version_redirects_to_its_own(client, world):
    response = client.get(page_url("2024-01-31"))
    assert response.status_code == 301
    assert response["Location"] == page_url(KEYS[0])


@pytest.mark.parametrize("key", ["2024-02-08T18-31-14Z", "2031-01-01", "2024-13-40T00-00-00Z"])
def test_a_key_that_names_no_version_is_404(client, world, key):
    assert client.get(page_url(key)).status_code == 404


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW])
def test_a_hidden_documents_versions_are_404_for_readers_and_previewed_by_staff(
    staff_client, tmp_path, status
):
    ota_world(tmp_path, status=status)
    assert Client().get(page_url(KEYS[2])).status_code == 404
    response = staff_client.get(page_url(KEYS[2]))
    assert response.status_code == 200
    assert "Preview — not public." in response.content.decode()


def test_a_retracted_documents_versions_are_gone(client, tmp_path):
    world = ota_world(tmp_path)
    TermsDocument.objects.filter(pk=world.document.pk).update(
        editorial_status=EditorialStatus.RETRACTED
    )
    assert client.get(page_url(KEYS[2])).status_code == 410


def test_the_document_page_links_each_version_page_and_credits_it(client, world):
    html = client.get(world.document.get_absolute_url()).content.decode()
    for key in KEYS:
        assert f'href="{page_url(key)}"' in html
    assert html.count(CREDIT) == 3
    # Newest first: the record order, since two versions state the same date.
    assert (
        html.index(page_url(KEYS[2]))
        < html.index(page_url(KEYS[1]))
        < html.index(page_url(KEYS[0]))
    )


def test_clause_history_uses_the_imported_versions_with_credit_and_observed_date(client, world):
    url = reverse("portal:clause_history")
    html = client.get(url, {"vendor": "xai", "category": "no-competing-models"}).content.decode()
    assert html.count(CREDIT) == 3
    assert "Version observed in force from 8 January 2025" in html
    assert "effective from 8 January 2025" not in html.lower()
    assert f'href="{page_url(KEYS[2])}"' in html
    assert "<ins>" in html and "compete" in html


def test_the_matrix_cell_links_the_version_and_credits_open_terms_archive(client, world):
    html = client.get(reverse("portal:terms_matrix"), {"on": "2025-06-01"}).content.decode()
    assert "observed in force from 8 January 2025" in html
    assert f'href="{page_url(KEYS[2])}"' in html
    assert 'id="ota-credit"' in html and CREDIT in html
    before = client.get(reverse("portal:terms_matrix"), {"on": "2024-12-31"}).content.decode()
    assert 'id="ota-credit"' not in before  # no clause of an imported version shown


def test_the_clause_in_force_uses_the_record_date_only_as_observed(world):
    vendor = world.document.vendor
    before = clause_lookup(vendor=vendor, category=world.category, on=datetime.date(2025, 1, 7))
    assert before.documents[0].version == world.versions[1]
    after = clause_lookup(vendor=vendor, category=world.category, on=datetime.date(2025, 1, 8))
    answer = after.documents[0]
    assert answer.version == world.versions[2]
    assert answer.in_force.basis == "observed"
    assert answer.in_force.display == "observed in force from 8 January 2025"
    assert answer.version.effective_from is None


def test_an_allegation_shows_the_observed_date_and_the_credit(client, world):
    allegation = AllegationFactory(
        accuser=world.document.vendor, conduct_start=datetime.date(2025, 3, 1)
    )
    html = client.get(allegation.get_absolute_url()).content.decode()
    assert CLAUSE in html
    assert "observed in force from 8 January 2025" in html
    assert CREDIT in html


def test_the_version_page_reads_in_constant_queries(client, django_assert_max_num_queries, world):
    with django_assert_max_num_queries(12) as few:
        client.get(page_url(KEYS[2]))
    document = world.document
    for day in range(1, 28):
        TermsVersion.objects.create(
            document=document,
            origin=TermsVersion.Origin.OTA,
            recorded_at=datetime.datetime(2025, 2, day, tzinfo=datetime.UTC),
            full_text=f"Text {day}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page_url(KEYS[2])).status_code == 200
