"""``make bench-instructions``: the Python work of a request, counted, not timed.

Times on a shared 2-core machine move by a third from one run to the next, so a
change that saves a tenth cannot be seen in them. Valgrind's callgrind counts the
instructions a process runs, the same count each run for the same code and data
(whatever else the machine does). This prints, for each URL, the instructions of
one request of Casebook's process in millions: Django, the serializers and
templates, and the database driver's work, but not PostgreSQL's own (another
process), so query plans are still judged by ``EXPLAIN`` and the timings.

    .venv/bin/python bench/instructions.py [--size large] [--requests 2] [URL ...]

Without URLs it counts every URL ``make bench`` times (bench/urls_list.py), at about
fifteen seconds a URL. Run it from two checkouts (``git worktree``) on the same
bench database to compare them. Needs ``valgrind`` (Debian's package) and the bench
data (``make bench`` prepares it, or this script does).

How: a child process under ``valgrind --tool=callgrind --instr-atstart=no`` sets up
Django (bench settings, the bench's PostgreSQL database), answers the URL twice to
warm its caches, then turns counting on with ``callgrind_control -i on``, answers
it ``--requests`` times in the process (django.test.Client), and turns counting off.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

WARM_UP = 2
COLLECTED = re.compile(r"Collected : (\d+)")


def count(database_url: str, url: str, requests: int) -> int:
    """Instructions of ``requests`` answers to ``url``, counted by callgrind."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            scale.PY,
            __file__,
            "--child",
            url,
            "--requests",
            str(requests),
        ],
        cwd=scale.ROOT,
        env=scale.env(database_url),
        capture_output=True,
        text=True,
        check=True,
    )
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind counted nothing for {url}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def child(url: str, requests: int) -> None:
    """Answers ``url`` in this process, counting only the last ``requests`` answers."""
    import django

    django.setup()
    from django.test import Client

    client = Client()
    for _ in range(WARM_UP):
        status = client.get(url, HTTP_HOST="127.0.0.1").status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    callgrind(True)
    for _ in range(requests):
        response = client.get(url, HTTP_HOST="127.0.0.1")
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
    callgrind(False)


def callgrind(on: bool) -> None:
    """Turns callgrind's counting of this process on or off."""
    subprocess.run(
        ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
        capture_output=True,
        check=True,
    )
    if on:
        time.sleep(0.5)  # callgrind notices the command at its next check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="Paths to count (default: make bench's).")
    parser.add_argument("--size", default="large", choices=["tiny", "small", "large"])
    parser.add_argument("--requests", type=int, default=2, help="Requests counted a URL.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.urls[0], options.requests)
        return
    database_url = scale.prepare_postgres(options.size, False)
    scale.prepare(database_url, options.size)
    urls = options.urls or [
        url for url in scale.urls(database_url) if "format=csv" not in url and "dump" not in url
    ]
    print(f"Instructions per request, in millions ({options.size}, PostgreSQL):")
    for url in urls:
        total = count(database_url, url, options.requests)
        print(f"{total / options.requests / 1e6:9.1f}  {url}", flush=True)


if __name__ == "__main__":
    main()
