"""The WSGI module leaves the worker's long-lived objects out of garbage collection,
and frees what each request leaves in reference cycles once its response is done.

Checked in a fresh interpreter, as a gunicorn worker imports ``casebook.wsgi``: the
test process has long had Django set up, so importing the module here would say little
(and would collect after every request of the suite).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FREEZE_PROBE = """
import gc, json
before = len(gc.get_objects())
import casebook.wsgi
import casebook.api.views, casebook.portal.views  # already imported by the URLconf
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(),
                  "tracked": len(gc.get_objects()), "threshold": gc.get_threshold(),
                  "young_threshold": casebook.wsgi.GC_YOUNG_THRESHOLD}))
"""

#: Serves each path through the WSGI application as a server does (iterate, then
#: close), with a cycle of each size left unreachable before it and during it.
CYCLE_PROBE = """
import gc, json, sys, weakref, wsgiref.util
import casebook.wsgi

class Node:
    pass

def cycle_of(size):
    nodes = [Node() for _ in range(size)]
    for node, following in zip(nodes, nodes[1:] + nodes[:1]):
        node.following = following
    return weakref.ref(nodes[0])

def serve(path, size):
    left_before = cycle_of(size)
    environ = {"PATH_INFO": path}
    wsgiref.util.setup_testing_defaults(environ)
    statuses = []
    body = casebook.wsgi.application(environ, lambda status, *rest: statuses.append(status))
    left_during = cycle_of(size)
    for chunk in body:
        pass
    alive_before_close = [left_before() is not None, left_during() is not None]
    body.close()
    return {"path": path, "size": size, "status": statuses[0],
            "alive_before_close": alive_before_close,
            "alive_after_close": [left_before() is not None, left_during() is not None]}

print(json.dumps([serve(path, size) for path in sys.argv[1:] for size in (2, 100, 5_000)]))
"""


def run_probe(probe: str, *args: str):
    env = {**os.environ, "DJANGO_DEBUG": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_wsgi_module_freezes_what_it_loaded_and_collects_young_objects_rarely():
    state = run_probe(FREEZE_PROBE)

    # The views and everything they import were loaded before the freeze ...
    assert state["frozen"] > 10 * state["before"]
    # ... so almost nothing is left for a full collection to walk.
    assert state["tracked"] < state["frozen"] / 10
    assert state["threshold"][0] == state["young_threshold"] > 700


def test_the_cycles_a_request_leaves_are_freed_once_its_response_is_closed():
    served = run_probe(CYCLE_PROBE, "/methodology/", "/no-such-page/", "/api/v1/")

    assert len(served) == 9
    for state in served:
        # Fewer allocations than the young threshold: nothing was collected while
        # the response was made and sent ...
        assert state["alive_before_close"] == [True, True], state
        # ... and closing it (the server does, after its last byte) frees both.
        assert state["alive_after_close"] == [False, False], state
