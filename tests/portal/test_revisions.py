"""Citation permalinks: a record's page as of a public revision, holding still after edits."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from casebook.portal.revisions import revision_url
from casebook.records.models import EditorialStatus
from casebook.records.selectors.revisions import record_revision_latest_number
from casebook.records.services import record_publish, record_retract
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CitationFactory,
    PartyFactory,
    SourceFactory,
)
from tests.records import conftest as admin_fixtures
from tests.records.admin_pages import assert_saved, change_form

# The admin's pages as rendered, signed in (django-webtest), from the admin tests.
webtest_app, admin_app = admin_fixtures.webtest_app, admin_fixtures.admin_app

pytestmark = pytest.mark.django_db


def cited_permalink(client, record) -> str:
    """The permalink the record page's "Cite this" box gives (a path, host stripped)."""
    cite = client.get(record.get_absolute_url()).context["cite"]
    assert cite.permalink in cite.text and f"\\url{{{cite.permalink}}}" in cite.bibtex
    return cite.permalink.removeprefix("http://testserver")


def test_cite_this_gives_the_permalink_of_the_revision_being_read(client, world):
    for record in world.records:
        number = record_revision_latest_number(record)
        permalink = cited_permalink(client, record)
        assert permalink == f"{record.get_absolute_url()}rev/{number}/"
        page = client.get(permalink)
        assert page.status_code == 200, permalink
        html = page.content.decode()
        assert str(record) in html
        assert "the record has changed since" not in html


@time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_the_citations_carry_the_revision_permalink_and_the_access_date(client, world):
    cite = client.get(world.allegation.get_absolute_url()).context["cite"]
    number = record_revision_latest_number(world.allegation)
    permalink = f"http://testserver{world.allegation.get_absolute_url()}rev/{number}/"
    assert permalink in cite.text and "retrieved 2 March 2026" in cite.text
    assert f"\\url{{{permalink}}}" in cite.bibtex
    assert "urldate = {2026-03-02}" in cite.bibtex


def test_after_an_admin_edit_the_old_permalink_still_shows_the_old_text(client, admin_app, world):
    allegation = world.allegation
    old_title, old_conduct = allegation.title, world.accused_row.conduct
    old_permalink = cited_permalink(client, allegation)

    form = change_form(admin_app, allegation)
    form["title"] = "A renamed allegation"
    form["accused-0-conduct"] = "Newly described conduct."
    assert_saved(form.submit())

    old = client.get(old_permalink).content.decode()
    assert old_title in old and "A renamed allegation" not in old
    assert old_conduct in old and "Newly described conduct." not in old
    assert "the record has changed since" in old
    assert f'href="{allegation.get_absolute_url()}">see the current version' in old

    new_permalink = cited_permalink(client, allegation)
    assert new_permalink != old_permalink
    new = client.get(new_permalink).content.decode()
    assert "A renamed allegation" in new and "Newly described conduct." in new
    assert "the record has changed since" not in new


def test_a_revision_keeps_its_rows_when_only_they_change_in_the_admin(client, admin_app, world):
    guidance = world.guidance
    permalink = cited_permalink(client, guidance)
    # The holding's own admin page, then the guidance page's inline; no field of the
    # guidance itself changes, as the pages render them.
    form = change_form(admin_app, guidance.holdings.get())
    form["proposition"] = "A rewritten holding"
    assert_saved(form.submit())
    form = change_form(admin_app, guidance)
    form["holdings-0-quote"] = "Quoted later."
    assert_saved(form.submit())

    old = client.get(permalink).content.decode()
    assert "0 holding" in old and "rewritten" not in old and "Quoted later." not in old
    assert "the record has changed since" in old
    new = client.get(cited_permalink(client, guidance)).content.decode()
    assert "A rewritten holding" in new and "Quoted later." in new


def test_a_draft_state_before_publication_is_never_shown(client, staff_user, world):
    allegation = AllegationFactory(
        title="Secret working title", editorial_status=EditorialStatus.IN_REVIEW
    )
    draft_number = allegation.history.latest("history_id").history_id
    allegation.title = "Published title"
    allegation.save()
    record_publish(record=allegation, user=staff_user)

    assert client.get(revision_url(allegation, draft_number)).status_code == 404
    published = client.get(cited_permalink(client, allegation)).content.decode()
    assert "Published title" in published and "Secret working title" not in published


def test_revisions_of_a_record_that_is_not_public_are_not_served(client, staff_user, world):
    hidden, retracted = world.settlement, world.guidance
    urls = {
        record: revision_url(record, record_revision_latest_number(record))
        for record in (hidden, retracted)
    }
    hidden.editorial_status = EditorialStatus.IN_REVIEW  # however it got there
    hidden.save()
    record_retract(record=retracted, user=staff_user, note="Withdrawn by the issuer.")

    assert client.get(urls[hidden]).status_code == 404
    gone = client.get(urls[retracted])
    assert gone.status_code == 410 and "Withdrawn by the issuer." in gone.content.decode()


def test_another_records_revision_number_is_not_found(client, world):
    other = AllegationFactory(title="Another allegation")
    number = record_revision_latest_number(other)
    assert not world.allegation.history.filter(history_id=number).exists()
    assert client.get(revision_url(world.allegation, number)).status_code == 404
    missing = reverse(
        "portal:allegation_detail_revision", kwargs={"slug": "no-such-record", "number": 1}
    )
    assert client.get(missing).status_code == 404


def test_nothing_private_shows_on_a_revision(client, world):
    allegation = world.allegation
    hidden_party = PartyFactory(name="Hidden Lab", editorial_status=EditorialStatus.DRAFT)
    hidden_source = SourceFactory(title="Hidden memo", editorial_status=EditorialStatus.DRAFT)
    AccusedPartyFactory(allegation=allegation, party=hidden_party, conduct="Hidden conduct")
    CitationFactory(record=allegation, source=hidden_source)
    allegation.review_note = "Internal: check with legal"
    allegation.save()

    html = client.get(cited_permalink(client, allegation)).content.decode()
    for private in ("Hidden Lab", "Hidden memo", "check with legal", hidden_party.slug):
        assert private not in html
    assert "[record not public]" in html  # the accused row's party, named as hidden


def test_a_revision_page_costs_the_same_queries_for_more_rows(
    client, world, django_assert_max_num_queries
):
    allegation = world.allegation
    permalink = cited_permalink(client, allegation)
    with django_assert_max_num_queries(40) as few:
        client.get(permalink)
    baseline = len(few)
    for i in range(6):
        row = AccusedPartyFactory(allegation=allegation, party=PartyFactory(name=f"Lab {i}"))
        row.capabilities.add(CapabilityFactory())
        CitationFactory(record=allegation, source=SourceFactory())
    allegation.title = "More rows"
    allegation.save()
    permalink = cited_permalink(client, allegation)
    with django_assert_max_num_queries(baseline):
        assert client.get(permalink).status_code == 200


def test_a_terms_revision_shows_its_versions_and_clauses_but_not_the_full_text(client, world):
    version = world.clause.version
    version.full_text = "The whole imported document text."
    version.save()
    world.terms.save()  # a new revision after the version changed outside the admin

    html = client.get(cited_permalink(client, world.terms)).content.decode()
    assert world.clause.text in html and "1 January 2025" in html
    assert "No competing models" in html
    assert "whole imported document" not in html
