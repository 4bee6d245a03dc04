"""Loading a dataset file: check everything, then write it in one short transaction.

1. :func:`~casebook.records.dataset.validate.check_dataset` checks the whole
   file with read-only queries; any problem stops the load before a single
   write, so a bad record at the end of a large file never holds the database.
2. The checked rows are written in one transaction. A row whose values
   already match is left alone (no save, no history row), so loading again
   changes nothing.
3. Still inside that transaction, every record that would be published is held
   to the workflow rules (:func:`casebook.records.services.record_publication_problems`,
   the rule the admin's *Publish* button applies), and when a user imports, that
   user must be an editor to publish, retract or change a published record. Any
   problem rolls everything back: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from casebook.records.dataset.format import (
    CITATION_SPEC,
    SPECS,
    VOCABULARY_SPECS,
    DatasetError,
    LoadReport,
    Spec,
)
from casebook.records.dataset.history import keep_last_history_row_per_object
from casebook.records.dataset.recorded import find_carried_source
from casebook.records.dataset.validate import Plan, Row, check_dataset
from casebook.records.models import Clause, EditorialStatus
from casebook.records.searchindex import batched_reindex
from casebook.records.services import record_can_publish, record_publication_problems

#: Progress callback: called with the stage ("Checking", "Writing", "Checking rules")
#: after each top-level record of that stage.
OnRecord = Callable[[str], None]

PUBLIC_STATES = (EditorialStatus.PUBLISHED, EditorialStatus.RETRACTED)


def load_dataset(
    data: Any,
    *,
    user: Any = None,
    dry_run: bool = False,
    on_record: OnRecord | None = None,
) -> LoadReport:
    """Write a parsed dataset file into the database, all or nothing.

    Raises :class:`DatasetError` listing every problem, each by record and
    field, and writes nothing: first every problem of the file itself (found
    before any write), else every record that the workflow would not let be
    published. With ``dry_run`` everything is checked and reported but rolled
    back. Changes are recorded in the history under ``user``; a ``user`` must
    hold the publish permission of each record type the file publishes,
    retracts or changes while published. ``on_record(stage)`` is called after
    each top-level record, for a progress bar.
    """
    on_record = on_record or (lambda stage: None)
    plan = check_dataset(data, on_record=lambda: on_record("Checking"))
    writer = _Writer(user=user, on_record=on_record)
    try:
        with transaction.atomic(), batched_reindex():  # the search index, once at the end
            started = timezone.now()
            writer.write(plan)
            keep_last_history_row_per_object(since=started)
            problems = writer.permission_problems + publication_problems(
                on_record=lambda: on_record("Checking rules")
            )
            if problems:
                raise DatasetError(problems)
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError as exc:  # only when another process wrote the same rows meanwhile
        raise DatasetError(
            [f"the database refused a write made meanwhile by another process: {exc}"]
        ) from exc
    return writer.report


def publication_problems(on_record: Callable[[], None] | None = None) -> list[str]:
    """Every published record (in the current, would-be state) that breaks the workflow rules."""
    on_record = on_record or (lambda: None)
    problems = []
    for spec in SPECS:
        published = spec.model._default_manager.filter(editorial_status=EditorialStatus.PUBLISHED)
        for record in published.order_by("slug"):
            problems += [
                f"{spec.key}[{record.slug}]: is published, but {_lower_first(problem)}"
                for problem in record_publication_problems(record)
            ]
            on_record()
    return problems


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


class _Writer:
    """Writes a checked :class:`Plan`; assumes the checks passed (see ``check_dataset``)."""

    def __init__(self, user: Any, on_record: OnRecord):
        self.user = user
        self.on_record = on_record
        self.report = LoadReport()
        self.permission_problems: list[str] = []
        self.slugs: dict[type, dict[str, models.Model]] = {}
        self.deferred: list[Callable[[], None]] = []
        #: Clauses of recorded versions written so far, by (document id, record time,
        #: category id): what a later clause's ``carried_over_from`` names.
        self.written_clauses: dict[tuple, Clause] = {}
        #: How many rows were saved, deleted or relinked so far: tells whether a record
        #: or anything under it (rows, citations) changed.
        self.writes = 0

    def write(self, plan: Plan) -> None:
        for _spec, rows in plan.sections:
            for row in rows:
                self.write_row(row)
                self.on_record("Writing")
        for step in self.deferred:
            step()

    def rows_by_slug(self, model: type[models.Model]) -> dict[str, models.Model]:
        """Every row of a type with a slug, read in one query the first time it is needed."""
        if model not in self.slugs:
            spec = next((s for s in (*VOCABULARY_SPECS, *SPECS) if s.model is model), None)
            rows = model._default_manager.prefetch_related(*(spec.many if spec else ()))
            self.slugs[model] = {obj.slug: obj for obj in rows}
        return self.slugs[model]

    def lookup(self, model: type[models.Model], slug: str) -> models.Model:
        return self.rows_by_slug(model)[slug]

    def write_row(
        self, row: Row, parent: models.Model | None = None, found: models.Model | None = None
    ) -> models.Model:
        """Create or update one row and its children; returns it.

        A top-level row is found by its slug; a child row is ``found`` by
        :meth:`write_children` (None: it is new).
        """
        spec = row.spec
        writes_before = self.writes
        identity = parent_kwargs(spec, parent)
        for name in spec.identity:
            if name == "position":
                identity[name] = row.position
            elif name in spec.refs:
                identity[name] = self.lookup(
                    spec.model._meta.get_field(name).related_model, row.refs[name]
                )
            else:
                identity[name] = row.values[name]
        obj = self.rows_by_slug(spec.model).get(row.slug) if parent is None else found
        created = obj is None
        before = None if created else getattr(obj, "editorial_status", None)
        if created:
            obj = spec.model(**identity, **dict(spec.scope))
        changed = self.assign(row, obj)
        self.check_retraction(row, obj, before)
        if created or changed:
            self.save(obj)
        changed = self.assign_many(row, obj, created) or changed
        if "slug" in spec.identity:
            self.rows_by_slug(spec.model)[obj.slug] = obj
        if "carried_over_from" in spec.extra:  # a later version's clause may name it
            key = (parent.document_id, parent.recorded_at, obj.category_id)
            self.written_clauses[key] = obj
        label = row.path
        (
            self.report.created
            if created
            else self.report.changed
            if changed
            else self.report.unchanged
        ).append(label)
        for child in spec.children:
            self.write_children(child, obj, row.children[child.key], label, created)
        if spec.cited:  # sources may come later in the file: cite once everything is written
            touched = self.writes > writes_before
            self.deferred.append(lambda: self.write_citations(row, obj, before, touched, created))
        return obj

    def write_citations(
        self, row: Row, record: models.Model, before: str | None, touched: bool, created: bool
    ) -> None:
        """Write a record's citations; if it or they changed, check the user may change it."""
        writes_before = self.writes
        citations = row.children["citations"]
        self.write_children(CITATION_SPEC, record, citations, row.path, created)
        if touched or self.writes > writes_before:
            self.check_permission(row, record, before)

    def assign(self, row: Row, obj: models.Model) -> bool:
        """Set plain fields and links on ``obj``; True if anything changed."""
        spec = row.spec
        changed = False
        for name, value in row.values.items():
            if name not in spec.identity and getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        for name, slug in row.refs.items():
            if name in spec.identity:
                continue
            model_field = obj._meta.get_field(name)
            if slug is not None and model_field.related_model is spec.model:
                # A link within the same type (superseded_by) is set once all are written.
                self.deferred.append(lambda o=obj, n=name, s=slug: self.set_late(o, n, s))
                continue
            target = None if slug is None else self.lookup(model_field.related_model, slug)
            if getattr(obj, model_field.attname) != (target.pk if target else None):
                setattr(obj, name, target)
                changed = True
        if "breached_clause" in spec.extra:
            clause = self.find_clause(row.breached_clause)
            if obj.breached_clause_id != (clause.pk if clause else None):
                obj.breached_clause = clause
                changed = True
        if "carried_over_from" in spec.extra:
            changed = self.assign_carried_over(obj, row.carried_over_from) or changed
        return changed

    def assign_carried_over(self, clause: Clause, recorded_at: Any) -> bool:
        """Point a recorded version's clause at the clause it was carried over from.

        The file lists a document's versions oldest first, so the earlier clause is
        usually written already (``self.written_clauses``) and the link is set before
        the one save; otherwise it is set once everything is written.
        """
        if recorded_at is None:
            source = None
        else:
            key = (clause.version.document_id, recorded_at, clause.category_id)
            source = self.written_clauses.get(key)
            if source is None:
                self.deferred.append(lambda: self.set_carried_over(clause, recorded_at))
                return False
        if clause.carried_over_from_id == (source.pk if source else None):
            return False
        clause.carried_over_from = source
        return True

    def set_carried_over(self, clause: Clause, recorded_at: Any) -> None:
        """``assign_carried_over`` once every row is written: the source is found by query."""
        source = find_carried_source(clause, recorded_at)
        if clause.carried_over_from_id != source.pk:
            clause.carried_over_from = source
            self.save(clause)

    def set_late(self, obj: models.Model, name: str, slug: str) -> None:
        target = self.lookup(type(obj), slug)
        if getattr(obj, f"{name}_id") != target.pk:
            setattr(obj, name, target)
            self.save(obj)

    @staticmethod
    def find_clause(key: tuple | None) -> Clause | None:
        if key is None:
            return None
        document, effective_from, category = key
        return Clause.objects.get(
            version__document__slug=document,
            version__effective_from=effective_from,
            category__slug=category,
        )

    def assign_many(self, row: Row, obj: models.Model, created: bool) -> bool:
        changed = False
        for name, slugs in row.many.items():
            related_model = obj._meta.get_field(name).related_model
            targets = [self.lookup(related_model, slug) for slug in slugs]
            manager = getattr(obj, name)
            current = set() if created else {related.pk for related in manager.all()}
            if current != {target.pk for target in targets}:
                manager.set(targets)
                self.writes += 1
                changed = True
        return changed

    def write_children(
        self, spec: Spec, parent: models.Model, rows: list[Row], path: str, parent_created: bool
    ) -> None:
        """Make the parent's rows of one kind match the file: create, update, delete.

        The parent's current rows are read in one query and matched by identity.
        """
        current: dict[tuple, models.Model] = {}
        if not parent_created:
            rows_now = spec.model._default_manager.filter(
                **parent_kwargs(spec, parent), **dict(spec.scope)
            )
            for obj in rows_now.order_by():
                current[tuple(_identity_value(spec, name, obj) for name in spec.identity)] = obj
        for row in rows:
            key = tuple(self.row_identity(spec, name, row) for name in spec.identity)
            self.write_row(row, parent, found=current.pop(key, None))
        if spec.keep_unlisted:
            current = {}
        for stale in current.values():
            self.report.deleted.append(f"{path}.{spec.key}[{stale}]")
            stale._history_user = self.user
            stale.delete()
            self.writes += 1

    def row_identity(self, spec: Spec, name: str, row: Row) -> Any:
        """One part of a file row's identity, as :func:`_identity_value` reads it from a row."""
        if name == "position":
            return row.position
        if name in spec.refs:
            return self.lookup(spec.model._meta.get_field(name).related_model, row.refs[name]).pk
        return row.values[name]

    def save(self, obj: models.Model) -> None:
        obj._history_user = self.user
        if getattr(obj, "editorial_status", None) == EditorialStatus.PUBLISHED:
            obj.published_at = obj.published_at or timezone.now()
        obj.save()
        self.writes += 1

    def check_retraction(self, row: Row, obj: models.Model, before: str | None) -> None:
        """A file never retracts a stored record nor brings a retracted one back.

        Retraction is the workflow's (an editor, a public note, a date: see
        ``services.record_retract``); a file written before the retraction, such as the
        bundled dataset loaded again, must not quietly publish the record again.
        """
        retracted = EditorialStatus.RETRACTED
        after = getattr(obj, "editorial_status", None)
        if before is None or (before == retracted) == (after == retracted):
            return
        self.permission_problems.append(
            f"{row.path}.editorial_status: the stored record is {before} and the file says "
            f"{after}; retracting a record, or bringing a retracted one back, is done in the "
            "admin's editorial workflow, not by loading a file"
        )

    def check_permission(self, row: Row, obj: models.Model, before: str | None) -> None:
        """An importing user publishes, retracts or changes a published record only as an editor."""
        if self.user is None:
            return
        if (before in PUBLIC_STATES or obj.editorial_status in PUBLIC_STATES) and not (
            record_can_publish(record=obj, user=self.user)
        ):
            self.permission_problems.append(
                f"{row.path}.editorial_status: only an editor may publish, retract or change a "
                f"published {obj._meta.verbose_name}, and {self.user} is not one"
            )


def _identity_value(spec: Spec, name: str, obj: models.Model) -> Any:
    """One part of a stored row's identity: a link's id, or the plain value."""
    if name in spec.refs:
        return getattr(obj, spec.model._meta.get_field(name).attname)
    return getattr(obj, name)


def parent_kwargs(spec: Spec, parent: models.Model | None) -> dict[str, Any]:
    """The lookup that ties a child row to its parent (citations tie to any record)."""
    if parent is None:
        return {}
    if spec is CITATION_SPEC:
        return {"content_type": ContentType.objects.get_for_model(parent), "object_id": parent.pk}
    return {spec.parent_field: parent}
