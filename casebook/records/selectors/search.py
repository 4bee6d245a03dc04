"""Search over every public record type, counted per type in the database."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.records.searching import SearchHits, count_by_type, ranked_entries, suggest
from casebook.records.textsearch import query_terms, validate_query


@dataclass(frozen=True)
class SearchResults:
    """The hits of a search (paged lazily, :class:`~casebook.records.searching.SearchHits`),
    the number of hits of each record type, and a corrected query when a word is unknown."""

    query: str
    hits: SearchHits
    counts: dict[str, int]
    suggestion: str | None = None


def search_records(query: str, *, record_type: str | None = None) -> SearchResults:
    """Search every public record, main records first and sources last (one selector for the
    portal and the API; the rules are :mod:`casebook.records.searching`'s).

    ``counts`` covers every record type even when ``record_type`` narrows the
    hits; it and the hits are counted and paged in the database. Snippets are
    safe HTML: escaped text with the matches in ``<mark>``. ``suggestion`` is
    the query with misspelt words corrected ("distilation" → "distillation"),
    or None. A fixed number of queries whatever the size of the data.

    Raises :class:`~casebook.records.textsearch.QueryTooLong` for a query
    past the limits of :func:`~casebook.records.textsearch.validate_query`.
    """
    query = query.strip()
    validate_query(query)
    entries = ranked_entries(query) if query else None
    counts = count_by_type(entries)
    if entries is not None and record_type is not None:
        entries = entries.filter(record_type=record_type)
    total = counts[record_type] if record_type else sum(counts.values())
    wanted = query_terms(query)[0] if query else []
    hits = SearchHits(entries, total, wanted)
    return SearchResults(
        query=query, hits=hits, counts=counts, suggestion=suggest(query) if query else None
    )
