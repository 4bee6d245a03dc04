"""How a reader cites a Casebook record: plain text and BibTeX."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from casebook.records.models import PublishableModel, format_date
from casebook.records.registry import record_type_of


@dataclass(frozen=True)
class RecordCitation:
    """A record's citation in plain text and BibTeX, for the "Cite this" box."""

    text: str
    bibtex: str
    #: The URL cited: the revision's permalink where the record has one.
    permalink: str = ""


def _bibtex_escape(value: str) -> str:
    """Escape the characters BibTeX treats specially inside a braced field."""
    return re.sub(r"([{}\\%&$#_])", r"\\\1", value)


def record_citation(
    record: PublishableModel,
    *,
    permalink: str,
    retrieved: datetime.date,
    revised: datetime.datetime | None = None,
) -> RecordCitation:
    """Cite ``record`` at ``permalink``, as read on ``retrieved`` (the access date).

    ``permalink`` should be the revision's permalink (``<record url>rev/<n>/``), so
    the citation keeps pointing at the text read; ``revised`` is when that
    revision was saved (default: the record's ``updated_at``). The record type is named
    by its :attr:`~casebook.records.registry.RecordType.label` ("Terms document").
    Raises :class:`~casebook.records.registry.UnknownRecordType` for a row that is not
    a public record type.
    """
    title = str(record)
    label = record_type_of(record).label
    # The dataset's own change day when the record carries one (a load is not a change),
    # else the day the cited revision was saved.
    changed_on = getattr(record, "changed_on", None)
    changed = revised or record.updated_at
    if changed_on is not None:
        updated = changed_on
    else:
        updated = timezone.localdate(changed) if changed else retrieved
    text = (
        f"“{title}”. Casebook, {label.lower()} record “{record.slug}”, "
        f"version of {format_date(updated)}. {permalink} (retrieved {format_date(retrieved)})."
    )
    key = "casebook-" + re.sub(r"[^a-z0-9]+", "-", record.slug.lower()).strip("-")
    bibtex = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{_bibtex_escape(title)}}},",
            "  author = {{Casebook}},",
            f"  howpublished = {{\\url{{{permalink}}}}},",
            f"  year = {{{updated.year}}},",
            f"  urldate = {{{retrieved.isoformat()}}},",
            f"  note = {{{label} record; version of {updated.isoformat()}; "
            f"retrieved {retrieved.isoformat()}}},",
            "}",
        ]
    )
    return RecordCitation(text=text, bibtex=bibtex, permalink=permalink)
