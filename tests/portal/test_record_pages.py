"""Record pages: every field, sources, related records, events, Cite this, preview and 410."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from casebook.portal.revisions import current_permalink
from casebook.records.models import DatePrecision, EditorialStatus, Event, Source
from tests.factories import (
    AllegationFactory,
    CitationFactory,
    EventFactory,
    SourceFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(record) -> str:
    return reverse(record.portal_url_name, kwargs={"slug": record.slug})


@pytest.mark.parametrize(
    "attr, template",
    [
        ("accuser", "portal/party_detail.html"),
        ("source", "portal/source_detail.html"),
        ("terms", "portal/terms_detail.html"),
        ("allegation", "portal/allegation_detail.html"),
        ("case", "portal/case_detail.html"),
        ("settlement", "portal/settlement_detail.html"),
        ("guidance", "portal/guidance_detail.html"),
        ("event", "portal/event_detail.html"),
    ],
)
def test_each_record_page_renders_with_its_template(client, world, attr, template):
    record = getattr(world, attr)
    response = client.get(detail_url(record))
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]
    assert str(record.get_absolute_url()) == detail_url(record)
    content = response.content.decode()
    title = record.headline if isinstance(record, Event) else str(record)
    assert title in content
    assert "Cite this" in content


def test_record_page_lists_sources_with_pinpoint_quote_and_kind(client, world):
    citation = world.allegation.citations.get()
    citation.pinpoint, citation.quote = "para. 7", "we detected the campaign"
    citation.save()
    secondary = SourceFactory(title="Press report", kind=Source.Kind.SECONDARY)
    CitationFactory(record=world.allegation, source=secondary, quote="press says so")
    content = client.get(detail_url(world.allegation)).content.decode()
    assert "para. 7" in content
    assert "we detected the campaign" in content
    assert "Press report" in content
    assert "badge-primary" in content and "badge-secondary" in content


def test_citations_of_unpublished_sources_are_hidden(client, world):
    hidden = SourceFactory(title="Unpublished memo", editorial_status=EditorialStatus.DRAFT)
    CitationFactory(record=world.allegation, source=hidden)
    assert "Unpublished memo" not in client.get(detail_url(world.allegation)).content.decode()


def test_allegation_page_shows_the_accused_table(client, world):
    content = client.get(detail_url(world.allegation)).content.decode()
    assert world.accused.name in content
    assert "over 150,000" in content  # the accused row's exchanges with their qualifier
    assert "Agentic coding" in content
    assert "Fraudulent accounts" in content
    assert world.accused_row.get_response_display() in content


def test_allegation_page_flags_a_clause_added_after_the_conduct_began(client, world):
    # Conduct began 1 June 2024; the version in force then reviewed the category
    # without the clause, which came in with the 2025 version.
    response = client.get(detail_url(world.allegation))
    content = response.content.decode()
    assert response.context["accuser_clause"].added_later
    assert "No such clause in the reviewed version" in content
    assert "Added later" in content
    assert "1 January 2025" in content


def test_allegation_page_quotes_the_clause_in_force(client, world):
    world.allegation.conduct_start = datetime.date(2025, 6, 1)
    world.allegation.save()
    content = client.get(detail_url(world.allegation)).content.decode()
    assert world.clause.text in content
    assert "Added later" not in content


def test_allegation_page_says_no_version_of_the_terms_is_in_force(client):
    allegation = AllegationFactory()  # the accuser has no terms in Casebook
    content = client.get(detail_url(allegation)).content.decode()
    assert "No version in force" in content
    assert "Terms not reviewed" not in content


def test_dates_are_shown_at_their_precision(client):
    allegation = AllegationFactory(
        made_on=datetime.date(2025, 3, 1), made_on_precision=DatePrecision.MONTH
    )
    event = EventFactory(date=datetime.date(2024, 1, 1), date_precision=DatePrecision.APPROXIMATE)
    assert "March 2025" in client.get(detail_url(allegation)).content.decode()
    assert "c. 2024" in client.get(detail_url(event)).content.decode()


def roles_of(response) -> dict:
    """The party page's records by role label (its ``roles``: each role with its link)."""
    return {role.label: role.records for role, _ in response.context["roles"]}


def test_party_page_groups_records_by_role(client, world):
    response = client.get(detail_url(world.accused))
    roles = roles_of(response)
    assert [r for r, _ in roles["Accused"]] == [world.allegation]
    assert [r for r, _ in roles["Defendant"]] == [world.case]
    accuser_roles = roles_of(client.get(detail_url(world.accuser)))
    assert [r for r, _ in accuser_roles["Accuser"]] == [world.allegation]
    assert [r for r, _ in accuser_roles["Plaintiff"]] == [world.case]
    court_roles = roles_of(client.get(detail_url(world.court)))
    assert [r for r, _ in court_roles["Court"]] == [world.case]


def test_party_page_lists_its_terms_and_issued_guidance(client, world):
    response = client.get(detail_url(world.accuser))
    assert list(response.context["terms_documents"]) == [world.terms]
    issuer_roles = roles_of(client.get(detail_url(world.guidance.issuer)))
    assert [r for r, _ in issuer_roles["Issuer"]] == [world.guidance]


def test_record_page_lists_its_own_events(client, world):
    response = client.get(detail_url(world.allegation))
    assert list(response.context["events"]) == [world.event]
    assert world.event.headline in response.content.decode()


def test_case_page_shows_related_records(client, world):
    content = client.get(detail_url(world.case)).content.decode()
    for text in (world.settlement.title, world.guidance.title, world.allegation.title):
        assert text in content
    assert world.case.docket_number in content


def test_settlement_page_shows_money_and_approvals(client, world):
    content = client.get(detail_url(world.settlement)).content.decode()
    assert "at least USD 1,500,000,000" in content
    assert "USD 3,000" in content
    assert "25 September 2025" in content


def test_guidance_page_shows_holdings(client, world):
    content = client.get(detail_url(world.guidance)).content.decode()
    assert world.guidance.holdings.get().proposition in content


def test_terms_page_shows_versions_and_clauses(client, world):
    content = client.get(detail_url(world.terms)).content.decode()
    assert world.clause.text in content
    assert "In force from 1 January 2025" in content
    assert "In force from 1 January 2023" in content


def test_source_page_lists_the_public_records_citing_it(client, world):
    hidden = AllegationFactory(
        title="Draft allegation", editorial_status=EditorialStatus.DRAFT, cite=world.source
    )
    response = client.get(detail_url(world.source))
    cited = [record for record, _ in response.context["cited_by"]]
    assert world.allegation in cited and world.accuser in cited
    assert hidden not in cited


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_cite_this_gives_plain_text_and_bibtex_with_permalink_and_retrieval_date(client, world):
    response = client.get(detail_url(world.allegation))
    # The permalink of the revision being read (tests/portal/test_revisions.py).
    permalink = f"http://testserver{current_permalink(world.allegation)}"
    assert permalink.startswith(f"http://testserver{detail_url(world.allegation)}rev/")
    cite = response.context["cite"]
    assert permalink in cite.text
    assert "retrieved 2 March 2026" in cite.text
    assert world.allegation.title in cite.text
    assert cite.bibtex.startswith(f"@misc{{casebook-{world.allegation.slug},")
    assert f"\\url{{{permalink}}}" in cite.bibtex
    assert "retrieved 2026-03-02" in cite.bibtex
    assert "@misc{" in response.content.decode()


def test_bibtex_escapes_special_characters(client):
    allegation = AllegationFactory(title="50% of {outputs} & more")
    bibtex = client.get(detail_url(allegation)).context["cite"].bibtex
    assert r"title = {50\% of \{outputs\} \& more}" in bibtex


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW])
def test_unpublished_record_is_404_for_the_public(client, status):
    allegation = AllegationFactory(editorial_status=status)
    assert client.get(detail_url(allegation)).status_code == 404


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW])
def test_staff_preview_unpublished_records_under_a_banner(client, make_staff, status):
    allegation = AllegationFactory(title="Work in progress", editorial_status=status)
    client.force_login(make_staff("Analysts"))
    response = client.get(detail_url(allegation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Preview — not public." in content
    assert "Work in progress" in content


def test_non_staff_users_cannot_preview(client):
    allegation = AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    client.force_login(UserFactory())
    assert client.get(detail_url(allegation)).status_code == 404


def test_published_record_has_no_preview_banner(staff_client, world):
    assert "Preview — not public." not in staff_client.get(detail_url(world.case)).content.decode()


@pytest.mark.parametrize("as_staff", [False, True])
def test_retracted_record_is_410_with_only_its_note(client, as_staff):
    allegation = AllegationFactory(
        title="Withdrawn claim",
        summary="SECRET SUMMARY TEXT",
        editorial_status=EditorialStatus.RETRACTED,
        retraction_note="The source was misread.",
    )
    if as_staff:
        client.force_login(StaffUserFactory())
    response = client.get(detail_url(allegation))
    assert response.status_code == 410
    content = response.content.decode()
    assert "The source was misread." in content
    assert f"Retracted allegation: {allegation.slug}" in content
    assert "Withdrawn claim" not in content  # its title too (tests/portal/test_retracted_pages.py)
    assert "SECRET SUMMARY TEXT" not in content
    assert "Cite this" not in content
    assert allegation.citations.get().source.title not in content


def test_unknown_slug_is_404_with_a_helpful_page(client, settings):
    settings.DEBUG = False
    response = client.get(reverse("portal:allegation_detail", kwargs={"slug": "no-such-thing"}))
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert reverse("portal:search") in content
