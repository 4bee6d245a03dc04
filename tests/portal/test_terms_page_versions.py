"""A terms document's page lists its versions newest first, 20 a page, and reads the
clauses of the versions it shows only: a document Open Terms Archive follows may have
hundreds of versions (issue #12: a page must not grow with the data)."""

import datetime

import pytest
from django.urls import reverse

from casebook.portal.views.details import TermsDetailView
from tests.factories import ClauseFactory, TermsDocumentFactory, TermsVersionFactory
from tests.portal.conftest import measured

pytestmark = pytest.mark.django_db

PAGE = TermsDetailView.paginate_by


def add_versions(document, count: int, first_day: int = 0) -> list:
    """``count`` versions of ``document`` a day apart, each with one clause."""
    start = datetime.date(2020, 1, 1)
    versions = []
    for day in range(first_day, first_day + count):
        version = TermsVersionFactory(
            document=document, effective_from=start + datetime.timedelta(days=day)
        )
        ClauseFactory(version=version, text=f"Clause of version {day}")
        versions.append(version)
    return versions


def test_a_page_of_versions_runs_the_same_queries_for_3_or_45_versions(client):
    document = TermsDocumentFactory()
    url = document.get_absolute_url()
    add_versions(document, 3)
    small, small_queries = measured(client, url)
    add_versions(document, 42, first_day=3)
    large, large_queries = measured(client, url)

    assert large_queries == small_queries
    assert len(small.context["versions"]) == 3
    assert len(large.context["versions"]) == PAGE
    assert "45 versions; 1–20 here." in large.content.decode()


@pytest.mark.parametrize("count", [21, 45, 60])
def test_the_pages_hold_every_version_once_newest_first(client, count):
    document = TermsDocumentFactory()
    versions = add_versions(document, count)
    url = document.get_absolute_url()

    shown = []
    for number in range(1, (count + PAGE - 1) // PAGE + 1):
        page = client.get(url, {"page": number})
        assert page.status_code == 200
        shown += page.context["versions"]
        for version in page.context["versions"]:
            assert version.clauses.all()[0].text in page.content.decode()

    assert [v.pk for v in shown] == [v.pk for v in reversed(versions)]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "4", "99999999999999999999"])
def test_a_page_the_list_does_not_have_is_a_400_naming_page(client, page):
    document = TermsDocumentFactory()
    add_versions(document, 45)

    response = client.get(document.get_absolute_url(), {"page": page})

    assert response.status_code == 400
    assert "page" in response.content.decode()


def test_the_next_link_leads_to_the_next_versions(django_app):
    document = TermsDocumentFactory()
    versions = add_versions(document, 25)

    first = django_app.get(document.get_absolute_url())
    second = first.click(linkid=None, href=r"page=2", index=0)

    assert [v.pk for v in second.context["versions"]] == [v.pk for v in versions[:5]][::-1]
    assert reverse("portal:terms_list") in second.text
