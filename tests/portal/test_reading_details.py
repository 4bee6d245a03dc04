"""How pages read: favicon, clean filter URLs, empty results, version names, change summaries."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from casebook.records import services
from casebook.records.models import Qualifier, TermsVersion
from tests.factories import ClauseFactory, TermsVersionFactory
from tests.portal.conftest import page_urls

pytestmark = pytest.mark.django_db

ICON_LINK = re.compile(r'<link rel="icon" href="([^"]+)"')


def test_every_portal_page_links_an_icon_that_exists(client, world):
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        (href,) = ICON_LINK.findall(response.content.decode())
        assert finders.find(href.removeprefix("/static/")), f"{url} links a missing icon"
    icon = finders.find("portal/favicon.svg")
    with open(icon, "rb") as file:
        assert file.read().startswith(b"<svg")


def test_favicon_ico_answers_with_the_icon_not_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/portal/favicon.svg"


def test_admin_pages_link_the_icon_too(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert ICON_LINK.search(response.content.decode())


@pytest.mark.parametrize(
    "query, clean",
    [
        ("party=&topic=distillation", "?topic=distillation"),
        ("party=&topic=&date_from=&date_to=", ""),
        ("record_type=allegation&record_type=&party=", "?record_type=allegation"),
    ],
)
def test_empty_filter_parameters_redirect_to_the_clean_url(client, world, query, clean):
    url = reverse("portal:timeline")
    response = client.get(f"{url}?{query}")
    assert response.status_code == 302
    assert response["Location"] == url + clean
    assert client.get(response["Location"]).status_code == 200


def test_every_filtered_page_drops_empty_parameters(client, world):
    for name, query in (
        ("portal:allegation_list", "party=&status=&format=csv"),
        ("portal:search", "q=Lab&type="),
        ("portal:terms_matrix", "on="),
        ("portal:compare", "key="),
    ):
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code == 302, name
        assert "=&" not in response["Location"] and not response["Location"].endswith("=")


def test_bad_values_still_answer_400_after_empty_ones_are_dropped(client, world):
    response = client.get(reverse("portal:timeline") + "?party=&date_from=someday", follow=True)
    assert response.status_code == 400
    assert "date_from" in response.content.decode()


def test_search_without_matches_is_a_sentence_not_list_item_one(client, world):
    response = client.get(reverse("portal:search"), {"q": "zzyzxquokka"})
    page = response.content.decode()
    assert "No public record matches" in page
    results = re.search(r'<ol class="search-results">(.*?)</ol>', page, re.S)
    assert results is None or "<li" not in results.group(1)


def test_home_without_records_says_so_outside_a_numbered_list(client):
    page = client.get(reverse("portal:home")).content.decode()
    assert "Nothing published yet." in page
    assert "<li>Nothing published yet." not in page


DOUBLED = re.compile(r"(?i)version[^<]{0,40}(?:from|of)\s+version")


def test_an_undated_version_is_named_by_its_label_once(client, world):
    undated = TermsVersionFactory(
        document=world.terms,
        effective_from=None,
        label="Version in force in 2023 (effective date not verified)",
    )
    ClauseFactory(version=undated, category=world.clause.category, text="Undated clause.")
    assert undated.in_force_display == "Version in force in 2023 (effective date not verified)"
    history = client.get(
        reverse("portal:clause_history"),
        {"vendor": world.accuser.slug, "category": world.clause.category.slug},
    ).content.decode()
    # Each heading links to the version's page.
    assert "Version in force in 2023 (effective date not verified)</a></h3>" in history
    assert "Version in force from 1 January 2025</a></h3>" in history
    for url in page_urls(world):
        assert not DOUBLED.search(client.get(url).content.decode()), url


def test_version_names_read_in_a_sentence():
    version = TermsVersion(effective_from=None, label="Date unknown")
    assert version.in_force_display == "version “Date unknown”"
    version.label = ""
    assert version.in_force_display == "version of unknown effective date"
    version.effective_from = datetime.date(2024, 3, 3)
    assert version.in_force_display.startswith("version in force from ")


def test_recent_changes_never_show_none_for_an_empty_value(staff_client, staff_user, world):
    services.record_retract(record=world.allegation, user=staff_user, note="Withdrawn.")
    page = staff_client.get(reverse("staff:recent_changes")).content.decode()
    assert "retracted at: set to" in page
    assert "“None”" not in page


def test_csv_leaves_the_qualifier_empty_when_the_figure_is_not_stated(client, world):
    world.allegation.accounts = None
    world.allegation.accounts_qualifier = Qualifier.ABOUT
    world.allegation.exchanges = 16_000_000
    world.allegation.exchanges_qualifier = Qualifier.OVER
    world.allegation.save()
    response = client.get(reverse("portal:allegation_list"), {"format": "csv"})
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert (row["accounts"], row["accounts_qualifier"]) == ("", "")
    assert (row["exchanges"], row["exchanges_qualifier"]) == ("16000000", "over")
    world.settlement.amount = None
    world.settlement.save()
    response = client.get(reverse("portal:settlement_list"), {"format": "csv"})
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert (row["amount"], row["amount_qualifier"]) == ("", "")


def test_a_version_without_full_text_says_no_more_than_it_knows(client):
    version = TermsVersionFactory(
        effective_from=datetime.date(2025, 9, 15), label="Effective 2025-09-15"
    )
    clause = ClauseFactory(version=version)
    document = version.document
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "(Effective 2025-09-15)" not in detail  # the date is said once
    page = client.get(
        reverse("portal:terms_version", kwargs={"slug": document.slug, "key": "2025-09-15"})
    ).content.decode()
    assert clause.category.name in page
    # No full text to search, so no claim that the quote is missing from it.
    assert "not found word for word" not in page
    assert "version Version" not in page
