"""The search index's tables: one entry per record, and the words each entry holds.

Kept in step with the records by :mod:`casebook.records.searchindex` (signals on
every save and delete, so admin saves, dataset loads and imports all update it).
An entry holds the text of a record whatever its editorial status; the search
keeps only entries whose record passes the record type's ``public()`` rule at the
moment of the query, so an unpublished or retracted record leaves the results at
once, with no reindexing.

- PostgreSQL: ``vector`` is a weighted ``tsvector`` (title A, body B) under a GIN
  index; ``SearchWord.word`` has a trigram GIN index (pg_trgm) for "did you mean".
- SQLite: the virtual table ``records_searchentry_fts`` (FTS5, ``porter unicode61``)
  indexes ``title_words`` and ``body_words``; triggers keep it in step with this table.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """The searchable text of one record: what the reader sees (``title``, ``body``) and
    the same text case-folded for the indexes (``title_words``, ``body_words``)."""

    record_type = models.CharField(max_length=12, help_text="A key of SEARCH_SPECS.")
    record_id = models.PositiveIntegerField(help_text="Primary key of the record.")
    title = models.TextField(help_text="Title fields, as written, joined.")
    body = models.TextField(blank=True, help_text="Body texts, as written, joined.")
    title_words = models.TextField(help_text="``title`` case-folded (str.casefold).")
    body_words = models.TextField(blank=True, help_text="``body`` case-folded.")
    vector = SearchVectorField(null=True, help_text="PostgreSQL only: weighted tsvector.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id"], name="searchentry_one_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id}: {self.title}"


class SearchWord(models.Model):
    """One distinct word (case-folded) of an entry: the vocabulary "did you mean" reads."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["word"], name="searchword_word")]

    def __str__(self) -> str:
        return self.word
