"""Whole numbers that arrive as text from people: query parameters and form fields.

One rule for every such number, so that no input can make ``int()`` raise (it refuses
more than 4,300 digits, and it reads "٣" and " 3 ") and no number reaches the database
that a 64-bit column cannot hold (PostgreSQL answers "out of range", SQLite
"Python int too large"). ``str.isdigit()`` is no guard: it accepts "²", which ``int()``
refuses.
"""

from __future__ import annotations

import re

#: The largest whole number read: 18 digits, so it fits 64 bits.
LARGEST = 10**18 - 1

_DIGITS = re.compile(r"[0-9]{1,18}")


def parse_whole_number(raw: str | None) -> int | None:
    """``raw`` as an int from 0 to :data:`LARGEST` when it is 1 to 18 ASCII digits (leading
    zeros allowed), else ``None``. Never raises."""
    if raw is None or not _DIGITS.fullmatch(raw):
        return None
    return int(raw)
