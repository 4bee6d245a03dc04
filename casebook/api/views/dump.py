"""Everything published in one file, in the export_casebook format."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from casebook.api.renderers import JSONRenderer
from casebook.api.views.base import LIST_ERRORS, CasebookAPIMixin
from casebook.records import dumpcache, selectors
from casebook.records.dataset.format import buffered, iter_dumps


class DumpView(CasebookAPIMixin, APIView):
    """The whole published dataset as one JSON file, in the format of export_casebook."""

    renderer_classes = [JSONRenderer]

    def allowed_parameters(self) -> set[str]:
        return {"format"}

    @extend_schema(
        summary="Download the whole published dataset",
        description="Every published record in one JSON file, in the dataset format of "
        "`export_casebook` (docs/dataset-format.md). Drafts, records in review and "
        "retracted records are left out, and so are links to them. The `retracted` section "
        "lists the retracted records of each type, by slug, with the date and note of the "
        'retraction and nothing else: `{"allegations": [{"slug": …, '
        '"retracted_at": …, "note": …}], …}`. The `ota_versions` section lists the published '
        "versions recorded by Open Terms Archive (without their full text, which is at each "
        "version's API URL), each with its `attribution` (ODC-BY 1.0).",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The dataset file."),
            **LIST_ERRORS,
        },
    )
    def get(self, request):
        # Streamed, and built once per version of the data (see records/dumpcache.py): the
        # version is known before any row is read, so a client holding it gets a 304.
        version = dumpcache.data_version()
        etag = f'"{version}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        response = StreamingHttpResponse(
            dumpcache.cached("dump", version, public_dump),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="casebook.json"'
        response["ETag"] = etag
        return response


def public_dump() -> Iterator[bytes]:
    """The published dataset and its extra sections, as UTF-8 chunks, row by row.

    What is read is :func:`casebook.records.selectors.public_dump_sections`; this
    writes it in the dataset file's own layout.
    """
    return buffered(iter_dumps(selectors.public_dump_sections()))
