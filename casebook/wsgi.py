"""WSGI entry point (gunicorn casebook.wsgi).

Once Django is set up and every view module imported, the objects that will live as
long as the worker (modules, classes, URL patterns, serializer fields: over 100,000)
are moved out of the garbage collector's reach with :func:`gc.freeze`, and the young
generation collects every :data:`GC_YOUNG_THRESHOLD` allocations instead of Python's
default 700. A full collection otherwise walked all of them every few requests: at
the large bench size it added about 50 ms to one request in six of the allegations
list (p50 59 ms, p95 112 ms), and the young collections cost every request a few
milliseconds. Requests free almost everything they allocate by reference counting,
so collecting less often keeps little more memory.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

#: Allocations between two collections of the young generation (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")
application = get_wsgi_application()

import casebook.urls  # noqa: E402, F401 (imports every view, serializer and filter module)

gc.freeze()
gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
