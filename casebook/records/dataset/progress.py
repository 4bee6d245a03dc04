"""Progress bars for the dataset commands: one bar per stage of a load."""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm


class StageProgress:
    """Call with a stage name ("Checking", "Writing", ...) after each record of that stage.

    Each new stage closes the previous bar and opens its own on standard error,
    counting up to ``total`` records (the last stage, checking the workflow rules
    of the published records, counts without a total). Silent unless standard
    error is a terminal (or ``enabled`` says otherwise). Use it as a context manager.
    """

    def __init__(self, total: int, enabled: bool | None = None):
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.stage = ""
        self.bar: tqdm | None = None

    def __call__(self, stage: str) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            total = self.total if stage in ("Checking", "Writing") else None
            self.bar = tqdm(total=total, desc=stage, unit="record", disable=not self.enabled)
        self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
