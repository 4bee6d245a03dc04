"""Plain words for single values and database constraints, shared by the dataset checker.

The JSON type each model field takes (never coerced), the characters no
output format can carry, and each unique or check constraint's words (from
``services.CONSTRAINT_MESSAGES``, the one list the admin uses too).
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.db import models

from casebook.records.characters import UNSAFE_CHARACTER
from casebook.records.dataset.spec import describe
from casebook.records.services import CONSTRAINT_MESSAGES

#: What a check returns for a value it could not read (the problem is recorded already).
INVALID = object()

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored and shown everywhere, or None when it can."""
    match = UNSAFE_CHARACTER.search(text)
    if match is None:
        return None
    return (
        f"holds the invisible control character U+{ord(match.group()):04X}, "
        "which cannot be stored or shown; remove it"
    )


def show(text: Any, limit: int = 80) -> str:
    """``text`` made safe to print in a one-line error: control characters escaped, shortened."""
    text = str(text)
    if not text.isprintable():
        text = json.dumps(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def type_problem(model_field: models.Field, value: Any) -> str | None:
    """Why ``value`` (parsed JSON) has the wrong type for ``model_field``, or None."""
    if value is None:
        if model_field.null:
            return None
        if model_field.has_default() or model_field.blank:
            return "must not be null (leave the key out to take the default)"
        return "is required"
    if isinstance(model_field, models.JSONField):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"must be a list of text, not {describe(value)}"
    elif isinstance(model_field, models.DecimalField):
        if not isinstance(value, str):
            return f'write money as a string, e.g. "1500000000.00", not {describe(value)}'
        if not _AMOUNT.fullmatch(value):
            return f'must be an amount written like "1500000000.00", not "{show(value)}"'
    elif isinstance(model_field, models.DateTimeField):
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            shown = f'"{show(value)}"' if isinstance(value, str) else describe(value)
            return f'must be a time in UTC written "YYYY-MM-DDTHH:MM:SSZ", not {shown}'
    elif isinstance(model_field, models.DateField):
        if not isinstance(value, str):
            return f'must be a date written "YYYY-MM-DD", not {describe(value)}'
        if not _DATE.fullmatch(value):
            return f'must be a date written "YYYY-MM-DD", not "{show(value)}"'
    elif isinstance(model_field, models.BooleanField):
        if not isinstance(value, bool):
            return f"must be true or false, not {describe(value)}"
    elif isinstance(model_field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {describe(value)}"
    elif not isinstance(value, str):
        return f"must be text, not {describe(value)}"
    return None


def unique_rules(model: type[models.Model]) -> list[tuple[tuple[str, ...], str]]:
    """Each set of fields that must be unique in ``model``, with its plain words."""
    rules = [
        (
            (f.name,),
            f"Another {model._meta.verbose_name} already has this {f.verbose_name}.",
        )
        for f in model._meta.concrete_fields
        if f.unique and not f.primary_key
    ]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            rules.append((tuple(constraint.fields), constraint_words(constraint)))
    return rules


def unique_words(model: type[models.Model], identity: tuple[str, ...]) -> str:
    """The words of the unique constraint that covers a child row's identity."""
    for fields, words in unique_rules(model):
        if set(identity) <= set(fields):
            return words
    return f"This {model._meta.verbose_name} is listed twice."


def constraint_words(constraint: models.BaseConstraint) -> str:
    """A constraint's plain words (from the one list in services), never its bare name."""
    words = CONSTRAINT_MESSAGES.get(constraint.name)
    return words or "This breaks a rule of the records; check the related fields."


def attname(model: type[models.Model], name: str) -> str:
    """The attribute that holds field ``name`` on an instance (``pk`` stays ``pk``)."""
    return "pk" if name == "pk" else model._meta.get_field(name).attname


def constraint_field(
    model: type[models.Model], constraint: models.CheckConstraint, instance: models.Model
) -> str:
    """Which field to name for a broken check: the last one it reads that has a value."""
    names = [
        f.name
        for f in model._meta.concrete_fields
        if f.name in constraint.condition.referenced_base_fields
    ]
    filled = [n for n in names if getattr(instance, model._meta.get_field(n).attname) is not None]
    return (filled or names or ["pk"])[-1]
