"""Unique fields of top-level records, checked across the file and the rows it leaves alone."""

from __future__ import annotations

from typing import Any

from django.db import models

from casebook.records.dataset.rules import INVALID, unique_rules
from casebook.records.dataset.spec import Spec


def unique_across_records_problems(spec: Spec, rows: list[Any]) -> list[str]:
    """Each row of a section (``validate.Row``) that takes a unique value another row has.

    The other row may be in the file or in the database (a row the file does not
    list). A unique constraint with a condition covers only the rows meeting it
    (a terms document OTA does not track has no OTA mapping to clash).
    """
    problems: list[str] = []
    model = spec.model
    in_file = {row.slug for row in rows}
    conditions = {
        tuple(c.fields): c.condition
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.condition is not None
    }
    for fields, words in unique_rules(model):
        if fields == ("slug",):
            continue  # a slug names the record: a repeat in the file is caught per section
        condition = conditions.get(fields)
        lookups = [f"{n}__slug" if model._meta.get_field(n).is_relation else n for n in fields]
        stored = model._default_manager.filter(*([condition] if condition else []))
        taken = {
            tuple(key): f"{spec.key}[{slug}]"
            for slug, *key in stored.values_list("slug", *lookups)
            if slug not in in_file
        }
        for row in rows:
            key = tuple(row.values.get(n, row.refs.get(n, INVALID)) for n in fields)
            if INVALID in key or None in key:
                continue
            if condition is not None and not condition.check(dict(zip(fields, key, strict=True))):
                continue  # the rule does not cover this row (a document OTA does not track)
            if key in taken:
                problems.append(f"{row.path}.{fields[-1]}: {words} ({taken[key]} has it too)")
            else:
                taken[key] = row.path
    return problems
