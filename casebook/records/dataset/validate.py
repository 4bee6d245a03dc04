"""Checking a parsed dataset file before anything is written.

:func:`check_dataset` walks the whole file against the state the database
would have after loading it (the file's records plus the rows it leaves
alone) and returns a :class:`Plan` of cleaned rows for the writer, or raises
:class:`DatasetError` listing every problem, each as ``"<record>.<field>:
<plain words>"``. It only reads: one query per type for the slugs that exist,
and the constraint checks Django runs as ``SELECT``\\ s. Nothing is locked.

Types are checked, never coerced: text must be a JSON string, counts JSON
integers, dates ``"YYYY-MM-DD"`` strings, money decimal strings, links slugs,
lists lists. A broken field does not hide the record's other problems. The
checks of one row's fields and of its model's rules are :mod:`.fieldchecks`'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from casebook.records.dataset import companion
from casebook.records.dataset.fieldchecks import FieldChecker
from casebook.records.dataset.format import (
    CITATION_SPEC,
    FORMAT,
    PUBLISHABLE_FIELDS,
    SPECS,
    VERSION,
    VOCABULARY_SPECS,
    DatasetError,
    Spec,
    describe,
)
from casebook.records.dataset.recorded import check_recorded_versions, read_record_time
from casebook.records.dataset.rules import INVALID, show, unique_words
from casebook.records.dataset.unique import unique_across_records_problems
from casebook.records.models import TermsDocument


@dataclass
class Row:
    """One checked row of the file, ready to write.

    ``values`` holds cleaned plain fields, ``refs`` the slug (or None) of each
    link, ``many`` lists of slugs, ``children`` checked child rows by key
    (citations under ``"citations"``), ``breached_clause`` the clause's
    (document slug, effective date, category slug).
    """

    spec: Spec
    path: str
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, str | None] = field(default_factory=dict)
    many: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[Row]] = field(default_factory=dict)
    breached_clause: tuple | None = None
    carried_over_from: Any = None
    position: int | None = None

    @property
    def slug(self) -> str | None:
        return self.values.get("slug")


@dataclass
class Plan:
    """A whole checked file: each section's spec and rows, in the order they are written."""

    sections: list[tuple[Spec, list[Row]]]


def check_dataset(data: Any, on_record: Callable[[], None] | None = None) -> Plan:
    """Check a parsed file; returns its :class:`Plan` or raises :class:`DatasetError`.

    ``on_record`` is called after each top-level record, for a progress bar.
    """
    return _Checker(data, on_record or (lambda: None)).run()


class _Checker(FieldChecker):
    """Walks the file, section by section and row by row (the fields: :class:`FieldChecker`)."""

    def __init__(self, data: Any, on_record: Callable[[], None]):
        super().__init__()
        self.data = data
        self.on_record = on_record

    # -- the whole file ----------------------------------------------------

    def run(self) -> Plan:
        data = self.data
        if not isinstance(data, dict):
            raise DatasetError([f"the file must hold one JSON object, not {describe(data)}"])
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise DatasetError([f'expected "format": "{FORMAT}" and "version": {VERSION}'])
        # "retracted" (the API dump's tombstones) is read by nobody: retractions go
        # through the workflow, never through a file. Nor is "ota_versions" (the dump's
        # imported versions, with their credit): import_ota writes those.
        allowed = {
            "format",
            "version",
            "vocabularies",
            "retracted",
            "ota_versions",
            *(s.key for s in SPECS),
        }
        if companion.KEY in data:
            allowed.add(companion.KEY)
            self.error(
                companion.KEY,
                "the companion file of full texts was not read: load the file with "
                "load_casebook or import_casebook, which read both",
            )
        for key in sorted(set(data) - allowed):
            self.error(show(key), "is not a section of the dataset format")
        vocabularies = data.get("vocabularies", {})
        if not isinstance(vocabularies, dict):
            self.error("vocabularies", f"must be an object, not {describe(vocabularies)}")
            vocabularies = {}
        for key in sorted(set(vocabularies) - {s.key for s in VOCABULARY_SPECS}):
            self.error(f"vocabularies.{show(key)}", "is not a vocabulary of the dataset format")
        sections = [
            (spec, vocabularies.get(spec.key, []), f"vocabularies.{spec.key}")
            for spec in VOCABULARY_SPECS
        ] + [(spec, data.get(spec.key, []), spec.key) for spec in SPECS]
        for spec, items, _path in sections:
            self.collect_slugs(spec.model, items)
        plan = Plan([(spec, self.section(spec, items, path)) for spec, items, path in sections])
        for spec, rows in plan.sections:
            self.errors += unique_across_records_problems(spec, rows)
        if self.errors:
            raise DatasetError(self.errors)
        return plan

    def collect_slugs(self, model: type[models.Model], items: Any) -> None:
        items = items if isinstance(items, list) else []
        self.incoming[model] = {
            item["slug"]
            for item in items
            if isinstance(item, dict) and isinstance(item.get("slug"), str)
        }
        self.existing[model] = dict(model._default_manager.values_list("slug", "pk"))

    def section(self, spec: Spec, items: Any, path: str) -> list[Row]:
        if not isinstance(items, list):
            self.error(path, f"must be a list of objects, not {describe(items)}")
            return []
        rows: list[Row] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            slug = item.get("slug") if isinstance(item, dict) else None
            item_path = f"{path}[{show(slug) if isinstance(slug, str) and slug else index}]"
            if isinstance(slug, str) and slug in seen:
                self.error(f"{item_path}.slug", f"'{show(slug)}' appears twice in {spec.key}")
            else:
                if isinstance(slug, str):
                    seen.add(slug)
                row = self.row(spec, item, item_path)
                if row is not None:
                    rows.append(row)
            self.on_record()
        return rows

    # -- one row -----------------------------------------------------------

    def row(self, spec: Spec, item: Any, path: str, position: int | None = None) -> Row | None:
        if not isinstance(item, dict):
            self.error(path, f"must be an object, not {describe(item)}")
            return None
        for key in sorted(set(item) - set(spec.keys)):
            self.error(f"{path}.{show(key)}", "is not a field of this record (misspelt?)")
        row = Row(spec=spec, path=path, position=position)
        bad: set[str] = set()
        own = ("slug",) if "slug" in spec.identity else ()
        for name in own + spec.fields + (PUBLISHABLE_FIELDS if spec.cited else ()):
            value = self.plain(spec.model, name, item, f"{path}.{name}")
            if value is INVALID:
                bad.add(name)
            else:
                row.values[name] = value
        for name in spec.refs:
            slug = self.ref(spec.model._meta.get_field(name), item.get(name), f"{path}.{name}")
            if slug is INVALID:
                bad.add(name)
            else:
                row.refs[name] = slug
        for name in spec.many:
            slugs = self.many(
                spec.model._meta.get_field(name), item.get(name, []), f"{path}.{name}"
            )
            if slugs is not INVALID:
                row.many[name] = slugs
        if "breached_clause" in spec.extra:
            clause = self.clause_ref(item.get("breached_clause"), f"{path}.breached_clause")
            row.breached_clause = None if clause is INVALID else clause
        if "carried_over_from" in spec.extra:
            row.carried_over_from = read_record_time(
                item.get("carried_over_from"), f"{path}.carried_over_from", self.error
            )
        if spec.cited:
            row.children["citations"] = self.children(
                CITATION_SPEC, item.get("citations", []), path
            )
        for child in spec.children:
            row.children[child.key] = self.children(child, item.get(child.key, []), path)
        self.model_rules(row, bad)
        if spec.model is TermsDocument:
            for version in row.children["versions"]:
                for clause in version.children["clauses"]:
                    effective = version.values.get("effective_from")
                    self.clauses_in_file.add((row.slug, effective, clause.refs.get("category")))
            check_recorded_versions(row, self.error)
        return row

    def children(self, spec: Spec, items: Any, parent_path: str) -> list[Row]:
        """Check a record's rows of one kind; two rows with the same identity are an error."""
        if not isinstance(items, list):
            self.error(
                f"{parent_path}.{spec.key}", f"must be a list of objects, not {describe(items)}"
            )
            return []
        rows: list[Row] = []
        seen: set[tuple] = set()
        for index, item in enumerate(items):
            path = f"{parent_path}.{spec.key}[{index}]"
            if isinstance(item, dict) and "position" not in spec.identity:
                ident = "/".join(show(item[name]) for name in spec.identity if item.get(name))
                path = f"{parent_path}.{spec.key}[{ident or index}]"
            row = self.row(spec, item, path, position=index)
            if row is None:
                continue
            rows.append(row)
            if "position" in spec.identity:
                continue
            key = tuple(row.values.get(n, row.refs.get(n, INVALID)) for n in spec.identity)
            if INVALID in key:
                continue
            if key in seen:
                words = unique_words(spec.model, spec.identity)
                self.error(f"{path}.{spec.identity[-1]}", f"{words} (it is listed twice)")
            seen.add(key)
        return rows
