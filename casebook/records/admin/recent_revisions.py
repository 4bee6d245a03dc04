"""What the recent-changes page reads about its listed history entries, in bulk.

The page lists up to 200 history entries of many models. Read one entry at a time
(``prev_record``, ``diff_against``, ``instance`` and its name), each would cost
queries of its own; here each is read once per history model (or per field), so
the page runs as many queries for 200 entries as for two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model, OuterRef, Subquery, prefetch_related_objects
from simple_history.utils import get_app_model_primary_key_name

from casebook.records.clauses.models import Clause
from casebook.records.models import AccusedParty, CaseParty, Citation, TermsVersion

#: The related rows each model's name (``__str__``) reads, read for all listed entries at once.
NAMED_BY = {
    AccusedParty: ("party", "allegation"),
    CaseParty: ("party",),
    Citation: ("source",),
    TermsVersion: ("document",),
    Clause: ("version__document", "category"),
}


def _by_history_model(entries: Iterable) -> dict[type, list]:
    """History entries grouped by their history model, in their order."""
    grouped: dict[type, list] = defaultdict(list)
    for entry in entries:
        grouped[type(entry)].append(entry)
    return grouped


def previous_revisions(changes: list) -> dict[tuple[type, int], Model]:
    """The previous history entry of each edit (``~``) in ``changes``, as ``prev_record``.

    Keyed by (history model, history id) of the edit; an edit with no earlier entry
    is left out. Two queries per history model: the previous entries' ids, then
    the entries.
    """
    edits = _by_history_model(change for change in changes if change.history_type == "~")
    previous: dict[tuple[type, int], Model] = {}
    for history_model, entries in edits.items():
        key_name = get_app_model_primary_key_name(history_model.instance_type)
        history = history_model._default_manager
        earlier = history.filter(
            **{key_name: OuterRef(key_name)}, history_date__lt=OuterRef("history_date")
        ).order_by("-history_date")
        pairs = list(
            history.filter(history_id__in=[entry.history_id for entry in entries])
            .annotate(previous_id=Subquery(earlier.values("history_id")[:1]))
            .values_list("history_id", "previous_id")
        )
        rows = history.in_bulk([previous_id for _, previous_id in pairs if previous_id])
        for history_id, previous_id in pairs:
            if previous_id is not None:
                previous[(history_model, history_id)] = rows[previous_id]
    return previous


def _saved_links(history_model: type, field_name: str, entries: list) -> dict[int, list[tuple]]:
    """The links each of ``entries`` saved for one many-to-many field, by history id.

    One query. The links are sorted tuples of the values ``diff_against``
    compares: the through row's editable fields but its own id and its entry.
    """
    links_model = getattr(history_model, field_name).model
    fields = [
        field
        for field in links_model._meta.fields
        if field.editable and field.name not in ("id", "m2m_history_id", "history")
    ]
    saved: dict[int, list[tuple]] = {entry.history_id: [] for entry in entries}
    rows = links_model._default_manager.filter(
        history_id__in=[entry.history_id for entry in entries]
    )
    for row in rows:
        saved[row.history_id].append(tuple(getattr(row, field.attname) for field in fields))
    return {history_id: sorted(links) for history_id, links in saved.items()}


def changed_links(pairs: list[tuple[Model, Model]]) -> dict[tuple[type, int], set[str]]:
    """The many-to-many fields that differ between each (previous, edit) pair.

    Keyed by (history model, history id) of the edit. One query per many-to-many
    field of each history model, for the previous entries and the edits together.
    """
    changed: dict[tuple[type, int], set[str]] = {}
    for history_model, news in _by_history_model(new for _, new in pairs).items():
        own = [(old, new) for old, new in pairs if type(new) is history_model]
        for new in news:
            changed[(history_model, new.history_id)] = set()
        for field in history_model._history_m2m_fields:
            saved = _saved_links(history_model, field.name, [*(old for old, _ in own), *news])
            for old, new in own:
                if saved[old.history_id] != saved[new.history_id]:
                    changed[(history_model, new.history_id)].add(field.name)
    return changed


def named_instances(changes: list) -> list[Model]:
    """Each change's record as it was saved, with the related rows its name reads.

    Built from the history entry's tracked fields, as ``instance`` builds it but
    without reading the excluded fields (a terms version's full text), which no
    name shows; the related rows of :data:`NAMED_BY` are read once per model.
    """
    instances = [
        change.instance_type(
            **{field.attname: getattr(change, field.attname) for field in change.tracked_fields}
        )
        for change in changes
    ]
    for model, related in NAMED_BY.items():
        prefetch_related_objects(
            [instance for instance in instances if type(instance) is model], *related
        )
    return instances
