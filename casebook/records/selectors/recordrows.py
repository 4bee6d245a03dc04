"""Records whose CSV shows only their own columns and citations, as plain rows in chunks.

The parties' CSV (10,000 rows at the large size) built a model and a prefetched
citations manager for every party (issue #12). A list whose serializer reads only
the record's own columns, its URLs and its citations can be read with ``.values()``
in chunks instead, and its citations of public sources with one query per chunk,
into :class:`RecordRow` objects that the same serializer shows: the API's records
view decides which lists qualify (``casebook.api.views.base.plain_columns``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from casebook.records.models import PublishableModel
from casebook.records.selectors import eventrows
from casebook.records.selectors.allegationrows import RowList
from casebook.records.selectors.eventrows import citation_rows


class RecordRow:
    """One public record as plain columns (attributes named as the model's fields), its
    ``model``, and its citations of public sources (``citations``, in the API's order)."""

    def __init__(self, model: type[PublishableModel], columns: dict[str, Any]):
        self.__dict__.update(columns)
        self.model = model
        self.citations = RowList()


def record_csv_rows(
    records: QuerySet, columns: Sequence[str], chunk_size: int | None = None
) -> Iterator[RecordRow]:
    """``records`` (public, filtered and ordered) as :class:`RecordRow` with ``columns``
    (concrete fields of the model, ``id`` and ``slug`` always), lazily: ``chunk_size``
    (default ``eventrows.CSV_CHUNK_SIZE``) at a time, and one query for a chunk's citations."""
    chunk_size = chunk_size or eventrows.CSV_CHUNK_SIZE
    model = records.model
    names = list(dict.fromkeys(("id", "slug", *columns)))
    values = records.prefetch_related(None).values(*names).iterator(chunk_size=chunk_size)
    while chunk := list(islice(values, chunk_size)):
        rows = {row["id"]: RecordRow(model, row) for row in chunk}
        for record_id, citation in citation_rows(model, list(rows)):
            rows[record_id].citations.append(citation)
        yield from rows.values()
