"""What search reads of each record type, and the signals that keep the index in step.

Every save or delete of a record, or of a row whose text shows on a record's page
(an accused row, a holding, a clause, a capability's name), rebuilds that record's
:class:`~casebook.records.search_models.SearchEntry` in the same transaction, so
admin saves, the workflow, dataset loads (``load_casebook``) and imports
(``import_casebook``, ``import_ota``) all keep it right: they all save through the
models. :func:`rebuild_search_index` rebuilds every entry (the migration that adds
the index runs it; so does ``manage.py rebuild_search_index``).

Related rows are read through their own ``public()`` querysets, so an entry never
holds the text of an accused row whose party is not public, nor anything a
reader of the record's page could not see.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from casebook.records import registry
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Clause,
    Guidance,
    Holding,
    Party,
    PublishableModel,
    Technique,
    TermsDocument,
    TermsVersion,
)
from casebook.records.registry import RECORD_TYPES, RecordType
from casebook.records.search_models import SearchEntry, SearchWord

#: Text search configuration of the PostgreSQL vectors and queries.
SEARCH_CONFIG = "english"
#: Configuration of the words kept as written (no stemming, no stop words), weight D.
PLAIN_CONFIG = "simple"

#: Between two fields or two related rows in an entry's text: no phrase matches across it.
SEPARATOR = " — "


def _accused_texts(allegation: Allegation) -> list[str]:
    texts = []
    for row in allegation.search_accused:
        texts.append(row.conduct)
        texts.extend(c.name for c in row.capabilities.all())
        texts.extend(t.name for t in row.techniques.all())
        texts.append(row.response_summary)
    return texts


def _holding_propositions(guidance: Guidance) -> list[str]:
    return [h.proposition for h in guidance.search_holdings]


def _holding_quotes(guidance: Guidance) -> list[str]:
    return [h.quote for h in guidance.search_holdings]


def _clause_texts(document: TermsDocument) -> list[str]:
    # Prefetched per version (see the "terms" spec) through Clause.objects.public().
    return [c.text for v in document.versions.all() for c in v.search_clause_rows]


@dataclass(frozen=True)
class SearchSpec:
    """What search reads of one record type.

    ``title_fields`` and the texts ``headlines`` gives weigh most (weight A on
    PostgreSQL, ten times the body in SQLite's bm25): a guidance's holdings are
    one-line propositions of what it holds, read as its headlines. ``body_fields``
    and the texts ``related`` gives (accused rows, holdings' quotes, clauses) weigh B.
    ``tier`` says where the type's hits go (:func:`~casebook.records.searching.ranked_entries`):
    0 for the main records (allegations, cases, settlements, guidance, terms),
    1 parties, 2 events, 3 sources.
    """

    model: type[PublishableModel]
    title_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    tier: int
    related: Callable[[PublishableModel], list[str]] | None = None
    prefetch: tuple[Callable[[], Prefetch], ...] = field(default=())
    headlines: Callable[[PublishableModel], list[str]] | None = None


def _tier(declared: RecordType) -> int:
    """Where a type's hits go: 0 for the main records (those ranked before parties), then
    parties, events and sources one tier each, by the registry's rank."""
    return max(0, declared.rank - registry.record_type("party").rank + 1)


#: The related texts search adds to some record types' declared fields (see :class:`SearchSpec`).
_RELATED_TEXTS: dict[str, dict[str, Any]] = {
    "allegation": {
        "related": _accused_texts,
        "prefetch": (
            lambda: Prefetch(
                "accused",
                AccusedParty.objects.public().prefetch_related("capabilities", "techniques"),
                to_attr="search_accused",
            ),
        ),
    },
    "guidance": {
        "related": _holding_quotes,
        "prefetch": (
            lambda: Prefetch("holdings", Holding.objects.public(), to_attr="search_holdings"),
        ),
        "headlines": _holding_propositions,
    },
    "terms": {
        "related": _clause_texts,
        "prefetch": (
            lambda: Prefetch(
                "versions__clauses", Clause.objects.public(), to_attr="search_clause_rows"
            ),
        ),
    },
}

#: The searchable record types, by name, in the registry's order (the order of the counts):
#: each type's model and search fields as :mod:`casebook.records.registry` declares them.
SEARCH_SPECS: dict[str, SearchSpec] = {
    t.name: SearchSpec(
        t.model,
        t.search_title_fields,
        t.search_body_fields,
        _tier(t),
        **_RELATED_TEXTS.get(t.name, {}),
    )
    for t in RECORD_TYPES
}

#: A word of the "did you mean" vocabulary: letters (any script), three or more.
_WORD = re.compile(r"[^\W\d_]{3,100}")


def field_text(record: Model, name: str) -> str:
    """The text of one field of ``record``: a JSON list as its strings, comma-separated."""
    value = getattr(record, name)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def joined_text(texts: Iterable[str]) -> str:
    """The non-empty ``texts`` joined with :data:`SEPARATOR`."""
    return SEPARATOR.join(t for t in texts if t)


def _entries(record_type: str, records: Iterable[PublishableModel]) -> list[SearchEntry]:
    spec = SEARCH_SPECS[record_type]
    entries = []
    for record in records:
        title_texts = [field_text(record, n) for n in spec.title_fields]
        if spec.headlines is not None:
            title_texts += spec.headlines(record)
        title = joined_text(title_texts)
        body_texts = [field_text(record, n) for n in spec.body_fields]
        if spec.related is not None:
            body_texts += spec.related(record)
        body = joined_text(body_texts)
        entries.append(
            SearchEntry(
                record_type=record_type,
                record_id=record.pk,
                title=title,
                body=body,
                title_words=title.casefold(),
                body_words=body.casefold(),
            )
        )
    return entries


def _index(record_type: str, records: QuerySet) -> None:
    """Write the entries (and their words) of ``records``, all of one type."""
    spec = SEARCH_SPECS[record_type]
    records = records.prefetch_related(*(p() for p in spec.prefetch))
    entries = SearchEntry.objects.bulk_create(_entries(record_type, records))
    words = [
        SearchWord(entry=entry, word=word)
        for entry in entries
        for word in sorted(set(_WORD.findall(f"{entry.title_words} {entry.body_words}")))
    ]
    SearchWord.objects.bulk_create(words, batch_size=2000)
    if connection.vendor == "postgresql" and entries:
        SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            vector=SearchVector("title_words", weight="A", config=SEARCH_CONFIG)
            + SearchVector("body_words", weight="B", config=SEARCH_CONFIG)
            # Every word as written, stop words too ("than", "the who"), at the least weight.
            + SearchVector("title_words", "body_words", weight="D", config=PLAIN_CONFIG)
        )


def reindex(keys: Iterable[tuple[str, int]]) -> None:
    """Rebuild the entries of the records ``keys`` names ((record type, pk) pairs).

    A key whose record no longer exists loses its entry. A fixed number of
    queries per record type named, whatever the number of records.
    """
    by_type: dict[str, set[int]] = defaultdict(set)
    for record_type, pk in keys:
        if pk is not None:
            by_type[record_type].add(pk)
    for record_type, pks in by_type.items():
        SearchEntry.objects.filter(record_type=record_type, record_id__in=pks).delete()
        _index(record_type, SEARCH_SPECS[record_type].model.objects.filter(pk__in=pks))


def rebuild_search_index() -> int:
    """Rebuild every entry from the records; returns the number of entries written."""
    SearchEntry.objects.all().delete()
    for record_type, spec in SEARCH_SPECS.items():
        _index(record_type, spec.model.objects.all())
    return SearchEntry.objects.count()


# --------------------------------------------------------------------------
# Signals: which records a saved or deleted row changes the text of
# --------------------------------------------------------------------------


def _allegations_of_accused(accused_pks: Iterable[int]) -> list[tuple[str, int]]:
    rows = AccusedParty.objects.filter(pk__in=list(accused_pks))
    return [("allegation", pk) for pk in rows.values_list("allegation_id", flat=True)]


def _affected(instance: Model) -> list[tuple[str, int]]:
    """The (record type, pk) of every entry whose text holds something of ``instance``."""
    for record_type, spec in SEARCH_SPECS.items():
        if type(instance) is spec.model:
            keys = [(record_type, instance.pk)]
            if isinstance(instance, Party):
                # Accused rows show only while their party is public.
                rows = AccusedParty.objects.filter(party=instance)
                keys += [("allegation", pk) for pk in rows.values_list("allegation_id", flat=True)]
            return keys
    if isinstance(instance, AccusedParty):
        return [("allegation", instance.allegation_id)]
    if isinstance(instance, Holding):
        return [("guidance", instance.guidance_id)]
    if isinstance(instance, TermsVersion):
        return [("terms", instance.document_id)]
    if isinstance(instance, Clause):
        versions = TermsVersion.objects.filter(pk=instance.version_id)
        return [("terms", pk) for pk in versions.values_list("document_id", flat=True)]
    if isinstance(instance, Capability | Technique):
        return _allegations_of_accused(
            instance.accused_rows.values_list("pk", flat=True) if instance.pk else []
        )
    return []


#: Keys waiting for the end of a :func:`batched_reindex` block, or None outside one.
_pending: ContextVar[set[tuple[str, int]] | None] = ContextVar("search_pending", default=None)


@contextmanager
def batched_reindex() -> Iterator[None]:
    """Within the block, saves only note which entries changed; each is rebuilt once at its end.

    For bulk writers (dataset loads, imports): use it inside their transaction,
    so the entries are written in it. Nothing is rebuilt if the block raises
    or the transaction is marked for rollback (a dry run). Nested blocks join the
    outermost one.
    """
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        keys = _pending.get()
    finally:
        _pending.reset(token)
    if not (connection.in_atomic_block and connection.needs_rollback):  # e.g. a dry run
        reindex(keys)


def _changed(keys: list[tuple[str, int]]) -> None:
    pending = _pending.get()
    if pending is None:
        reindex(keys)
    else:
        pending.update(keys)


def _on_change(sender, instance, **kwargs) -> None:
    _changed(_affected(instance))


def _on_m2m(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        _changed(_affected(instance))
    elif action == "pre_clear":
        _changed(_allegations_of_accused(instance.accused_rows.values_list("pk", flat=True)))
    else:
        _changed(_allegations_of_accused(pk_set or ()))


_WATCHED = (
    *(spec.model for spec in SEARCH_SPECS.values()),
    AccusedParty,
    Holding,
    TermsVersion,
    Clause,
    Capability,
    Technique,
)


def connect_signals() -> None:
    """Keep the index in step with every watched model (called once, from the app config)."""
    for model in _WATCHED:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
    for through in (AccusedParty.capabilities.through, AccusedParty.techniques.through):
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")


def public_entries() -> QuerySet[SearchEntry]:
    """Entries whose record is public now: each type's own ``public()`` rule, one query."""
    condition = Q()
    for record_type, spec in SEARCH_SPECS.items():
        condition |= Q(
            record_type=record_type, record_id__in=spec.model.objects.public().values("pk")
        )
    return SearchEntry.objects.filter(condition)
