"""Benchmark: ``load_casebook`` of the bundled dataset and ``import_ota`` on both OTA bundles.

Run with ``make bench-ota`` (or ``.venv/bin/python bench/ota_import.py``). It

1. clones ``GenAI-versions.bundle`` and ``genai-eu-versions.bundle`` (from
   ``$OTA_BUNDLES``, default ``/work/shared/data/ota``) with plain ``git clone``;
2. makes a new database (SQLite in a temporary folder unless ``DATABASE_URL`` is
   set) and times ``migrate`` and ``load_casebook`` as ``make run`` runs them (the
   bundled dataset holds the versions OTA recorded, their texts in the companion
   file), then ``import_ota`` on each clone as a user would run it next: the
   bundled versions are already there, so it must change nothing;
3. on a second new database, maps every OTA document of both collections to a
   terms document (a worst case: the bundled dataset maps 63 of 203), then times
   ``import_ota`` on each clone twice, as a user runs it (``manage.py`` in a new
   process): the first run imports, the second must change nothing.

It prints one line per step: wall and CPU seconds, the step's peak memory (the
child process's maximum resident set) and, on SQLite, the database file's size
in MB. Nothing in the working tree is touched.
"""

from __future__ import annotations

import os
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
    """Run ``manage.py *args`` in a new process; (wall, CPU and memory figures, output).

    CPU seconds (user + system of the child) are given too because wall time on a
    shared machine measures the neighbours as much as the command; the peak memory
    is the child's own maximum resident set (``wait4``). Raises on failure.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=err,
            text=True,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{stderr}")
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    return f"{seconds:7.1f} s wall {cpu:7.1f} s CPU {peak:6.0f} MB peak", stdout


def size_mb(database: Path | None) -> str:
    if database is None or not database.exists():
        return "n/a"
    return f"{database.stat().st_size / 1e6:.1f}"


def map_every_document(clones: dict[str, Path]) -> int:
    """Map each (service, terms type) of each clone to a published terms document; how many."""
    import django

    django.setup()
    from django.utils.text import slugify

    from casebook.records.models import EditorialStatus, Party, TermsDocument
    from casebook.records.ota.reader import read_source

    count = 0
    for name, path in clones.items():
        pairs = {(v.service, v.terms_type) for v in read_source(path).versions}
        mapped = set(
            TermsDocument.objects.filter(ota_collection=COLLECTIONS[name]).values_list(
                "ota_service", "ota_terms_type"
            )
        )
        count += len(mapped)
        for service, terms_type in sorted(pairs - mapped):
            vendor, _ = Party.objects.get_or_create(
                slug=slugify(f"bench-{service}")[:50],
                defaults={"name": service, "kind": Party.Kind.COMPANY},
            )
            TermsDocument.objects.create(
                slug=slugify(f"bench-{name}-{service}-{terms_type}")[:50] + f"-{count}",
                vendor=vendor,
                title=terms_type,
                kind=TermsDocument.Kind.TERMS_OF_USE,
                ota_collection=COLLECTIONS[name],
                ota_service=service,
                ota_terms_type=terms_type,
                editorial_status=EditorialStatus.PUBLISHED,
            )
            count += 1
    return count


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as folder:
        tmp = Path(folder)
        env = dict(os.environ, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="casebook.settings")
        sys.path.insert(0, str(ROOT))
        clones = {}
        for name in COLLECTIONS:
            clones[name] = tmp / name
            subprocess.run(
                ["git", "clone", "--quiet", str(BUNDLES / f"{name}.bundle"), str(clones[name])],
                check=True,
            )
        dataset = ROOT / "data"
        sizes = ", ".join(
            f"{p.name} {p.stat().st_size / 1e6:.2f} MB"
            for p in sorted(dataset.iterdir())
            if p.is_file()
        )
        print(f"bundled dataset: {sizes}")

        print("-- make run's database: the bundled dataset, then import_ota")
        env, database = _new_database(env, tmp / "bundled.sqlite3")
        seconds, _ = manage(env, "migrate", "--noinput")
        print(f"migrate                      {seconds}   db {size_mb(database)} MB")
        seconds, _ = manage(env, "load_casebook", "--if-empty")
        print(f"load_casebook (make run)     {seconds}   db {size_mb(database)} MB")
        _imports(env, database, clones, ("after load",))

        print("-- every OTA document mapped, no dataset (worst case)")
        env, database = _new_database(env, tmp / "every.sqlite3")
        seconds, _ = manage(env, "migrate", "--noinput")
        os.environ.update(env)
        print(f"mapped OTA documents: {map_every_document(clones)}")
        _imports(env, database, clones, ("first", "second"))


def _new_database(env: dict[str, str], path: Path) -> tuple[dict[str, str], Path | None]:
    """``env`` pointing at a new SQLite file ``path``, unless ``DATABASE_URL`` was set."""
    if "DATABASE_URL" in os.environ:
        return env, None
    return dict(env, DATABASE_URL=f"sqlite:///{path}"), path


def _imports(env, database, clones, runs) -> None:
    for run in runs:
        for name, path in clones.items():
            seconds, out = manage(env, "import_ota", str(path))
            summary = out.strip().splitlines()[-1]
            print(
                f"import_ota {name:18} {run:10} {seconds}   db {size_mb(database)} MB   {summary}"
            )


if __name__ == "__main__":
    main()
