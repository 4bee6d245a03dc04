"""The public dump, built once per version of the data and then served from a file.

How the dump knows the data changed (:func:`data_version`), two signals combined:

- a **token** in the shared cache (Redis in production), replaced whenever any
  model of the ``records`` app is saved or deleted, or a many-to-many link changes
  (Django signals, connected in :mod:`casebook.records.apps`);
- a **fingerprint** of the tables, read in one ``UNION ALL`` query: for every table
  of the ``records`` app (through tables included, history tables not) its row
  count and its latest ``updated_at`` (or highest id, for tables without one).
  Any insert, update through ``save()`` or delete moves one of them, even when a
  write bypasses the signals (a bulk load, another host with another cache).

The dump of one version is written to ``CASEBOOK_DUMP_DIR`` (a setting; by
default ``casebook-dumps`` in the system's temporary directory) while it streams
to the first client, then renamed into place; later requests read the file.
Files of older versions are removed when a new one is complete.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

TOKEN_KEY = "records:data-token"
READ_SIZE = 64 * 1024
T = TypeVar("T")


def _tables() -> list[tuple[str, str]]:
    """(table, column) pairs: each records table and the column whose maximum moves on change."""
    tables = []
    for model in apps.get_app_config("records").get_models(include_auto_created=True):
        if model._meta.db_table.startswith("records_historical"):
            continue
        names = {field.name for field in model._meta.concrete_fields}
        column = "updated_at" if "updated_at" in names else model._meta.pk.column
        tables.append((model._meta.db_table, column))
    return sorted(tables)


def fingerprint() -> str:
    """Row count and latest change of every records table, in one query, as one string."""
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*), CAST(MAX({quote(column)}) AS TEXT) FROM {quote(table)}"
        for index, (table, column) in enumerate(_tables())
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ";".join(f"{row[1]}:{row[2]}" for row in sorted(cursor.fetchall()))


def token() -> str:
    """The shared cache's change token; ``"0"`` until some process changes the data.

    A fixed start (not a random one) lets processes that share no cache (several
    workers with a local-memory cache) agree on the version; the fingerprint
    still tells them apart when the data changes.
    """
    return cache.get(TOKEN_KEY, "0")


def bump(**kwargs) -> None:
    """Signal receiver: the data changed, so every cached dump is out of date."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex, timeout=None)


#: Seconds an answer of :func:`kept_until_change` is kept at most. It is dropped at once
#: when the data changes through Django (the token); this bounds how long a write that
#: bypasses Django's signals (raw SQL, another host with its own cache) leaves it stale.
KEPT_TIMEOUT = 300


def kept_until_change(name: str, identity: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache until the data changes.

    For reads that grow with the data and change only when it does (the timeline's
    day counts, a sitemap section's count). The answer is kept under the database's
    name, the change token (:func:`token`: replaced on every save, delete or link
    change of a record, and again when its transaction commits), ``name`` and
    ``identity`` (what else the answer depends on, by its ``repr``), for
    :data:`KEPT_TIMEOUT` seconds at most. With several processes, they must share the
    cache (``REDIS_URL``) to share the token.
    """
    whole = (str(connection.settings_dict["NAME"]), token(), identity)
    key = f"records:kept:{name}:" + hashlib.sha256(repr(whole).encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = compute()
        cache.set(key, answer, KEPT_TIMEOUT)
    return answer


def data_version() -> str:
    """A short hash that changes whenever the data of the ``records`` app changes."""
    database = str(connection.settings_dict["NAME"])
    text = "|".join((database, token(), fingerprint()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def dump_dir() -> Path:
    """Where built dumps are kept (created on first use)."""
    configured = getattr(settings, "CASEBOOK_DUMP_DIR", "")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "casebook-dumps"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached(name: str, version: str, build: Callable[[], Iterable[bytes]]) -> Iterator[bytes]:
    """The bytes of ``name`` at ``version``: read from its file, or built, streamed and kept.

    ``build`` is only called when no complete file of this version exists. While
    it runs the bytes go both to the caller and to a partial file; the file is
    renamed into place only when the build completes, so a client that hangs up
    halfway (or a build that fails) leaves nothing behind that could be served.
    """
    directory = dump_dir()
    # Named after the database too, so clearing old versions never touches another's files.
    database = str(connection.settings_dict["NAME"])
    name = f"{name}-{hashlib.sha256(database.encode()).hexdigest()[:8]}"
    path = directory / f"{name}-{version}.json"
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return _build(directory, name, path, build)
    return _read(handle)


def _read(handle) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(READ_SIZE):
            yield chunk


def _build(directory: Path, name: str, path: Path, build) -> Iterator[bytes]:
    descriptor, partial = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".partial")
    complete = False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in build():
                handle.write(chunk)
                yield chunk
        os.replace(partial, path)
        complete = True
        for old in directory.glob(f"{name}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    finally:
        if not complete:
            Path(partial).unlink(missing_ok=True)
