"""The companion file that keeps the full texts of a dataset's recorded versions.

Open Terms Archive's full texts are tens of millions of characters; in the
dataset itself they would make ``data/casebook.json`` a file no one can read
or diff. So a dataset written to disk keeps them beside it, in
``<name>.recorded-versions.json.xz`` (xz, Python's ``lzma``), and names that
file in its last key::

    "recorded_texts": {"file": "casebook.recorded-versions.json.xz",
                       "sha256": "<SHA-256 of the uncompressed companion>",
                       "versions": 1234}

The companion, uncompressed, is JSON: ``{"format": "casebook-recorded-texts",
"version": 1, "texts": [{"document", "recorded_at", "full_text"}, ...]}``, one
text per recorded version in the dataset's order. :func:`attach` (called by
``read_file``) puts each text back in its version's ``full_text``; a missing,
damaged or mismatched companion (its checksum differs from the pointer's) is a
:class:`~casebook.records.dataset.spec.DatasetError` naming both files, raised
before anything is written. The checksum covers the uncompressed bytes, so
``xz -dc FILE | sha256sum`` checks a companion by hand.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from casebook.records.dataset.spec import DatasetError

#: The dataset's key that points at its companion.
KEY = "recorded_texts"
FORMAT = "casebook-recorded-texts"
SUFFIX = ".recorded-versions.json.xz"
#: xz preset 6 (the default): a dictionary of 8 MB, larger than any one document's
#: versions next to each other, so each version costs little more than its changes.
PRESET = 6


def companion_path(main: str | Path) -> Path:
    """Where the companion of dataset file ``main`` lives: ``casebook.json`` → beside it."""
    main = Path(main)
    return main.with_name(main.stem + SUFFIX)


def _texts_of(row: dict, texts: list[dict]) -> dict:
    """A terms document row with its recorded versions' texts moved into ``texts``."""
    versions = row.get("recorded_versions") or []
    if not versions:
        return row
    row = dict(row)
    row["recorded_versions"] = []
    for version in versions:
        version = dict(version)
        texts.append(
            {
                "document": row["slug"],
                "recorded_at": version["recorded_at"],
                "full_text": version.pop("full_text", ""),
            }
        )
        row["recorded_versions"].append(version)
    return row


def _raw(texts: list[dict]) -> bytes:
    """The uncompressed companion, one text per line."""
    lines = ",\n".join(json.dumps(text, ensure_ascii=False, sort_keys=True) for text in texts)
    return (
        f'{{"format": "{FORMAT}", "version": 1, "texts": [\n{lines}\n]}}\n'.encode()
        if texts
        else f'{{"format": "{FORMAT}", "version": 1, "texts": []}}\n'.encode()
    )


class Split:
    """Moves recorded versions' texts out of a stream of dataset items, for the companion.

    Iterate :meth:`items` (feed it to ``iter_dumps``); once it is consumed,
    :attr:`raw` holds the uncompressed companion. The pointer key is added only
    when the dataset has recorded versions, so a dataset without any is written
    exactly as before.
    """

    def __init__(self, companion_name: str):
        self.companion_name = companion_name
        self.texts: list[dict] = []
        self.raw = b""

    def items(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        for key, value in items:
            if key == "terms_documents":
                value = (_texts_of(row, self.texts) for row in value)
            yield key, value
        if self.texts:
            self.raw = _raw(self.texts)
            yield (
                KEY,
                {
                    "file": self.companion_name,
                    "sha256": hashlib.sha256(self.raw).hexdigest(),
                    "versions": len(self.texts),
                },
            )


def write_dataset(main: str | Path, items: Iterable[tuple[str, Any]]) -> Path | None:
    """Write a dataset (its items, as ``iter_export`` gives them) and its companion.

    Both are written beside their names, then renamed into place, companion
    first, so a failed export leaves no half file. Returns the companion's
    path, or None when the dataset has no recorded version (then no companion
    is written, and a stale one is removed).
    """
    from casebook.records.dataset.format import iter_dumps  # format imports this package

    main = Path(main)
    companion = companion_path(main)
    split = Split(companion.name)
    partial = main.with_name(main.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        for piece in iter_dumps(split.items(items)):
            handle.write(piece)
    if split.texts:
        companion_partial = companion.with_name(companion.name + ".partial")
        companion_partial.write_bytes(lzma.compress(split.raw, preset=PRESET))
        os.replace(companion_partial, companion)
    elif companion.exists():
        companion.unlink()
    os.replace(partial, main)
    return companion if split.texts else None


def split_dataset(data: dict, companion_name: str) -> tuple[dict, bytes]:
    """A parsed dataset as its file holds it, and its uncompressed companion (b"" if none)."""
    split = Split(companion_name)
    items = [
        (key, iter(value) if key == "terms_documents" else value) for key, value in data.items()
    ]
    out = {
        key: list(value) if key == "terms_documents" else value for key, value in split.items(items)
    }
    return out, split.raw


def attach(data: Any, main: str | Path) -> Any:
    """Put the companion's texts back into a parsed dataset read from ``main``.

    Raises :class:`DatasetError` (one line per problem) when the pointer is
    malformed, the companion is missing, is not xz, does not match the
    pointer's checksum, or its texts do not match the dataset's recorded
    versions one for one. A dataset without the pointer is returned as it is.
    """
    if not isinstance(data, dict) or KEY not in data:
        return data
    pointer = data.pop(KEY)
    if not (
        isinstance(pointer, dict)
        and isinstance(pointer.get("file"), str)
        and isinstance(pointer.get("sha256"), str)
        and Path(pointer["file"]).name == pointer["file"]
    ):
        raise DatasetError([f'{main}: {KEY}: must be {{"file", "sha256", "versions"}}'])
    companion = Path(main).with_name(pointer["file"])
    raw = _read(companion, main)
    found = hashlib.sha256(raw).hexdigest()
    if found != pointer["sha256"]:
        raise DatasetError(
            [
                f"{companion}: does not belong to {main} (its SHA-256 is {found}, {main} "
                f"expects {pointer['sha256']}): the two files come from different exports; "
                "use the pair written together"
            ]
        )
    _put_back(data, _texts(raw, companion), companion)
    return data


def _read(companion: Path, main: str | Path) -> bytes:
    try:
        compressed = companion.read_bytes()
    except OSError as exc:
        raise DatasetError(
            [
                f"{companion}: cannot be read ({exc.strerror or exc}); {main} keeps the full "
                "texts of its recorded versions there, so the two files go together"
            ]
        ) from exc
    try:
        return lzma.decompress(compressed)
    except lzma.LZMAError as exc:
        raise DatasetError([f"{companion}: is not an xz file, or is damaged ({exc})"]) from exc


def _texts(raw: bytes, companion: Path) -> dict[tuple[str, str], str]:
    try:
        parsed = json.loads(raw.decode("utf-8"))
        if parsed["format"] != FORMAT or parsed["version"] != 1:
            raise ValueError(f'expected "format": "{FORMAT}", "version": 1')
        return {(t["document"], t["recorded_at"]): t["full_text"] for t in parsed["texts"]}
    except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
        raise DatasetError(
            [f"{companion}: is not a companion file of recorded texts ({exc})"]
        ) from exc


def _put_back(data: dict, texts: dict[tuple[str, str], str], companion: Path) -> None:
    errors = []
    for row in data.get("terms_documents") or []:
        if not isinstance(row, dict) or not isinstance(row.get("recorded_versions"), list):
            continue
        for version in row["recorded_versions"]:
            if not isinstance(version, dict) or "full_text" in version:
                continue
            key = (row.get("slug"), version.get("recorded_at"))
            if key not in texts:
                errors.append(f"{companion}: holds no text for {key[0]} recorded {key[1]}")
                continue
            version["full_text"] = texts.pop(key)
    errors += [
        f"{companion}: holds a text for {document} recorded {time}, which the dataset lacks"
        for document, time in texts
    ]
    if errors:
        raise DatasetError(errors)
