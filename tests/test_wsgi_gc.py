"""The WSGI module leaves the worker's long-lived objects out of garbage collection.

Checked in a fresh interpreter, as a gunicorn worker imports ``casebook.wsgi``: the
test process has long had Django set up, so importing the module here would say little.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from casebook.wsgi import GC_YOUNG_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, json
before = len(gc.get_objects())
import casebook.wsgi
import casebook.api.views, casebook.portal.views  # already imported by the URLconf
print(json.dumps({"before": before, "frozen": gc.get_freeze_count(),
                  "tracked": len(gc.get_objects()), "threshold": gc.get_threshold()}))
"""


def test_importing_the_wsgi_module_freezes_what_it_loaded_and_collects_young_objects_rarely():
    env = {**os.environ, "DJANGO_DEBUG": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout.strip().splitlines()[-1])

    # The views and everything they import were loaded before the freeze ...
    assert state["frozen"] > 10 * state["before"]
    # ... so almost nothing is left for a full collection to walk.
    assert state["tracked"] < state["frozen"] / 10
    assert state["threshold"][0] == GC_YOUNG_THRESHOLD > 700
