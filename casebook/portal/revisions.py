"""A record's page as of one of its public revisions: the citation permalink.

``<record url>rev/<n>/`` shows what a reader cited: the record's fields, its
vocabularies and its child rows as of revision ``n``
(:mod:`casebook.records.selectors.revisions` says exactly what is frozen), under a banner
that links to the current version once the record has changed. The page follows
the record's own rule: 410 for a retracted record, 404 for one that is not
public, and 404 for a revision saved while the record was not yet published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.generic import View

from casebook.portal.citing import record_citation
from casebook.portal.retracted import retracted_response
from casebook.portal.templatetags.portal import markdown, precise_date, qualified, record_link
from casebook.records import selectors
from casebook.records.models import EditorialStatus, PublishableModel
from casebook.records.registry import record_type
from casebook.records.selectors import record_revision_get, record_revision_latest_number

#: Fields a reader never sees on a revision: workflow, internal notes, row bookkeeping.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "slug",
        "editorial_status",
        "published_at",
        "retraction_note",
        "retracted_at",
        "review_note",
        "created_at",
        "updated_at",
        "caveats",
        "content_type",
        "object_id",
        # A terms version's import provenance and full text: the record page and the
        # record's API answer leave them out, so its revision does too.
        "origin",
        "recorded_at",
        "full_text",
        "ota_commit",
        "ota_permalink",
        "ota_release_path",
    }
)
#: Free-text fields written in Markdown by analysts (rendered through nh3).
MARKDOWN_FIELDS = frozenset({"summary", "description", "terms_summary"})
#: Child relations shown on a revision page, with their headings, by record model name.
CHILD_SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "allegation": (("accused", "Accused parties"),),
    "case": (("case_parties", "Parties"),),
    "guidance": (("holdings", "Holdings"),),
    "termsdocument": (("versions", "Versions"),),
    "termsversion": (("clauses", "Clauses"),),
}


def revision_url(record: PublishableModel, number: int) -> str:
    """The portal permalink of revision ``number`` of ``record``: ``<record url>rev/<n>/``."""
    return reverse(
        f"{record.portal_url_name}_revision", kwargs={"slug": record.slug, "number": number}
    )


def current_permalink(record: PublishableModel) -> str:
    """The permalink to cite for ``record`` as it is now: its latest public revision.

    The record's own URL when it has no public revision (a staff preview).
    """
    number = record_revision_latest_number(record)
    return revision_url(record, number) if number is not None else record.get_absolute_url()


@dataclass(frozen=True)
class Fact:
    """One labelled value of a revision, ready for the page (``value`` is safe HTML)."""

    label: str
    value: SafeString | str


@dataclass(frozen=True)
class ChildSection:
    """A heading and the rows under it, each row a list of facts and its own sections."""

    heading: str
    rows: list[tuple[list[Fact], list[ChildSection]]]


def _display(obj: models.Model, field: models.Field, names: set[str]) -> SafeString | str:
    value = getattr(obj, field.name)
    if field.name in MARKDOWN_FIELDS:
        return markdown(value)
    if field.is_relation:
        if value is None:
            return "—"
        return record_link(value) if isinstance(value, PublishableModel) else str(value)
    if f"{field.name}_precision" in names:
        return precise_date(value, getattr(obj, f"{field.name}_precision"))
    if f"{field.name}_qualifier" in names:
        return qualified(value, getattr(obj, f"{field.name}_qualifier"))
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if value in (None, ""):
        return "—"
    return str(value)


def revision_facts(obj: models.Model, *, skip: frozenset[str] = frozenset()) -> list[Fact]:
    """The reader-facing fields of ``obj`` (a revision's record or child row), in model order.

    A date's precision and a figure's qualifier are merged into the value they
    qualify; linked records that are not public are named "[record not public]".
    """
    opts = obj._meta
    names = {f.name for f in opts.concrete_fields}
    facts = []
    for field in opts.concrete_fields:
        name = field.name
        if name in HIDDEN_FIELDS or name in skip or name.endswith(("_precision", "_qualifier")):
            continue
        if getattr(field, "auto_created", False) or field.primary_key:
            continue
        facts.append(Fact(str(field.verbose_name).capitalize(), _display(obj, field, names)))
    for field in opts.many_to_many:
        items = [
            record_link(i) if isinstance(i, PublishableModel) else str(i)
            for i in getattr(obj, field.name).all()
        ]
        joined = format_html(", ".join(["{}"] * len(items)), *items) if items else "—"
        facts.append(Fact(str(field.verbose_name).capitalize(), joined))
    return facts


def revision_sections(obj: models.Model) -> list[ChildSection]:
    """The frozen child rows of ``obj`` (accused rows, holdings, versions and clauses ...)."""
    sections = []
    for relation, heading in CHILD_SECTIONS.get(obj._meta.model_name, ()):
        rows = list(getattr(obj, relation).all())
        # The row's link back to ``obj`` says nothing the page does not.
        child = obj._meta.get_field(relation).related_model
        skip = frozenset(
            f.name for f in child._meta.concrete_fields if f.related_model is type(obj)
        )
        sections.append(
            ChildSection(
                heading, [(revision_facts(row, skip=skip), revision_sections(row)) for row in rows]
            )
        )
    return sections


class RecordRevisionView(View):
    """Revision ``number`` of a public record, as cited (see the module docstring)."""

    record_type: str = ""

    def get(self, request, slug: str, number: int):
        model = record_type(self.record_type).model
        record = selectors.record_by_slug(model, slug)
        if record is None:
            raise Http404("No record at this address.")
        if record.editorial_status == EditorialStatus.RETRACTED:
            return retracted_response(request, record)
        revision = record_revision_get(record, number)
        if revision is None:
            raise Http404("No public revision of this record has that number.")
        permalink = request.build_absolute_uri(revision_url(record, revision.number))
        context: dict[str, Any] = {
            "record": record,
            "record_type": record_type(self.record_type),
            "revision": revision,
            "facts": revision_facts(revision.record),
            "sections": revision_sections(revision.record),
            "citations": list(revision.record.citations.all()),
            "cite": record_citation(
                revision.record,
                permalink=permalink,
                retrieved=timezone.localdate(),
                revised=revision.date,
            ),
        }
        return TemplateResponse(request, "portal/revision.html", context)
