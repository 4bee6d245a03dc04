"""Peak resident memory of one process answering PATH (streamed to nowhere).

Prints one line: the path, the bytes written, the peak resident set after one
small request (the process's baseline) and after PATH.
"""

import resource
import sys
import time

import django

django.setup()

from django.test import Client  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


client = Client()
client.get("/api/v1/events/?page_size=1", HTTP_HOST="127.0.0.1")
baseline = peak_mb()
start = time.perf_counter()
response = client.get(sys.argv[1], HTTP_HOST="127.0.0.1")
written = 0
for chunk in response.streaming_content if response.streaming else [response.content]:
    written += len(chunk)
elapsed = time.perf_counter() - start
print(
    f"{sys.argv[1]}: {response.status_code}, {written / 1e6:.1f} MB in {elapsed:.1f} s; "
    f"peak RSS {baseline:.0f} MB before, {peak_mb():.0f} MB after"
)
