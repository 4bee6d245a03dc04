"""Record pages that would grow with the data (issue #12): a source's "Cited by" list is
paged in the database, a party's page lists at most the first records of each role and
links to the list holding all of them."""

import pytest
from django.urls import reverse

from casebook.records.models import CaseParty, EditorialStatus
from casebook.records.selectors import CITED_BY_PAGE_SIZE, PARTY_ROLE_LIMIT
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    CasePartyFactory,
    CitationFactory,
    GuidanceFactory,
    PartyFactory,
    SourceFactory,
)
from tests.portal.conftest import measured

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(django_app, settings):
    """django-webtest over plain http (its cookie jar keeps no "secure" cookie)."""
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    return django_app


def detail_url(record) -> str:
    return reverse(record.portal_url_name, kwargs={"slug": record.slug})


def cite(source, count: int, status: str = EditorialStatus.PUBLISHED) -> list:
    """``count`` new allegations in ``status``, each citing ``source`` once."""
    allegations = AllegationFactory.create_batch(count, editorial_status=status, cite=False)
    for allegation in allegations:
        CitationFactory(record=allegation, source=source)
    return allegations


def cited_records(response) -> list:
    return [record for record, _ in response.context["cited_by"]]


def test_source_page_lists_one_page_in_the_same_queries_for_3_or_60_citing_records(client):
    source = SourceFactory()
    cite(source, 3)
    small, small_queries = measured(client, detail_url(source))
    assert len(cited_records(small)) == 3
    cite(source, 57)
    large, large_queries = measured(client, detail_url(source))
    assert large_queries == small_queries
    assert len(cited_records(large)) == CITED_BY_PAGE_SIZE == 50
    assert large.context["page_obj"].paginator.count == 60
    content = large.content.decode()
    assert "60 citations by public records; 1–50 here." in content
    assert 'rel="next"' in content


def test_source_page_queries_are_bounded_by_the_record_types_on_the_page(client):
    source = SourceFactory()
    party = PartyFactory(cite=source)
    cite(source, 1)
    two_types, two_types_queries = measured(client, detail_url(source))
    assert set(cited_records(two_types)) >= {party}
    cite(source, 98)
    _, larger_queries = measured(client, detail_url(source))
    assert larger_queries <= two_types_queries


def test_source_page_two_holds_the_rest_in_order(client):
    source = SourceFactory()
    cite(source, 60)
    first = cited_records(client.get(detail_url(source)))
    second = client.get(detail_url(source), {"page": 2})
    rest = cited_records(second)
    assert len(rest) == 10
    assert not set(first) & set(rest)
    # The citations' order, by record type and record: one sequence across the pages.
    assert [a.pk for a in first + rest] == sorted(a.pk for a in first + rest)
    assert "51–60 here" in second.content.decode()


@pytest.mark.parametrize(
    "status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]
)
def test_a_hidden_citing_record_never_shows_and_is_not_counted(client, status):
    source = SourceFactory()
    shown = cite(source, 2)
    hidden = cite(source, 1, status=status)[0]
    hidden.title = "Hidden citing allegation"
    hidden.save()
    response = client.get(detail_url(source))
    assert set(cited_records(response)) == set(shown)
    assert response.context["page_obj"].paginator.count == 2
    content = response.content.decode()
    assert "2 citations by public records" in content
    assert "Hidden citing allegation" not in content


def test_hidden_citing_records_do_not_take_room_on_a_page(client):
    source = SourceFactory()
    cite(source, 10, status=EditorialStatus.DRAFT)
    cite(source, 50)
    response = client.get(detail_url(source))
    assert len(cited_records(response)) == 50
    assert not response.context["page_obj"].has_other_pages()
    assert client.get(detail_url(source), {"page": 2}).status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "3", "99999999999999999999"])
def test_a_bad_page_of_a_source_is_400_naming_page(client, page):
    source = SourceFactory()
    cite(source, 51)  # two pages
    response = client.get(detail_url(source), {"page": page})
    assert response.status_code == 400
    assert response.context["errors"] == [("page", ["No such page of this list."])]


def test_an_unpublished_source_answers_as_a_missing_one_whatever_its_page(client):
    source = SourceFactory(editorial_status=EditorialStatus.DRAFT)
    missing = reverse("portal:source_detail", kwargs={"slug": "no-such-source"})
    for page in ("1", "2", "abc"):
        draft = client.get(detail_url(source), {"page": page})
        assert draft.status_code == client.get(missing, {"page": page}).status_code
        assert source.title not in draft.content.decode()
    assert client.get(detail_url(source), {"page": "1"}).status_code == 404


def test_party_page_lists_at_most_the_first_of_a_role_in_the_same_queries(client):
    party = PartyFactory()
    AllegationFactory.create_batch(3, accuser=party, cite=False)
    small, small_queries = measured(client, detail_url(party))
    AllegationFactory.create_batch(27, accuser=party, cite=False)
    large, large_queries = measured(client, detail_url(party))
    assert large_queries == small_queries
    (role, _), *_ = large.context["roles"]
    assert (role.label, len(role.records), role.total) == ("Accuser", PARTY_ROLE_LIMIT, 30)
    assert "The first 25 of 30." in large.content.decode()
    assert "The first" not in small.content.decode()


def accuser(party, status=EditorialStatus.PUBLISHED):
    return AllegationFactory(accuser=party, editorial_status=status, cite=False)


def accused(party, status=EditorialStatus.PUBLISHED):
    allegation = AllegationFactory(editorial_status=status, cite=False)
    AccusedPartyFactory(allegation=allegation, party=party)
    return allegation


def court(party, status=EditorialStatus.PUBLISHED):
    return CaseFactory(court=party, editorial_status=status, cite=False)


def issuer(party, status=EditorialStatus.PUBLISHED):
    return GuidanceFactory(issuer=party, editorial_status=status, cite=False)


@pytest.mark.parametrize(
    "make, link",
    [
        (accuser, "All 26 allegations it made"),
        (accused, "All 26 allegations against it"),
        (court, "All 26 cases before it"),
        (issuer, "All 26 guidance documents it issued"),
    ],
)
def test_party_page_links_to_the_list_of_all_its_records_in_a_role(app, make, link):
    party = PartyFactory(cite=False)
    records = [make(party) for _ in range(PARTY_ROLE_LIMIT + 1)]
    make(party, status=EditorialStatus.DRAFT)
    page = app.get(detail_url(party))
    listed = page.click(description=link)
    assert listed.status_code == 200
    assert set(listed.context["paginator"].object_list) == set(records)


def test_party_page_links_a_case_role_to_its_cases_in_that_role(app):
    party = PartyFactory(cite=False)
    plaintiff = [
        CasePartyFactory(party=party, case=CaseFactory(cite=False)).case
        for _ in range(PARTY_ROLE_LIMIT + 1)
    ]
    CasePartyFactory(party=party, case=CaseFactory(cite=False), role=CaseParty.Role.DEFENDANT)
    page = app.get(detail_url(party))
    roles = {role.label: role for role, _ in page.context["roles"]}
    assert (len(roles["Plaintiff"].records), roles["Plaintiff"].total) == (25, 26)
    assert not roles["Defendant"].has_more
    assert "in any role" not in page.text
    listed = page.click(description="All 26 cases as Plaintiff")
    assert set(listed.context["paginator"].object_list) == set(plaintiff)
