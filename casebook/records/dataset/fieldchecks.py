"""Checking the fields of one dataset row, and the model's own rules on it.

:class:`FieldChecker` holds what the checks of a whole file share (the problems
found, the slugs the file and the database hold) and checks one field at a
time: plain values, links, lists of links, a clause reference, then the model's
``clean()`` and check constraints on a throwaway instance. Walking the file,
section by section and row by row, is :mod:`.validate`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from casebook.records.dataset.rules import (
    INVALID,
    attname,
    constraint_field,
    show,
    text_problem,
    type_problem,
)
from casebook.records.dataset.spec import describe
from casebook.records.models import Clause, TermsDocument, TermsVersion
from casebook.records.services import CONSTRAINT_MESSAGES

if TYPE_CHECKING:
    from casebook.records.dataset.validate import Row


class FieldChecker:
    """The checks of one row's fields, recording each problem as ``"<path>: <words>"``.

    ``incoming`` holds the slugs the file brings, ``existing`` those the
    database holds (slug to id), per model; ``clauses_in_file`` the clauses the
    file's terms documents state, as (document slug, effective date, category slug).
    """

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.incoming: dict[type, set[str]] = {}
        self.existing: dict[type, dict[str, int]] = {}
        self.placeholders: dict[tuple[type, str], int] = {}
        self.clauses_in_file: set[tuple] = set()
        self.check_answers: dict[tuple, bool] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def known(self, model: type[models.Model], slug: str) -> bool:
        return slug in self.incoming.get(model, ()) or slug in self.existing.get(model, {})

    def placeholder(self, model: type[models.Model], slug: str) -> int:
        """The row's id if it exists, else a made-up negative id, for constraint checks."""
        if slug in self.existing.get(model, {}):
            return self.existing[model][slug]
        return self.placeholders.setdefault((model, slug), -1 - len(self.placeholders))

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
            TermsVersion._meta.get_field("document"), ref["document"], f"{path}.document"
        )
        category = self.ref(Clause._meta.get_field("category"), ref["category"], f"{path}.category")
        effective = self.plain(TermsVersion, "effective_from", ref, f"{path}.effective_from")
        if INVALID in (document, category, effective):
            return INVALID
        key = (document, effective, category)
        if document in self.incoming[TermsDocument]:
            found = key in self.clauses_in_file
        else:
            found = Clause.objects.filter(
                version__document__slug=document,
                version__effective_from=effective,
                category__slug=category,
            ).exists()
        if not found:
            self.error(path, "no such clause in that terms version")
            return INVALID
        return key

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
