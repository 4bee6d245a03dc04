"""Settings for ``make bench``: Casebook's own, plus the bare-Django floor's URL."""

from casebook.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
