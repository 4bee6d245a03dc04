"""Filters of parties, cases and allegations are search-based pickers: pages do not grow with data.

A ``<select>`` listing every party made each list page grow with the database
(9,300 parties: 2 MB for the allegations page). Each page is rendered with a few
and with ten times as many extra published records: its size must not change,
and no extra record's slug may appear in it. The pickers still filter when the
form is posted as rendered (django-webtest), with a typed slug.
"""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import (
    AllegationFactory,
    CaseFactory,
    PartyFactory,
    TermsDocumentFactory,
)
from tests.portal.conftest import build_world

pytestmark = pytest.mark.django_db

#: Pages whose filters used to list every party, and the timeline.
PARTY_PAGES = [
    "portal:allegation_list",
    "portal:accused_party_list",
    "portal:case_list",
    "portal:settlement_list",
    "portal:terms_list",
    "portal:guidance_list",
    "portal:event_list",
    "portal:timeline",
    "portal:compare",
]
#: Pages whose filters used to list every allegation (or every case).
ALLEGATION_PAGES = ["portal:compare", "portal:accused_party_list"]
CASE_PAGES = ["portal:settlement_list"]
#: Pages whose form used to list every vendor (a party with public terms).
VENDOR_PAGES = ["portal:clause_history"]

#: Bytes a page may differ by between the two sizes (nothing should change).
MARGIN = 50
FEW = 3


@pytest.fixture
def django_app(django_app, settings):
    """django-webtest's browser over plain http: the test run's cookies may not be secure-only."""
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    return django_app


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def world():
    return build_world(0)


def add_extra(kind: str, world, start: int, count: int) -> None:
    """``count`` more published records of ``kind``, linked to nothing shown on the pages."""
    for n in range(start, start + count):
        if kind == "party":
            PartyFactory(slug=f"extra-party-{n}", name=f"Extra Party {n}")
        elif kind == "vendor":
            vendor = PartyFactory(slug=f"extra-vendor-{n}", name=f"Extra Vendor {n}")
            TermsDocumentFactory(slug=f"extra-vendor-{n}-terms", vendor=vendor)
        elif kind == "allegation":
            AllegationFactory(
                slug=f"extra-allegation-{n}", title=f"Extra allegation {n}", accuser=world.accuser
            )
        else:
            CaseFactory(slug=f"extra-case-{n}", name=f"Extra case {n}", court=world.court)


def page_html(client, url_name: str) -> str:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("kind", "pages"),
    [
        ("party", PARTY_PAGES),
        ("allegation", ALLEGATION_PAGES),
        ("case", CASE_PAGES),
        ("vendor", VENDOR_PAGES),
    ],
)
def test_pages_do_not_grow_with_the_number_of_records(client, world, kind, pages):
    add_extra(kind, world, 0, FEW)
    few = {name: page_html(client, name) for name in pages}
    add_extra(kind, world, FEW, 9 * FEW)
    for name in pages:
        many = page_html(client, name)
        assert abs(len(many.encode()) - len(few[name].encode())) < MARGIN, name
        assert f"extra-{kind}-" not in many, name  # in no <option>, nor anywhere else


@pytest.mark.parametrize("name", ["portal:allegation_list", "portal:case_list"])
def test_no_page_lists_parties_in_a_select(client, world, name):
    html = page_html(client, name)
    # No option names a party (none is chosen, so no value either); the script may suggest.
    assert f'value="{world.accused.slug}"' not in html
    assert not re.search(r'<select name="(party|accuser|accused|court)"', html)
    assert 'data-suggest="/api/v1/parties/' in html


def filter_form(page, field: str):
    """The form of ``page`` that has a field named ``field``."""
    forms = [form for form in page.forms.values() if field in form.fields]
    assert len(forms) == 1
    return forms[0]


def submitted(form):
    """The page after submitting ``form`` (following the redirect that drops empty values).

    A browser replaces the query of a GET form's address; webtest would add to it.
    """
    form.action = form.response.request.path
    response = form.submit()
    return response.follow() if response.status_code == 302 else response


def test_a_typed_slug_filters_and_the_choice_shows_by_name_and_can_be_removed(django_app, world):
    other = build_world(1, mark="B")
    page = django_app.get(reverse("portal:allegation_list"))
    form = filter_form(page, "accused")
    form["accused"] = world.accused.slug
    page = submitted(form)
    assert page.request.GET.getall("accused") == [world.accused.slug]
    assert world.allegation.get_absolute_url() in page.text
    assert other.allegation.get_absolute_url() not in page.text
    # The choice is a ticked box labelled with the party's name; a second one can be typed.
    chosen = page.html.select('.picker-chosen input[name="accused"]')
    assert [box["value"] for box in chosen] == [world.accused.slug]
    assert world.accused.name in chosen[0].parent.text
    form = filter_form(page, "accused")
    form.fields["accused"][1].value = other.accused.slug
    page = submitted(form)
    assert sorted(page.request.GET.getall("accused")) == sorted(
        [world.accused.slug, other.accused.slug]
    )
    assert other.allegation.get_absolute_url() in page.text
    # Unticking removes it.
    form = filter_form(page, "accused")
    for field in form.fields["accused"]:
        if getattr(field, "_value", None) == world.accused.slug:
            field.checked = False
    page = submitted(form)
    assert page.request.GET.getall("accused") == [other.accused.slug]
    assert world.allegation.get_absolute_url() not in page.text


def test_the_timeline_takes_a_typed_party(django_app, world):
    other = build_world(1, mark="B")
    page = django_app.get(reverse("portal:timeline"))
    assert not page.html.select_one('input[name="party"]').has_attr("required")
    form = filter_form(page, "party")
    form["party"] = other.accuser.slug
    page = submitted(form)
    assert other.settlement.get_absolute_url() in page.text
    assert world.settlement.get_absolute_url() not in page.text
    assert other.accuser.name in page.html.select_one(".picker-name").text


def test_the_clause_history_takes_a_typed_vendor(django_app, world):
    other = build_world(1, mark="B")
    page = django_app.get(reverse("portal:clause_history"))
    assert "leave it empty" not in page.html.select_one(".picker-hint").text  # required
    assert page.html.select_one('input[name="vendor"]').has_attr("required")
    form = filter_form(page, "vendor")
    form["vendor"] = other.terms.vendor.slug
    form["category"] = other.clause.category.slug
    page = submitted(form)
    assert other.terms.vendor.name in page.html.select_one(".picker-name").text
    assert page.html.select_one("h1").text.startswith("Clause history: ")
    assert world.terms.vendor.slug not in page.text


def test_a_party_without_public_terms_is_not_a_vendor(client, world):
    response = client.get(
        reverse("portal:clause_history"),
        {"vendor": world.court.slug, "category": world.clause.category.slug},
    )
    assert response.status_code == 400
    assert "No public party with public terms has this slug" in response.content.decode()


def test_compare_takes_typed_keys(django_app, world):
    other = build_world(1, mark="B")
    page = django_app.get(reverse("portal:compare"), {"key": world.allegation.slug})
    assert "Tick one to three more" in page.text
    # The named allegation's own keys are offered, the whole one ticked.
    ticked = [box["value"] for box in page.html.select('input[name="key"][checked]')]
    assert ticked == [world.allegation.slug]
    form = filter_form(page, "key")
    text_input = next(f for f in form.fields["key"] if f.id == "id_key_new")
    text_input.value = f"{other.allegation.slug}/{other.accused.slug}"
    page = submitted(form)
    header = page.html.select_one("table.compare thead").text
    assert world.allegation.title in header
    assert other.accused.name in header


def test_an_unknown_slug_is_a_bad_parameter(client, world):
    response = client.get(reverse("portal:allegation_list"), {"party": "no-such-party"})
    assert response.status_code == 400
    assert re.search(r"party", response.content.decode())


@pytest.mark.parametrize(
    ("url_name", "parameter", "text", "attribute"),
    [
        ("api:party-list", "name", "accused LA", "accused"),
        ("api:case-list", "name", "ACCUSER V", "case"),
        ("api:allegation-list", "title", "allegation OF distill", "allegation"),
    ],
)
def test_the_api_finds_records_by_part_of_their_name(
    api, world, url_name, parameter, text, attribute
):
    """What the pickers' script asks: part of a word matches, in any case."""
    build_world(1, mark="B")
    response = api.get(reverse(url_name), {parameter: f"0 {text}"})
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == [getattr(world, attribute).slug]
