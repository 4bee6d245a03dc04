"""The cases' ``role`` filter: a party's role in a case, declared once for the portal and
the API (``CaseFilterSet``). With ``party``, the party and the role are those of one
case-party row; alone, any public party in that role. A draft case, or a draft party's
row, never makes a case match."""

from dataclasses import dataclass

import pytest
from django.http import QueryDict
from django.urls import reverse
from rest_framework.test import APIClient

from casebook.api import messages
from casebook.records.filters import CaseFilterSet
from casebook.records.filters.repeats import NOT_REPEATABLE
from casebook.records.models import Case, CaseParty, EditorialStatus, Party
from tests.api.test_dialect import SCHEMA
from tests.factories import CaseFactory, CasePartyFactory, PartyFactory

pytestmark = pytest.mark.django_db

ROLE = CaseParty.Role


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@dataclass
class Cases:
    """Alpha is plaintiff in ``one`` (against Beta) and defendant in ``two``; Beta is
    plaintiff in ``three``; Gamma is appellant in ``two``. ``draft`` (a draft case) has
    Alpha as plaintiff; ``secret`` has a draft party as its only judge."""

    alpha: Party
    beta: Party
    gamma: Party
    hidden_party: Party
    one: Case
    two: Case
    three: Case
    draft: Case
    secret: Case


def case_with(name: str, *rows: tuple[Party, str], **fields) -> Case:
    case = CaseFactory(name=name, cite=False, **fields)
    for party, role in rows:
        CasePartyFactory(case=case, party=party, role=role)
    return case


@pytest.fixture
def cases() -> Cases:
    alpha, beta, gamma = (PartyFactory(slug=s, cite=False) for s in ("alpha", "beta", "gamma"))
    hidden_party = PartyFactory(slug="hidden", editorial_status=EditorialStatus.DRAFT)
    return Cases(
        alpha=alpha,
        beta=beta,
        gamma=gamma,
        hidden_party=hidden_party,
        one=case_with("One", (alpha, ROLE.PLAINTIFF), (beta, ROLE.DEFENDANT)),
        two=case_with("Two", (gamma, ROLE.APPELLANT), (alpha, ROLE.DEFENDANT)),
        three=case_with("Three", (beta, ROLE.PLAINTIFF)),
        draft=case_with("Draft", (alpha, ROLE.PLAINTIFF), editorial_status=EditorialStatus.DRAFT),
        secret=case_with("Secret", (hidden_party, ROLE.JUDGE)),
    )


#: (query, names of the cases listed), on both surfaces.
ANSWERS = [
    ({"role": "plaintiff"}, ["One", "Three"]),
    ({"role": "defendant"}, ["One", "Two"]),
    ({"role": "appellant"}, ["Two"]),
    ({"role": "class_counsel"}, []),
    # The judge of "Secret" is a draft party: its row is not shown, so it does not match.
    ({"role": "judge"}, []),
    ({"party": "alpha", "role": "plaintiff"}, ["One"]),
    ({"party": "alpha", "role": "defendant"}, ["Two"]),
    # Beta is a defendant in "One", where Alpha is plaintiff: Alpha's own row decides.
    ({"party": "beta", "role": "defendant"}, ["One"]),
    ({"party": "beta", "role": "appellant"}, []),
    ({"party": "gamma", "role": "defendant"}, []),
    ({"party": ["alpha", "beta"], "role": "plaintiff"}, ["One", "Three"]),
    ({"party": ["alpha", "gamma"], "role": "appellant"}, ["Two"]),
]


def api_names(api, query: dict) -> list[str]:
    response = api.get(reverse("api:case-list"), query)
    assert response.status_code == 200, response.content[:300]
    return sorted(row["name"] for row in response.json()["results"])


def portal_names(client, query: dict) -> list[str]:
    response = client.get(reverse("portal:case_list"), query)
    assert response.status_code == 200
    return sorted(case.name for case in response.context["paginator"].object_list)


@pytest.mark.parametrize("query, expected", ANSWERS)
def test_the_api_lists_the_cases_of_the_role(api, cases, query, expected):
    assert api_names(api, query) == expected


@pytest.mark.parametrize("query, expected", ANSWERS)
def test_the_portal_lists_the_cases_of_the_role(client, cases, query, expected):
    assert portal_names(client, query) == expected


def test_without_a_role_party_still_means_any_role(client, api, cases):
    for names, surface in ((api_names, api), (portal_names, client)):
        assert names(surface, {"party": "alpha"}) == ["One", "Two"]
        assert names(surface, {"party": ["beta", "gamma"]}) == ["One", "Three", "Two"]
        assert names(surface, {"party": "alpha", "role": "plaintiff"}) == ["One"]


def test_the_filterset_matches_party_and_role_in_one_row(cases):
    query = QueryDict("party=beta&role=plaintiff")
    filtered = CaseFilterSet(query, queryset=Case.objects.public())
    assert filtered.is_valid()
    assert list(filtered.qs) == [cases.three]  # not "One", where Alpha is the plaintiff


@pytest.mark.parametrize("bad", ["bogus", "Plaintiff", "plaintiff "])
def test_an_unknown_role_is_a_400_naming_role_in_the_api(api, cases, bad):
    response = api.get(reverse("api:case-list"), {"role": bad})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"role": [messages.unknown_value(bad)]}


@pytest.mark.parametrize("bad", ["bogus", "Plaintiff"])
def test_an_unknown_role_is_a_400_naming_role_on_the_portal(client, cases, bad):
    response = client.get(reverse("portal:case_list"), {"party": "alpha", "role": bad})
    assert response.status_code == 400
    assert [name for name, _ in response.context["errors"]] == ["role"]


def test_role_is_given_once_on_both_surfaces(client, api, cases):
    query = {"role": ["plaintiff", "defendant"]}
    api_response = api.get(reverse("api:case-list"), query)
    assert api_response.status_code == 400
    assert api_response.json()["error"]["details"] == {"role": [NOT_REPEATABLE]}
    portal = client.get(reverse("portal:case_list"), query)
    assert portal.status_code == 400
    assert portal.context["errors"] == [("role", [NOT_REPEATABLE])]


def test_the_portal_form_offers_the_roles_by_their_labels(webtest_app, cases):
    page = webtest_app.get(reverse("portal:case_list"))
    [form] = [f for f in page.forms.values() if "filter-form" in f.html.form["class"]]
    options = [(value, text) for value, _, text in form["role"].options]
    assert options == [("", "Any role"), *ROLE.choices]
    form["role"] = "defendant"
    form["party"] = "alpha"
    listed = form.submit().maybe_follow()  # the page drops the empty fields first
    assert [case.name for case in listed.context["paginator"].object_list] == ["Two"]


def cases_list_parameter(name: str) -> dict:
    [parameter] = [
        p for p in SCHEMA["paths"]["/api/v1/cases/"]["get"]["parameters"] if p["name"] == name
    ]
    return parameter


def test_the_schema_lists_the_roles_and_names_their_enum():
    parameter = cases_list_parameter("role")
    assert sorted(parameter["schema"]["enum"]) == sorted(ROLE.values)
    assert "party" in parameter["description"]
    # The case-party rows' role is one named enum (ENUM_NAME_OVERRIDES), never a hashed one.
    assert sorted(SCHEMA["components"]["schemas"]["RoleEnum"]["enum"]) == sorted(ROLE.values)
