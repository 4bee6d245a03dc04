"""Retractions reach API users: 410 at the record's URL, tombstones with updated_since, in the
Atom feed and in the dump — and nothing of the retracted record's content anywhere."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from casebook.records.models import Allegation, EditorialStatus
from casebook.records.services import record_retract
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "qqsecretcontent"
RETRACTED_ON = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)

#: (API name, dataset key, factory, a text field to fill with the secret)
TYPES = [
    ("party", "parties", PartyFactory, "description"),
    ("source", "sources", SourceFactory, "notes"),
    ("allegation", "allegations", AllegationFactory, "summary"),
    ("case", "cases", CaseFactory, "summary"),
    ("settlement", "settlements", SettlementFactory, "terms_summary"),
    ("guidance", "guidance", GuidanceFactory, "summary"),
    ("terms", "terms_documents", TermsDocumentFactory, "description"),
    ("event", "events", EventFactory, "description"),
]


@pytest.fixture
def editor(make_staff):
    return make_staff("Editors")


@pytest.fixture
def retracted(editor):
    """One record of every type, published with a secret in its text, then retracted."""
    records = {}
    for name, _, factory, field in TYPES:
        record = factory(slug=f"gone-{name}", **{field: f"{SECRET} {name}"})
        with time_machine.travel(RETRACTED_ON, tick=False):
            record_retract(record=record, user=editor, note=f"The {name} was wrong.")
        records[name] = record
    return records


def tombstone(name: str) -> dict:
    return {
        "slug": f"gone-{name}",
        "type": name,
        "retracted_at": "2026-03-01T12:00:00Z",
        "note": f"The {name} was wrong.",
    }


def test_retract_sets_retracted_at(retracted):
    for record in retracted.values():
        record.refresh_from_db()
        assert record.retracted_at == RETRACTED_ON


@pytest.mark.parametrize(("name", "key", "factory", "field"), TYPES)
def test_a_retracted_records_api_url_answers_410_with_its_note_and_date(
    api, retracted, name, key, factory, field
):
    response = api.get(reverse(f"api:{name}-detail", kwargs={"slug": f"gone-{name}"}))

    assert response.status_code == 410
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 410
    assert error["code"] == "retracted"
    assert error["details"] == {k: [v] for k, v in tombstone(name).items()}
    assert f"The {name} was wrong." in error["message"]
    assert "2026-03-01" in error["message"]
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("status", [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW])
def test_a_record_that_never_was_public_stays_404(api, status):
    allegation = AllegationFactory(editorial_status=status, retraction_note="internal")
    response = api.get(reverse("api:allegation-detail", kwargs={"slug": allegation.slug}))
    assert response.status_code == 404
    assert "internal" not in response.content.decode()


@pytest.mark.parametrize(("name", "key", "factory", "field"), TYPES)
def test_updated_since_reports_retractions_as_tombstones(api, retracted, name, key, factory, field):
    published = factory()  # a change since, to show that results and tombstones coexist
    url = reverse(f"api:{name}-list")

    data = api.get(url, {"updated_since": "2026-02-01T00:00:00Z"}).json()

    assert data["retracted"] == [tombstone(name)]
    slugs = [row["slug"] for row in data["results"]]
    assert published.slug in slugs
    assert f"gone-{name}" not in slugs
    assert SECRET not in str(data)
    # Retracted before the moment asked for: already reported by an earlier sync.
    later = api.get(url, {"updated_since": "2026-03-02T00:00:00Z"}).json()
    assert later["retracted"] == []
    # Lists without updated_since have no tombstones.
    assert "retracted" not in api.get(url).json()


def test_tombstones_come_on_the_first_page_only_and_ignore_other_filters(api, retracted):
    for n in range(3):
        AllegationFactory(slug=f"fresh-{n}")
    url = reverse("api:allegation-list")
    params = {"updated_since": "2026-02-01T00:00:00Z", "page_size": 2, "status": "alleged"}

    first = api.get(url, params).json()
    second = api.get(first["next"]).json()

    assert first["retracted"] == [tombstone("allegation")]
    assert second["retracted"] == []
    assert len(first["results"]) + len(second["results"]) == 3


def test_the_dump_lists_retracted_slugs_without_content(api, retracted):
    text = b"".join(api.get(reverse("api:dump")).streaming_content).decode()
    data = json.loads(text)

    for name, key, _, _ in TYPES:
        expected = {k: v for k, v in tombstone(name).items() if k != "type"}
        assert data["retracted"][key] == [expected]
        assert all(row["slug"] != f"gone-{name}" for row in data[key])
    assert SECRET not in text


def test_a_dump_with_its_retracted_section_loads_back(api, retracted, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "dump.json"
    path.write_bytes(b"".join(api.get(reverse("api:dump")).streaming_content))
    call_command("load_casebook", str(path), verbosity=0)
    assert Allegation.objects.get(slug="gone-allegation").editorial_status == "retracted"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_reports_each_retraction_as_a_tombstone_entry(client, retracted):
    AllegationFactory(slug="still-here", title="Still here")
    response = client.get(reverse("portal:feed"))
    text = response.content.decode()
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    by_link = {e.find(f"{ATOM}link").get("href").split("testserver")[-1]: e for e in entries}

    assert SECRET not in text
    for name, record in retracted.items():
        entry = by_link[record.get_absolute_url()]
        title = entry.find(f"{ATOM}title").text
        assert title.startswith("Retracted") and f"gone-{name}" in title
        assert f"The {name} was wrong." in entry.find(f"{ATOM}summary").text
        assert entry.find(f"{ATOM}content") is None
        assert entry.find(f"{ATOM}updated").text.startswith("2026-03-01T12:00:00")
    assert "Still here" in text
