"""Every URL of a retracted record answers 410 with its tombstone and nothing else.

The page, each revision permalink and (for a terms document) each version page show
the record's type, slug, retraction date and public note, as the API's 410, the feed
and the dump do. Not its title: it is content of a retracted record, perhaps the
reason for the retraction, and staff may still edit it (until 2026-12-08 the page's
``<title>`` and heading showed it, edits included).
"""

import datetime
import html

import pytest
import time_machine

from casebook.records.registry import RECORD_TYPES, record_type
from casebook.records.selectors.revisions import record_revision_latest_number
from casebook.records.services import record_retract
from tests.factories import (
    RECORD_TYPE_FACTORIES,
    StaffUserFactory,
    SuperUserFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

RETRACTED_ON = datetime.datetime(2026, 3, 9, 15, 30, tzinfo=datetime.UTC)
NOTE = "The source was misread & the figures <were> wrong."


def test_every_record_type_is_tried():
    assert set(RECORD_TYPE_FACTORIES) == {rt.name for rt in RECORD_TYPES}


def urls_of(record) -> list[str]:
    """Every portal URL of ``record``: its page, its latest revision, and for a terms
    document the page of its version."""
    page = record.get_absolute_url()
    urls = [page, f"{page}rev/{record_revision_latest_number(record)}/"]
    versions = getattr(record, "versions", None)
    if versions is not None:
        urls.extend(f"{page}versions/{version.effective_from}/" for version in versions.all())
    return urls


def retracted(name: str, *, title: str):
    factory, title_field = RECORD_TYPE_FACTORIES[name]
    record = factory(**{title_field: title})
    if name == "terms":
        TermsVersionFactory(document=record, effective_from=datetime.date(2025, 1, 2))
    urls = urls_of(record)
    with time_machine.travel(RETRACTED_ON, tick=False):
        record_retract(record=record, user=SuperUserFactory(), note=NOTE)
    return record, urls


@pytest.mark.parametrize("name", RECORD_TYPE_FACTORIES)
@pytest.mark.parametrize("as_staff", [False, True])
def test_each_url_of_a_retracted_record_shows_its_tombstone_and_not_its_title(
    client, name, as_staff
):
    record, urls = retracted(name, title="Zanzibarish original title")
    # Staff edit the retracted record afterwards: the edit is not shown either.
    title_field = RECORD_TYPE_FACTORIES[name][1]
    setattr(record, title_field, "Zanzibarish edited title")
    record.save()
    if as_staff:
        client.force_login(StaffUserFactory())

    assert len(urls) == (3 if name == "terms" else 2)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 410, url
        content = response.content.decode()
        assert "Zanzibarish" not in content, url
        heading = f"Retracted {record_type(name).singular}: {record.slug}"
        assert f"<title>{html.escape(heading)}" in content, url
        assert f"<h1>{html.escape(heading)}</h1>" in content, url
        assert '<time datetime="2026-03-09T15:30:00+00:00">9 March 2026</time>' in content, url
        assert html.escape(NOTE) in content, url
