"""The dataset file's shape, declared once, and reading a file from disk.

``SPECS`` says how each kind of row appears in the file; the checker, the
writer and the exporter all walk it. ``read_file`` turns any file into either
parsed JSON or a :class:`DatasetError` with one plain line (not UTF-8, a NUL
byte, empty, not JSON, nested too deeply, not one object), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models

from casebook.records import models as m

FORMAT = "casebook-dataset"
VERSION = 1
PUBLISHABLE_FIELDS = ("editorial_status", "caveats", "retraction_note", "changed_on")


@dataclass(frozen=True)
class Spec:
    """How one kind of row appears in the file.

    ``fields`` are plain values, ``refs`` foreign keys written as the slug of
    the row they point at, ``many`` many-to-many fields written as lists of
    slugs, ``children`` nested rows. ``identity`` names the fields that find
    an existing row again (the slug, or a natural key within the parent).
    """

    key: str
    model: type[models.Model]
    fields: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    many: tuple[str, ...] = ()
    children: tuple[Spec, ...] = ()
    parent_field: str = ""
    identity: tuple[str, ...] = ("slug",)
    cited: bool = False
    #: Optional keys that are not model fields, handled by hooks below.
    extra: tuple[str, ...] = ()
    #: The parent's accessor for these rows, when it differs from ``key``.
    related_name: str = ""
    #: Field values that mark the rows the file manages; other rows of the parent (terms
    #: versions recorded by Open Terms Archive) are neither exported nor deleted by a load.
    scope: tuple[tuple[str, Any], ...] = ()

    def in_scope(self, obj: models.Model) -> bool:
        """Whether the file manages ``obj`` (see ``scope``)."""
        return all(getattr(obj, name) == value for name, value in self.scope)

    @property
    def accessor(self) -> str:
        return self.related_name or self.key

    @property
    def keys(self) -> tuple[str, ...]:
        own = ("slug",) if "slug" in self.identity else ()
        publishable = PUBLISHABLE_FIELDS if self.cited else ()
        citations = ("citations",) if self.cited else ()
        children = tuple(child.key for child in self.children)
        return (
            own
            + self.fields
            + self.refs
            + self.many
            + self.extra
            + publishable
            + citations
            + children
        )


def _vocab(key: str, model: type[m.Vocabulary]) -> Spec:
    return Spec(key=key, model=model, fields=("name", "description"))


FIGURES = (
    "accounts",
    "accounts_qualifier",
    "exchanges",
    "exchanges_qualifier",
    "figures_basis",
    "figures_pinpoint",
)

VOCABULARY_SPECS = (
    _vocab("capabilities", m.Capability),
    _vocab("techniques", m.Technique),
    _vocab("legal_theories", m.LegalTheory),
    _vocab("clause_categories", m.ClauseCategory),
    _vocab("topics", m.Topic),
)

CITATION_SPEC = Spec(
    key="citations",
    model=m.Citation,
    fields=("pinpoint", "quote", "supports", "verification"),
    refs=("source",),
    identity=("source", "pinpoint"),
)

SPECS = (
    Spec(
        key="parties",
        model=m.Party,
        fields=("name", "short_name", "kind", "country", "aliases", "website", "description"),
        cited=True,
    ),
    Spec(
        key="sources",
        model=m.Source,
        fields=(
            "title",
            "url",
            "publisher",
            "author",
            "kind",
            "published_on",
            "published_on_precision",
            "accessed_on",
            "archive_url",
            "notes",
        ),
        cited=True,
    ),
    Spec(
        key="terms_documents",
        model=m.TermsDocument,
        fields=("title", "kind", "url", "description"),
        refs=("vendor",),
        cited=True,
        children=(
            Spec(
                key="versions",
                model=m.TermsVersion,
                parent_field="document",
                identity=("effective_from",),
                scope=(("origin", m.TermsVersion.Origin.MANUAL),),
                fields=(
                    "effective_from",
                    "effective_from_precision",
                    "label",
                    "retrieved_on",
                    "archive_url",
                    "notes",
                ),
                many=("reviewed_categories",),
                children=(
                    Spec(
                        key="clauses",
                        model=m.Clause,
                        parent_field="version",
                        identity=("category",),
                        fields=("section", "text", "verification", "notes"),
                        refs=("category",),
                    ),
                ),
            ),
        ),
    ),
    Spec(
        key="allegations",
        model=m.Allegation,
        fields=(
            "title",
            "summary",
            "made_on",
            "made_on_precision",
            "venue",
            "venue_detail",
            "conduct_start",
            "conduct_start_precision",
            "conduct_end",
            "conduct_end_precision",
            "status",
            "status_as_of",
            *FIGURES,
        ),
        refs=("accuser", "figures_source"),
        many=("legal_theories", "topics"),
        extra=("breached_clause",),
        cited=True,
        children=(
            Spec(
                key="accused",
                model=m.AccusedParty,
                parent_field="allegation",
                identity=("party",),
                fields=(
                    *FIGURES,
                    "conduct",
                    "response",
                    "response_summary",
                    "response_on",
                    "response_as_of",
                ),
                refs=("party", "response_source", "figures_source"),
                many=("capabilities", "techniques"),
            ),
        ),
    ),
    Spec(
        key="cases",
        model=m.Case,
        fields=(
            "name",
            "docket_number",
            "reporter_citation",
            "filed_on",
            "status",
            "status_as_of",
            "summary",
        ),
        refs=("court",),
        many=("topics", "allegations"),
        cited=True,
        children=(
            Spec(
                key="parties",
                related_name="case_parties",
                model=m.CaseParty,
                parent_field="case",
                identity=("party", "role"),
                fields=("role", "notes"),
                refs=("party",),
            ),
        ),
    ),
    Spec(
        key="settlements",
        model=m.Settlement,
        fields=(
            "title",
            "amount",
            "amount_qualifier",
            "currency",
            "per_unit_amount",
            "per_unit_qualifier",
            "unit_name",
            "unit_count",
            "class_definition",
            "release_scope",
            "terms_summary",
            "announced_on",
            "preliminary_approval_on",
            "final_approval_on",
            "status_as_of",
        ),
        refs=("case",),
        many=("topics",),
        cited=True,
    ),
    Spec(
        key="guidance",
        model=m.Guidance,
        fields=(
            "title",
            "document_type",
            "issued_on",
            "issued_on_precision",
            "formal_citation",
            "summary",
        ),
        refs=("issuer", "case", "superseded_by"),
        many=("topics",),
        cited=True,
        children=(
            Spec(
                key="holdings",
                model=m.Holding,
                parent_field="guidance",
                identity=("position",),
                fields=("proposition", "pinpoint", "quote"),
            ),
        ),
    ),
    Spec(
        key="events",
        model=m.Event,
        fields=("date", "date_precision", "kind", "headline", "description"),
        refs=m.Event.RECORD_FIELDS,
        many=("parties", "topics"),
        cited=True,
    ),
)


class DatasetError(Exception):
    """The file cannot be loaded; ``errors`` lists every problem, each naming record and field.

    Each error is one line, ``"<where>: <what is wrong>"``, e.g.
    ``"allegations[x].made_on: is required"``.
    """

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    """What a load did (or, for a dry run, would do), one line per row."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"create    {label}" for label in self.created]
            + [f"change    {label}" for label in self.changed]
            + [f"delete    {label}" for label in self.deleted]
            + [f"unchanged {label}" for label in self.unchanged]
        )

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.changed)} changed, "
            f"{len(self.deleted)} deleted, {len(self.unchanged)} unchanged"
        )


def dumps(data: dict) -> str:
    """The file's exact text: two-space indents, UTF-8 characters kept, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _nested(value: Any, level: int) -> str:
    """``value`` as :func:`dumps` writes it ``level`` objects deep (JSON has no raw newline)."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def iter_dumps(items: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """The text of :func:`dumps` in pieces, for a file too big to hold in memory.

    ``items`` are the file's top-level keys and values in order; a value that is
    an iterator (a generator of rows) is written as a JSON list, row by row, so
    only one row is in memory at a time. ``"".join(iter_dumps(data.items()))``
    equals ``dumps(data)`` byte for byte.
    """
    separator = "{\n"
    for key, value in items:
        yield f"{separator}  {json.dumps(key, ensure_ascii=False)}: "
        separator = ",\n"
        if not isinstance(value, Iterator):
            yield _nested(value, 1)
            continue
        opening = "[\n    "
        for row in value:
            yield opening + _nested(row, 2)
            opening = ",\n    "
        yield "[]" if opening == "[\n    " else "\n  ]"
    yield "{}\n" if separator == "{\n" else "\n}\n"


def buffered(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """``pieces`` as UTF-8 chunks of about ``size`` bytes (fewer, larger writes to a socket)."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


#: The format nests about eight levels (file → terms document → version → clause);
#: anything much deeper is not a dataset file.
MAX_DEPTH = 32


def read_file(path: str | Path) -> dict:
    """Parse a dataset file from disk.

    Raises :class:`DatasetError` with one plain line when the file cannot be
    read, is empty, is not UTF-8, holds a NUL byte, is not JSON (or uses
    ``NaN``/``Infinity`` or repeats a key in one object), nests deeper than
    ``MAX_DEPTH`` or is not one JSON object.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc
    return parse_bytes(raw, str(path))


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


def describe(value: Any) -> str:
    """A JSON value named in plain words for an error message: "the number 5", "a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def file_record_count(data: Any) -> int:
    """How many top-level records (vocabulary terms included) a parsed file holds."""
    if not isinstance(data, dict):
        return 0
    sections = [data.get(spec.key) for spec in SPECS]
    vocabularies = data.get("vocabularies")
    if isinstance(vocabularies, dict):
        sections += [vocabularies.get(spec.key) for spec in VOCABULARY_SPECS]
    return sum(len(items) for items in sections if isinstance(items, list))
