"""A filter offered by the portal and the API returns the same records on both.

Each record type's list, and the accused-party rows, are filtered on the
portal page and on ``/api/v1/`` with every filter name both offer, for every
value the data makes interesting (each slug, each choice, a few dates and
words); both must list the same records, or both refuse the value.
"""

import csv
import datetime
import io

import django_filters
import pytest
from django.urls import resolve, reverse

from casebook.records.models import Allegation, Case, CaseParty, EditorialStatus
from tests.factories import AccusedPartyFactory, AllegationFactory, CaseFactory, CasePartyFactory
from tests.portal.conftest import World, build_world

pytestmark = pytest.mark.django_db

#: The portal's and the API's URL names of each list, and how a row is named in each.
LISTS = {
    "party": ("portal:party_list", "api:party-list"),
    "source": ("portal:source_list", "api:source-list"),
    "terms": ("portal:terms_list", "api:terms-list"),
    "allegation": ("portal:allegation_list", "api:allegation-list"),
    "case": ("portal:case_list", "api:case-list"),
    "settlement": ("portal:settlement_list", "api:settlement-list"),
    "guidance": ("portal:guidance_list", "api:guidance-list"),
    "event": ("portal:event_list", "api:event-list"),
    "accused_party": ("portal:accused_party_list", "api:accused-party-list"),
}

DATES = ["2020-01-01", "2024-06-01", "2025-06-23", "2026-02-23"]

#: Values of the text filters: words the records hold, and codes in both cases.
TEXTS = {
    "q": ["Lab", "accused", "Distillation", '"District Court"', "-Accuser", "nowhere"],
    "country": ["CN", "cn", "US"],
    "publisher": ["a", "Press", "nowhere"],
}


@pytest.fixture(autouse=True)
def no_throttling(settings):
    """These tests ask hundreds of times; the limits are tested elsewhere."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }


@pytest.fixture
def world() -> World:
    """Two public worlds, a hidden one, and records where roles cross."""
    first = build_world(0)
    second = build_world(1, mark="B")
    build_world(2, status=EditorialStatus.DRAFT, mark="Hidden")
    # The first world's accused accuses its accuser: accuser, accused and party differ.
    swapped = AllegationFactory(
        accuser=first.accused, made_on=datetime.date(2024, 6, 1), status="disputed"
    )
    AccusedPartyFactory(allegation=swapped, party=first.accuser)
    # A court that is a party to one case and the court of another.
    crossed = CaseFactory(court=second.court, filed_on=datetime.date(2025, 6, 23))
    CasePartyFactory(case=crossed, party=first.court, role=CaseParty.Role.PLAINTIFF)
    return first


def portal_filterset(name: str):
    return resolve(reverse(LISTS[name][0])).func.view_class.filterset_class


def api_filterset(name: str):
    return resolve(reverse(LISTS[name][1])).func.cls.filterset_class


def values_of(filter_) -> list[str]:
    """The values worth trying for one of the API's filters, read from the data."""
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        # Every slug, hidden records' included (those must be refused on both surfaces).
        model = filter_.queryset.model
        return sorted(model._base_manager.values_list("slug", flat=True))
    if isinstance(filter_, django_filters.ChoiceFilter):
        return [value for value, _ in filter_.extra["choices"]]
    if isinstance(filter_, django_filters.DateFilter):
        return DATES
    return TEXTS[filter_.field_name]


def portal_answer(client, name: str, params: dict) -> tuple[int, list[str]]:
    response = client.get(reverse(LISTS[name][0]), params)
    if response.status_code != 200:
        return response.status_code, []
    rows = response.context["paginator"].object_list
    if name == "accused_party":
        return 200, sorted(f"{row.allegation.slug}/{row.party.slug}" for row in rows)
    return 200, sorted(row.slug for row in rows)


def api_answer(api, name: str, params: dict) -> tuple[int, list[str]]:
    response = api.get(reverse(LISTS[name][1]), {**params, "page_size": 200})
    if response.status_code != 200:
        return response.status_code, []
    return 200, sorted(row.get("slug") or row["key"] for row in response.json()["results"])


def shared_names(name: str) -> list[str]:
    """The filter names both surfaces offer on this list (not ``ordering``, whose values differ)."""
    portal = set(portal_filterset(name)().filters)
    return sorted((portal & set(api_filterset(name).base_filters)) - {"ordering"})


@pytest.mark.parametrize("name", list(LISTS))
def test_every_shared_filter_returns_the_same_records(client, api, world, name):
    filters = api_filterset(name).base_filters
    names = shared_names(name)
    assert names  # every list has filters on both surfaces
    for filter_name in names:
        for value in values_of(filters[filter_name]):
            params = {filter_name: value}
            portal = portal_answer(client, name, params)
            assert portal == api_answer(api, name, params), params


@pytest.mark.parametrize("name", list(LISTS))
def test_the_portals_own_names_are_the_apis_filters(client, api, world, name):
    """``date_from`` on the portal is the API's ``<date>_after``, and so on."""
    filters = api_filterset(name).base_filters
    for portal_name, api_name in portal_filterset(name).names.items():
        for value in values_of(filters[api_name]):
            portal = portal_answer(client, name, {portal_name: value})
            assert portal == api_answer(api, name, {api_name: value}), (portal_name, value)


def test_a_case_party_is_not_its_court(client, api, world):
    """``party`` is a party to the case on both surfaces; the court is ``court``."""
    court = world.court.slug
    crossed = Case.objects.get(case_parties__party=world.court).slug  # a party there
    assert portal_answer(client, "case", {"party": court}) == (200, [crossed])
    assert api_answer(api, "case", {"party": court}) == (200, [crossed])
    assert portal_answer(client, "case", {"court": court}) == (200, [world.case.slug])
    assert api_answer(api, "case", {"court": court}) == (200, [world.case.slug])


def test_an_allegations_accused_is_not_its_accuser(client, api, world):
    """``accused`` and ``accuser`` each match one role; ``party`` either."""
    swapped = Allegation.objects.get(accuser=world.accused).slug
    accused = world.accused.slug
    for answer in (portal_answer, api_answer):
        surface = client if answer is portal_answer else api
        assert answer(surface, "allegation", {"accused": accused}) == (
            200,
            [world.allegation.slug],
        )
        assert answer(surface, "allegation", {"accuser": accused}) == (200, [swapped])
        assert answer(surface, "allegation", {"party": accused}) == (
            200,
            sorted([world.allegation.slug, swapped]),
        )


def csv_table(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("name", [name for name in LISTS if name != "accused_party"])
def test_the_portal_and_api_csv_of_a_list_are_the_same_table(client, api, world, name):
    """Same header row, same rows: the portal's download is the API's CSV of the list."""
    portal = csv_table(client.get(reverse(LISTS[name][0]), {"format": "csv"}))
    api_rows = csv_table(api.get(reverse(LISTS[name][1]), {"format": "csv"}))
    assert portal[0] == api_rows[0]
    assert len(portal) > 1  # the world has public records of every type
    assert sorted(portal[1:]) == sorted(api_rows[1:])


def test_a_filtered_portal_csv_is_the_api_csv_of_the_same_filter(client, api, world):
    params = {"party": world.accused.slug}
    portal = csv_table(client.get(reverse("portal:allegation_list"), {**params, "format": "csv"}))
    api_rows = csv_table(api.get(reverse("api:allegation-list"), {**params, "format": "csv"}))
    assert len(portal) == 3  # the header, the world's allegation and the swapped one
    assert portal == api_rows
