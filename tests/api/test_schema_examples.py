"""Every operation of the OpenAPI schema carries a response example taken from the bundled data.

The examples are stored in casebook/api/examples.json. When the API's answers change,
rewrite them with::

    CASEBOOK_WRITE_API_EXAMPLES=1 .venv/bin/pytest tests/api/test_schema_examples.py
"""

import json
import os

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from casebook.api import examples
from tests.bundled import load_bundled
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def generated_schema() -> dict:
    return json.loads(
        json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)
    )


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_response_example():
    schema = generated_schema()
    missing = []
    for name, operation in operations(schema):
        for media_type, content in operation["responses"]["200"]["content"].items():
            if not content.get("examples"):
                missing.append(f"{name} {media_type}")
    assert not missing, f"No 200 example for: {missing}"
    assert len(list(operations(schema))) >= 26


def test_examples_are_marked_as_examples():
    for _, operation in operations(generated_schema()):
        for content in operation["responses"]["200"]["content"].values():
            for example in content["examples"].values():
                assert "example" in example["summary"].lower()
                assert "data/casebook.json" in example["description"]
                text = json.dumps(example["value"])
                assert "testserver" not in text
                assert "http://" not in text.replace("http://web.archive.org", "")


def as_json_schema(node):
    """OpenAPI 3.0's ``nullable`` as JSON Schema's null type.

    ``oneOf`` becomes ``anyOf``: without format checks, '' is both a "uri" and an
    empty string, the two branches drf-spectacular gives an optional URL field.
    """
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {
        ("anyOf" if key == "oneOf" else key): as_json_schema(value) for key, value in node.items()
    }
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def test_json_examples_conform_to_their_response_schema():
    schema = generated_schema()
    for name, operation in operations(schema):
        content = operation["responses"]["200"]["content"].get("application/json")
        if content is None:
            continue
        resolver_schema = as_json_schema({**content["schema"], "components": schema["components"]})
        for example in content["examples"].values():
            errors = list(
                jsonschema.Draft202012Validator(resolver_schema).iter_errors(example["value"])
            )
            assert not errors, (name, [e.message for e in errors[:3]])


def test_stored_examples_are_the_api_answers_over_the_bundled_dataset(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # More requests than an anonymous client may make in a minute.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    load_bundled()
    fresh = examples.capture(client, StaffUserFactory(username="api-examples"))
    if os.environ.get("CASEBOOK_WRITE_API_EXAMPLES"):
        examples.write(fresh)
    assert set(fresh) == set(examples.REQUESTS)
    stored = examples.stored()
    for operation, by_media in fresh.items():
        if operation == "search_retrieve":
            # Ranks and snippets differ between SQLite and PostgreSQL: compare the shape.
            fresh_page, stored_page = (
                by_media["application/json"],
                stored[operation]["application/json"],
            )
            assert set(fresh_page) == set(stored_page)
            assert fresh_page["results"] and stored_page["results"]
            assert set(fresh_page["results"][0]) == set(stored_page["results"][0])
            continue
        assert by_media == stored[operation], (
            f"{operation}: the stored example is stale; rewrite it with "
            "CASEBOOK_WRITE_API_EXAMPLES=1 (see this module's docstring)."
        )
