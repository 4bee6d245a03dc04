"""GIN indexes for full-text search on PostgreSQL; nothing on other databases.

Each index is built on exactly the expression ``records.selectors.search_vector``
produces for the record type, so the search query can use it. The fields are
copied here (a migration must not change when the code does); a test checks on
PostgreSQL that the search query is served by these indexes.
"""

from django.db import migrations

#: table -> (title fields, weight A; body fields, weight B).
SEARCH_FIELDS = {
    "records_party": (("name", "short_name", "aliases"), ("description",)),
    "records_source": (("title",), ("publisher", "author", "notes")),
    "records_allegation": (("title",), ("summary", "venue_detail")),
    "records_case": (("name", "docket_number"), ("summary",)),
    "records_settlement": (("title",), ("class_definition", "release_scope", "terms_summary")),
    "records_guidance": (("title", "formal_citation"), ("summary",)),
    "records_termsdocument": (("title",), ("description",)),
    "records_event": (("headline",), ("description",)),
}

#: JSON columns, which the search reads as their text.
JSON_FIELDS = {"aliases"}


def _weighted(fields, weight):
    parts = []
    for field in fields:
        column = f'("{field}")::text' if field in JSON_FIELDS else f'"{field}"'
        parts.append(f"COALESCE({column}, '')")
    text = " || ' ' || ".join(parts)
    return f"setweight(to_tsvector('english'::regconfig, {text}), '{weight}')"


def index_name(table):
    return f"{table}_search_gin"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (title_fields, body_fields) in SEARCH_FIELDS.items():
        expression = f"{_weighted(title_fields, 'A')} || {_weighted(body_fields, 'B')}"
        schema_editor.execute(
            f'CREATE INDEX "{index_name(table)}" ON "{table}" USING gin (({expression}))'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCH_FIELDS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(table)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0002_publish_permissions"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
