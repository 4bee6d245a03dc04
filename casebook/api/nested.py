"""Nested serializers built once per owner, not once per row.

DRF copies every declared field each time a serializer is built, so building a
nested serializer for each row (``CitationSerializer(row.citations, many=True).data``
inside a method field) costs more than the row itself: the CSV of 10,000
allegations took minutes. :func:`nested` keeps one serializer of each class on its
owner (the field or serializer that asks, itself reused across rows) and only
calls ``to_representation``.
"""

from __future__ import annotations

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
