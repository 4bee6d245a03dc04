"""Reading a dataset file from disk: bytes to parsed JSON, or one plain line of error.

:func:`read_file` turns any file into either parsed JSON or a
:class:`~casebook.records.dataset.spec.DatasetError` with one plain line (not
UTF-8, a NUL byte, empty, not JSON, nested too deeply, not one object), never a
traceback; and reads the companion file of full texts the dataset names
(:mod:`.companion`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casebook.records.dataset.companion import attach
from casebook.records.dataset.spec import DatasetError, describe

#: The format nests about eight levels (file → terms document → version → clause);
#: anything much deeper is not a dataset file.
MAX_DEPTH = 32


def read_file(path: str | Path) -> dict:
    """Parse a dataset file from disk.

    Raises :class:`DatasetError` with one plain line when the file cannot be
    read, is empty, is not UTF-8, holds a NUL byte, is not JSON (or uses
    ``NaN``/``Infinity`` or repeats a key in one object), nests deeper than
    ``MAX_DEPTH`` or is not one JSON object; and when the file names a
    companion of full texts that is missing, damaged or not the one written
    with it (:func:`casebook.records.dataset.companion.attach`).
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc
    return attach(parse_bytes(raw, str(path)), path)


def parse_bytes(raw: bytes, name: str = "the file") -> dict:
    """Parse a dataset file's bytes; see :func:`read_file` for the errors raised."""
    if not raw.strip():
        raise DatasetError([f"{name}: the file is empty"])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DatasetError([f"{name}: is not UTF-8 text (it is UTF-16; save it as UTF-8)"])
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise DatasetError([f"{name}: holds a NUL byte (line {line}), so it is not a text file"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DatasetError(
            [f"{name}: is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})"]
        ) from exc
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                repeated.append(key)
            seen[key] = value
        return seen

    def constant(word: str) -> Any:
        raise ValueError(f"{word} is not a JSON number")

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from exc
    except RecursionError as exc:
        raise DatasetError([f"{name}: nested more than {MAX_DEPTH} levels deep"]) from exc
    except ValueError as exc:  # NaN, Infinity, or an integer too long to read
        raise DatasetError([f"{name}: not valid JSON ({exc})"]) from exc
    if repeated:
        keys = ", ".join(sorted({json.dumps(key, ensure_ascii=False) for key in repeated}))
        raise DatasetError([f"{name}: a key appears twice in one object: {keys}"])
    if _depth(data) > MAX_DEPTH:
        raise DatasetError([f"{name}: nested more than {MAX_DEPTH} levels deep"])
    if not isinstance(data, dict):
        raise DatasetError([f"{name}: must hold one JSON object, not {describe(data)}"])
    return data


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in parsed JSON (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest
