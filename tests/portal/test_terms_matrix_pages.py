"""/compare/terms/ shows a page of terms documents (rows), chosen through the form and the
links as they render, whatever the number of documents (issue #12)."""

import datetime
import re
import zoneinfo
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from casebook.portal.views import TermsMatrixView
from casebook.records.models import EditorialStatus
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("portal:terms_matrix")


@pytest.fixture
def django_app(django_app, settings):
    """django-webtest's browser over plain http: the test run's cookies may not be secure-only."""
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    return django_app


@pytest.fixture
def category():
    return ClauseCategoryFactory(slug="no-competing-models", name="No competing models")


def add_documents(n: int, category) -> list:
    """``n`` public documents, each of its own vendor, with a clause of ``category``."""
    return [
        ClauseFactory(
            category=category, version__effective_from=datetime.date(2025, 1, 1)
        ).version.document
        for _ in range(n)
    ]


def row_slugs(html: str) -> list[str]:
    """The documents of the matrix's rows, by slug, in order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><a href="/terms/([^/"]+)/"', body)


def column_names(html: str) -> list[str]:
    head = html.split('<table class="matrix">', 1)[1].split("</thead>", 1)[0]
    return re.findall(r'<th scope="col">([^<]*)</th>', head)[1:]


def matrix_form(page):
    """The matrix's own form, as rendered (the header's search form comes first), sent
    to the page's path: a browser replaces the query of a GET form's address, webtest
    would add to it."""
    form = next(form for form in page.forms.values() if "compare_on" in form.fields)
    form.action = page.request.path
    return form


@pytest.fixture
def small_pages():
    with mock.patch.object(TermsMatrixView, "paginate_by", 4):
        yield


def test_three_times_the_documents_give_the_same_rows_and_queries_on_page_one(
    client, category, small_pages, django_assert_max_num_queries
):
    add_documents(5, category)
    with django_assert_max_num_queries(40) as few:
        small = client.get(URL).content.decode()
    add_documents(10, category)
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = client.get(URL).content.decode()
    assert len(row_slugs(small)) == len(row_slugs(large)) == 4
    assert "Page 1 of 2" in small and "Page 1 of 4" in large
    assert len(large) < 1.2 * len(small)


def test_the_pagination_links_lead_through_every_document_once(django_app, category, small_pages):
    documents = add_documents(6, category)
    page = django_app.get(URL, {"on": "2026-01-01"})
    seen = row_slugs(page.text)
    page = page.click(linkid=None, href=r"page=2", description="Next")
    seen += row_slugs(page.text)
    assert "Next" not in page.text.split('class="pagination"', 1)[1]
    expected = sorted(documents, key=lambda d: (d.vendor.name, d.vendor_id, d.title, d.pk))
    assert seen == [d.slug for d in expected]
    assert 'value="2026-01-01"' in page.text  # the date stays with the pages


def in_force_on(html: str) -> str:
    """The date the matrix answered for, as its heading gives it (YYYY-MM-DD)."""
    return re.search(r'<h2>In force on <time datetime="([^"]+)"', html).group(1)


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"])
def test_pages_of_todays_matrix_keep_that_date_after_midnight(
    django_app, category, small_pages, settings, zone
):
    """Every link of a matrix shown for today, and its date box, name that date: "Next"
    clicked, or the form sent, after midnight showed the next day's matrix."""
    settings.TIME_ZONE = zone
    add_documents(6, category)
    before_midnight = datetime.datetime(2026, 3, 1, 23, 59, tzinfo=zoneinfo.ZoneInfo(zone))
    with time_machine.travel(before_midnight, tick=False):
        page = django_app.get(URL)
    assert in_force_on(page.text) == "2026-03-01"
    with time_machine.travel(before_midnight + datetime.timedelta(minutes=2), tick=False):
        second = page.click(description="Next")
        back = second.click(description="Previous")
        vendor_only = second.click(description="only this vendor", index=0)
        form = matrix_form(page)
        form["category"] = [category.slug]
        shown = form.submit().maybe_follow()
        fresh = django_app.get(URL)
    assert matrix_form(page)["on"].value == "2026-03-01"
    assert in_force_on(second.text) == in_force_on(back.text) == "2026-03-01"
    assert in_force_on(vendor_only.text) == in_force_on(shown.text) == "2026-03-01"
    assert row_slugs(back.text) == row_slugs(page.text) != row_slugs(second.text)
    assert in_force_on(fresh.text) == "2026-03-02"


def test_the_category_select_chooses_the_columns(django_app, category):
    add_documents(2, category)
    other = ClauseCategoryFactory(slug="governing-law", name="Governing law")
    page = django_app.get(URL)
    assert column_names(page.text) == ["Governing law", "No competing models"]
    form = matrix_form(page)
    form["category"] = [other.slug]
    page = form.submit().maybe_follow()
    assert column_names(page.text) == ["Governing law"]
    assert len(row_slugs(page.text)) == 2


def test_only_this_vendor_links_to_its_documents_and_the_form_keeps_it(django_app, category):
    vendor = PartyFactory(name="Acme", slug="acme")
    first = TermsDocumentFactory(vendor=vendor, title="A terms")
    second = TermsDocumentFactory(vendor=vendor, title="B terms")
    add_documents(3, category)
    page = django_app.get(URL)
    assert '<select name="vendor"' not in page.text  # no list of every party
    page = page.click(description="only this vendor", href="vendor=acme", index=0)
    assert row_slugs(page.text) == [first.slug, second.slug]
    assert "Only the 2 documents asked for" in page.text
    form = matrix_form(page)
    form["on"] = "2024-06-01"
    page = form.submit().maybe_follow()
    assert row_slugs(page.text) == [first.slug, second.slug]
    page = page.click(description="Show every vendor")
    assert len(row_slugs(page.text)) == 5


def test_a_document_parameter_chooses_its_row(client, category):
    one, two, three = add_documents(3, category)
    html = client.get(URL, {"document": [one.slug, three.slug]}).content.decode()
    assert sorted(row_slugs(html)) == sorted([one.slug, three.slug])


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"vendor": "no-such-vendor"}, "vendor"),
        ({"document": "no-such-document"}, "document"),
        ({"category": "no-such-category"}, "category"),
        ({"page": "9"}, "page"),
    ],
)
def test_a_bad_value_is_a_400_naming_it(client, category, query, parameter):
    add_documents(1, category)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.RETRACTED])
def test_documents_and_vendors_not_public_never_show(client, category, status):
    (shown,) = add_documents(1, category)
    hidden = TermsDocumentFactory(title="Hidden terms", editorial_status=status)
    TermsDocumentFactory(vendor=PartyFactory(name="Hidden vendor", editorial_status=status))
    html = client.get(URL).content.decode()
    assert row_slugs(html) == [shown.slug]
    assert "Hidden" not in html
    assert client.get(URL, {"document": hidden.slug}).status_code == 400


@pytest.mark.parametrize(
    "asked",
    [
        {"vendor": "acme", "document": "other-terms"},  # a document of another vendor
        {"vendor": "no-documents"},
        {"vendor": "drafter"},  # its one document is a draft
    ],
)
def test_asking_for_no_document_says_so_once_and_links_every_document(django_app, asked):
    """It said "Only the 0 documents asked for" above "No public terms document matches"."""
    TermsDocumentFactory(vendor=PartyFactory(slug="acme"), slug="acme-terms")
    TermsDocumentFactory(vendor=PartyFactory(slug="other"), slug="other-terms")
    PartyFactory(slug="no-documents")
    TermsDocumentFactory(
        vendor=PartyFactory(slug="drafter"), editorial_status=EditorialStatus.DRAFT
    )
    page = django_app.get(URL, asked)
    assert "<tbody>" not in page.text
    assert "Only the 0" not in page.text
    summaries = page.html.select(".matrix-summary")
    assert len(summaries) == 1
    assert "No public terms document is among those asked for" in summaries[0].text
    assert ("vendor is among those named" in summaries[0].text) == (len(asked) == 2)
    assert "No public terms document matches" not in page.text
    page = page.click(description="Show every vendor")
    assert sorted(row_slugs(page.text)) == ["acme-terms", "other-terms"]
