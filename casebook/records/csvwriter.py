"""The one CSV writer every CSV download shares (portal lists, API lists, timeline, search).

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and a leading tab or carriage return can hide one), so a source titled
``=HYPERLINK(...)`` would become a live link in a journalist's spreadsheet. Every
text cell that starts with one of those characters gets a single quote in front
(OWASP's advice), which a spreadsheet shows as text and does not keep.

Numbers are the exception: a cell given as a real ``int``, ``float`` or
``Decimal`` (never a string that looks like one) is written as the number, so
``-3`` stays a negative number a spreadsheet can add up. Text that happens to
look numeric, such as a title ``-3``, is text and is neutralised like any other.
"""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def neutralise(value: Any) -> str | int | float | decimal.Decimal:
    """One cell as it is written: numbers as numbers, anything else as text that runs nothing.

    ``None`` is the empty cell, dates are ISO 8601, booleans ``true``/``false``.
    Text starting with a character of :data:`FORMULA_PREFIXES` gets a leading
    ``'``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose ``write`` returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row (a header row first, usually) as one CSV line, every cell neutralised."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_response(rows: Iterable[Iterable[Any]], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download of ``rows`` (lazy: rows are read as the client reads).

    ``filename`` is the download's name without ``.csv``.
    """
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
