"""Static files storage that never turns a missing manifest entry into a 500.

Production serves compressed files with hashed names from the manifest that
``collectstatic`` writes. Should that manifest be missing or stale (a release
that skipped ``collectstatic``, a template naming a new file), a page must
still answer: the file is linked under its plain name and a warning is logged.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage, falling back to the plain name for unknown files."""

    def stored_name(self, name: str) -> str:
        """The hashed name from the manifest, or ``name`` itself when it cannot be found there."""
        try:
            return super().stored_name(name)
        except ValueError:
            logger.warning(
                "Static file %r is not in the manifest; run collectstatic. Linking its plain name.",
                name,
            )
            return name
