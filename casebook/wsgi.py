"""WSGI entry point (gunicorn casebook.wsgi).

Once Django is set up and every view module imported, the objects that will live as
long as the worker (modules, classes, URL patterns, serializer fields: over 100,000)
are moved out of the garbage collector's reach with :func:`gc.freeze`, and the young
generation collects every :data:`GC_YOUNG_THRESHOLD` allocations instead of Python's
default 700. A full collection otherwise walked all of them every few requests: at
the large bench size it added about 50 ms to one request in six of the allegations
list (p50 59 ms, p95 112 ms), and the young collections cost every request a few
milliseconds.

What a request leaves in reference cycles (a prefetched clause and its version point
at each other; so do a serializer and its fields) is freed only by a collection: about
5,000 objects a page of terms versions. Left to the threshold, one request in ten
paid for ten requests' cycles (17 to 25 ms) and one in 150 to 200 for a collection
of the next generation (85 to 135 ms), which decided the p95 of the terms pages.
:func:`collect_request_cycles` frees them when each response is done, in half a
millisecond, after the client has it.
"""

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

#: Allocations between two collections of the young generation (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")
application = get_wsgi_application()

import casebook.urls  # noqa: E402, F401 (imports every view, serializer and filter module)


def collect_request_cycles(**kwargs) -> None:
    """Collects the young generation: the cycles the finished request left.

    Django sends ``request_finished`` when the server closes the response, once its
    last byte is written, so the collection costs the client nothing. Connected here
    only, not in settings: the test client sends the signal too, and the suite has
    no use for a collection after each of its requests.
    """
    gc.collect(0)


request_finished.connect(collect_request_cycles, dispatch_uid="casebook.wsgi.collect")
gc.freeze()
gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
