"""Reading and writing the Casebook dataset file (see docs/dataset-format.md).

``load_dataset`` validates the whole file and writes it in one transaction:
either every record is written or none is, and every error names the record
and the field. Loading is idempotent: a record whose values already match is
left alone (no save, no history row). ``export_dataset`` writes the database
back in the same format with every key present and records in slug order, so
export → load → export is byte-identical.

The format is declared once, in ``SPECS``; loader and exporter both walk it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from casebook.records import models as m

FORMAT = "casebook-dataset"
VERSION = 1
PUBLISHABLE_FIELDS = ("editorial_status", "caveats", "retraction_note")


@dataclass(frozen=True)
class Spec:
    """How one kind of row appears in the file.

    ``fields`` are plain values, ``refs`` foreign keys written as the slug of
    the row they point at, ``many`` many-to-many fields written as lists of
    slugs, ``children`` nested rows. ``identity`` names the fields that find
    an existing row again (the slug, or a natural key within the parent).
    """

    key: str
    model: type[models.Model]
    fields: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    many: tuple[str, ...] = ()
    children: tuple[Spec, ...] = ()
    parent_field: str = ""
    identity: tuple[str, ...] = ("slug",)
    cited: bool = False
    #: Optional keys that are not model fields, handled by hooks below.
    extra: tuple[str, ...] = ()
    #: The parent's accessor for these rows, when it differs from ``key``.
    related_name: str = ""

    @property
    def accessor(self) -> str:
        return self.related_name or self.key

    @property
    def keys(self) -> tuple[str, ...]:
        own = ("slug",) if "slug" in self.identity else ()
        publishable = PUBLISHABLE_FIELDS if self.cited else ()
        citations = ("citations",) if self.cited else ()
        children = tuple(child.key for child in self.children)
        return (
            own
            + self.fields
            + self.refs
            + self.many
            + self.extra
            + publishable
            + citations
            + children
        )


def _vocab(key: str, model: type[m.Vocabulary]) -> Spec:
    return Spec(key=key, model=model, fields=("name", "description"))


FIGURES = (
    "accounts",
    "accounts_qualifier",
    "exchanges",
    "exchanges_qualifier",
    "figures_basis",
)

VOCABULARY_SPECS = (
    _vocab("capabilities", m.Capability),
    _vocab("techniques", m.Technique),
    _vocab("legal_theories", m.LegalTheory),
    _vocab("clause_categories", m.ClauseCategory),
    _vocab("topics", m.Topic),
)

CITATION_SPEC = Spec(
    key="citations",
    model=m.Citation,
    fields=("pinpoint", "quote", "supports", "verification"),
    refs=("source",),
    identity=("source", "pinpoint"),
)

SPECS = (
    Spec(
        key="parties",
        model=m.Party,
        fields=("name", "short_name", "kind", "country", "aliases", "website", "description"),
        cited=True,
    ),
    Spec(
        key="sources",
        model=m.Source,
        fields=(
            "title",
            "url",
            "publisher",
            "author",
            "kind",
            "published_on",
            "published_on_precision",
            "accessed_on",
            "archive_url",
            "notes",
        ),
        cited=True,
    ),
    Spec(
        key="terms_documents",
        model=m.TermsDocument,
        fields=("title", "kind", "url", "description"),
        refs=("vendor",),
        cited=True,
        children=(
            Spec(
                key="versions",
                model=m.TermsVersion,
                parent_field="document",
                identity=("effective_from",),
                fields=(
                    "effective_from",
                    "effective_from_precision",
                    "label",
                    "retrieved_on",
                    "archive_url",
                    "notes",
                ),
                many=("reviewed_categories",),
                children=(
                    Spec(
                        key="clauses",
                        model=m.Clause,
                        parent_field="version",
                        identity=("category",),
                        fields=("section", "text", "verification", "notes"),
                        refs=("category",),
                    ),
                ),
            ),
        ),
    ),
    Spec(
        key="allegations",
        model=m.Allegation,
        fields=(
            "title",
            "summary",
            "made_on",
            "made_on_precision",
            "venue",
            "venue_detail",
            "conduct_start",
            "conduct_start_precision",
            "conduct_end",
            "conduct_end_precision",
            "status",
            *FIGURES,
        ),
        refs=("accuser",),
        many=("legal_theories", "topics"),
        extra=("breached_clause",),
        cited=True,
        children=(
            Spec(
                key="accused",
                model=m.AccusedParty,
                parent_field="allegation",
                identity=("party",),
                fields=(*FIGURES, "conduct", "response", "response_summary", "response_on"),
                refs=("party", "response_source"),
                many=("capabilities", "techniques"),
            ),
        ),
    ),
    Spec(
        key="cases",
        model=m.Case,
        fields=("name", "docket_number", "reporter_citation", "filed_on", "status", "summary"),
        refs=("court",),
        many=("topics", "allegations"),
        cited=True,
        children=(
            Spec(
                key="parties",
                related_name="case_parties",
                model=m.CaseParty,
                parent_field="case",
                identity=("party", "role"),
                fields=("role", "notes"),
                refs=("party",),
            ),
        ),
    ),
    Spec(
        key="settlements",
        model=m.Settlement,
        fields=(
            "title",
            "amount",
            "amount_qualifier",
            "currency",
            "per_unit_amount",
            "per_unit_qualifier",
            "unit_name",
            "unit_count",
            "class_definition",
            "release_scope",
            "terms_summary",
            "announced_on",
            "preliminary_approval_on",
            "final_approval_on",
        ),
        refs=("case",),
        many=("topics",),
        cited=True,
    ),
    Spec(
        key="guidance",
        model=m.Guidance,
        fields=(
            "title",
            "document_type",
            "issued_on",
            "issued_on_precision",
            "formal_citation",
            "summary",
        ),
        refs=("issuer", "case", "superseded_by"),
        many=("topics",),
        cited=True,
        children=(
            Spec(
                key="holdings",
                model=m.Holding,
                parent_field="guidance",
                identity=("position",),
                fields=("proposition", "pinpoint", "quote"),
            ),
        ),
    ),
    Spec(
        key="events",
        model=m.Event,
        fields=("date", "date_precision", "kind", "headline", "description"),
        refs=m.Event.RECORD_FIELDS,
        many=("parties", "topics"),
        cited=True,
    ),
)


class DatasetError(Exception):
    """The file cannot be loaded; ``errors`` lists every problem, each naming record and field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    """What a load did (or, for a dry run, would do), one line per row."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"create    {label}" for label in self.created]
            + [f"change    {label}" for label in self.changed]
            + [f"delete    {label}" for label in self.deleted]
            + [f"unchanged {label}" for label in self.unchanged]
        )

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.changed)} changed, "
            f"{len(self.deleted)} deleted, {len(self.unchanged)} unchanged"
        )


def dumps(data: dict) -> str:
    """The file's exact text: two-space indents, UTF-8 characters kept, final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------


def _value(obj: models.Model, name: str) -> Any:
    value = getattr(obj, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Exporter:
    """Turns rows into the file's dictionaries; ``public_only`` leaves out what is not public."""

    def __init__(self, public_only: bool):
        self.public_only = public_only
        self.public_ids: dict[type, set[int]] = {}
        if public_only:
            for model in m.RECORD_MODELS:
                self.public_ids[model] = set(model.objects.public().values_list("pk", flat=True))

    def visible(self, obj: models.Model | None) -> bool:
        if obj is None:
            return False
        ids = self.public_ids.get(type(obj))
        return ids is None or obj.pk in ids

    def ref(self, obj: models.Model | None) -> str | None:
        if obj is None or not self.visible(obj):
            return None
        return obj.slug

    def row(self, spec: Spec, obj: models.Model) -> dict | None:
        out: dict[str, Any] = {}
        if "slug" in spec.identity:
            out["slug"] = obj.slug
        for name in spec.fields:
            out[name] = _value(obj, name)
        for name in spec.refs:
            target = getattr(obj, name)
            slug = self.ref(target)
            if target is not None and slug is None and not obj._meta.get_field(name).null:
                return None  # a required link to something not public: leave the row out
            out[name] = slug
        for name in spec.many:
            out[name] = sorted(
                related.slug for related in getattr(obj, name).all() if self.visible(related)
            )
        if "breached_clause" in spec.extra:
            out["breached_clause"] = self.clause_ref(obj.breached_clause)
        if spec.cited:
            for name in PUBLISHABLE_FIELDS:
                out[name] = getattr(obj, name)
            out["citations"] = [
                self.row(CITATION_SPEC, citation)
                for citation in sorted(
                    obj.citations.all(), key=lambda c: (c.source.slug, c.pinpoint)
                )
                if self.visible(citation.source)
            ]
        for child in spec.children:
            items = sorted(getattr(obj, child.accessor).all(), key=_identity_key(child))
            rows = [self.row(child, item) for item in items]
            out[child.key] = [row for row in rows if row is not None]
        return out

    def clause_ref(self, clause: m.Clause | None) -> dict | None:
        if clause is None or not self.visible(clause.version.document):
            return None
        return {
            "document": clause.version.document.slug,
            "effective_from": _value(clause.version, "effective_from"),
            "category": clause.category.slug,
        }


def export_dataset(
    *, public_only: bool = False, on_record: Callable[[], None] | None = None
) -> dict:
    """The database as one dictionary in the dataset format.

    With ``public_only`` only published records appear, and links to records
    that are not public are left out (a row that cannot stand without one is
    left out too), so the dump is safe to publish. ``on_record`` is called
    after each top-level record, for a progress bar.
    """
    on_record = on_record or (lambda: None)
    exporter = _Exporter(public_only)
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "vocabularies": {}}
    for spec in VOCABULARY_SPECS:
        data["vocabularies"][spec.key] = [
            exporter.row(spec, term) for term in spec.model.objects.order_by("slug")
        ]
    for spec in SPECS:
        queryset = spec.model.objects.order_by("slug")
        if public_only:
            queryset = queryset.public()
        data[spec.key] = []
        for obj in _prefetched(spec, queryset):
            row = exporter.row(spec, obj)
            if row is not None:
                data[spec.key].append(row)
            on_record()
    return data


def record_count(data: Any = None) -> int:
    """How many top-level records a parsed file (or, without one, the database) holds."""
    if data is None:
        return sum(spec.model.objects.count() for spec in SPECS)
    if not isinstance(data, dict):
        return 0
    return sum(len(data.get(spec.key) or []) for spec in SPECS)


def _prefetched(spec: Spec, queryset: models.QuerySet) -> models.QuerySet:
    """Load a type's rows with everything the export reads, in a fixed number of queries."""
    lookups: list[Any] = []

    def walk(s: Spec, prefix: str) -> None:
        for name in s.many:
            lookups.append(prefix + name)
        for name in s.refs:
            lookups.append(prefix + name)
        if s.cited:
            lookups.append(prefix + "citations__source")
        for child in s.children:
            lookups.append(prefix + child.accessor)
            walk(child, prefix + child.accessor + "__")

    walk(spec, "")
    if "breached_clause" in spec.extra:
        lookups += ["breached_clause__version__document", "breached_clause__category"]
    return queryset.prefetch_related(*lookups)


def _identity_key(spec: Spec) -> Callable[[models.Model], tuple]:
    """Sort rows by their identity, the same way on every database (unknown dates first)."""

    def key(obj: models.Model) -> tuple:
        parts = []
        for name in spec.identity:
            value = getattr(obj, name)
            value = value.slug if name in spec.refs else value
            parts.append((value is not None, value))
        return tuple(parts)

    return key


# --------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------


class _Loader:
    """Validates and writes one dataset file; collects every error before giving up."""

    def __init__(self, data: Any, user: Any = None, on_record: Callable[[], None] | None = None):
        self.data = data
        self.user = user
        self.on_record = on_record or (lambda: None)
        self.errors: list[str] = []
        self.report = LoadReport()
        self.slugs: dict[type, dict[str, models.Model]] = {}
        self.deferred: list[Callable[[], None]] = []

    # -- helpers ----------------------------------------------------------

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def lookup(self, model: type[models.Model], slug: Any, path: str) -> models.Model | None:
        """Find a row by slug among those written so far and those already in the database."""
        if slug is None:
            return None
        if not isinstance(slug, str):
            self.error(path, f"must be a slug (text), not {json.dumps(slug)}")
            return None
        known = self.slugs.setdefault(model, {})
        if slug not in known:
            found = model._default_manager.filter(slug=slug).first()
            if found is None:
                name = model._meta.verbose_name
                self.error(path, f"unknown {name} '{slug}'")
                return None
            known[slug] = found
        return known[slug]

    def check_keys(self, spec: Spec, item: Any, path: str) -> bool:
        if not isinstance(item, dict):
            self.error(path, "must be an object")
            return False
        unknown = sorted(set(item) - set(spec.keys))
        for key in unknown:
            self.error(f"{path}.{key}", "is not a field of this record (misspelt?)")
        for name in spec.identity:
            if name in spec.refs or name == "position":
                continue
            model_field = spec.model._meta.get_field(name)
            if item.get(name) in (None, "") and not (model_field.null or model_field.blank):
                self.error(f"{path}.{name}", "is required")
                return False
        return not unknown

    def label(self, spec: Spec, item: dict, index: int) -> str:
        ident = "/".join(str(item[name]) for name in spec.identity if item.get(name))
        return f"{spec.key}[{ident if ident else index}]"

    # -- writing ----------------------------------------------------------

    def write_row(
        self,
        spec: Spec,
        item: dict,
        path: str,
        parent: models.Model | None = None,
        position: int | None = None,
    ) -> models.Model | None:
        """Create or update one row from ``item``; returns it, or None after recording errors."""
        identity = self.parent_kwargs(spec, parent)
        for name in spec.identity:
            if name == "position":
                identity[name] = position
            elif name in spec.refs:
                target = self.lookup(
                    spec.model._meta.get_field(name).related_model, item.get(name), f"{path}.{name}"
                )
                if target is None:
                    if item.get(name) is None:
                        self.error(f"{path}.{name}", "is required")
                    return None
                identity[name] = target
            else:
                identity[name] = self.clean_field(spec.model, name, item.get(name), path)
                if identity[name] is _INVALID:
                    return None
        obj = spec.model._default_manager.filter(**identity).first()
        created = obj is None
        if created:
            obj = spec.model(**identity)
        changed = self.assign(spec, obj, item, path)
        if changed is None:
            return None
        if (created or changed) and not self.save(obj, path):
            return None
        changed = self.assign_many(spec, obj, item, path) or changed
        if "slug" in spec.identity:
            self.slugs.setdefault(spec.model, {})[obj.slug] = obj
        if created:
            self.report.created.append(path)
        elif changed:
            self.report.changed.append(path)
        else:
            self.report.unchanged.append(path)
        if spec.cited:  # sources may come later in the file: cite once everything is written
            citations = item.get("citations", [])
            self.deferred.append(lambda: self.write_children(CITATION_SPEC, obj, citations, path))
        for child in spec.children:
            self.write_children(child, obj, item.get(child.key, []), path)
        return obj

    @staticmethod
    def parent_kwargs(spec: Spec, parent: models.Model | None) -> dict[str, Any]:
        """The lookup that ties a child row to its parent (citations tie to any record)."""
        if parent is None:
            return {}
        if spec is CITATION_SPEC:
            return {
                "content_type": ContentType.objects.get_for_model(parent),
                "object_id": parent.pk,
            }
        return {spec.parent_field: parent}

    def clean_field(self, model: type[models.Model], name: str, value: Any, path: str) -> Any:
        model_field = model._meta.get_field(name)
        if value is None and not model_field.null:
            if model_field.has_default():
                return model_field.get_default()
            if model_field.blank and model_field.empty_strings_allowed:
                return ""
        try:
            if isinstance(value, bool | dict | list) and not isinstance(
                model_field, models.JSONField
            ):
                raise ValidationError(f"must be a single value, not {json.dumps(value)}")
            if isinstance(model_field, models.DecimalField) and isinstance(value, float):
                raise ValidationError('write money as a string, e.g. "1500000000.00"')
            return model_field.clean(value, None)
        except ValidationError as exc:
            self.error(f"{path}.{name}", " ".join(exc.messages))
            return _INVALID

    def assign(self, spec: Spec, obj: models.Model, item: dict, path: str) -> bool | None:
        """Set plain fields and references on ``obj``; True if anything changed, None on error."""
        changed = False
        ok = True
        fields = [n for n in spec.fields if n not in spec.identity]
        for name in fields + list(PUBLISHABLE_FIELDS if spec.cited else ()):
            model_field = obj._meta.get_field(name)
            if name not in item:
                if model_field.has_default():
                    value = model_field.get_default()
                elif model_field.null:
                    value = None
                elif model_field.blank and model_field.empty_strings_allowed:
                    value = ""
                else:
                    self.error(f"{path}.{name}", "is required")
                    ok = False
                    continue
            else:
                value = self.clean_field(spec.model, name, item[name], path)
                if value is _INVALID:
                    ok = False
                    continue
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        for name in spec.refs:
            if name in spec.identity:
                continue
            model_field = obj._meta.get_field(name)
            slug = item.get(name)
            if slug is None:
                if not model_field.null:
                    self.error(f"{path}.{name}", "is required")
                    ok = False
                    continue
                target = None
            elif model_field.related_model is spec.model:
                # A link within the same type (superseded_by) is set once all are written.
                self.deferred.append(
                    lambda o=obj, n=name, s=slug, p=path: self.set_late(o, n, s, p)
                )
                continue
            else:
                target = self.lookup(model_field.related_model, slug, f"{path}.{name}")
                if target is None:
                    ok = False
                    continue
            if getattr(obj, f"{name}_id") != (target.pk if target else None):
                setattr(obj, name, target)
                changed = True
        if "breached_clause" in spec.extra:
            clause = self.find_clause(item.get("breached_clause"), f"{path}.breached_clause")
            if clause is _INVALID:
                ok = False
            elif obj.breached_clause_id != (clause.pk if clause else None):
                obj.breached_clause = clause
                changed = True
        return changed if ok else None

    def set_late(self, obj: models.Model, name: str, slug: str, path: str) -> None:
        target = self.lookup(type(obj), slug, f"{path}.{name}")
        if target is not None and getattr(obj, f"{name}_id") != target.pk:
            setattr(obj, name, target)
            self.save(obj, path)

    def find_clause(self, ref: Any, path: str) -> Any:
        if ref is None:
            return None
        if not isinstance(ref, dict) or set(ref) != {"document", "effective_from", "category"}:
            self.error(path, 'must be null or {"document", "effective_from", "category"}')
            return _INVALID
        document = self.lookup(m.TermsDocument, ref["document"], f"{path}.document")
        category = self.lookup(m.ClauseCategory, ref["category"], f"{path}.category")
        effective = self.clean_field(m.TermsVersion, "effective_from", ref["effective_from"], path)
        if document is None or category is None or effective is _INVALID:
            return _INVALID
        clause = m.Clause.objects.filter(
            version__document=document, version__effective_from=effective, category=category
        ).first()
        if clause is None:
            self.error(path, "no such clause in that terms version")
            return _INVALID
        return clause

    def assign_many(self, spec: Spec, obj: models.Model, item: dict, path: str) -> bool:
        changed = False
        for name in spec.many:
            slugs = item.get(name, [])
            if not isinstance(slugs, list):
                self.error(f"{path}.{name}", "must be a list of slugs")
                continue
            related_model = obj._meta.get_field(name).related_model
            targets = [self.lookup(related_model, s, f"{path}.{name}") for s in slugs]
            if any(t is None for t in targets) or obj.pk is None:
                continue
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                changed = True
        return changed

    def write_children(self, spec: Spec, parent: models.Model, items: Any, path: str) -> None:
        """Make the parent's rows of one kind match the file: create, update, delete."""
        if not isinstance(items, list):
            self.error(f"{path}.{spec.key}", "must be a list")
            return
        kept: set[int] = set()
        for index, item in enumerate(items):
            child_path = f"{path}.{spec.key}[{index}]"
            if isinstance(item, dict) and "position" not in spec.identity:
                child_path = f"{path}.{self.label(spec, item, index)}"
            if not self.check_keys(spec, item, child_path):
                continue
            child = self.write_row(spec, item, child_path, parent=parent, position=index)
            if child is not None:
                kept.add(child.pk)
        stale_rows = spec.model._default_manager.filter(**self.parent_kwargs(spec, parent))
        for stale in stale_rows.exclude(pk__in=kept):
            self.report.deleted.append(f"{path}.{spec.key}[{stale}]")
            stale._history_user = self.user
            stale.delete()

    def save(self, obj: models.Model, path: str) -> bool:
        try:
            obj.full_clean(validate_unique=True, validate_constraints=True)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                where = path if name == "__all__" else f"{path}.{name}"
                for message in messages:
                    self.error(where, message)
            return False
        obj._history_user = self.user
        if getattr(obj, "editorial_status", None) == m.EditorialStatus.PUBLISHED:
            obj.published_at = obj.published_at or timezone.now()
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            self.error(path, f"conflicts with a database rule ({exc})")
            return False
        return True

    # -- the whole file ---------------------------------------------------

    def run(self) -> None:
        data = self.data
        if not isinstance(data, dict):
            raise DatasetError(["the file must hold one JSON object"])
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise DatasetError([f'expected "format": "{FORMAT}" and "version": {VERSION}'])
        # "retracted" (the API dump's tombstones) is read by nobody: retractions go
        # through the workflow, never through a file.
        allowed = {"format", "version", "vocabularies", "retracted", *(s.key for s in SPECS)}
        for key in sorted(set(data) - allowed):
            self.error(key, "is not a section of the dataset format")
        vocabularies = data.get("vocabularies", {})
        if not isinstance(vocabularies, dict):
            self.error("vocabularies", "must be an object")
            vocabularies = {}
        for key in sorted(set(vocabularies) - {s.key for s in VOCABULARY_SPECS}):
            self.error(f"vocabularies.{key}", "is not a vocabulary of the dataset format")
        for spec in VOCABULARY_SPECS:
            self.write_section(spec, vocabularies.get(spec.key, []), f"vocabularies.{spec.key}")
        for spec in SPECS:
            self.write_section(spec, data.get(spec.key, []), spec.key)
        for step in self.deferred:
            step()

    def write_section(self, spec: Spec, items: Any, path: str) -> None:
        if not isinstance(items, list):
            self.error(path, "must be a list")
            return
        seen: set[str] = set()
        for index, item in enumerate(items):
            item_path = f"{path}[{item.get('slug', index) if isinstance(item, dict) else index}]"
            if not self.check_keys(spec, item, item_path):
                continue
            slug = item["slug"]
            if slug in seen:
                self.error(f"{item_path}.slug", f"'{slug}' appears twice in {spec.key}")
                continue
            seen.add(slug)
            self.write_row(spec, item, item_path)
            self.on_record()


_INVALID = object()


def load_dataset(
    data: Any,
    *,
    user: Any = None,
    dry_run: bool = False,
    on_record: Callable[[], None] | None = None,
) -> LoadReport:
    """Write a parsed dataset file into the database, all or nothing.

    Raises :class:`DatasetError` listing every problem (and writes nothing).
    With ``dry_run`` everything is checked and reported but rolled back.
    Changes are recorded in the history under ``user``. ``on_record`` is
    called after each top-level record, for a progress bar.
    """
    loader = _Loader(data, user=user, on_record=on_record)
    with transaction.atomic():
        loader.run()
        if loader.errors:
            transaction.set_rollback(True)
            raise DatasetError(loader.errors)
        if dry_run:
            transaction.set_rollback(True)
    return loader.report


def read_file(path: Any) -> Any:
    """Parse a dataset file, turning a JSON syntax error into a :class:`DatasetError`."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from exc
    except OSError as exc:
        raise DatasetError([f"{path}: cannot be read ({exc.strerror})"]) from exc
