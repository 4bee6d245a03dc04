"""``make bench [SIZE=small|large]``: latency and memory of Casebook on synthetic data.

1. Writes the synthetic data (casebook/records/synthetic.py) into its own PostgreSQL
   database ``casebook_bench`` and its own SQLite file (bench/var/), each once per
   size (kept for the next run; ``--fresh`` rebuilds them).
2. Serves each with gunicorn (2 workers) and asks every public page and endpoint
   ``--repeat`` times: prints p50/p95 in ms, status and size.
3. Memory: peak resident memory of a process streaming the dump and the CSV of the
   largest list (events), against the same process after one small request.
4. The events list (same filter, same page size) on the same SQLite file: Casebook's
   API, Datasette (its own venv, .bench-venv) and a bare-Django floor
   (``.values()`` into ``JsonResponse``, bench/urls.py); prints the ratios.

``--only events`` runs step 4 alone (SQLite only, no PostgreSQL): the quick check of
that ratio while working on the events list.

Absolute times on a shared 2-core machine are noise; the ratios and the query
counts (tested in tests/querycounts/) are what to compare.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "bench" / "var"
PY = sys.executable
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PAGE_SIZE = 50
KIND = "filing"

ENV = {
    "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_STATIC_MANIFEST": "0",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "CASEBOOK_API_ANON_RATE": "1000000/minute",
    "PYTHONPATH": str(ROOT),
}


def env(database_url: str) -> dict[str, str]:
    return {**os.environ, **ENV, "DATABASE_URL": database_url}


def manage(database_url: str, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env(database_url), check=True)


def prepare_postgres(size: str, fresh: bool) -> str:
    import psycopg

    name = f"casebook_bench_{size}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
        if not exists or fresh:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def prepare(database_url: str, size: str) -> None:
    manage(database_url, "migrate", "--noinput", "-v0")
    done = (
        subprocess.run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                "from casebook.records import synthetic as s; print(int(s.has_synthetic_data()))",
            ],
            cwd=ROOT,
            env=env(database_url),
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .endswith("1")
    )
    if not done:
        t = time.monotonic()
        manage(database_url, "generate_synthetic", "--size", size)
        print(f"  generated {size} in {time.monotonic() - t:.0f} s")
    if database_url.startswith("postgres"):
        analyze(database_url)


def analyze(database_url: str) -> None:
    """Refresh PostgreSQL's planner statistics: right after a bulk write they still say
    the tables are nearly empty, and the planner then picks nested loops that run into
    the statement timeout (bench/urls_list.py's first query did, at the large size)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


class Server:
    """A process serving HTTP on 127.0.0.1:port until the ``with`` block ends."""

    def __init__(self, args: list[str], port: int, extra_env: dict | None = None):
        self.args, self.port, self.env = args, port, extra_env or dict(os.environ)

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=30)
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"server on port {self.port} did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def gunicorn(database_url: str, port: int) -> Server:
    args = [
        str(Path(PY).parent / "gunicorn"),
        "casebook.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "2",
        "--timeout",
        "120",
    ]
    return Server(args, port, env(database_url))


#: Status printed for a response cut off mid-stream (the worker timed out after the
#: headers, so the client saw 200 and part of the body).
CUT_OFF = 598


def fetch(url: str) -> tuple[float, int, int]:
    """(seconds, status, bytes) of one GET; status 599 if no answer, 598 if cut off."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=180) as response:
            size = len(response.read())
            status = response.status
    except urllib.error.HTTPError as exc:
        size, status = len(exc.read()), exc.code
    except http.client.IncompleteRead as exc:
        size, status = len(exc.partial), CUT_OFF
    except OSError:
        size, status = 0, 599
    return time.perf_counter() - start, status, size


def measure(base: str, path: str, repeat: int) -> dict:
    fetch(base + path)  # warm
    runs = [fetch(base + path) for _ in range(repeat)]
    times = sorted(r[0] * 1000 for r in runs)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {
        "p50": statistics.median(times),
        "p95": p95,
        "status": runs[-1][1],
        "bytes": runs[-1][2],
    }


def report(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}\n{'p50 ms':>9} {'p95 ms':>9} {'status':>6} {'bytes':>10}  path")
    for path, row in rows.items():
        report_row(path, row)


def report_row(path: str, row: dict) -> None:
    """One line of :func:`report`: p50 and p95 in ms, status, bytes, path."""
    print(f"{row['p50']:9.0f} {row['p95']:9.0f} {row['status']:6d} {row['bytes']:10d}  {path}")


def urls(database_url: str) -> list[str]:
    """Every public page and endpoint, with real slugs from the bench data."""
    out = subprocess.run(
        [PY, "bench/urls_list.py"],
        cwd=ROOT,
        env=env(database_url),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line.startswith("/")]


def memory(database_url: str, path: str) -> str:
    done = subprocess.run(
        [PY, "bench/memory.py", path],
        cwd=ROOT,
        env=env(database_url),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return f"{path}: failed: {done.stderr.strip().splitlines()[-1:]}"
    return done.stdout.strip()


def datasette(sqlite: Path, port: int) -> Server | None:
    venv = ROOT / ".bench-venv"
    binary = venv / "bin" / "datasette"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        installed = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "datasette"])
        if installed.returncode:
            print("  (datasette could not be installed: comparison skipped)")
            return None
    args = [
        str(binary),
        "serve",
        "--immutable",
        str(sqlite),
        "-p",
        str(port),
        "-h",
        "127.0.0.1",
        "--setting",
        "default_page_size",
        str(PAGE_SIZE),
    ]
    return Server(args, port)


def compare_events_list(sqlite: Path, repeat: int) -> None:
    sqlite_url = f"sqlite:///{sqlite}"
    db = sqlite.stem
    paths = {
        "casebook": f"/api/v1/events/?kind={KIND}&page_size={PAGE_SIZE}",
        "floor": f"/bench/floor/events/?kind={KIND}&page_size={PAGE_SIZE}",
        "floor without the public rule": (
            f"/bench/floor/published-events/?kind={KIND}&page_size={PAGE_SIZE}"
        ),
    }
    rows = {}
    with gunicorn(sqlite_url, 8761):
        for name, path in paths.items():
            rows[f"{name} {path}"] = measure("http://127.0.0.1:8761", path, repeat)
    server = datasette(sqlite, 8762)
    if server:
        path = (
            f"/{db}/records_event.json?kind={KIND}&editorial_status=published"
            f"&_sort=date&_size={PAGE_SIZE}"
        )
        with server:
            rows[f"datasette {path}"] = measure("http://127.0.0.1:8762", path, repeat)
    report("Events list on the same SQLite file (one filter, same page size)", rows)
    values = list(rows.values())
    casebook, floor, published = (row["p50"] for row in values[:3])
    print(f"  casebook / bare-Django floor (p50): {casebook / floor:.2f}  (target ≤ 1.5)")
    print(f"  casebook / floor without the public rule (p50): {casebook / published:.2f}")
    if server:
        print(f"  casebook / datasette (p50): {casebook / values[3]['p50']:.2f}  (target ≤ 1.0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=["tiny", "small", "large"])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--fresh", action="store_true", help="Rebuild the databases.")
    parser.add_argument(
        "--only",
        choices=["events"],
        help="Only the events-list comparison (step 4, SQLite): no PostgreSQL, no memory.",
    )
    options = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)

    sqlite = VAR / f"casebook_bench_{options.size}.sqlite3"
    if options.fresh:
        sqlite.unlink(missing_ok=True)
    if options.only == "events":
        print(f"Preparing {options.size} data (SQLite)…")
        prepare(f"sqlite:///{sqlite}", options.size)
        compare_events_list(sqlite, options.repeat)
        return

    print(f"Preparing {options.size} data (PostgreSQL and SQLite)…")
    postgres = prepare_postgres(options.size, options.fresh)
    prepare(postgres, options.size)
    prepare(f"sqlite:///{sqlite}", options.size)

    rows = {}
    print(f"\nEvery public page and endpoint on PostgreSQL ({options.size}), as measured:")
    with gunicorn(postgres, 8760):
        for path in urls(postgres):
            repeat = 1 if "format=csv" in path or "/dump/" in path else options.repeat
            rows[path] = measure("http://127.0.0.1:8760", path, repeat)
            report_row(path, rows[path])
    report(f"Every public page and endpoint on PostgreSQL ({options.size})", rows)
    slow = [p for p, r in rows.items() if r["p95"] > 100 and "csv" not in p and "dump" not in p]
    print(f"  over 100 ms at p95: {len(slow)} of {len(rows)}")

    print("\nMemory (PostgreSQL), peak resident set of one process:")
    for path in ("/api/v1/dump/", "/api/v1/events/?format=csv", "/events/?format=csv"):
        print("  " + memory(postgres, path))

    compare_events_list(sqlite, options.repeat)


if __name__ == "__main__":
    main()
