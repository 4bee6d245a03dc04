"""Writes that follow the editorial workflow: submit, publish, send back, retract.

Status changes go through these functions only (the admin shows
``editorial_status`` read-only), so every rule is checked on the server:

- draft → in review: anyone who may change the record;
- in review → published, in review → draft (sent back with a comment),
  published → retracted (with a public note): editors, who hold the record
  type's ``publish_<model>`` permission.

Each change is saved through the model, so django-simple-history keeps it as a
revision under the acting user.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Model, OuterRef
from django.utils import timezone

from casebook.records.management.commands.setup_roles import ANALYSTS, EDITORS
from casebook.records.models import Citation, EditorialStatus, PublishableModel, Source

User = AbstractBaseUser | AnonymousUser


class WorkflowError(Exception):
    """A workflow step was refused; ``problems`` says why, in plain words."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


def record_can_publish(*, record: PublishableModel, user: User) -> bool:
    """Whether ``user`` is an editor for this record type (may publish, send back, retract)."""
    opts = record._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def record_can_edit(*, record: PublishableModel, user: User) -> bool:
    """Whether ``user`` may change this record: analysts edit drafts and records in review;
    published and retracted records are changed only by editors."""
    opts = record._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    if record.editorial_status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW):
        return True
    return record_can_publish(record=record, user=user)


def record_can_delete(*, record: PublishableModel) -> bool:
    """Only records that were never public may be deleted; the rest are retracted."""
    return record.editorial_status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW)


#: Plain words for every database constraint; the admin and the dataset loader both
#: use them (tests/records/test_dataset_checks.py checks that none is missing).
#: ``None``: the model's ``clean()`` or a field validator already reports the same
#: problem in plain words, so the constraint's message is dropped.
CONSTRAINT_MESSAGES: dict[str, str | None] = {
    "settlement_amount_not_negative": None,
    "settlement_per_unit_not_negative": None,
    "settlement_preliminary_after_announcement": None,
    "settlement_final_after_preliminary": None,
    "settlement_final_needs_preliminary": None,
    "allegation_conduct_period_in_order": "The alleged conduct cannot end before it begins.",
    "guidance_not_superseded_by_itself": "A document cannot be superseded by itself.",
    "event_belongs_to_at_most_one_record": (
        "An event belongs to at most one record: choose only one of allegation, case,"
        " settlement, guidance or terms document."
    ),
    "citation_unique_source_pinpoint_per_record": (
        "The record already cites this source at this pinpoint."
    ),
    "terms_version_unique_effective_date": (
        "The document already has a version with this effective date."
    ),
    "clause_one_per_category_per_version": "The version already has a clause in this category.",
    "accused_party_once_per_allegation": "This party is already accused in the allegation.",
    "case_unique_docket_per_court": "The court already has a case with this docket number.",
    "case_party_unique_role": "This party already has this role in the case.",
    "terms_document_ota_mapping_all_or_none": (
        "Give the OTA collection, service and terms type together, or none of them."
    ),
    "terms_document_unique_ota_mapping": (
        "Another terms document already takes this OTA collection, service and terms type."
    ),
    "terms_version_unique_record_time": (
        "The document already has a version recorded by OTA at this time."
    ),
    "terms_version_ota_has_record_time": (
        "A version recorded by Open Terms Archive needs its record time."
    ),
    "clause_match_rule_unique": "The category already has this rule.",
    "clause_suggestion_unique": "This passage is already suggested for this category.",
    "clause_suggestion_confirmed_has_clause": (
        "A confirmed suggestion names the clause made from it."
    ),
    "clause_change_proposal_unique": "This change of the clause is already proposed.",
    # Kept by the search index itself (records.searchindex), never by a form.
    "searchentry_one_per_record": "The search index already has an entry for this record.",
}


def plain_validation_error(model: type[Model], error: ValidationError) -> ValidationError:
    """``error`` with each constraint's "Constraint … is violated" replaced by plain words."""
    replacements = {
        str(constraint.get_violation_error_message()): CONSTRAINT_MESSAGES.get(constraint.name, "")
        for constraint in model._meta.constraints
    }
    if not hasattr(error, "error_dict"):
        return error
    cleaned: dict[str, list] = {}
    for field, errors in error.error_dict.items():
        kept = []
        for item in errors:
            message = " ".join(item.messages)
            if message not in replacements:
                kept.append(item)
            elif replacements[message] is not None:
                kept.append(replacements[message] or item)
        if kept:
            cleaned[field] = kept
    return ValidationError(cleaned)


def record_publication_problems(record: PublishableModel) -> list[str]:
    """What keeps ``record`` from being published, in plain words (empty when complete).

    Checks that every required field is filled and the dates are consistent
    (the model's own validation), that a record other than a source cites at
    least one source that is itself published (see :func:`citation_problems`),
    and that the records it must link to (accuser, court, issuer ...) are
    published.
    """
    problems: list[str] = []
    try:
        record.full_clean(validate_unique=False)
    except ValidationError as error:
        for field, messages in plain_validation_error(type(record), error).message_dict.items():
            if field == "__all__":
                problems.extend(messages)
                continue
            label = record._meta.get_field(field).verbose_name
            problems.extend(f"{str(label).capitalize()}: {message}" for message in messages)
    if not isinstance(record, Source):
        problems.extend(citation_problems(record))
    for field in record._meta.concrete_fields:
        linked = getattr(record, field.name) if field.many_to_one and not field.null else None
        if isinstance(linked, PublishableModel) and linked.editorial_status != (
            EditorialStatus.PUBLISHED
        ):
            problems.append(
                f"Its {field.verbose_name} “{linked}” is not published. Publish that first."
            )
    return problems


def citation_problems(record: PublishableModel) -> list[str]:
    """Why ``record``'s citations do not yet support publication, in plain words.

    A record is published only when it cites at least one published source (the rule
    is :func:`cited_sources_problems`'s).
    """
    sources = Source.objects.filter(pk__in=record.citations.values("source_id"))
    return cited_sources_problems(sources)


def cited_sources_problems(sources: Iterable[Source]) -> list[str]:
    """Why citing ``sources`` does not support a published record, in plain words.

    The one home of the rule "a published record cites at least one published
    source", for publishing, for edits of a published record's citations and for the
    dataset's loader. The message names the cited sources that are not published and
    their status: "Cite at least one published source: “X” is a draft." Empty when
    one of ``sources`` is published.
    """
    sources = sorted({source.pk: source for source in sources}.values(), key=_title_order)
    if not sources:
        return ["It cites no source. Add at least one citation."]
    if any(source.is_public for source in sources):
        return []
    states = "; ".join(
        f"“{source}” is {_status_words(source.editorial_status)}" for source in sources
    )
    return [f"Cite at least one published source: {states}."]


def _title_order(source: Source) -> tuple[str, int]:
    return source.title, source.pk


def records_left_unsourced(sources: Iterable[Source]) -> list[PublishableModel]:
    """The published records that cite one of ``sources`` and no other published source:
    those that withdrawing ``sources`` would leave without a published source.

    Three queries (citations, their records by type, none per record). Ordered by
    record type and title, as a refusal lists them.
    """
    sources = list(sources)
    others = Citation.objects.filter(
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
        source__editorial_status=EditorialStatus.PUBLISHED,
    ).exclude(source__in=sources)
    citations = (
        Citation.objects.filter(source__in=sources)
        .filter(~Exists(others))
        .prefetch_related("record")
    )
    records = {
        (type(c.record), c.record.pk): c.record
        for c in citations
        if c.record is not None and c.record.editorial_status == EditorialStatus.PUBLISHED
    }
    return sorted(records.values(), key=lambda r: (r._meta.verbose_name, str(r)))


def _status_words(status: str) -> str:
    return {
        EditorialStatus.DRAFT: "a draft",
        EditorialStatus.IN_REVIEW: "in review",
        EditorialStatus.RETRACTED: "retracted",
    }.get(status, str(status))


#: The staff groups (created by ``setup_roles``) whose members may preview unpublished
#: records on the portal. Superusers count as editors.
PREVIEW_GROUPS = (ANALYSTS, EDITORS)


def can_preview(user: User) -> bool:
    """Whether ``user`` may see draft and in-review records on the portal, under a banner.

    Only active staff in the analyst or editor role (and superusers) may; every
    other visitor, staff included (an administrator, a staff account with no
    role), gets the public's 404.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=PREVIEW_GROUPS).exists()


def record_mark_staff_change(record: PublishableModel) -> None:
    """Clear the dataset's change day (``changed_on``) of ``record``, unsaved: a staff
    change -- its own form, an inline or child row, a workflow step -- makes the
    save's own time the record's "last updated". The one home of that rule; the
    caller saves (with ``changed_on`` among any ``update_fields``).
    """
    record.changed_on = None


def _set_status(
    *, record: PublishableModel, user: User, status: str, change_reason: str, **fields
) -> PublishableModel:
    record.editorial_status = status
    record_mark_staff_change(record)
    for name, value in fields.items():
        setattr(record, name, value)
    record._history_user = user
    record._change_reason = change_reason
    record.save()
    return record


def _check_status(record: PublishableModel, allowed: tuple[str, ...], action: str) -> None:
    if record.editorial_status not in allowed:
        states = " or ".join(EditorialStatus(status).label.lower() for status in allowed)
        current = record.get_editorial_status_display().lower()
        raise WorkflowError(
            f"Only a record that is {states} can be {action}; this one is {current}."
        )


@transaction.atomic
def record_submit_for_review(*, record: PublishableModel, user: User) -> PublishableModel:
    """Move a draft to review, so that an editor can check and publish it."""
    _check_status(record, (EditorialStatus.DRAFT,), "submitted for review")
    if not record_can_edit(record=record, user=user):
        raise WorkflowError("You may not change this record, so you cannot submit it.")
    return _set_status(
        record=record,
        user=user,
        status=EditorialStatus.IN_REVIEW,
        change_reason="Submitted for review",
    )


@transaction.atomic
def record_publish(*, record: PublishableModel, user: User) -> PublishableModel:
    """Publish a record in review after checking it is complete; the first time sets
    ``published_at``."""
    if not record_can_publish(record=record, user=user):
        raise WorkflowError("Only an editor can publish a record.")
    _check_status(record, (EditorialStatus.IN_REVIEW,), "published")
    problems = record_publication_problems(record)
    if problems:
        raise WorkflowError(problems)
    return _set_status(
        record=record,
        user=user,
        status=EditorialStatus.PUBLISHED,
        change_reason="Published",
        published_at=record.published_at or timezone.now(),
        review_note="",
    )


@transaction.atomic
def record_send_back(*, record: PublishableModel, user: User, comment: str) -> PublishableModel:
    """Return a record in review to its author as a draft, with the editor's comment."""
    if not record_can_publish(record=record, user=user):
        raise WorkflowError("Only an editor can send a record back.")
    _check_status(record, (EditorialStatus.IN_REVIEW,), "sent back")
    if not comment.strip():
        raise WorkflowError("Say what needs to change: the comment is empty.")
    return _set_status(
        record=record,
        user=user,
        status=EditorialStatus.DRAFT,
        change_reason="Sent back for changes",
        review_note=comment.strip(),
    )


@transaction.atomic
def record_retract(*, record: PublishableModel, user: User, note: str) -> PublishableModel:
    """Withdraw a published record; its URL then shows only the public retraction note.

    Sets ``retracted_at`` (now), which the API's tombstones, the feed and the
    dump report with the note.
    """
    if not record_can_publish(record=record, user=user):
        raise WorkflowError("Only an editor can retract a record.")
    _check_status(record, (EditorialStatus.PUBLISHED,), "retracted")
    if not note.strip():
        raise WorkflowError("Write the public retraction note: it is empty.")
    if isinstance(record, Source):
        _check_source_not_sole_support(record)
    return _set_status(
        record=record,
        user=user,
        status=EditorialStatus.RETRACTED,
        change_reason="Retracted",
        retraction_note=note.strip(),
        retracted_at=timezone.now(),
    )


#: How many of the records a refusal names before it says how many more there are.
NAMED_RECORDS = 10


def _check_source_not_sole_support(source: Source) -> None:
    """Refuse to withdraw ``source`` while a published record cites no other published one."""
    unsourced = records_left_unsourced([source])
    if not unsourced:
        return
    named = "; ".join(f"{r._meta.verbose_name} “{r}”" for r in unsourced[:NAMED_RECORDS])
    more = len(unsourced) - NAMED_RECORDS
    tail = f"; and {more} more" if more > 0 else ""
    raise WorkflowError(
        f"{len(unsourced)} published record(s) cite no other published source: {named}{tail}. "
        "Cite another published source for each (or retract them) first."
    )


def record_revise(*, record: PublishableModel, user: User) -> PublishableModel:
    """Write a new revision of ``record`` because its child rows are about to change.

    A record's revision (its history row, the citation permalink ``rev/<n>/``)
    shows the child rows -- citations, accused rows, holdings, case parties,
    versions and clauses -- as they stood until the record's next revision
    (:mod:`casebook.records.selectors.revisions`). Call this *before* changing child rows
    whose record is otherwise left unchanged, so the change opens a new revision
    instead of rewriting a cited one. Moves ``updated_at``: the record as the
    public reads it changes, and clears the dataset's change day
    (:func:`record_mark_staff_change`).
    """
    record._history_user = user
    record._change_reason = "Rows of the record changed"
    record_mark_staff_change(record)
    record.save(update_fields=["updated_at", "changed_on"])
    return record
