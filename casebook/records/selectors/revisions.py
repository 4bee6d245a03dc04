"""Reads of a record as of one of its public revisions, for citations that hold still.

A **revision** of a record is one row of its django-simple-history table, and its
number is that row's ``history_id``. The number is chosen over a per-record
sequence (1, 2, 3 ...) because it never changes: a sequence would shift if old
history rows were ever pruned, and every cited link would then point at another
text. Only revisions at which the record was *published* are public, and only
while the record itself is public (a draft, in-review or retracted record shows
no revision at all).

What a revision freezes:

- the record's own fields, exactly as saved in that revision;
- its many-to-many vocabularies and links (topics, legal theories, an event's
  parties, a case's allegations), as saved with that revision;
- its child rows -- citations, accused rows (with their capabilities and
  techniques), case parties, holdings, terms versions and their clauses --
  as they stood just before the record's next revision (or now, for the latest).
  The admin saves a record before its inline rows, so the rows changed in the
  same edit belong to the revision that edit made.

What it does not freeze: records it links to (parties, sources, cases ...) are
shown as they are now, and only while they are public; events have revisions of
their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import prefetch_related_objects
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    CaseParty,
    Citation,
    Clause,
    EditorialStatus,
    Guidance,
    Holding,
    PublishableModel,
    TermsDocument,
    TermsVersion,
)

#: Child rows kept as of a revision: record model -> (relation name, child model, parent field).
CHILD_ROWS: dict[type[models.Model], tuple[tuple[str, type[models.Model], str], ...]] = {
    Allegation: (("accused", AccusedParty, "allegation_id"),),
    Case: (("case_parties", CaseParty, "case_id"),),
    Guidance: (("holdings", Holding, "guidance_id"),),
    TermsDocument: (("versions", TermsVersion, "document_id"),),
    TermsVersion: (("clauses", Clause, "version_id"),),
}

#: Foreign keys of child rows fetched in one query each (never one per row).
CHILD_LINKS: dict[type[models.Model], tuple[str, ...]] = {
    AccusedParty: ("party", "response_source"),
    CaseParty: ("party",),
    # A version's key names its document (the API's revision of a terms document).
    TermsVersion: ("document",),
    Clause: ("category",),
    Citation: ("source",),
}


#: Revision numbers are history ids, a 32-bit integer column; larger ones name nothing
#: (and would overflow the column in a query on PostgreSQL).
MAX_REVISION = 2**31 - 1


@dataclass(frozen=True)
class Revision:
    """A public revision of a record.

    ``record`` is an unsaved instance of the record's model holding that
    revision's fields; its relations (``record.citations.all()``,
    ``record.accused.all()``, ``record.topics.all()`` ...) answer from the
    revision, not from the current rows. ``date`` is when the revision was saved
    (aware datetime); ``is_latest`` says whether the record has changed since.
    """

    number: int
    date: datetime.datetime
    record: PublishableModel
    is_latest: bool


def record_revisions_public(record: PublishableModel) -> models.QuerySet:
    """The public revisions (history rows) of ``record``, oldest first.

    Empty unless the record is public now; only revisions saved while the record
    was published. Each row has ``history_id`` (the revision number) and
    ``history_date``.
    """
    if not record.is_public:
        return record.history.none()
    return record.history.filter(editorial_status=EditorialStatus.PUBLISHED).order_by(
        "history_date", "history_id"
    )


def record_revision_latest_number(record: PublishableModel) -> int | None:
    """The number of the record's current public revision, or None if it has none.

    A record loaded without history (none in practice: the loader saves through
    the models) has no revision to cite.
    """
    latest = record_revisions_public(record).order_by("-history_date", "-history_id").first()
    return latest.history_id if latest is not None else None


def record_revision_get(record: PublishableModel, number: int) -> Revision | None:
    """Revision ``number`` of ``record`` with its relations as of then, or None.

    None when the record is not public, or ``number`` is not one of its public
    revisions (another record's, or a draft state before publication).
    """
    if not 0 < number <= MAX_REVISION:
        return None
    historical = record_revisions_public(record).filter(history_id=number).first()
    if historical is None:
        return None
    following = (
        record.history.filter(history_date__gt=historical.history_date)
        .order_by("history_date", "history_id")
        .first()
    )
    until = following.history_date if following is not None else None
    instance = historical.instance
    _freeze_relations(instance, historical, until)
    return Revision(
        number=historical.history_id,
        date=historical.history_date,
        record=instance,
        is_latest=following is None,
    )


def _cache(instance: models.Model, name: str, model: type[models.Model], rows: list) -> None:
    """Make ``instance.<name>.all()`` answer ``rows`` (Django's own prefetch cache)."""
    queryset = model._default_manager.all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def _freeze_m2m(instances: list[models.Model], historicals: list) -> None:
    """Fill each instance's many-to-many fields from its history row's saved links.

    One query per field for all the instances, one for the linked rows; linked
    records that are publishable are kept only while public.
    """
    if not historicals:
        return
    history_model = type(historicals[0])
    for field in historicals[0]._history_m2m_fields:
        links = getattr(history_model, field.name).model._default_manager
        target_column = field.m2m_reverse_field_name()
        saved = links.filter(history_id__in=[h.history_id for h in historicals]).values_list(
            "history_id", f"{target_column}_id"
        )
        by_history: dict[int, list[int]] = {}
        for history_id, target_id in saved:
            by_history.setdefault(history_id, []).append(target_id)
        target = field.related_model
        targets = target._default_manager.filter(
            pk__in={i for ids in by_history.values() for i in ids}
        )
        if issubclass(target, PublishableModel):
            targets = targets.filter(editorial_status=EditorialStatus.PUBLISHED)
        ordered = list(targets.order_by(*target._meta.ordering, "pk"))
        for instance, historical in zip(instances, historicals, strict=True):
            ids = set(by_history.get(historical.history_id, ()))
            _cache(instance, field.name, target, [t for t in ordered if t.pk in ids])


def _rows_as_of(model: type[models.Model], until: datetime.datetime | None, **where) -> list:
    """History rows of ``model`` matching ``where``, each row as it stood before ``until``."""
    rows = model.history.all()
    if until is not None:
        rows = rows.filter(history_date__lt=until)
    rows = rows.latest_of_each().exclude(history_type="-").filter(**where)
    return list(rows.order_by(*model._meta.ordering, "history_id"))


def _instance_of(historical: models.Model) -> models.Model:
    """The row a history row describes, leaving the fields history does not keep deferred.

    ``historical.instance`` reads those fields (a terms version's full text) from the
    live row, one query per history row; no revision shows them, so they are only
    read if something asks for them.
    """
    excluded = historical._history_excluded_fields
    if not excluded:
        return historical.instance
    attrs = {
        field.attname: getattr(historical, field.attname)
        for field in historical.tracked_fields
        if field.name not in excluded
    }
    instance = historical.instance_type(**attrs)
    for name in excluded:
        instance.__dict__.pop(historical.instance_type._meta.get_field(name).attname, None)
    setattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, historical)
    return instance


def _child_instances(model, until, **where) -> list[models.Model]:
    """Instances of ``model`` as they stood before ``until``, links and m2m filled in."""
    historicals = _rows_as_of(model, until, **where)
    instances = [_instance_of(h) for h in historicals]
    if model in CHILD_LINKS:
        prefetch_related_objects(instances, *CHILD_LINKS[model])
    _freeze_m2m(instances, historicals)
    _freeze_children(instances, until)
    return instances


def _freeze_children(instances: list[models.Model], until: datetime.datetime | None) -> None:
    """Fill the child-row relations of ``instances`` (one query per relation, not per row)."""
    if not instances:
        return
    for name, child, parent_field in CHILD_ROWS.get(type(instances[0]), ()):
        rows = _child_instances(child, until, **{f"{parent_field}__in": [i.pk for i in instances]})
        for instance in instances:
            _cache(
                instance, name, child, [r for r in rows if getattr(r, parent_field) == instance.pk]
            )


def _freeze_relations(instance, historical, until: datetime.datetime | None) -> None:
    """Make every relation of a revision's instance answer as of that revision."""
    _freeze_m2m([instance], [historical])
    _freeze_children([instance], until)
    content_type = ContentType.objects.get_for_model(type(instance))
    citations = _child_instances(
        Citation, until, content_type_id=content_type.pk, object_id=instance.pk
    )
    public = [c for c in citations if c.source.is_public]
    _cache(instance, "citations", Citation, sorted(public, key=lambda c: (c.source.slug, c.pk)))
