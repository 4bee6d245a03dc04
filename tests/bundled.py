"""The bundled dataset (data/casebook.json) for the tests that read it.

``load_casebook`` takes 20 to 100 seconds (it checks the whole file, writes each
record with its history and rebuilds the search index), and about thirty tests read
the bundled data; loaded afresh for each, that was a quarter of the suite's time. So
:func:`load_bundled` runs the real command once per test process, keeps a copy of
every row it wrote, and later writes those same rows back in one bulk insert per
table (primary keys, timestamps and history included). Tests of the load itself
(``test_load_history``, ``test_loading_twice_changes_nothing`` …) still call the
command.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

from casebook.records import dumpcache

#: Per table, every row the first load of this process wrote: (model, rows as
#: attribute-name → value dicts). None until the first load.
_snapshot: list[tuple[type[models.Model], list[dict]]] | None = None


def load_bundled() -> None:
    """Put the bundled dataset into the (empty) test database, as ``load_casebook`` does.

    Raises AssertionError when a table the load writes already holds rows: the
    copy would then not be what the command writes.
    """
    global _snapshot
    if _snapshot is None:
        _snapshot = _load_and_copy()
        return
    ContentType.objects.clear_cache()  # a flush since may have given them new ids
    with transaction.atomic():
        for model, rows in _snapshot:
            assert not model._base_manager.exists(), f"{model._meta.label} is not empty"
            objs = [model(**_with_content_type_ids(model, row)) for row in rows]
            fields = [f for f in model._meta.local_concrete_fields if not f.generated]
            # raw: keep the stored created/updated times (auto_now would set them to now).
            for start in range(0, len(objs), 500):
                model._base_manager._insert(objs[start : start + 500], fields=fields, raw=True)
        _reset_sequences([model for model, _ in _snapshot])
    dumpcache.bump()  # the raw inserts sent no signal: cached reads must not survive them


def _load_and_copy() -> list[tuple[type[models.Model], list[dict]]]:
    every_model = apps.get_models(include_auto_created=True)
    before = {model: model._base_manager.count() for model in every_model}
    call_command("load_casebook", verbosity=0)
    written = [m for m in every_model if m._base_manager.count() != before[m]]
    for model in written:
        assert before[model] == 0, f"{model._meta.label} held rows before the load"
    return [
        (m, [_with_content_type_keys(m, row) for row in m._base_manager.order_by("pk").values()])
        for m in written
    ]


def _content_type_fields(model: type[models.Model]) -> list[str]:
    return [
        f.attname
        for f in model._meta.local_concrete_fields
        if f.is_relation and f.related_model is ContentType
    ]


def _with_content_type_keys(model: type[models.Model], row: dict) -> dict:
    """``row`` with each content type id as its natural key: a transactional test's flush
    empties the content types table, and they come back with other ids."""
    for name in _content_type_fields(model):
        if row[name] is not None:
            row[name] = ContentType.objects.get_for_id(row[name]).natural_key()
    return row


def _with_content_type_ids(model: type[models.Model], row: dict) -> dict:
    """The inverse of :func:`_with_content_type_keys`, with today's ids."""
    row = dict(row)
    for name in _content_type_fields(model):
        if row[name] is not None:
            row[name] = ContentType.objects.get_by_natural_key(*row[name]).pk
    return row


def _reset_sequences(written: list[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the copied ids (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), written)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
