"""The search index: one entry per record, its words, and each database's own index.

PostgreSQL: pg_trgm, a GIN index on the entries' weighted vectors, a trigram GIN
index on the words; the per-table GIN indexes of 0003 are dropped (search reads
the entries now). SQLite: an FTS5 table (porter stemming over unicode61 words)
on the entries' case-folded texts, kept in step by triggers. Then every entry
is built from the records already there.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

FTS_TABLE = "records_searchentry_fts"

SQLITE_FORWARDS = [
    f"""CREATE VIRTUAL TABLE "{FTS_TABLE}" USING fts5(
        title_words, body_words, content='records_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER records_searchentry_fts_insert AFTER INSERT ON records_searchentry BEGIN
        INSERT INTO "{FTS_TABLE}"(rowid, title_words, body_words)
        VALUES (new.id, new.title_words, new.body_words);
    END""",
    f"""CREATE TRIGGER records_searchentry_fts_delete AFTER DELETE ON records_searchentry BEGIN
        INSERT INTO "{FTS_TABLE}"("{FTS_TABLE}", rowid, title_words, body_words)
        VALUES ('delete', old.id, old.title_words, old.body_words);
    END""",
    f"""CREATE TRIGGER records_searchentry_fts_update AFTER UPDATE ON records_searchentry BEGIN
        INSERT INTO "{FTS_TABLE}"("{FTS_TABLE}", rowid, title_words, body_words)
        VALUES ('delete', old.id, old.title_words, old.body_words);
        INSERT INTO "{FTS_TABLE}"(rowid, title_words, body_words)
        VALUES (new.id, new.title_words, new.body_words);
    END""",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS records_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS records_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS records_searchentry_fts_update",
    f'DROP TABLE IF EXISTS "{FTS_TABLE}"',
]
POSTGRESQL_FORWARDS = [
    "CREATE INDEX records_searchentry_vector_gin ON records_searchentry USING gin (vector)",
    "CREATE INDEX records_searchword_word_trgm ON records_searchword USING gin (word gin_trgm_ops)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS records_searchentry_vector_gin",
    "DROP INDEX IF EXISTS records_searchword_word_trgm",
]


def _run(statements, vendor):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return run


def _old_indexes(create):
    def run(apps, schema_editor):
        from importlib import import_module

        old = import_module("casebook.records.migrations.0003_search_indexes")
        (old.create_indexes if create else old.drop_indexes)(apps, schema_editor)

    return run


def build_entries(apps, schema_editor):
    # The live indexing code: the index is derived data, rebuilt whole from the records.
    from casebook.records.searchindex import rebuild_search_index

    rebuild_search_index()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0009_otaview_history_without_full_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "record_type",
                    models.CharField(help_text="A key of SEARCH_SPECS.", max_length=12),
                ),
                ("record_id", models.PositiveIntegerField(help_text="Primary key of the record.")),
                ("title", models.TextField(help_text="Title fields, as written, joined.")),
                ("body", models.TextField(blank=True, help_text="Body texts, as written, joined.")),
                (
                    "title_words",
                    models.TextField(help_text="``title`` case-folded (str.casefold)."),
                ),
                ("body_words", models.TextField(blank=True, help_text="``body`` case-folded.")),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(
                        help_text="PostgreSQL only: weighted tsvector.", null=True
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("record_type", "record_id"), name="searchentry_one_per_record"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=100)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="words",
                        to="records.searchentry",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["word"], name="searchword_word")],
            },
        ),
        TrigramExtension(),
        migrations.RunPython(
            _run(SQLITE_FORWARDS, "sqlite"), _run(SQLITE_BACKWARDS, "sqlite"), elidable=False
        ),
        migrations.RunPython(
            _run(POSTGRESQL_FORWARDS, "postgresql"),
            _run(POSTGRESQL_BACKWARDS, "postgresql"),
            elidable=False,
        ),
        migrations.RunPython(_old_indexes(create=False), _old_indexes(create=True)),
        migrations.RunPython(build_entries, migrations.RunPython.noop),
    ]
