"""Which query parameters may be given more than once, on the portal and in the API.

A parameter that takes one value and is given twice (``?status=alleged&status=responded``)
used to keep its last value silently, showing a list filtered by half of what was
asked. Both surfaces now answer 400 naming it, with :data:`NOT_REPEATABLE`, unless
the parameter is repeatable: a filter whose form field takes a list (the slug
filters, "repeat the parameter to match any of several").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.http import QueryDict

#: The one wording of the error, on the portal and in the API.
NOT_REPEATABLE = "Give this parameter once: it takes a single value."

#: Form fields that read every value of a repeated parameter.
LIST_FORM_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def repeatable_form_fields(fields: Mapping[str, forms.Field]) -> set[str]:
    """Names of the form fields that take several values (a list field)."""
    return {name for name, field in fields.items() if isinstance(field, LIST_FORM_FIELDS)}


def repeatable_filters(filterset_class) -> set[str]:
    """Names of a django-filter FilterSet's filters that take several values."""
    return {
        name
        for name, declared in filterset_class.base_filters.items()
        if issubclass(declared.field_class, LIST_FORM_FIELDS)
    }


def repeated_single_values(query: QueryDict, repeatable: Iterable[str]) -> list[str]:
    """Sorted names of the parameters given more than once that are not in ``repeatable``."""
    allowed = set(repeatable)
    return sorted(name for name, values in query.lists() if len(values) > 1 and name not in allowed)
