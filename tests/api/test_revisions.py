"""The API as of a revision: the list of a record's public revisions and the record as of one."""

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from casebook.records.registry import record_type_of
from casebook.records.selectors.revisions import MAX_REVISION
from casebook.records.services import record_publish, record_retract
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CitationFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TechniqueFactory,
)
from tests.portal.conftest import build_world

pytestmark = pytest.mark.django_db

API_NAMES = ("party", "source", "allegation", "case", "settlement", "guidance", "terms", "event")


def revisions_url(record) -> str:
    return reverse(f"api:{record_type_of(record).name}-revisions", args=[record.slug])


#: A clause's fields inside a terms version of a revision.
CLAUSE_FIELDS = ("category", "section", "text", "verification", "notes", "carried_over")


def revision_url(record, number: int) -> str:
    return reverse(f"api:{record_type_of(record).name}-revision", args=[record.slug, number])


@pytest.fixture
def world(db):
    return build_world()


def test_a_revision_has_the_shape_of_the_record_itself(api, world):
    for record in world.records:
        listing = api.get(revisions_url(record))
        assert listing.status_code == 200, record
        current = listing.json()["current"]
        assert listing.json()["revisions"][-1]["number"] == current

        answer = api.get(revision_url(record, current))
        assert answer.status_code == 200
        body = answer.json()
        detail = api.get(body["record"]["api_url"]).json()
        # Nothing changed since: the revision is the record, field for field; a terms
        # document's versions also carry the clauses the revision froze (the detail's
        # summaries link to them), which are the version's own clauses now.
        for version in body["record"].get("versions", []):
            frozen = version.pop("clauses")
            now = api.get(version["api_url"]).json()["clauses"]
            assert frozen == [{name: c[name] for name in CLAUSE_FIELDS} for c in now]
        assert body["record"] == detail
        assert body["is_latest"] is True
        assert body["portal_url"].endswith(f"{record.get_absolute_url()}rev/{current}/")


def test_an_old_revision_keeps_the_old_fields_and_rows(api, world, staff_user):
    allegation = world.allegation
    old = api.get(revisions_url(allegation)).json()["current"]
    old_conduct = world.accused_row.conduct
    allegation.title = "Renamed allegation"
    allegation._history_user = staff_user
    allegation.save()
    row = world.accused_row
    row.conduct = "Rewritten conduct"
    row.save()
    allegation.topics.clear()

    body = api.get(revision_url(allegation, old)).json()
    assert body["is_latest"] is False
    assert body["record"]["title"] == "0 Allegation of distillation"
    assert [row["conduct"] for row in body["record"]["accused"]] == [old_conduct]
    assert [t["slug"] for t in body["record"]["topics"]] == ["distillation"]
    numbers = [r["number"] for r in api.get(revisions_url(allegation)).json()["revisions"]]
    assert old in numbers and numbers[-1] > old


def test_drafts_before_publication_and_hidden_records_have_no_public_revision(
    api, world, staff_user
):
    allegation = AllegationFactory(title="Working title", editorial_status="in_review")
    draft = allegation.history.latest("history_id").history_id
    record_publish(record=allegation, user=staff_user)
    numbers = [r["number"] for r in api.get(revisions_url(allegation)).json()["revisions"]]
    assert draft not in numbers and numbers
    assert api.get(revision_url(allegation, draft)).status_code == 404

    hidden = SettlementFactory(editorial_status=EditorialStatus.DRAFT)
    assert api.get(revisions_url(hidden)).status_code == 404
    assert api.get(revision_url(hidden, hidden.history.first().history_id)).status_code == 404

    number = api.get(revisions_url(world.guidance)).json()["current"]
    record_retract(record=world.guidance, user=staff_user, note="Withdrawn.")
    for url in (revisions_url(world.guidance), revision_url(world.guidance, number)):
        gone = api.get(url)
        assert gone.status_code == 410 and gone.json()["error"]["code"] == "retracted"


def test_private_rows_stay_out_of_a_revision(api, world):
    hidden_party = PartyFactory(name="Hidden Lab", editorial_status=EditorialStatus.DRAFT)
    hidden_source = SourceFactory(title="Hidden memo", editorial_status="draft")
    AccusedPartyFactory(allegation=world.allegation, party=hidden_party)
    CitationFactory(record=world.allegation, source=hidden_source)
    world.allegation.review_note = "Internal: check with legal"
    world.allegation.save()
    number = api.get(revisions_url(world.allegation)).json()["current"]

    text = api.get(revision_url(world.allegation, number)).content.decode()
    for private in ("Hidden Lab", hidden_party.slug, hidden_source.slug, "check with legal"):
        assert private not in text


def test_bad_requests_answer_in_the_api_shape(api, world):
    number = api.get(revisions_url(world.case)).json()["current"]
    unknown = api.get(revision_url(world.case, number), {"page": "2"})
    assert unknown.status_code == 400 and "page" in unknown.json()["error"]["details"]
    for url in (
        revision_url(world.case, MAX_REVISION + 1),
        revision_url(world.case, 10**30),
        reverse("api:case-revisions", args=["no-such-case"]),
    ):
        answer = api.get(url)
        assert answer.status_code == 404 and answer.json()["error"]["status"] == 404


def test_a_revision_costs_the_same_queries_for_more_rows(api, world, django_assert_max_num_queries):
    allegation = world.allegation
    url = revision_url(allegation, api.get(revisions_url(allegation)).json()["current"])
    with django_assert_max_num_queries(60) as few:
        api.get(url)
    baseline = len(few)
    for i in range(5):
        row = AccusedPartyFactory(allegation=allegation, party=PartyFactory(name=f"Lab {i}"))
        row.techniques.add(TechniqueFactory())
        CitationFactory(record=allegation, source=SourceFactory())
    allegation.save()
    url = revision_url(allegation, api.get(revisions_url(allegation)).json()["current"])
    with django_assert_max_num_queries(baseline):
        assert len(api.get(url).json()["record"]["accused"]) == 6
