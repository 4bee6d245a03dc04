"""Checking a parsed dataset file before anything is written.

:func:`check_dataset` walks the whole file against the state the database
would have after loading it (the file's records plus the rows it leaves
alone) and returns a :class:`Plan` of cleaned rows for the writer, or raises
:class:`DatasetError` listing every problem, each as ``"<record>.<field>:
<plain words>"``. It only reads: one query per type for the slugs that exist,
and the constraint checks Django runs as ``SELECT``\\ s. Nothing is locked.

Types are checked, never coerced: text must be a JSON string, counts JSON
integers, dates ``"YYYY-MM-DD"`` strings, money decimal strings, links slugs,
lists lists. A broken field does not hide the record's other problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from casebook.records import models as m
from casebook.records.dataset import companion
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
from casebook.records.dataset.rules import (
    INVALID,
    attname,
    constraint_field,
    show,
    text_problem,
    type_problem,
    unique_words,
)
from casebook.records.dataset.unique import unique_across_records_problems
from casebook.records.services import CONSTRAINT_MESSAGES


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


class _Checker:
    def __init__(self, data: Any, on_record: Callable[[], None]):
        self.data = data
        self.on_record = on_record
        self.errors: list[str] = []
        self.incoming: dict[type, set[str]] = {}
        self.existing: dict[type, dict[str, int]] = {}
        self.placeholders: dict[tuple[type, str], int] = {}
        self.clauses_in_file: set[tuple] = set()
        self.check_answers: dict[tuple, bool] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

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

    def known(self, model: type[models.Model], slug: str) -> bool:
        return slug in self.incoming.get(model, ()) or slug in self.existing.get(model, {})

    def placeholder(self, model: type[models.Model], slug: str) -> int:
        """The row's id if it exists, else a made-up negative id, for constraint checks."""
        if slug in self.existing.get(model, {}):
            return self.existing[model][slug]
        return self.placeholders.setdefault((model, slug), -1 - len(self.placeholders))

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
        if spec.model is m.TermsDocument:
            for version in row.children["versions"]:
                for clause in version.children["clauses"]:
                    effective = version.values.get("effective_from")
                    self.clauses_in_file.add((row.slug, effective, clause.refs.get("category")))
            check_recorded_versions(row, self.error)
        return row

    def plain(self, model: type[models.Model], name: str, item: dict, path: str) -> Any:
        """The cleaned value of a plain field, or ``INVALID`` after recording why."""
        model_field = model._meta.get_field(name)
        if name not in item:
            if model_field.has_default():
                return model_field.get_default()
            if model_field.null:
                return None
            if model_field.blank and model_field.empty_strings_allowed:
                return ""
            self.error(path, "is required")
            return INVALID
        value = item[name]
        problem = type_problem(model_field, value)
        if problem is None:
            strings = value if isinstance(value, list) else [value]
            problem = next(
                (text_problem(s) for s in strings if isinstance(s, str) and text_problem(s)), None
            )
        if problem is not None:
            self.error(path, problem)
            return INVALID
        if value is None:
            return None
        try:
            return model_field.clean(value, None)
        except ValidationError as exc:
            self.error(path, " ".join(exc.messages))
            return INVALID

    def ref(self, model_field: models.Field, slug: Any, path: str) -> Any:
        """A link's slug after checking it names a row that exists or the file creates."""
        target = model_field.related_model
        if slug is None:
            if model_field.null:
                return None
            self.error(path, "is required")
            return INVALID
        name = target._meta.verbose_name
        if not isinstance(slug, str):
            self.error(path, f"must be the slug of a {name} (text), not {describe(slug)}")
            return INVALID
        if not self.known(target, slug):
            self.error(path, f"unknown {name} '{show(slug)}'")
            return INVALID
        return slug

    def many(self, model_field: models.Field, slugs: Any, path: str) -> Any:
        target = model_field.related_model
        if not isinstance(slugs, list):
            plural = target._meta.verbose_name_plural
            self.error(path, f"must be a list of {plural} (slugs), not {describe(slugs)}")
            return INVALID
        ok = True
        for index, slug in enumerate(slugs):
            if not isinstance(slug, str):
                self.error(f"{path}[{index}]", f"must be a slug (text), not {describe(slug)}")
                ok = False
            elif not self.known(target, slug):
                self.error(path, f"unknown {target._meta.verbose_name} '{show(slug)}'")
                ok = False
        return sorted(set(slugs)) if ok else INVALID

    def clause_ref(self, ref: Any, path: str) -> Any:
        if ref is None:
            return None
        if not isinstance(ref, dict) or set(ref) != {"document", "effective_from", "category"}:
            self.error(path, 'must be null or {"document", "effective_from", "category"}')
            return INVALID
        document = self.ref(
            m.TermsVersion._meta.get_field("document"), ref["document"], f"{path}.document"
        )
        category = self.ref(
            m.Clause._meta.get_field("category"), ref["category"], f"{path}.category"
        )
        effective = self.plain(m.TermsVersion, "effective_from", ref, f"{path}.effective_from")
        if INVALID in (document, category, effective):
            return INVALID
        key = (document, effective, category)
        if document in self.incoming[m.TermsDocument]:
            found = key in self.clauses_in_file
        else:
            found = m.Clause.objects.filter(
                version__document__slug=document,
                version__effective_from=effective,
                category__slug=category,
            ).exists()
        if not found:
            self.error(path, "no such clause in that terms version")
            return INVALID
        return key

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

    def model_rules(self, row: Row, bad: set[str]) -> None:
        """The model's ``clean()`` and its check constraints, on a throwaway instance."""
        model = row.spec.model
        instance = model(**dict(row.spec.scope))
        for name, value in row.values.items():
            setattr(instance, name, value)
        for name, slug in row.refs.items():
            model_field = model._meta.get_field(name)
            target = None if slug is None else self.placeholder(model_field.related_model, slug)
            setattr(instance, model_field.attname, target)
        if row.slug is not None:
            instance.pk = self.placeholder(model, row.slug)
        try:
            instance.clean()
        except ValidationError as exc:
            found = (
                exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            )
            for name, messages in found.items():
                if name in bad:
                    continue
                where = row.path if name == NON_FIELD_ERRORS else f"{row.path}.{name}"
                for message in messages:
                    self.error(where, message)
        for constraint in model._meta.constraints:
            words = CONSTRAINT_MESSAGES.get(constraint.name)
            if not isinstance(constraint, models.CheckConstraint) or words is None:
                continue  # uniqueness is checked across rows; None: clean() says it
            if not self.holds(model, constraint, instance, bad):
                self.error(f"{row.path}.{constraint_field(model, constraint, instance)}", words)

    def holds(
        self,
        model: type[models.Model],
        constraint: models.CheckConstraint,
        instance: models.Model,
        bad: set[str],
    ) -> bool:
        """Whether ``instance`` meets the check (Django evaluates it in the database).

        Rows with the same values in the fields the check reads share one answer,
        so a file of thousands of events costs a handful of queries, not thousands.
        """
        names = sorted(constraint.condition.referenced_base_fields)
        if bad & set(names):
            return True  # the broken field is reported already
        key = (constraint.name, *(getattr(instance, attname(model, n)) for n in names))
        if key not in self.check_answers:
            try:
                constraint.validate(model, instance, exclude=bad)
            except ValidationError:
                self.check_answers[key] = False
            else:
                self.check_answers[key] = True
        return self.check_answers[key]
