"""Search over the index of :mod:`casebook.records.searchindex`: ranked, counted and paged in
the database, the same rules on PostgreSQL and SQLite, with a "did you mean".

- **Matching.** Words are case-folded (``str.casefold``: "STRASSE" finds
  "Straße") and stemmed ("models" finds "model"). PostgreSQL: full-text search
  in English (``websearch_to_tsquery``: "quoted phrases", ``-excluded``, ``or``)
  on the entries' GIN-indexed vectors. SQLite: FTS5 with the ``porter unicode61``
  tokenizer; every word or quoted phrase must match and ``-word`` excludes
  (:func:`fts_query`). Whole words only: "fair use" never matches "House Foreign
  Affairs".
- **Ranking.** First the main records (allegations, cases, settlements,
  guidance, terms) and parties whose title (or a guidance's holding) holds the
  words; then main records matched in their text; then parties matched in their
  description; then events; press and other sources last. Within each, by
  type (its :attr:`~casebook.records.registry.RecordType.rank`: a case before
  its settlement, a party after the main records), then the closer the title the
  higher, then the text rank (``ts_rank`` / ``bm25``).
- **Did you mean.** A query word that no public record holds is replaced by
  the closest public word: trigram similarity (pg_trgm, ``%`` served by a GIN
  trigram index) on PostgreSQL; on SQLite, ``difflib`` ratio (≥ 0.8) over the
  public words of about the same length and the same first letter.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Case, Count, F, FloatField, IntegerField, Max, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from casebook.records.models import PublishableModel
from casebook.records.registry import RECORD_TYPES_BY_RANK
from casebook.records.search_models import SearchWord
from casebook.records.searchindex import (
    PLAIN_CONFIG,
    SEARCH_CONFIG,
    SEARCH_SPECS,
    field_text,
    public_entries,
)
from casebook.records.textsearch import query_terms, validate_query

#: The SQLite FTS5 table over the entries (created by migration 0006).
FTS_TABLE = "records_searchentry_fts"

#: A token as SQLite's unicode61 tokenizer cuts them: letters and digits of any script.
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Snippet:
    """Text around a search's matches, as data: the portal marks it up, the API prints it.

    ``parts`` are ``(text, is_match)`` pairs in reading order; a cut text starts
    with ``"… "`` and ends with ``" …"`` (in parts that are not matches). The
    text is the record's own, unescaped.
    """

    parts: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        """The snippet as plain text, matches unmarked."""
        return "".join(text for text, _ in self.parts)

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class SearchHit:
    """One public record that matches a search, with the text around its matches."""

    record: PublishableModel
    record_type: str
    title: str
    snippet: Snippet
    rank: float


def fts_query(wanted: Sequence[str], excluded: Sequence[str] = ()) -> str | None:
    """An FTS5 query: every wanted word or phrase, none of the excluded ones.

    Each term becomes a quoted phrase of its tokens (so no character of the
    visitor's can be read as FTS5 syntax); ``None`` when nothing is wanted.
    """

    def phrase(term: str) -> str | None:
        tokens = _TOKEN.findall(term.casefold())
        return '"' + " ".join(tokens) + '"' if tokens else None

    wanted_phrases = [p for p in map(phrase, wanted) if p]
    if not wanted_phrases:
        return None
    query = "(" + " AND ".join(wanted_phrases) + ")"
    excluded_phrases = [p for p in map(phrase, excluded) if p]
    if excluded_phrases:
        query += " NOT (" + " OR ".join(excluded_phrases) + ")"
    return query


def _fts_score(weights: str, match: str) -> RawSQL:
    """bm25 of the entry against ``match`` (higher is better; 0 when nothing matches)."""
    sql = (
        f'(SELECT -bm25("{FTS_TABLE}", {weights}) FROM "{FTS_TABLE}" '
        f'WHERE "{FTS_TABLE}" MATCH %s AND rowid = "records_searchentry"."id")'
    )
    return RawSQL(sql, [match], output_field=FloatField())


def _ranked_sqlite(entries: QuerySet, query: str) -> QuerySet | None:
    wanted, excluded = query_terms(query)
    match = fts_query(wanted, excluded)
    if match is None:
        return None
    matched = RawSQL(f'SELECT rowid FROM "{FTS_TABLE}" WHERE "{FTS_TABLE}" MATCH %s', [match])
    return entries.filter(id__in=matched).annotate(
        rank=_fts_score("10.0, 1.0", match), title_rank=_fts_score("1.0, 0.0", match)
    )


def entry_query(query: str) -> SearchQuery:
    """The PostgreSQL query of the entries' vectors: stemmed English words, or the words as
    written (``simple``) when the query is all stop words ("than", "the who")."""
    folded = query.casefold()
    return SearchQuery(folded, search_type="websearch", config=SEARCH_CONFIG) | SearchQuery(
        folded, search_type="websearch", config=PLAIN_CONFIG
    )


def _ranked_postgresql(entries: QuerySet, query: str) -> QuerySet | None:
    if not query_terms(query)[0]:
        return None
    search_query = entry_query(query)
    title_vector = SearchVector("title_words", config=SEARCH_CONFIG)
    return (
        entries.filter(vector=search_query)
        .alias(title_vector=title_vector)
        .annotate(
            rank=SearchRank(F("vector"), search_query),
            # Normalised by length: the shorter the title around the words, the closer.
            title_rank=Case(
                When(
                    title_vector=search_query,
                    then=SearchRank(title_vector, search_query, normalization=2),
                ),
                default=Value(0.0),
                output_field=FloatField(),
            ),
        )
    )


def ranked_entries(query: str) -> QuerySet | None:
    """Public entries matching ``query``, best first, with ``rank``; None if nothing is sought.

    Raises :class:`~casebook.records.textsearch.QueryTooLong` past the limits.
    """
    validate_query(query)
    ranked = (_ranked_postgresql if connection.vendor == "postgresql" else _ranked_sqlite)(
        public_entries(), query
    )
    if ranked is None:
        return None
    tier = Case(
        *(When(record_type=t, then=Value(s.tier)) for t, s in SEARCH_SPECS.items()),
        output_field=IntegerField(),
    )
    priority = Case(
        # Hits of equal standing: the record a dispute is about before the records that
        # follow from it (a case before its settlement), as the registry ranks the types.
        *(When(record_type=t.name, then=Value(t.rank)) for t in RECORD_TYPES_BY_RANK),
        output_field=IntegerField(),
    )
    standing = Case(
        When(tier__lte=1, title_rank__gt=0, then=Value(0)),  # main record or party, by title
        When(tier=0, then=Value(1)),  # main record, by its text
        When(tier=1, then=Value(2)),  # party, by its description
        default=F("tier") + 1,  # events, then sources
        output_field=IntegerField(),
    )
    return (
        ranked.alias(tier=tier)
        .alias(priority=priority, standing=standing)
        .order_by("standing", "priority", "-title_rank", "-rank", "title", "id")
    )


def count_by_type(entries: QuerySet | None) -> dict[str, int]:
    """Hits per record type, every type listed, counted in the database (one query)."""
    counts = dict.fromkeys(SEARCH_SPECS, 0)
    if entries is not None:
        rows = entries.order_by().values("record_type").annotate(n=Count("id"))
        counts.update({row["record_type"]: row["n"] for row in rows})
    return counts


# --------------------------------------------------------------------------
# Hits: records and snippets for one page of entries
# --------------------------------------------------------------------------


def _stem_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Words to mark in a snippet: each query word, or a word that starts with its stem."""
    words = {w for t in terms for w in _TOKEN.findall(t.casefold())}
    if not words:
        return None
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stem = word[: max(len(word) - 2, 4)] if len(word) > 4 else word
        parts.append(re.escape(stem) + (r"\w*" if stem != word else r"(?:s|es)?"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _best_match(text: str, pattern: re.Pattern[str], reach: int) -> re.Match | None:
    """The match that starts the densest run: most distinct words within ``reach`` after it."""
    found = list(pattern.finditer(text))[:200]
    best, best_score = None, 0
    for i, match in enumerate(found):
        near = {m.group(0).casefold() for m in found[i:] if m.start() - match.start() <= reach}
        if len(near) > best_score:
            best, best_score = match, len(near)
    return best


def highlight(text: str, pattern: re.Pattern[str] | None, width: int = 200) -> Snippet:
    """About ``width`` characters of ``text`` around its densest match, the matches flagged."""
    first = _best_match(text, pattern, width // 2) if pattern else None
    start = 0
    if first and first.start() > width // 2:
        start = first.start() - width // 4
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    end = len(text) if len(text) - start <= width else text.rfind(" ", start, start + width)
    if end <= start:
        end = start + width
    window = text[start:end]
    parts: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    done = 0
    for match in pattern.finditer(window) if pattern else ():
        parts += [(window[done : match.start()], False), (match.group(0), True)]
        done = match.end()
    parts.append((window[done:], False))
    if end < len(text):
        parts.append((" …", False))
    return Snippet(tuple(part for part in parts if part[0]))


class SearchHits(Sequence):
    """The hits of a search, fetched a page at a time: slicing runs one query on the
    entries and one per record type on the page (the records, through ``public()``)."""

    def __init__(self, entries: QuerySet | None, total: int, terms: Sequence[str]):
        self._entries = entries
        self._total = total if entries is not None else 0
        self._pattern = _stem_pattern(terms)

    def __len__(self) -> int:
        return self._total

    def count(self, value: Any = None) -> int:
        """The number of hits (Django's paginator calls ``count()``)."""
        return self._total if value is None else list(self).count(value)

    def __getitem__(self, index):
        if isinstance(index, slice):
            if self._entries is None:
                return []
            return self._hits(list(self._entries[index]))
        return self[index : index + 1][0] if index >= 0 else list(self)[index]

    def __iter__(self) -> Iterator[SearchHit]:
        size = 500
        for start in range(0, self._total, size):
            yield from self[start : start + size]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SearchHits | list) and list(self) == list(other)

    __hash__ = None

    def _hits(self, entries: list) -> list[SearchHit]:
        ids: dict[str, list[int]] = {}
        for entry in entries:
            ids.setdefault(entry.record_type, []).append(entry.record_id)
        records = {
            (t, r.pk): r
            for t, pks in ids.items()
            for r in SEARCH_SPECS[t].model.objects.public().filter(pk__in=pks)
        }
        hits = []
        for entry in entries:
            record = records.get((entry.record_type, entry.record_id))
            if record is None:  # Unpublished between the two queries.
                continue
            spec = SEARCH_SPECS[entry.record_type]
            matches_body = bool(self._pattern and self._pattern.search(entry.body))
            hits.append(
                SearchHit(
                    record=record,
                    record_type=entry.record_type,
                    title=field_text(record, spec.title_fields[0]),
                    snippet=highlight(entry.body if matches_body else entry.title, self._pattern),
                    rank=float(entry.rank),
                )
            )
        return hits


# --------------------------------------------------------------------------
# Did you mean
# --------------------------------------------------------------------------


def _public_words():
    return SearchWord.objects.filter(entry__in=public_entries())


def _closest_postgresql(word: str) -> str | None:
    closest = (
        _public_words()
        .filter(word__trigram_similar=word)
        .values("word")
        .annotate(similarity=Max(TrigramSimilarity("word", word)), uses=Count("id"))
        .order_by("-similarity", "-uses", "word")
        .first()
    )
    return closest["word"] if closest else None


def _closest_sqlite(word: str) -> str | None:
    near = (
        _public_words()
        .annotate(length=Length("word"))
        .filter(word__startswith=word[0], length__range=(len(word) - 2, len(word) + 2))
        .values_list("word", flat=True)
        .distinct()
    )
    found = difflib.get_close_matches(word, sorted(near), n=1, cutoff=0.8)
    return found[0] if found else None


def suggest(query: str) -> str | None:
    """``query`` with each word no public record holds replaced by the closest public word.

    ``None`` when every word is known or none has a close match. At most one
    query to find the unknown words and one per unknown word (≤ MAX_TERMS).
    """
    words = {w for w in _TOKEN.findall(query.casefold()) if len(w) >= 4 and not w.isdigit()}
    if not words:
        return None
    known = set(_public_words().filter(word__in=words).values_list("word", flat=True))
    closest = _closest_postgresql if connection.vendor == "postgresql" else _closest_sqlite
    replacements = {}
    for word in sorted(words - known):
        found = closest(word)
        if found and found != word:
            replacements[word] = found
    if not replacements:
        return None
    return _TOKEN.sub(lambda m: replacements.get(m.group(0).casefold(), m.group(0)), query)
