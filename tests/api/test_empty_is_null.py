"""Empty optional values are ``null`` in every answer, and the schema says which fields may be.

One rule (``casebook.api.serializers.EmptyIsNullMixin``): a value that may be
empty is declared nullable and answers ``null``, never ``""`` (an empty list
stays ``[]``). Checked over every JSON operation of the schema, on records
whose optional fields are all empty, against the schema's own response type.
"""

import datetime
import json

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from casebook.records.models import ClauseSuggestion, Party
from tests.api.test_schema_examples import as_json_schema
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    CitationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    StaffUserFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sparse_records():
    """A record of every type with every optional text, URL, date and number empty."""
    source = SourceFactory(
        slug="sparse-source", url="", publisher="", author="", archive_url="", notes=""
    )
    vendor = PartyFactory(
        slug="sparse-party", short_name="", country="", website="", description="", caveats=""
    )
    allegation = AllegationFactory(slug="sparse-allegation", accuser=vendor, venue_detail="")
    CitationFactory(record=allegation, source=source, pinpoint="", quote="")
    AccusedPartyFactory(allegation=allegation, response_summary="")
    category = ClauseCategoryFactory(slug="no-competing-models")
    version = TermsVersionFactory(
        document__vendor=vendor,
        document__slug="sparse-terms",
        document__url="",
        label="",
        archive_url="",
        notes="",
        effective_from=None,
    )
    ClauseFactory(version=version, category=category, section="", notes="")
    version.full_text = "Use Output to develop models that compete with the vendor."
    version.save()
    ClauseSuggestion.objects.create(version=version, category=category, section="", text="x")
    case = CaseFactory(slug="sparse-case", reporter_citation="", summary="")
    SettlementFactory(slug="sparse-settlement", case=case, unit_name="")
    HoldingFactory(guidance__slug="sparse-guidance", pinpoint="", quote="")
    EventFactory(slug="sparse-event", description="", allegation=allegation)
    return allegation


def blank_paths(value, path="$"):
    """Paths of every empty string in a JSON value."""
    if value == "":
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from blank_paths(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from blank_paths(item, f"{path}[{n}]")


def json_get_operations():
    schema = json.loads(
        json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)
    )
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        content = operation and operation["responses"]["200"]["content"].get("application/json")
        if content:
            yield path, as_json_schema({**content["schema"], "components": schema["components"]})


SLUGS = {
    "slug": [
        "sparse-party",
        "sparse-source",
        "sparse-allegation",
        "sparse-case",
        "sparse-settlement",
        "sparse-guidance",
        "sparse-terms",
        "sparse-event",
    ],
}
PARAMS = {
    "/api/v1/clause-in-force/": {
        "vendor": "sparse-party",
        "category": "no-competing-models",
        "on": "2026-01-01",
    },
    "/api/v1/terms-matrix/": {"on": "2026-01-01"},
    "/api/v1/compare/": {"key": "sparse-allegation"},
    "/api/v1/search/": {"q": "sparse"},
}


def urls(path):
    if "{slug}" in path:
        for slug in SLUGS["slug"]:
            yield path.replace("{slug}", slug)
    elif "{" not in path:
        yield path


@pytest.mark.parametrize("path, schema", list(json_get_operations()), ids=lambda p: str(p)[:40])
def test_no_answer_carries_an_empty_string_and_every_null_is_declared(
    client, settings, sparse_records, path, schema
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    if path == "/api/v1/clause-suggestions/":  # staff only
        client.force_login(StaffUserFactory())
    checked = 0
    for url in urls(path):
        response = client.get(url, PARAMS.get(path, {}))
        if response.status_code == 404:
            continue  # e.g. a slug of another record type
        assert response.status_code == 200, (url, response.content[:300])
        # The dump streams; everything else answers in one piece.
        data = (
            json.loads(b"".join(response.streaming_content))
            if response.streaming
            else response.json()
        )
        if path != "/api/v1/dump/":  # the dataset file format (docs/dataset-format.md) keeps ""
            assert list(blank_paths(data)) == [], url
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert not errors, (url, [(list(e.path), e.message) for e in errors[:3]])
        checked += 1
    assert checked or "{" in path.replace("{slug}", "")


def test_the_schema_marks_optional_values_nullable():
    schema = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert schema["Citation"]["properties"]["source_url"]["nullable"] is True
    assert schema["Source"]["properties"]["url"].get("nullable") is True
    assert schema["Party"]["properties"]["website"].get("nullable") is True
    assert schema["Party"]["properties"]["aliases"].get("nullable") is not True
    assert "nullable" not in schema["Party"]["properties"]["slug"]
    assert Party._meta.get_field("website").blank
    assert datetime  # dates that may be unknown are null too:
    assert schema["Source"]["properties"]["published_on"]["nullable"] is True
