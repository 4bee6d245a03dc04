"""Time, queries, peak memory and a hash of one streamed answer, to compare two checkouts.

``DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.settings python bench/csv_time.py PATH
[OUT]`` answers PATH in this process (as bench/memory.py does) and prints its status,
size, wall and CPU seconds (SQLite runs in the process, so its work counts), seconds
to the first chunk, the number of queries, the peak resident set before and after,
and the first 16 hex digits of the bytes' SHA-256; OUT, if given, keeps the bytes.
Run it from two checkouts on the same database to check that a change keeps a CSV
byte for byte (issue #12: the allegations CSV read from plain rows).
"""

import hashlib
import resource
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(path: str, out_path: str | None) -> None:
    client = Client()
    client.get("/api/v1/events/?page_size=1", HTTP_HOST="127.0.0.1")
    baseline = peak_mb()
    digest, size, first = hashlib.sha256(), 0, None
    out = open(out_path, "wb") if out_path else None  # noqa: SIM115
    start, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="127.0.0.1")
        chunks = response.streaming_content if response.streaming else [response.content]
        for chunk in chunks:
            first = time.perf_counter() - start if first is None else first
            digest.update(chunk)
            size += len(chunk)
            if out:
                out.write(chunk)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    if out:
        out.close()
    print(
        f"{path}: {response.status_code}, {size / 1e6:.2f} MB, {wall:.2f} s wall, {cpu:.2f} s "
        f"CPU, first chunk {first or 0:.2f} s, {len(queries)} queries, peak RSS "
        f"{baseline:.0f} -> {peak_mb():.0f} MB, sha256 {digest.hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
