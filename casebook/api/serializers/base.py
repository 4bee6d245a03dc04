"""What every API serializer shares: record links, the empty-is-null rule, selectable fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebook.api.nested import nested, represent_once
from casebook.links import slug_url
from casebook.records.models import Citation, PublishableModel
from casebook.records.registry import record_type_of
from casebook.records.selectors import AllegationRow, EventRow, Link

#: A record, or a row a selector read in its place (which names its model).
Record = PublishableModel | EventRow | AllegationRow | Link


def record_model(record: Record) -> type[PublishableModel]:
    """The model of ``record``: its class, or the model a row stands for."""
    return type(record) if isinstance(record, PublishableModel) else record.model


def api_url(request, record: Record) -> str:
    """Absolute API URL of a record (``api:<record type's name>-detail``)."""
    name = record_type_of(record_model(record)).name
    return slug_url(request, f"api:{name}-detail", record.slug)


def portal_url(request, record: Record) -> str | None:
    """Absolute URL of a record's portal page, or null while the portal has none.

    A row's model must keep PublishableModel's ``get_absolute_url`` (a row has none).
    """
    model = record_model(record)
    if model.get_absolute_url is PublishableModel.get_absolute_url:
        # What get_absolute_url reverses, from the link templates (casebook.links).
        return slug_url(request, model.portal_url_name, record.slug)
    path = record.get_absolute_url()
    if not path:
        return None
    return request.build_absolute_uri(path) if request else path


def public_or_none(record: Record | None) -> Record | None:
    return record if record is not None and record.is_public else None


#: Suffixes of fields that qualify another field of the same object: ``made_on_precision``
#: and ``made_on_display`` qualify ``made_on``, ``accounts_qualifier`` qualifies ``accounts``.
COMPANION_SUFFIXES = ("_precision", "_display", "_qualifier")


def qualified_field(name: str) -> str | None:
    """The field a companion qualifies (``"made_on"`` for ``"made_on_precision"``), or None."""
    for suffix in COMPANION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


class EmptyIsNullMixin:
    """The API's one rule for a missing value: what is unknown is ``null``.

    - A field that may be empty says ``allow_null`` (so the schema marks it
      nullable) and answers ``null``, never ``""``: model fields that may be blank
      or null get ``allow_null`` here; declared fields say it themselves. Lists
      are never null (an empty list is ``[]``), nor are booleans.
    - A companion field (:data:`COMPANION_SUFFIXES`) says nothing about a value that
      is not there: when ``conduct_end`` is null, ``conduct_end_precision`` is null
      too (not the stored default ``"day"``), and when ``accounts`` is null so is
      ``accounts_qualifier`` (not ``"about"``).
    """

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if (model_field.blank or model_field.null) and not isinstance(
            model_field, models.JSONField | models.BooleanField
        ):
            kwargs["allow_null"] = True
            kwargs.pop("allow_blank", None)  # "" is never sent: it is null
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            qualified = fields.get(qualified_field(name) or "")
            if getattr(qualified, "allow_null", False):
                field.allow_null = True  # the schema says a companion may be null
        return fields

    def to_representation(self, instance):
        return self.empty_as_null(super().to_representation(instance))

    def empty_as_null(self, data: dict) -> dict:
        """``data`` (this serializer's fields, as DRF represents them) with the rules
        above applied, in place; for serializers that build their fields themselves."""
        for name, nullable, qualified in self._empty_rules():
            if nullable and data.get(name) == "":
                data[name] = None
            if qualified in data and data[qualified] is None and name in data:
                data[name] = None  # nothing to qualify
        return data

    def _empty_rules(self) -> list[tuple[str, bool, str | None]]:
        """(name, may be null, field it qualifies) of each field the rules above touch,
        in field order; worked out once per serializer, which is reused across rows."""
        rules = self.__dict__.get("_empty_rules_cache")
        if rules is None:
            rules = [
                (name, getattr(field, "allow_null", False), qualified_field(name))
                for name, field in self.fields.items()
            ]
            rules = [rule for rule in rules if rule[1] or rule[2] is not None]
            self.__dict__["_empty_rules_cache"] = rules
        return rules


class ModelSerializer(EmptyIsNullMixin, serializers.ModelSerializer):
    """DRF's ModelSerializer with the API's rule for empty values."""


class Serializer(EmptyIsNullMixin, serializers.Serializer):
    """DRF's Serializer with the API's rule for empty values."""


class SelectableFieldsMixin:
    """Keeps only the fields the view passed as ``keep_fields`` in the context."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        keep = self.context.get("keep_fields")
        if keep is not None:
            for name in list(self.fields):
                if name not in keep:
                    self.fields.pop(name)


class RecordLinkSerializer(Serializer):
    """A link to another public record."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.SerializerMethodField()
    portal_url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    def get_name(self, obj) -> str:
        return str(obj)

    def get_portal_url(self, obj) -> str | None:
        return portal_url(self.context.get("request"), obj)

    def get_api_url(self, obj) -> str:
        return api_url(self.context.get("request"), obj)

    def to_representation(self, instance) -> dict:
        # A terms matrix cell names its row's vendor and document again: made once
        # where the view asks for it (casebook.api.nested.represent_once).
        key = (record_model(instance), instance.slug)
        return represent_once(self, instance, key, self.link)

    def link(self, instance) -> dict:
        """The four fields above, without DRF's field loop and the empty-is-null pass
        (none of them may be null, so it changes nothing): a page holds hundreds of links."""
        request = self.context.get("request")
        slug = instance.slug
        return {
            "slug": None if slug is None else str(slug),
            "name": str(instance),
            "portal_url": portal_url(request, instance),
            "api_url": api_url(request, instance),
        }


class PublicLinkField(serializers.Field):
    """A foreign key shown as a :class:`RecordLinkSerializer`, or null when not public."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        record = public_or_none(value)
        if record is None:
            return None
        return nested(self, RecordLinkSerializer, record)

    def get_attribute(self, instance):
        # Null values must still reach to_representation's "null" answer.
        try:
            return super().get_attribute(instance)
        except (AttributeError, KeyError):
            return None


PublicLinkField = extend_schema_field(RecordLinkSerializer(allow_null=True))(PublicLinkField)


class PublicLinkListField(serializers.Field):
    """A many-to-many of records, public ones only, as links."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        records = [r for r in value.all() if r.is_public]
        return nested(self, RecordLinkSerializer, records, many=True)


PublicLinkListField = extend_schema_field(RecordLinkSerializer(many=True))(PublicLinkListField)


class TermSerializer(Serializer):
    """A term of a controlled vocabulary (topic, legal theory, capability ...)."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)

    def to_representation(self, instance) -> dict:
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        # The two fields above without DRF's field loop and the empty-is-null pass
        # (neither may be null, so it changes nothing): a page lists hundreds of terms.
        slug, name = instance.slug, instance.name
        return {
            "slug": None if slug is None else str(slug),
            "name": None if name is None else str(name),
        }


class CitationSerializer(ModelSerializer):
    """A public source cited for a record, with pinpoint and quote."""

    source = PublicLinkField(help_text="The cited source.")
    source_url = serializers.URLField(
        source="source.url", read_only=True, allow_null=True, help_text="The source's address."
    )

    class Meta:
        model = Citation
        fields = ["source", "source_url", "pinpoint", "quote", "supports", "verification"]


class RecordSerializer(SelectableFieldsMixin, ModelSerializer):
    """Fields every public record has: slug, URLs, caveats, citations, timestamps."""

    portal_url = serializers.SerializerMethodField(help_text="The record's portal page.")
    api_url = serializers.SerializerMethodField(help_text="This record in the API.")
    citations = serializers.SerializerMethodField(help_text="Public sources cited, with quotes.")

    common_fields = ["slug", "portal_url", "api_url"]
    trailing_fields = ["caveats", "citations", "published_at", "updated_at"]

    def get_portal_url(self, obj) -> str | None:
        return portal_url(self.context.get("request"), obj)

    def get_api_url(self, obj) -> str:
        return api_url(self.context.get("request"), obj)

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, obj) -> list[dict]:
        # Views prefetch only public citations, ordered.
        citations = [c for c in obj.citations.all() if c.source.is_public]
        return nested(self, CitationSerializer, citations, many=True)


def record_fields(*own: str) -> list[str]:
    return [*RecordSerializer.common_fields, *own, *RecordSerializer.trailing_fields]
