"""The API speaks one dialect, checked over its own OpenAPI schema, endpoint by endpoint.

Each test walks every operation and parameter the schema declares, so an endpoint
added later is held to the same names, messages and nulls without a new test.
"""

import json
import re

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from casebook.api import messages
from casebook.records.models import TermsVersion
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    SourceFactory,
    StaffUserFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)
)
#: Parameters naming one day of state rather than a range (a point-in-time question).
POINT_IN_TIME = {"on"}


@pytest.fixture(autouse=True)
def as_staff(api):
    """Signed in as staff, so the staff-only endpoints answer too (public ones answer alike)."""
    api.force_authenticate(user=StaffUserFactory())


@pytest.fixture(autouse=True)
def no_throttling(settings):
    """These tests ask hundreds of times; the limits are tested elsewhere."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }


def list_operations() -> list[tuple[str, dict]]:
    """(path, GET operation) for every endpoint without path parameters."""
    return [
        (path, item["get"])
        for path, item in SCHEMA["paths"].items()
        if "get" in item and "{" not in path and not path.endswith(("/schema/", "/dump/"))
    ]


def query_parameters(kind) -> list[tuple[str, str]]:
    """(path, parameter name) of every query parameter whose schema ``kind`` accepts."""
    found = []
    for path, operation in list_operations():
        for parameter in operation.get("parameters", []):
            if parameter["name"] in ("fields", "omit"):
                continue  # names of fields, with a message that lists them
            if parameter["in"] == "query" and kind(parameter["schema"], parameter):
                found.append((path, parameter["name"]))
    return found


def is_date(schema, parameter) -> bool:
    return schema.get("format") == "date" or schema.get("items", {}).get("format") == "date"


def is_enum(schema, parameter) -> bool:
    return "enum" in schema or "enum" in schema.get("items", {})


def is_slug(schema, parameter) -> bool:
    return "slug" in parameter.get("description", "").lower() and not is_enum(schema, parameter)


def error(api, path: str, params: dict) -> dict:
    response = api.get(path, params)
    assert response.status_code == 400, (path, params, response.content[:300])
    return response.json()["error"]["details"]


def test_the_schema_has_parameters_of_each_kind():
    # The tests below walk these lists; an empty list would make them pass vacuously.
    assert len(query_parameters(is_date)) >= 10
    assert len(query_parameters(is_enum)) >= 5
    assert len(query_parameters(is_slug)) >= 10


def test_date_filters_are_named_after_and_before():
    names = {name for _, name in query_parameters(is_date)}
    odd = [
        n
        for n in names
        if n not in POINT_IN_TIME and not re.fullmatch(r"[a-z_]+_(after|before)", n)
    ]
    assert odd == []


def wrong_messages(api, kind, bad_values, expected) -> list:
    """(path, parameter, value, answer) wherever a bad value of that kind got another message.

    The message may go on to help (``format`` lists what it takes), after the same words.
    """
    wrong = []
    for path, name in query_parameters(kind):
        for bad in bad_values:
            answer = error(api, path, {name: bad}).get(name) or [""]
            if len(answer) != 1 or not answer[0].startswith(expected(bad)):
                wrong.append((path, name, bad, answer))
    return wrong


def test_every_bad_date_has_the_same_message(api):
    bad = ["2026-02-30", "yesterday", "2026/01/01"]
    assert wrong_messages(api, is_date, bad, lambda _: messages.DATE) == []


def test_every_unknown_value_has_the_same_message(api):
    bad = ["no-such-value", "ZZ"]
    for kind in (is_enum, is_slug):
        assert wrong_messages(api, kind, bad, messages.unknown_value) == []


def test_every_bad_date_time_has_the_same_message(api):
    def is_date_time(schema, parameter):
        return schema.get("format") == "date-time"

    assert query_parameters(is_date_time)
    assert wrong_messages(api, is_date_time, ["last tuesday"], lambda _: messages.DATETIME) == []


def test_every_bad_number_has_the_same_wording(api):
    def is_integer(schema, parameter):
        return schema.get("type") == "integer"

    assert query_parameters(is_integer)
    for path, name in query_parameters(is_integer):
        [message] = error(api, path, {name: "-3"})[name]
        assert re.fullmatch(r"Must be a whole number from \d+( to \d+)?\.", message), message


def test_enums_have_names_not_hashes():
    names = list(SCHEMA["components"]["schemas"])
    hashed = [n for n in names if re.search(r"[0-9a-f]{3}Enum$", n)]
    assert hashed == []


def component_properties():
    for name, component in SCHEMA["components"]["schemas"].items():
        yield name, component.get("properties", {})


def test_precision_is_always_named_after_its_date():
    for name, properties in component_properties():
        for field in properties:
            assert field != "precision", name
            if field.endswith("_precision"):
                assert field.removesuffix("_precision") in properties, (name, field)


def test_companions_of_a_nullable_value_are_nullable_in_the_schema():
    for name, properties in component_properties():
        for field, spec in properties.items():
            for suffix in ("_precision", "_qualifier", "_display"):
                base = (
                    properties.get(field.removesuffix(suffix)) if field.endswith(suffix) else None
                )
                if base and base.get("nullable"):
                    assert spec.get("nullable"), (name, field)


def test_unknown_dates_and_figures_say_nothing_more_on_every_list(api):
    allegation = AllegationFactory(
        accounts=None, exchanges=None, conduct_start=None, conduct_end=None
    )
    AccusedPartyFactory(allegation=allegation, accounts=None, exchanges=None)
    TermsVersionFactory(effective_from=None)
    SourceFactory(published_on=None)
    seen = 0
    for path, _ in list_operations():
        response = api.get(path)
        if response.status_code != 200:
            continue  # endpoints that need parameters
        for row in walk(response.json()):
            for field, value in row.items():
                for suffix in ("_precision", "_qualifier", "_display"):
                    base = field.removesuffix(suffix)
                    if field.endswith(suffix) and base in row and row[base] is None:
                        seen += 1
                        assert value is None, (path, field, value)
    assert seen >= 8  # the rows above were found and checked


def walk(data):
    """Every JSON object inside ``data``."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from walk(item)


def test_old_names_are_refused_with_a_400(api):
    for url, name in [
        (reverse("api:timeline"), "date_from"),
        (reverse("api:timeline"), "date_to"),
        (reverse("api:terms-version-list"), "effective_on_or_before"),
    ]:
        assert name in error(api, url, {name: "2026-01-01"})
    assert TermsVersion.objects.count() == 0


def test_every_page_parameter_has_one_message(api):
    """``page`` said "from 1" on the lists and "from 1 to 999999999999999999" on the
    terms matrix and search; one parameter, one wording."""
    paths = [path for path, name in query_parameters(lambda s, p: True) if name == "page"]
    assert len(paths) >= 10
    answers = {path: error(api, path, {"page": bad})["page"] for path in paths for bad in ("0",)}
    assert set(map(tuple, answers.values())) == {("Must be a whole number from 1.",)}, answers


@pytest.mark.parametrize("path", ["/api/v1/events/", "/api/v1/timeline/", "/api/v1/search/"])
def test_the_message_says_each_fault_once_after_the_parameters_it_concerns(api, path):
    needed = {"q": "x"} if path.endswith("/search/") else {}
    response = api.get(path, {**needed, "datefrom": "2024-01-01", "dateto": "2025-01-01"})
    body = response.json()["error"]
    assert response.status_code == 400
    shared = body["details"]["datefrom"]
    assert body["details"]["dateto"] == shared
    assert body["message"].count(shared[0]) == 1
    assert body["message"].startswith("Invalid query parameter 'datefrom', 'dateto': ")


@pytest.mark.parametrize(
    "path, query",
    [
        ("/api/v1/clause-in-force/", {"vendor": "nope", "category": "nope", "on": "x"}),
        ("/api/v1/terms-matrix/", {"on": "x", "page": "0"}),
        ("/api/v1/events/", {"datefrom": "1", "kind": ""}),
    ],
)
def test_faults_of_several_parameters_read_as_sentences(api, path, query):
    """It read "Unknown value “nope”.; 'on': …": each message ends with its full stop."""
    body = api.get(path, query).json()["error"]
    assert ".;" not in body["message"]
    for name, faults in body["details"].items():
        assert f"'{name}'" in body["message"]
        assert all(message.endswith(".") and message in body["message"] for message in faults)
