"""What a visitor's search words mean, the same on SQLite and PostgreSQL, at a bounded cost.

One rule for every ``q`` of the list filters of the API and the portal; the
search page's own matching is :mod:`casebook.records.searching`'s, and it
shares :func:`validate_query` and :func:`query_terms` from here.

- **Bounded.** A query has at most :data:`MAX_TERMS` distinct words (or
  quoted phrases) and at most :data:`MAX_QUERY_LENGTH` characters; a longer
  one is refused (:class:`QueryTooLong`, a 400 naming ``q``), not cut
  silently. Each word adds one condition to a single query, never a join.
- **Whole words.** A word matches a whole word of the text: "use" does not
  match "House", "fair use" does not match "Foreign Affairs".
- **Case-insensitive in every script.** "élysée" matches "Élysée",
  "österreich" "ÖSTERREICH", Greek and Cyrillic likewise, and "strasse"
  matches "Straße". SQLite's own ``LIKE`` and ``lower()`` fold ASCII only;
  this module matches with a regular expression that both databases run
  case-insensitively over Unicode (Python's ``re`` behind Django's SQLite
  ``REGEXP``; PostgreSQL's ``~*``-style ``(?i)`` expressions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db.models import Aggregate, F, Func, JSONField, Model, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.lookups import Regex

#: Most distinct words or phrases one query may hold.
MAX_TERMS = 10
#: Most characters one query may hold.
MAX_QUERY_LENGTH = 200

# Letters that case-insensitive matching in either database does not take as the same:
# "ß" folds to "ss", and PostgreSQL takes "Σ" as "σ" only, not as the final "ς".
_SAME_LETTERS = re.compile(r"(ss|ß|ẞ)|([σςΣ])", re.IGNORECASE)


class QueryTooLong(ValidationError):
    """A query with more words or characters than one search may cost (a 400 naming ``q``).

    Also raised for a NUL character, which no database can compare.
    """


def validate_query(value: str) -> None:
    """Refuse a query past :data:`MAX_QUERY_LENGTH` characters or :data:`MAX_TERMS` words.

    A validator for every ``q`` field (Django forms and DRF both take it).
    Raises :class:`QueryTooLong` with a message that says the limit (or
    that NUL characters cannot be searched for).
    """
    if "\x00" in value:
        raise QueryTooLong("Must not contain NUL characters.", code="null_characters")
    if len(value) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            f"Use at most {MAX_QUERY_LENGTH} characters (this has {len(value)}).",
            code="too_long",
        )
    count = len(distinct_terms(split_terms(value)))
    if count > MAX_TERMS:
        raise QueryTooLong(
            f"Use at most {MAX_TERMS} different words (this has {count}).", code="too_many_words"
        )


_TERMS = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def split_terms(query: str) -> list[tuple[str, bool]]:
    """Words and "quoted phrases" of ``query`` as (term, excluded) pairs, in order.

    A leading ``-`` excludes the term; the word ``or`` (any case) is dropped,
    as in web-search syntax; quotes never remain in a term.
    """
    terms = []
    for minus_phrase, phrase, minus_word, word in _TERMS.findall(query):
        term = " ".join((phrase or word).replace('"', " ").split())
        if not term or (word and word.lower() == "or"):
            continue
        terms.append((term, bool(minus_phrase or minus_word)))
    return terms


def distinct_terms(terms: Iterable[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """``terms`` without repeats, comparing case-insensitively (``casefold``), first kept."""
    seen, kept = set(), []
    for term, excluded in terms:
        key = (term.casefold(), excluded)
        if key not in seen:
            seen.add(key)
            kept.append((term, excluded))
    return kept


def query_terms(query: str) -> tuple[list[str], list[str]]:
    """Distinct words and phrases to find, and to exclude, in ``query``.

    Raises :class:`QueryTooLong` past the limits (see :func:`validate_query`).
    """
    validate_query(query)
    terms = distinct_terms(split_terms(query))
    return [t for t, ex in terms if not ex], [t for t, ex in terms if ex]


def word_regex(term: str) -> str:
    """A case-insensitive regular expression for ``term`` as whole words.

    Valid in Python's ``re`` and in PostgreSQL's advanced regular expressions
    alike: ``(?i)`` at the start, letters as themselves, every other
    character escaped, spaces as any run of whitespace, "ss" and "ß" as
    each other (and the final "ς" as "σ"), and no word character on either side.
    """
    return "(?i)" + _word_body(term)


def _word_body(term: str) -> str:
    words = []
    for word in term.split():
        parts, last = [], 0
        for match in _SAME_LETTERS.finditer(word):
            parts.append(_escape(word[last : match.start()]))
            parts.append("(?:ss|ß)" if match.group(1) else "[σςΣ]")
            last = match.end()
        parts.append(_escape(word[last:]))
        words.append("".join(parts))
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _escape(text: str) -> str:
    # A backslash before a character that is not a letter or digit means that character
    # itself in both dialects; before a letter it would start an escape, so letters stay bare.
    return "".join(c if c.isalnum() else "\\" + c for c in text)


def word_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """One compiled pattern matching any of ``terms`` as whole words, longest first."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_word_body(t)})" for t in ordered), re.IGNORECASE)


class JSONText(Func):
    """The strings of a JSON list field as one text, space-separated, as the database decodes them.

    SQLite stores JSON with non-ASCII letters escaped (``\\u00e9``), so the
    raw column would not match "é"; ``json_each`` decodes them.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="CAST(%(expressions)s AS text)")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="(SELECT group_concat(j.value, ' ') FROM json_each(%(expressions)s) AS j)",
        )


def _text(model: type[Model], path: str) -> F | JSONText:
    """The text of ``path`` (a field of ``model``, maybe across relations) to match against."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    if isinstance(model._meta.get_field(name), JSONField):
        return JSONText(F(path))
    return F(path)


#: Between the texts of two fields or two related rows: neither a word nor whitespace,
#: so neither a word nor a phrase can match across it.
FIELD_SEPARATOR = " | "


class TextAgg(Aggregate):
    """The texts of related rows as one text, joined with :data:`FIELD_SEPARATOR`."""

    function = "STRING_AGG"
    template = f"%(function)s(%(expressions)s, '{FIELD_SEPARATOR}')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def document(
    model: type[Model], fields: Sequence[str], only: Mapping[str, Q] | None = None
) -> Func:
    """The text of ``fields`` of a row of ``model`` as one expression, fields apart.

    A field across a to-many relation (``accused__conduct``) is aggregated
    over the related rows (so its query groups by the row), only over the
    related rows that meet ``only[field]`` when given (a condition on
    ``model``, e.g. that the accused party is public); JSON lists count by
    their strings.
    """
    only = only or {}
    parts: list[Func | F] = []
    for field in fields:
        text = Coalesce(Cast(_text(model, field), TextField()), Value(""), output_field=TextField())
        parts.append(TextAgg(text, filter=only.get(field)) if "__" in field else text)
        parts.append(Value(FIELD_SEPARATOR, output_field=TextField()))
    return Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]


def words_condition(
    model: type[Model],
    fields: Sequence[str],
    wanted: str | Sequence[str],
    excluded: Sequence[str] = (),
    *,
    only: Mapping[str, Q] | None = None,
) -> Q:
    """Rows of ``model`` holding every wanted word or phrase in ``fields`` and no excluded one.

    ``wanted`` is either a visitor's query, read by :func:`query_terms` (which
    raises :class:`QueryTooLong` past the limits), or terms already read.
    One subquery whatever the number of words: the joins to related rows
    are made once, and each word adds one regular-expression test of the
    row's :func:`document` (which ``only`` narrows to the related rows shown).
    """
    if isinstance(wanted, str):
        wanted, excluded = query_terms(wanted)
    if not wanted and not excluded:
        return Q()
    tests = [Q(Regex(F("_search_document"), Value(word_regex(t)))) for t in wanted]
    tests += [~Q(Regex(F("_search_document"), Value(word_regex(t)))) for t in excluded]
    rows = (
        model._base_manager.values("pk")
        .annotate(_search_document=document(model, fields, only))
        .filter(*tests)
        .values("pk")
    )
    return Q(pk__in=rows)
