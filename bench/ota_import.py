"""Benchmark: ``import_ota`` on both OTA bundles, and ``load_casebook``, on a fresh database.

Run with ``make bench-ota`` (or ``.venv/bin/python bench/ota_import.py``). It

1. clones ``GenAI-versions.bundle`` and ``genai-eu-versions.bundle`` (from
   ``$OTA_BUNDLES``, default ``/work/shared/data/ota``) with plain ``git clone``;
2. makes a new database (SQLite in a temporary folder unless ``DATABASE_URL`` is
   set) and times ``migrate`` and ``load_casebook`` as ``make run`` runs them;
3. maps every OTA document of both collections to a terms document (a worst case:
   the bundled dataset maps fewer), then times ``import_ota`` on each clone twice,
   as a user runs it (``manage.py`` in a new process): the first run imports, the
   second must change nothing.

It prints one line per step: wall time in seconds and, on SQLite, the database
file's size in MB. Nothing in the working tree is touched.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLES = Path(os.environ.get("OTA_BUNDLES", "/work/shared/data/ota"))
COLLECTIONS = {
    "GenAI-versions": "https://github.com/OpenTermsArchive/GenAI-versions",
    "genai-eu-versions": "https://github.com/OpenTermsArchive/genai-eu-versions",
}


def manage(env: dict[str, str], *args: str) -> tuple[str, str]:
    """Run ``manage.py *args`` in a new process; (wall and CPU seconds, output). Raises on failure.

    CPU seconds (user + system of the child) are given too because wall time on a
    shared machine measures the neighbours as much as the command.
    """
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return f"{seconds:7.1f} s wall {cpu:7.1f} s CPU", done.stdout


def size_mb(database: Path | None) -> str:
    if database is None or not database.exists():
        return "n/a"
    return f"{database.stat().st_size / 1e6:.1f}"


def map_every_document(clones: dict[str, Path]) -> int:
    """Map each (service, terms type) of each clone to a published terms document; how many."""
    import django

    django.setup()
    from django.utils.text import slugify

    from casebook.records import models as m
    from casebook.records.ota.reader import read_source

    count = 0
    for name, path in clones.items():
        pairs = {(v.service, v.terms_type) for v in read_source(path).versions}
        for service, terms_type in sorted(pairs):
            vendor, _ = m.Party.objects.get_or_create(
                slug=slugify(f"bench-{service}")[:50],
                defaults={"name": service, "kind": m.Party.Kind.COMPANY},
            )
            m.TermsDocument.objects.create(
                slug=slugify(f"bench-{name}-{service}-{terms_type}")[:50] + f"-{count}",
                vendor=vendor,
                title=terms_type,
                kind=m.TermsDocument.Kind.TERMS_OF_USE,
                ota_collection=COLLECTIONS[name],
                ota_service=service,
                ota_terms_type=terms_type,
                editorial_status=m.EditorialStatus.PUBLISHED,
            )
            count += 1
    return count


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as folder:
        tmp = Path(folder)
        env = dict(os.environ, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="casebook.settings")
        database = None
        if "DATABASE_URL" not in env:
            database = tmp / "bench.sqlite3"
            env["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))

        clones = {}
        for name in COLLECTIONS:
            clones[name] = tmp / name
            subprocess.run(
                ["git", "clone", "--quiet", str(BUNDLES / f"{name}.bundle"), str(clones[name])],
                check=True,
            )

        seconds, _ = manage(env, "migrate", "--noinput")
        print(f"migrate                      {seconds}   db {size_mb(database)} MB")
        seconds, _ = manage(env, "load_casebook", "--if-empty")
        print(f"load_casebook (make run)     {seconds}   db {size_mb(database)} MB")
        print(f"mapped OTA documents: {map_every_document(clones)}")
        for run in ("first", "second"):
            for name, path in clones.items():
                seconds, out = manage(env, "import_ota", str(path))
                summary = out.strip().splitlines()[-1]
                print(
                    f"import_ota {name:18} {run:6} {seconds}   db {size_mb(database)} MB"
                    f"   {summary}"
                )


if __name__ == "__main__":
    main()
