"""Pagination: page numbers with a total count, and cursors for feeds.

Lists answer pages of ``PAGE_SIZE`` records (``page_size`` asks for up to
``MAX_PAGE_SIZE``). The timeline and ``updated_since`` feeds use opaque
cursors, which stay stable while records are added.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from casebook.api import messages
from casebook.api.exceptions import InvalidParameter
from casebook.records.registry import RECORD_TYPES
from casebook.records.selectors.keptcounts import KeptCountPaginator
from casebook.wholenumbers import parse_whole_number

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
#: The largest page number read (the schema says so too).
MAX_PAGE_NUMBER = messages.LARGEST_WHOLE_NUMBER


def page_size_from(request, default: int = PAGE_SIZE) -> int:
    """The ``page_size`` asked for: 400 when it is not a whole number from 1 to the maximum."""
    raw = request.query_params.get("page_size")
    if raw is None:
        return default
    size = parse_whole_number(raw) or 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise InvalidParameter({"page_size": messages.whole_number(1, MAX_PAGE_SIZE)})
    return size


def check_page_number(request) -> None:
    """400 on ``page`` when it is given but is no whole number from 1."""
    raw = request.query_params.get("page")
    if raw is not None and not (parse_whole_number(raw) or 0) >= 1:
        raise InvalidParameter({"page": messages.whole_number(1, None)})


def check_paging_parameters(request) -> None:
    """400 naming ``page`` or ``page_size`` when either holds a value no page could have.

    For answers that list every match at once (CSV): paging does not apply there, but
    a wrong value is refused as on the JSON pages, as the schema (one schema for both
    formats) declares, rather than silently ignored.
    """
    page_size_from(request)
    check_page_number(request)


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M``; the answer carries ``count``, ``next`` and ``previous``."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = KeptCountPaginator

    def get_page_size(self, request) -> int:
        return page_size_from(request, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        check_page_number(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise InvalidParameter({"page": "That page is past the last page."}) from exc

    def get_paginated_response_schema(self, schema: dict) -> dict:
        out = super().get_paginated_response_schema(schema)
        out["properties"]["count"]["description"] = (
            "Number of records matching the filters (absent with updated_since, which pages "
            "by cursor)."
        )
        out["properties"]["retracted"] = {
            "type": "array",
            "description": "With updated_since only: tombstones of the records of this type "
            "retracted (or whose retraction note changed) at or after that moment, oldest "
            "first, on the first page (pages reached through `next` carry an empty list). A "
            "tombstone carries no content of the record. Other filters do not apply to it.",
            "items": TOMBSTONE_SCHEMA,
        }
        out["required"] = ["results"]
        return out


#: OpenAPI shape of a tombstone (see casebook.records.selectors.tombstones).
TOMBSTONE_SCHEMA = {
    "type": "object",
    "required": ["slug", "type", "retracted_at", "note"],
    "properties": {
        "slug": {"type": "string", "description": "The retracted record's slug."},
        "type": {
            "type": "string",
            "enum": [t.name for t in RECORD_TYPES],
            "description": "Record type, as in the API's paths.",
        },
        "retracted_at": {"type": "string", "format": "date-time"},
        "note": {"type": "string", "description": "The public retraction note."},
    },
}


class UpdatedSinceCursorPagination(pagination.CursorPagination):
    """Records changed since a moment, oldest change first, by cursor (for sync scripts)."""

    ordering = ("updated_at", "id")
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return page_size_from(request, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise InvalidParameter({"cursor": "Invalid cursor."}) from exc

    def decode_cursor(self, request):
        """DRF's cursor, with its position checked: a moment in UTC, else 400 on ``cursor``.

        A hand-made cursor could otherwise carry any text into the query and fail there.
        """
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        try:
            moment = parse_datetime(cursor.position)
            if moment is None:
                raise ValueError(cursor.position)
            if is_naive(moment):
                moment = make_aware(moment, datetime.UTC)
            moment = moment.astimezone(datetime.UTC)
        except (ValueError, OverflowError) as exc:
            raise InvalidParameter({"cursor": "Invalid cursor."}) from exc
        return cursor._replace(position=moment.isoformat())


class KeyCursorPagination:
    """Keyset cursor pagination over the timeline, run in the database.

    Items are ordered by ``(date, key)`` with ``key`` unique. A cursor is the
    base64 of ``"a|<date>|<key>"`` (items after that position) or
    ``"b|<date>|<key>"`` (items before it), so a page stays put when entries
    are added elsewhere. ``fetch(limit=, after=, before=)`` returns up to
    ``limit`` items strictly past ``after`` (or just before ``before``), oldest
    first, each with ``.date`` and ``.key``.
    """

    cursor_query_param = "cursor"

    def paginate(self, fetch, request) -> list[Any]:
        self.request = request
        self.page_size = page_size_from(request)
        raw = request.query_params.get(self.cursor_query_param)
        direction, position = self._decode(raw) if raw else ("a", None)
        if direction == "a":
            items = fetch(limit=self.page_size + 1, after=position)
            page = items[: self.page_size]
            more_after, more_before = len(items) > self.page_size, position is not None
        else:
            items = fetch(limit=self.page_size + 1, before=position)
            page = items[-self.page_size :] if items else []
            more_after, more_before = True, len(items) > self.page_size
        self.next_key = self._position(page[-1]) if page and more_after else None
        self.previous_key = self._position(page[0]) if page and more_before else None
        return page

    @staticmethod
    def _position(item: Any) -> tuple[str, str]:
        return (item.date.isoformat(), item.key)

    def _decode(self, raw: str) -> tuple[str, tuple]:
        try:
            text = base64.urlsafe_b64decode(raw.encode()).decode()
            direction, date, key = text.split("|", 2)
            if direction not in ("a", "b"):
                raise ValueError(direction)
            day = datetime.date.fromisoformat(date)
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidParameter({"cursor": "Invalid cursor."}) from exc
        return direction, (day, key)

    def _link(self, direction: str, position: tuple | None) -> str | None:
        if position is None:
            return None
        url = self.request.build_absolute_uri()
        if position is False:
            return remove_query_param(url, self.cursor_query_param)
        text = "|".join((direction, *(str(p) for p in position)))
        cursor = base64.urlsafe_b64encode(text.encode()).decode()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data: list) -> Response:
        return Response(
            {
                "next": self._link("a", self.next_key),
                "previous": self._link("b", self.previous_key),
                "results": data,
            }
        )

    @staticmethod
    def response_schema(item_schema: Any) -> dict:
        """OpenAPI shape of a page, for ``extend_schema``."""
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": {"type": "array", "items": item_schema},
            },
        }
