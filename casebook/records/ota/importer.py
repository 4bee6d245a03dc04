"""Writing Open Terms Archive versions into Casebook terms versions.

Which OTA documents feed which Casebook terms documents is data: the OTA
collection, service and terms type on :class:`~casebook.records.models.TermsDocument`.
For each mapped document, every version OTA recorded becomes a
:class:`~casebook.records.models.TermsVersion` (``origin="ota"``), found again
by its record time, so a run is idempotent and a newer source adds only what is
new. A technical upgrade replaces the text of the version it upgrades and
creates nothing.

Rules kept here:

- The effective date is only ever the one the text states
  (:mod:`casebook.records.ota.effective`), never the record time. It is read
  when a version is created or its text changes; an unchanged text keeps the
  date an analyst may have corrected. After a technical upgrade whose text
  states no date, the date the recorded text stated holds.
- A release knows no commits: importing one never clears the commit and
  permalink a repository import gave a version.
- Versions are never deleted: a source may be older or partial.
- Two records of one document at the same second (two commits of one fetch)
  are one version with the later text.

The whole run is one transaction: everything is read and checked first, any
problem raises :class:`ImportProblem` and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casebook.records.clauses.services import versions_process
from casebook.records.models import DatePrecision, TermsDocument, TermsVersion
from casebook.records.ota.effective import numeric_order_hint, read_effective_date
from casebook.records.ota.reader import RecordedVersion, Source, normalise_collection
from casebook.records.searchindex import batched_reindex

#: The fields an import writes on a terms version, and compares for idempotence.
TEXT_FIELDS = ("full_text", "ota_commit", "ota_permalink", "ota_release_path")
DATE_FIELDS = ("effective_from", "effective_from_precision", "label")


class ImportProblem(Exception):
    """The import cannot be written; ``problems`` lists each, naming document and version."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    """What a run did (or, for a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    upgrades: int = 0
    #: (service, terms type) → number of versions, for OTA documents no terms document maps.
    unmapped: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Terms documents mapped to this collection that the source does not hold.
    missing: list[str] = field(default_factory=list)
    #: Versions created or whose text changed: clause suggestions run on these.
    touched: list[TermsVersion] = field(default_factory=list)
    #: What the clause suggestions and carry-over wrote (see :mod:`casebook.records.clauses`).
    clauses: Any = None

    def lines(self) -> list[str]:
        """One line per created or changed version."""
        return [f"create    {label}" for label in self.created] + [
            f"change    {label}" for label in self.changed
        ]

    def summary(self, *, dry_run: bool = False) -> str:
        """One sentence of counts; with ``dry_run`` it says what *would* be done."""
        would = "would be " if dry_run else ""
        return (
            f"{len(self.created)} version(s) {would}created, {len(self.changed)} {would}changed, "
            f"{self.unchanged} unchanged; {self.upgrades} technical upgrade(s) {would}applied "
            f"to existing text; {len(self.unmapped)} unmapped OTA document(s)"
        )


@dataclass
class _Target:
    """The state a terms version should have after the run."""

    recorded: RecordedVersion
    text: str
    commit: str
    permalink: str
    upgrades: int = 0


def import_source(
    source: Source,
    *,
    user: Any = None,
    dry_run: bool = False,
    on_version: Callable[[], None] | None = None,
) -> ImportReport:
    """Write a read source's versions into the mapped terms documents, all or nothing.

    Raises :class:`ImportProblem` (nothing written) when the source names no
    collection or a version fails the model's checks. With ``dry_run`` the
    report is made and everything rolled back. History rows carry ``user``.
    ``on_version`` is called once per version in the source, for a progress bar.
    """
    documents = _mapped_documents(source)
    groups: dict[tuple[str, str], list[RecordedVersion]] = defaultdict(list)
    for version in source.versions:
        groups[(version.service, version.terms_type)].append(version)

    report = ImportReport()
    problems: list[str] = []
    orders: dict[str, str | None] = {}
    with transaction.atomic(), batched_reindex():  # the search index, once at the end
        for key, versions in sorted(groups.items()):
            document = documents.get(key)
            if document is None:
                report.unmapped[key] = sum(not v.technical_upgrade for v in versions)
            else:
                if key[0] not in orders:
                    orders[key[0]] = numeric_order_hint(
                        v.text for k, vs in groups.items() if k[0] == key[0] for v in vs
                    )
                order = orders[key[0]]
                _import_document(source, document, versions, order, user, report, problems)
            for _ in versions:
                if on_version:
                    on_version()
        report.missing = sorted(
            f"{doc.slug} ({service} / {terms_type})"
            for (service, terms_type), doc in documents.items()
            if (service, terms_type) not in groups
        )
        if problems:
            transaction.set_rollback(True)
            raise ImportProblem(problems)
        report.clauses = versions_process(versions=report.touched)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _mapped_documents(source: Source) -> dict[tuple[str, str], TermsDocument]:
    """The terms documents mapped to the source's collection, by (service, terms type).

    Raises :class:`ImportProblem` when the source names no collection.
    """
    if not source.collection:
        raise ImportProblem(
            [
                f"{source.location}: cannot tell which OTA collection this is (its README "
                "links no *-versions repository); name it with --collection"
            ]
        )
    collection = normalise_collection(source.collection)
    return {
        (doc.ota_service, doc.ota_terms_type): doc
        for doc in TermsDocument.objects.exclude(ota_service="").select_related("vendor")
        if normalise_collection(doc.ota_collection) == collection
    }


def _targets(source: Source, versions: list[RecordedVersion]) -> tuple[list[_Target], list[str]]:
    """The vendor's versions, each with its text after any technical upgrades."""
    targets: list[_Target] = []
    orphans = []
    for version in versions:
        if version.technical_upgrade:
            if not targets:
                orphans.append(version.commit or version.release_path)
                continue
            current = targets[-1]
            current.text = version.text
            current.commit = version.commit
            current.permalink = source.permalink(version)
            current.upgrades += 1
        elif targets and targets[-1].recorded.recorded_at == version.recorded_at:
            # Two commits of one fetch (a document assembled from several pages, as
            # Murf's privacy policy on 2023-11-03): the later text is the record's.
            current = targets[-1]
            current.text = version.text
            current.commit = version.commit
            current.permalink = source.permalink(version)
        else:
            targets.append(
                _Target(version, version.text, version.commit, source.permalink(version))
            )
    return targets, orphans


def _import_document(source, document, versions, order, user, report, problems) -> None:
    targets, orphans = _targets(source, versions)
    for orphan in orphans:
        problems.append(
            f"{document.slug}: technical upgrade {orphan} comes before any recorded version"
        )
    existing = {v.recorded_at: v for v in document.versions.filter(recorded_at__isnull=False)}
    for target in targets:
        recorded_at = target.recorded.recorded_at
        where = f"{document.slug} recorded {recorded_at:%Y-%m-%d %H:%M:%S} UTC"
        version = existing.get(recorded_at)
        if version is None:
            version = TermsVersion(
                document=document, origin=TermsVersion.Origin.OTA, recorded_at=recorded_at
            )
        elif version.origin != TermsVersion.Origin.OTA:
            problems.append(f"{where}: a hand-entered version already has this record time")
            continue
        created = version.pk is None
        before = {name: getattr(version, name) for name in TEXT_FIELDS + DATE_FIELDS}
        version.full_text = target.text
        if source.kind == "repository":
            version.ota_commit = target.commit
            version.ota_permalink = target.permalink
        else:
            version.ota_release_path = target.recorded.release_path
        if created or before["full_text"] != version.full_text:
            _set_effective_date(version, order, target.recorded.text)
        after = {name: getattr(version, name) for name in TEXT_FIELDS + DATE_FIELDS}
        if not created and after == before:
            report.unchanged += 1
            continue
        if not _save(version, user, where, problems):
            continue
        if created or before["full_text"] != after["full_text"]:
            report.upgrades += target.upgrades
            report.touched.append(version)
        described = f"{where}: {version.label or 'no stated date'}"
        if created:
            report.created.append(described)
        else:
            changed = ", ".join(n for n in after if after[n] != before[n])
            report.changed.append(f"{described} ({changed})")


def _set_effective_date(version: TermsVersion, order: str | None, recorded_text: str) -> None:
    """The date the text states, or none: never the record time.

    A technical upgrade changes how OTA extracts the vendor's text, not the
    text: when the upgraded text states no date (a failed extraction, e.g.
    "Redirecting to legal.mistral.ai"), the date the recorded text stated holds.
    """
    stated = read_effective_date(version.full_text, order) or read_effective_date(
        recorded_text, order
    )
    label_field = TermsVersion._meta.get_field("label")
    version.label = stated.statement[: label_field.max_length] if stated else ""
    if stated is None or stated.date is None:
        version.effective_from = None
        version.effective_from_precision = DatePrecision.DAY
    else:
        version.effective_from = stated.date
        version.effective_from_precision = stated.precision


def _save(version: TermsVersion, user, where: str, problems: list[str]) -> bool:
    """Check the fields and save; a problem is listed, not raised.

    The table's constraints are left to the database (one version per record
    time is how versions are found again): a query per constraint and version
    made a full collection's import several times slower.
    """
    try:
        version.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            problems.extend(f"{where}: {name}: {message}" for message in messages)
        return False
    version._history_user = user
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as exc:
        problems.append(f"{where}: conflicts with a database rule ({exc})")
        return False
    return True
