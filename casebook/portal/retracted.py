"""The page every URL of a retracted record answers: ``410 Gone`` with its tombstone."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse

from casebook.records.models import PublishableModel
from casebook.records.registry import record_type
from casebook.records.selectors import tombstone


def retracted_response(request: HttpRequest, record: PublishableModel) -> TemplateResponse:
    """``410 Gone`` for a retracted ``record`` (its page, a revision of it, a version of a
    retracted terms document), showing its tombstone and nothing else of it: its type,
    slug, retraction date and public note, as the API's 410, the feed and the dump do
    (:mod:`casebook.records.selectors.tombstones`). Not its title: that is content of a
    retracted record, which may be why it was retracted, and staff may edit it since.

    Raises ``ValueError`` if ``record`` is not retracted.
    """
    gone = tombstone(record)
    context = {"tombstone": gone, "singular": record_type(gone.type).singular}
    return TemplateResponse(request, "portal/retracted.html", context, status=410)
