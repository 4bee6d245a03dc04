"""A party's page links each of its roles in cases to the case list filtered for the
party in that role (``?party=<slug>&role=<role>``): the link says how many cases, and
following it lists exactly those cases, in that role only, and never a draft."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from casebook.records.models import CaseParty, EditorialStatus
from casebook.records.selectors import PARTY_ROLE_LIMIT
from tests.factories import CaseFactory, CasePartyFactory, PartyFactory

pytestmark = pytest.mark.django_db

ROLE = CaseParty.Role

#: How many public cases the party has in each role: more than a page lists.
COUNTS = {ROLE.PLAINTIFF: PARTY_ROLE_LIMIT + 1, ROLE.DEFENDANT: PARTY_ROLE_LIMIT + 2}


@pytest.fixture
def app(django_app, settings):
    """django-webtest over plain http (its cookie jar keeps no "secure" cookie)."""
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    return django_app


def add_cases(party, role: str, count: int, **fields) -> set:
    """``count`` new cases with ``party`` in ``role``, each also with another party in the
    other role (so "the party in any role, and someone in this role" would match them all)."""
    other_role = ROLE.DEFENDANT if role == ROLE.PLAINTIFF else ROLE.PLAINTIFF
    cases = set()
    for _ in range(count):
        case = CaseFactory(cite=False, **fields)
        CasePartyFactory(case=case, party=party, role=role)
        CasePartyFactory(case=case, party=PartyFactory(cite=False), role=other_role)
        cases.add(case)
    return cases


@pytest.fixture
def party_cases():
    """A party with its cases by role; another party plaintiff in cases of its own; a draft
    case naming the party as plaintiff."""
    party = PartyFactory(slug="lab", name="The Lab", cite=False)
    by_role = {role: add_cases(party, role, count) for role, count in COUNTS.items()}
    add_cases(PartyFactory(cite=False), ROLE.PLAINTIFF, 3)
    add_cases(party, ROLE.PLAINTIFF, 1, editorial_status=EditorialStatus.DRAFT)
    return party, by_role


@pytest.mark.parametrize("role", list(COUNTS))
def test_the_link_lists_exactly_the_cases_it_counts(app, party_cases, role):
    party, by_role = party_cases
    page = app.get(party.get_absolute_url())
    label = ROLE(role).label
    count = COUNTS[role]
    link = page.html.find("a", string=f"All {count} cases as {label}")
    assert link is not None, page.text
    assert (
        link["href"] == f"{reverse('portal:case_list')}?{urlencode({'party': 'lab', 'role': role})}"
    )
    listed = page.click(description=f"All {count} cases as {label}")
    paginator = listed.context["paginator"]
    assert paginator.count == count
    assert set(paginator.object_list) == by_role[role]  # no draft, no other role
    roles = {r.label: r for r, _ in page.context["roles"]}
    assert roles[label].total == count


def test_the_page_no_longer_says_in_any_role(app, party_cases):
    party, _ = party_cases
    page = app.get(party.get_absolute_url())
    assert "in any role" not in page.text
    assert "All its cases" not in page.text
    hrefs = [a["href"] for a in page.html.select("p.more a")]
    assert sorted(hrefs) == sorted(
        f"{reverse('portal:case_list')}?{urlencode({'party': 'lab', 'role': role})}"
        for role in COUNTS
    )
