"""The pieces every part of the dataset code shares: a row kind's :class:`Spec`, the error.

Kept apart from :mod:`.format` (which declares the file's specs) so the modules
that declare or read parts of the format can use them without import cycles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import models

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
    #: A load leaves the parent's rows in scope that the file does not list (versions
    #: recorded after the file was written), rather than deleting them.
    keep_unlisted: bool = False

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


class DatasetError(Exception):
    """The file cannot be loaded; ``errors`` lists every problem, each naming record and field.

    Each error is one line, ``"<where>: <what is wrong>"``, e.g.
    ``"allegations[x].made_on: is required"``.
    """

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


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
