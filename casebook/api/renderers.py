"""The API's JSON renderer: DRF's, with the encoding done by orjson.

DRF's renderer encodes with the standard library's ``json``, in Python: a page of
the terms matrix (390 KB) spent a sixth of its time there. orjson writes the same
JSON from the same data, in Rust, about ten times faster.
"""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework import renderers

#: orjson's options for DRF's output: keys that are not strings written as strings
#: (``json`` does), and dates and dataclasses left to DRF's encoder (so a datetime in
#: UTC ends in ``Z``, as DRF writes it, and a dataclass is an error, as in DRF).
ORJSON_OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


class JSONRenderer(renderers.JSONRenderer):
    """DRF's ``JSONRenderer`` (media type, ``; indent=`` and DRF's encoder for what JSON
    has no type for: dates, decimals, lazy strings), encoded by orjson: UTF-8, compact.

    Unlike DRF's, it leaves U+2028 and U+2029 unescaped (valid JSON either way), writes
    NaN as ``null`` (DRF raises) and indents by two spaces whatever ``indent`` asks.
    Raises ``TypeError`` for a value neither orjson nor DRF's encoder can write.
    """

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        if data is None:
            return b""
        options = ORJSON_OPTIONS
        if self.get_indent(accepted_media_type, renderer_context or {}):
            options |= orjson.OPT_INDENT_2
        return orjson.dumps(data, default=self.encoder_class().default, option=options)
