"""Deterministic synthetic data for benchmarks and scale tests (never for a real database).

Every row it writes is marked synthetic: record and vocabulary slugs start with
``synthetic-``, names and headlines say "Synthetic", and every citation points at
one source titled :data:`SOURCE_TITLE`. :func:`generate` refuses to write into a
database that holds published records that are not synthetic, unless forced, so
the data cannot end up in the real portal by accident.

Sizes (:data:`SIZES`) follow issue #12: ``small`` is 10,000 events, 1,000
allegations with three accused parties each and 5,000 clauses; ``large`` ten
times that. The same size and seed always give the same rows (timestamps apart).
Rows are written with ``bulk_create`` in batches, so no history rows are made.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from casebook.records import dumpcache
from casebook.records import models as records

PREFIX = "synthetic-"
SOURCE_TITLE = "Synthetic data for benchmarks: not a real source"
ACCUSED_PER_ALLEGATION = 3
CATEGORIES = 10
VERSIONS_PER_DOCUMENT = 10
BATCH = 2000
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 4000  # dates fall between 2015-01-01 and early 2025


@dataclasses.dataclass(frozen=True)
class Size:
    """How many rows of each kind one size writes."""

    events: int
    allegations: int
    clauses: int

    @property
    def parties(self) -> int:
        return max(self.allegations, 50)

    @property
    def versions(self) -> int:
        return max(self.clauses // CATEGORIES, 1)

    @property
    def documents(self) -> int:
        return max(self.versions // VERSIONS_PER_DOCUMENT, 1)

    @property
    def cases(self) -> int:
        return max(self.allegations // 10, 1)


SIZES = {
    "tiny": Size(events=1_000, allegations=100, clauses=500),
    "small": Size(events=10_000, allegations=1_000, clauses=5_000),
    "large": Size(events=100_000, allegations=10_000, clauses=50_000),
}


class RealDataPresent(Exception):
    """The database holds published records that are not synthetic."""


def real_published_count() -> int:
    """How many published records in the database are not synthetic."""
    return sum(
        model.objects.public().exclude(slug__startswith=PREFIX).count()
        for model in records.RECORD_MODELS
    )


def has_synthetic_data() -> bool:
    """Whether synthetic records were already written into this database."""
    return records.Party.objects.filter(slug__startswith=PREFIX).exists()


def _status(index: int) -> dict:
    """Editorial fields for the row at ``index``: mostly published, some draft and retracted."""
    now = timezone.now()
    if index % 20 == 7:
        return {"editorial_status": records.EditorialStatus.DRAFT}
    if index % 50 == 13:
        return {
            "editorial_status": records.EditorialStatus.RETRACTED,
            "published_at": now,
            "retracted_at": now,
            "retraction_note": "Synthetic retraction.",
        }
    return {"editorial_status": records.EditorialStatus.PUBLISHED, "published_at": now}


def _bulk(model: type[models.Model], rows: Iterable[models.Model]) -> list[models.Model]:
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


class _Generator:
    """Writes one size of synthetic data; each ``write_*`` writes one kind of row."""

    def __init__(self, size: Size, seed: int):
        self.size = size
        self.rng = random.Random(seed)

    def day(self) -> datetime.date:
        return FIRST_DAY + datetime.timedelta(days=self.rng.randrange(DAYS))

    def write_vocabularies(self) -> None:
        def terms(model, label, count):
            return _bulk(
                model,
                (
                    model(slug=f"{PREFIX}{label}-{i:02d}", name=f"Synthetic {label} {i:02d}")
                    for i in range(count)
                ),
            )

        self.categories = terms(records.ClauseCategory, "category", CATEGORIES)
        self.topics = terms(records.Topic, "topic", 10)
        self.theories = terms(records.LegalTheory, "theory", 5)
        self.capabilities = terms(records.Capability, "capability", 5)
        self.techniques = terms(records.Technique, "technique", 5)

    def write_parties(self) -> None:
        kinds = list(records.Party.Kind.values)
        self.parties = _bulk(
            records.Party,
            (
                records.Party(
                    slug=f"{PREFIX}party-{i:06d}",
                    name=f"Synthetic Party {i:06d}",
                    short_name=f"Synthetic {i:06d}",
                    kind=kinds[i % len(kinds)],
                    **_status(i),
                )
                for i in range(self.size.parties)
            ),
        )
        self.source = records.Source.objects.create(
            slug=f"{PREFIX}source",
            title=SOURCE_TITLE,
            kind=records.Source.Kind.SECONDARY,
            editorial_status=records.EditorialStatus.PUBLISHED,
            published_at=timezone.now(),
        )

    def party(self) -> records.Party:
        return self.parties[self.rng.randrange(len(self.parties))]

    def write_terms(self) -> None:
        size = self.size
        self.documents = _bulk(
            records.TermsDocument,
            (
                records.TermsDocument(
                    slug=f"{PREFIX}terms-{i:05d}",
                    vendor=self.parties[i % len(self.parties)],
                    title=f"Synthetic terms {i:05d}",
                    kind=records.TermsDocument.Kind.TERMS_OF_USE,
                    **_status(i),
                )
                for i in range(size.documents)
            ),
        )
        versions = _bulk(
            records.TermsVersion,
            (
                records.TermsVersion(
                    document=self.documents[i % len(self.documents)],
                    label=f"Synthetic version {i:06d}",
                    effective_from=FIRST_DAY + datetime.timedelta(days=i),
                )
                for i in range(size.versions)
            ),
        )
        self.clauses = _bulk(
            records.Clause,
            (
                records.Clause(
                    version=versions[i // CATEGORIES],
                    category=self.categories[i % CATEGORIES],
                    section=f"§ {i % CATEGORIES + 1}",
                    text=f"Synthetic clause text {i:06d}: you may not use outputs to train models.",
                )
                for i in range(min(size.clauses, len(versions) * CATEGORIES))
            ),
        )

    def write_allegations(self) -> None:
        venues = list(records.Allegation.Venue.values)
        self.allegations = _bulk(
            records.Allegation,
            (
                records.Allegation(
                    slug=f"{PREFIX}allegation-{i:06d}",
                    title=f"Synthetic allegation {i:06d}",
                    summary="Synthetic summary of a distillation allegation.",
                    accuser=self.party(),
                    made_on=self.day(),
                    venue=venues[i % len(venues)],
                    accounts=self.rng.randrange(1, 100_000),
                    exchanges=self.rng.randrange(1, 10_000_000),
                    **_status(i),
                )
                for i in range(self.size.allegations)
            ),
        )
        rows = []
        for allegation in self.allegations:
            for party in self.rng.sample(self.parties, ACCUSED_PER_ALLEGATION):
                rows.append(
                    records.AccusedParty(
                        allegation=allegation,
                        party=party,
                        conduct="Synthetic conduct.",
                        accounts=self.rng.randrange(1, 10_000),
                    )
                )
        _bulk(records.AccusedParty, rows)
        self.links(records.Allegation.topics.through, "allegation", self.allegations, self.topics)
        kind = ContentType.objects.get_for_model(records.Allegation)
        _bulk(
            records.Citation,
            (
                records.Citation(content_type=kind, object_id=a.pk, source=self.source)
                for a in self.allegations
            ),
        )

    def write_cases(self) -> None:
        courts = self.parties[: max(len(self.parties) // 20, 1)]
        self.cases = _bulk(
            records.Case,
            (
                records.Case(
                    slug=f"{PREFIX}case-{i:05d}",
                    name=f"Synthetic v. Synthetic {i:05d}",
                    court=courts[i % len(courts)],
                    docket_number=f"SYN-{i:05d}",
                    filed_on=self.day(),
                    **_status(i),
                )
                for i in range(self.size.cases)
            ),
        )
        self.guidance = _bulk(
            records.Guidance,
            (
                records.Guidance(
                    slug=f"{PREFIX}guidance-{i:05d}",
                    issuer=courts[i % len(courts)],
                    title=f"Synthetic guidance {i:05d}",
                    document_type=records.Guidance.DocumentType.REPORT,
                    issued_on=self.day(),
                    **_status(i),
                )
                for i in range(max(self.size.cases // 2, 1))
            ),
        )

    def write_events(self) -> None:
        kinds = list(records.Event.Kind.values)
        allegations = self.allegations

        def event(i: int) -> records.Event:
            return records.Event(
                slug=f"{PREFIX}event-{i:07d}",
                date=self.day(),
                kind=kinds[i % len(kinds)],
                headline=f"Synthetic event {i:07d}",
                allegation=allegations[i % len(allegations)] if i % 5 == 0 else None,
                **_status(i),
            )

        events = _bulk(records.Event, (event(i) for i in range(self.size.events)))
        self.links(records.Event.parties.through, "event", events, self.parties, per_row=2)
        self.links(records.Event.topics.through, "event", events, self.topics)

    def links(self, through, name: str, rows: list, targets: list, per_row: int = 1) -> None:
        """``per_row`` many-to-many links from each of ``rows`` to random ``targets``."""
        target = [f.name for f in through._meta.fields if f.name not in ("id", name)][0]
        _bulk(
            through,
            (
                through(**{f"{name}_id": row.pk, f"{target}_id": other.pk})
                for row in rows
                for other in self.rng.sample(targets, per_row)
            ),
        )


def generate(
    size: str | Size = "small",
    *,
    seed: int = 12,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Size:
    """Write synthetic data of a named size (or a :class:`Size`) in one transaction.

    Returns the :class:`Size` written.

    Raises :class:`RealDataPresent` when the database holds published records that
    are not synthetic (unless ``force``), and ``ValueError`` for an unknown size or
    when synthetic data is already there.
    """
    if not isinstance(size, Size):
        if size not in SIZES:
            raise ValueError(f"Unknown size {size!r}; sizes are: {', '.join(SIZES)}.")
        size = SIZES[size]
    real = real_published_count()
    if real and not force:
        raise RealDataPresent(
            f"The database holds {real} published records that are not synthetic; "
            "synthetic data goes into a database of its own (or pass --force)."
        )
    if has_synthetic_data():
        raise ValueError("The database already holds synthetic data; start from an empty one.")
    progress = progress or (lambda step: None)
    generator = _Generator(size, seed)
    with transaction.atomic():
        for step in ("vocabularies", "parties", "terms", "allegations", "cases", "events"):
            progress(step)
            getattr(generator, f"write_{step}")()
        # The rows are bulk-written, past the signals that tell caches the data changed.
        transaction.on_commit(dumpcache.bump)
    return size
