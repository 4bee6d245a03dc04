"""Nested serializers built once per owner, not once per row.

DRF copies every declared field each time a serializer is built, so building a
nested serializer for each row (``CitationSerializer(row.citations, many=True).data``
inside a method field) costs more than the row itself: the CSV of 10,000
allegations took minutes. :func:`nested` keeps one serializer of each class on its
owner (the field or serializer that asks, itself reused across rows) and only
calls ``to_representation``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from rest_framework import serializers


def nested(
    owner: serializers.Field,
    serializer_class: type[serializers.Serializer],
    instance: Any,
    *,
    many: bool = False,
) -> Any:
    """``instance`` (each item of it with ``many``) as ``serializer_class`` shows it.

    The serializer shares ``owner.context`` (the request and view), as
    ``serializer_class(instance, context=owner.context).data`` would.
    """
    built = owner.__dict__.setdefault("_nested_serializers", {})
    serializer = built.get(serializer_class)
    if serializer is None:
        serializer = built[serializer_class] = serializer_class(context=owner.context)
    if many:
        return [serializer.to_representation(item) for item in instance]
    return serializer.to_representation(instance)


#: The context key of the representations already made in one answer (see
#: :class:`RepresentedOnceMixin`); only answers of bounded size set it.
REPRESENTED = "represented"


def represent_once(
    serializer: serializers.Serializer,
    instance: Any,
    key: Hashable,
    represent: Callable[[Any], Any],
) -> Any:
    """``represent(instance)``, made once per answer for each ``key`` (with the
    serializer's class) when the serializer's context holds a dict under
    :data:`REPRESENTED`, and every time otherwise (see :class:`RepresentedOnceMixin`)."""
    represented = serializer.context.get(REPRESENTED)
    if represented is None:
        return represent(instance)
    key = (type(serializer), key)
    if key not in represented:
        represented[key] = represent(instance)
    return represented[key]


class RepresentedOnceMixin:
    """Serializer mixin: an instance met again in the same answer reuses its first representation.

    Active only when the serializer's context holds a dict under :data:`REPRESENTED`,
    which a view sets for an answer of bounded size whose rows repeat the same
    objects (a terms matrix page shows each document's version in force in every one
    of its cells). Streams and long lists leave it unset, so their memory stays flat.
    The representations are shared, not copied: nothing may change them afterwards.
    Instances are told apart by model and primary key.
    """

    def to_representation(self, instance: Any) -> Any:
        return represent_once(
            self, instance, (type(instance), instance.pk), super().to_representation
        )
