"""Response examples for the OpenAPI schema, captured from the bundled dataset.

Every example is a real answer of the API over ``data/casebook.json`` (trimmed
to a few rows), so its values are exactly the dataset's. Only what the dataset
does not fix is replaced, and marked as an example: the host
(``https://casebook.example``) and the timestamps (``published_at``,
``updated_at``, ``exported_at``), which are set when the dataset is loaded.

``examples.json`` is the stored capture; ``tests/api/test_schema_examples.py``
checks it against a fresh capture, and rewrites it with
``CASEBOOK_WRITE_API_EXAMPLES=1``.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
EXAMPLE_HOST = "https://casebook.example"
EXAMPLE_TIME = "2026-01-15T09:30:00Z"
TIMESTAMP_KEYS = frozenset({"published_at", "updated_at", "exported_at", "created_at"})
SUMMARY = "Example from the bundled dataset"
DESCRIPTION = (
    "An answer over Casebook's bundled dataset (data/casebook.json), trimmed. The host "
    f"({EXAMPLE_HOST}) and the timestamps ({EXAMPLE_TIME}) are example values."
)

#: operationId: (path, query) asked for over the bundled dataset.
REQUESTS: dict[str, tuple[str, dict[str, Any]]] = {
    "parties_list": ("/api/v1/parties/", {"kind": "company", "page_size": 1}),
    "parties_retrieve": ("/api/v1/parties/openai/", {}),
    "sources_list": ("/api/v1/sources/", {"page_size": 1}),
    "sources_retrieve": ("/api/v1/sources/ai21-terms-src/", {}),
    "allegations_list": ("/api/v1/allegations/", {"accuser": "openai", "page_size": 1}),
    "allegations_retrieve": ("/api/v1/allegations/openai-2025-01-deepseek-ft/", {}),
    "cases_list": ("/api/v1/cases/", {"page_size": 1}),
    "cases_retrieve": ("/api/v1/cases/bartz-v-anthropic/", {}),
    "settlements_list": ("/api/v1/settlements/", {"page_size": 1}),
    "settlements_retrieve": ("/api/v1/settlements/bartz-v-anthropic-settlement/", {}),
    "guidance_list": ("/api/v1/guidance/", {"page_size": 1}),
    "guidance_retrieve": ("/api/v1/guidance/ostp-nstm-4-adversarial-distillation/", {}),
    "terms_list": ("/api/v1/terms/", {"vendor": "openai", "page_size": 1}),
    "terms_retrieve": ("/api/v1/terms/openai-terms-of-use/", {}),
    "terms_versions_list": ("/api/v1/terms-versions/", {"vendor": "openai", "page_size": 1}),
    "terms_versions_retrieve": ("/api/v1/terms-versions/openai-terms-of-use/2024-01-31/", {}),
    "clauses_list": ("/api/v1/clauses/", {"vendor": "google", "page_size": 1}),
    "clauses_retrieve": (
        "/api/v1/clauses/openai-terms-of-use/2024-01-31/no-competing-models/",
        {},
    ),
    "accused_parties_list": ("/api/v1/accused-parties/", {"accused": "deepseek", "page_size": 1}),
    "accused_parties_retrieve": (
        "/api/v1/accused-parties/anthropic-2026-02-deepseek-moonshot-minimax/minimax/",
        {},
    ),
    "events_list": ("/api/v1/events/", {"page_size": 1}),
    "events_retrieve": ("/api/v1/events/bartz-claims-deadline/", {}),
    "timeline_retrieve": ("/api/v1/timeline/", {"party": "deepseek", "page_size": 2}),
    "clause_in_force_retrieve": (
        "/api/v1/clause-in-force/",
        {"vendor": "openai", "category": "no-competing-models", "on": "2025-01-29"},
    ),
    "terms_matrix_retrieve": (
        "/api/v1/terms-matrix/",
        {"on": "2025-01-29", "category": "no-competing-models", "vendor": "openai", "page_size": 2},
    ),
    "compare_retrieve": (
        "/api/v1/compare/",
        {"key": ["openai-2025-01-deepseek-ft", "anthropic-2026-02-deepseek-moonshot-minimax"]},
    ),
    "search_retrieve": ("/api/v1/search/", {"q": "distillation", "page_size": 2}),
    "dump_retrieve": ("/api/v1/dump/", {}),
    "clause_suggestions_list": ("/api/v1/clause-suggestions/", {"page_size": 1}),
}

#: The revisions endpoints: one record of each type (``{current}``: its current revision).
REVISION_RECORDS = {
    "parties": "openai",
    "sources": "ai21-terms-src",
    "allegations": "openai-2025-01-deepseek-ft",
    "cases": "bartz-v-anthropic",
    "settlements": "bartz-v-anthropic-settlement",
    "guidance": "ostp-nstm-4-adversarial-distillation",
    "terms": "openai-terms-of-use",
    "events": "bartz-claims-deadline",
}
for _prefix, _slug in REVISION_RECORDS.items():
    REQUESTS[f"{_prefix}_revisions_list"] = (f"/api/v1/{_prefix}/{_slug}/revisions/", {})
    REQUESTS[f"{_prefix}_revisions_retrieve"] = (
        f"/api/v1/{_prefix}/{_slug}/revisions/{{current}}/",
        {},
    )

#: Revision numbers are history ids, which depend on the database's sequences: examples
#: show this one instead, and the load time as the revision's date.
EXAMPLE_REVISION = 1234
_REVISION_IN_URL = re.compile(r"(/rev/|/revisions/)[0-9]+/")


def _normalise_revisions(value: Any, key: str = "") -> Any:
    if key in ("number", "current"):
        return EXAMPLE_REVISION
    if key == "date" and isinstance(value, str) and "T" in value:
        return EXAMPLE_TIME  # a revision's save time (a record's "date" is a plain date)
    if isinstance(value, dict):
        return {k: _normalise_revisions(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise_revisions(v) for v in value]
    if isinstance(value, str):
        return _REVISION_IN_URL.sub(rf"\g<1>{EXAMPLE_REVISION}/", value)
    return value


#: Operations only staff may call: captured signed in as a staff member.
STAFF_ONLY = frozenset({"clause_suggestions_list"})

#: At most this many items of any long list in an example, and rows of a CSV example.
MAX_ITEMS = 3
CSV_ROWS = 2
#: Lists kept whole (they are small and cut would mislead).
KEEP_WHOLE = frozenset({"counts", "categories", "reviewed_categories"})


def _normalise(value: Any, host: str, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _normalise(v, host, k) for k, v in value.items()}
    if isinstance(value, list):
        items = value if key in KEEP_WHOLE else value[:MAX_ITEMS]
        return [_normalise(v, host) for v in items]
    if isinstance(value, str):
        if key in TIMESTAMP_KEYS:
            return EXAMPLE_TIME
        return value.replace(host, EXAMPLE_HOST)
    return value


def _normalise_csv(text: str, host: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))[: 1 + CSV_ROWS]
    header = rows[0]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows[1:]:
        writer.writerow(
            EXAMPLE_TIME if name in TIMESTAMP_KEYS and cell else cell.replace(host, EXAMPLE_HOST)
            for name, cell in zip(header, row, strict=True)
        )
    return out.getvalue()


def capture(client, staff, host: str = "http://testserver") -> dict[str, dict[str, Any]]:
    """The examples, asked of the API through a test client over the loaded dataset;
    the staff-only ones as ``staff`` (an active staff user the caller made)."""
    examples: dict[str, dict[str, Any]] = {}
    for operation, (path, query) in REQUESTS.items():
        if "{current}" in path:
            listing = json.loads(client.get(path.replace("{current}/", "")).content)
            if "current" not in listing:
                raise AssertionError(f"{operation}: {path} has no revision: {listing}")
            path = path.format(current=listing["current"])
        if operation in STAFF_ONLY:
            client.force_login(staff)
        response = client.get(path, query)
        if operation in STAFF_ONLY:
            client.logout()
        if response.status_code != 200:
            raise AssertionError(f"{operation}: {path} answered {response.status_code}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        captured = {"application/json": _normalise(json.loads(body), host)}
        if "_revisions_" in operation:
            captured["application/json"] = _normalise_revisions(captured["application/json"])
        # Revision lists and staff-only lists have no CSV.
        lists = operation.endswith("_list") and "_revisions_" not in operation
        if operation not in STAFF_ONLY and (
            lists or operation in ("timeline_retrieve", "search_retrieve")
        ):
            response = client.get(path, {**query, "format": "csv"})
            text = b"".join(response.streaming_content).decode()
            captured["text/csv"] = _normalise_csv(text, host)
        examples[operation] = captured
    return examples


@functools.cache
def stored() -> dict[str, dict[str, Any]]:
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


def write(examples: dict[str, dict[str, Any]]) -> None:
    text = json.dumps(examples, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    EXAMPLES_FILE.write_text(text, encoding="utf-8")
    stored.cache_clear()


def add_examples(schema: dict) -> dict:
    """Attach the stored example to each operation's 200 answer, per media type."""
    examples = stored()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            by_media = examples.get(operation.get("operationId"), {})
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            for media_type, value in by_media.items():
                if media_type in content:
                    content[media_type]["examples"] = {
                        "bundledDataset": {
                            "summary": SUMMARY,
                            "description": DESCRIPTION,
                            "value": value,
                        }
                    }
    return schema
