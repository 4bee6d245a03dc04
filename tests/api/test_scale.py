"""Export, dump and CSV at a size that crashed SQLite before (10,000 events), streamed in
bounded memory; the dump is built once per version of the data; the synthetic generator
marks what it writes and keeps out of real databases."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records import dataset, synthetic
from casebook.records.models import RECORD_MODELS, AccusedParty, Allegation, Citation, Clause, Event
from tests.factories import EventFactory, PartyFactory

#: 10,000 events (the size at which the export crashed on SQLite), few other records.
TEN_THOUSAND_EVENTS = synthetic.Size(events=10_000, allegations=200, clauses=200)


def streamed(response) -> bytes:
    assert response.status_code == 200, response
    assert response.streaming
    return b"".join(response.streaming_content)


def test_the_generator_refuses_a_database_with_real_published_records(db):
    PartyFactory(slug="anthropic")  # published by default, and not synthetic
    with pytest.raises(CommandError, match="not synthetic"):
        call_command("generate_synthetic", "--size", "tiny")
    assert not Event.objects.exists()


def test_every_generated_row_is_marked_synthetic(db):
    size = synthetic.generate("tiny")
    assert Event.objects.count() == size.events
    assert Allegation.objects.count() == size.allegations
    assert AccusedParty.objects.count() == size.allegations * synthetic.ACCUSED_PER_ALLEGATION
    assert Clause.objects.count() == size.clauses
    for model in RECORD_MODELS:
        assert not model.objects.exclude(slug__startswith=synthetic.PREFIX).exists(), model
    assert set(Citation.objects.values_list("source__title", flat=True)) == {synthetic.SOURCE_TITLE}
    statuses = set(Event.objects.values_list("editorial_status", flat=True))
    assert {"published", "draft", "retracted"} <= statuses  # so leak tests mean something
    with pytest.raises(ValueError, match="already holds synthetic data"):
        synthetic.generate("tiny")


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the size that crashed was on SQLite; PostgreSQL runs the same streaming code",
)
def test_the_dump_streams_at_ten_thousand_events(api, db, tmp_path, settings):
    settings.CASEBOOK_DUMP_DIR = str(tmp_path / "dumps")
    synthetic.generate(TEN_THOUSAND_EVENTS)
    public_events = set(Event.objects.public().values_list("slug", flat=True))
    draft = Event.objects.filter(editorial_status="draft").first()

    dumped = tmp_path / "dump.json"
    response = api.get(reverse("api:dump"))
    assert response.status_code == 200 and response.streaming
    with dumped.open("wb") as handle:
        for chunk in response.streaming_content:  # as a client reads it: chunk by chunk
            handle.write(chunk)
    body = dumped.read_bytes()
    data = json.loads(body)
    assert {row["slug"] for row in data["events"]} == public_events
    assert draft.slug.encode() not in body
    # Memory is measured by `make bench` (peak RSS of a process streaming the dump), not here.


def test_the_streamed_export_is_the_file_byte_for_byte(db, tmp_path):
    synthetic.generate("tiny")
    path = tmp_path / "export.json"
    call_command("export_casebook", str(path))
    assert path.read_text(encoding="utf-8") == dataset.dumps(dataset.export_dataset())
    assert not list(tmp_path.glob("*.partial"))


def test_the_dump_is_built_once_per_version_of_the_data(api, db, tmp_path, settings):
    settings.CASEBOOK_DUMP_DIR = str(tmp_path)
    # A cache of this process alone: another test run sharing the Redis database would
    # change the token (as it should: the token is shared on purpose) in mid-test.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    event = EventFactory(headline="Before")
    first = api.get(reverse("api:dump"))
    first_body = streamed(first)
    assert b"Before" in first_body

    with CaptureQueriesContext(connection) as queries:
        again = api.get(reverse("api:dump"))
        assert streamed(again) == first_body
    assert again["ETag"] == first["ETag"]
    # Served from the built file: only the version is read, whatever the size of the data.
    assert len(queries) == 1, [q["sql"][:80] for q in queries]

    event.headline = "After"
    event.save()
    changed = api.get(reverse("api:dump"))
    text = streamed(changed)
    assert b"After" in text and b"Before" not in text
    assert changed["ETag"] != first["ETag"]
    assert len(list(tmp_path.glob("dump-*.json"))) == 1  # the old version is gone


def test_csv_lists_hold_every_public_row(api, db):
    synthetic.generate("tiny")
    public = set(Allegation.objects.public().values_list("slug", flat=True))
    for url in (reverse("api:allegation-list"), reverse("portal:allegation_list")):
        text = streamed(api.get(url, {"format": "csv"})).decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {row["slug"] for row in rows} == public, url
