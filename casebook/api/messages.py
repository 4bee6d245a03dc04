"""One wording for each kind of bad query parameter, whichever library parsed it.

The API's filters are parsed by django-filter (Django form fields) on the lists
and by DRF serializer fields on the selector endpoints (timeline, terms matrix,
clause in force, compare, search). Each library has its own words for the same
fault ("Enter a valid date." against "Date has wrong format. Use one of these
formats instead: YYYY-MM-DD."). These helpers give both the same words, so a
script sees one message per kind of fault:

======================  ===========================================================
fault                   message
======================  ===========================================================
not a date              ``Enter a date as YYYY-MM-DD.``
not a date or time      ``Enter an ISO 8601 date or date and time, e.g. 2026-01-31 or
                        2026-01-31T09:00:00Z.``
not one of the values   ``Unknown value “x”.`` (slugs, enumerations)
not a whole number      ``Must be a whole number from 1 to 500.`` (with the bounds)
======================  ===========================================================
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from casebook.wholenumbers import LARGEST

DATE = "Enter a date as YYYY-MM-DD."
DATETIME = "Enter an ISO 8601 date or date and time, e.g. 2026-01-31 or 2026-01-31T09:00:00Z."
#: "Unknown value “x”." in each library's own placeholder syntax.
UNKNOWN_VALUE_DJANGO = "Unknown value “%(value)s”."
UNKNOWN_VALUE_DRF_CHOICE = "Unknown value “{input}”."
UNKNOWN_VALUE_DRF_SLUG = "Unknown value “{value}”."


def unknown_value(value: str) -> str:
    """The message for a value that names nothing, as the helpers below produce it."""
    return f"Unknown value “{value}”."


#: The largest whole number a query parameter may hold (:mod:`casebook.wholenumbers`).
#: A bound this large is left unsaid: ``page`` is "from 1" wherever it is parsed.
LARGEST_WHOLE_NUMBER = LARGEST


def whole_number(minimum: int | None, maximum: int | None) -> str:
    """``Must be a whole number from 1 to 500.`` (the pagination parameters say the same)."""
    if maximum is None or maximum >= LARGEST_WHOLE_NUMBER:
        return f"Must be a whole number from {minimum if minimum is not None else 0}."
    return f"Must be a whole number from {minimum if minimum is not None else 0} to {maximum}."


def standardise_form(form: forms.Form) -> forms.Form:
    """Give a django-filter form's fields the API's messages (in place; returns the form)."""
    for field in form.fields.values():
        # DateTimeField before DateField: neither subclasses the other, but keep it explicit.
        if isinstance(field, forms.DateTimeField):
            field.error_messages["invalid"] = DATETIME
        elif isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE
        if isinstance(field, forms.IntegerField):
            limits = whole_number(field.min_value, field.max_value)
            field.error_messages.update(
                dict.fromkeys(("invalid", "min_value", "max_value"), limits)
            )
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["invalid_choice"] = UNKNOWN_VALUE_DJANGO
            field.error_messages["invalid_pk_value"] = UNKNOWN_VALUE_DJANGO.replace("value", "pk")
    return form


def standardise_serializer(serializer: serializers.Serializer) -> serializers.Serializer:
    """Give a query serializer's fields (and list children) the API's messages, in place."""
    for field in serializer.fields.values():
        for each in (field, getattr(field, "child", None), getattr(field, "child_relation", None)):
            if each is not None:
                _standardise_field(each)
    return serializer


def _standardise_field(field: serializers.Field) -> None:
    if isinstance(field, serializers.DateTimeField):
        field.error_messages["invalid"] = DATETIME
    elif isinstance(field, serializers.DateField):
        field.error_messages["invalid"] = DATE
    if isinstance(field, serializers.IntegerField):
        limits = whole_number(field.min_value, field.max_value)
        field.error_messages.update(dict.fromkeys(("invalid", "min_value", "max_value"), limits))
        # DRF gave its bound validators their messages when the field was built.
        for validator in field.validators:
            if isinstance(validator, MinValueValidator | MaxValueValidator):
                validator.message = limits
    if isinstance(field, serializers.ChoiceField):
        field.error_messages["invalid_choice"] = UNKNOWN_VALUE_DRF_CHOICE
    if isinstance(field, serializers.SlugRelatedField):
        field.error_messages["does_not_exist"] = UNKNOWN_VALUE_DRF_SLUG
