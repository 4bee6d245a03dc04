"""A terms version's own page: its full text, clauses, diff, dates and credit."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from casebook.links import remembered_path
from casebook.portal.retracted import retracted_response
from casebook.portal.versiontext import render_version_text
from casebook.records import selectors
from casebook.records.attribution import ota_attribution
from casebook.records.models import EditorialStatus, TermsVersion
from casebook.records.services import can_preview
from casebook.records.versions import in_force_from, version_date_key


def version_url(version: TermsVersion) -> str:
    """The portal path of a version's page (its document must be loaded or cached)."""
    return remembered_path(
        "portal:terms_version", slug=version.document.slug, key=version_date_key(version)
    )


class TermsVersionView(TemplateView):
    """One version of a terms document, at ``/terms/<document>/versions/<date key>/``.

    Public once its document is published; staff preview it before; 410 once the
    document is retracted; 404 otherwise. An effective date naming an imported
    version (the old form of its key) redirects to the version's own key.
    """

    template_name = "portal/terms_version.html"

    def get(self, request, *args, slug: str, key: str, **kwargs):
        document = get_object_or_404(selectors.terms_document_page_queryset(), slug=slug)
        if document.editorial_status == EditorialStatus.RETRACTED:
            return retracted_response(request, document)
        if not document.is_public and not can_preview(request.user):
            raise Http404("No public record at this address.")
        version = selectors.terms_version_find(document, key)
        if version is None:
            raise Http404("No such version of this document.")
        version.document = document
        if version_date_key(version) != key:
            return HttpResponsePermanentRedirect(version_url(version))
        self.page = selectors.terms_version_page(document, version)
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = self.page
        text = render_version_text(page.version.full_text, page.clauses)
        context.update(
            object=page.document,
            page=page,
            version=page.version,
            preview=not page.document.is_public,
            in_force=in_force_from(page.version),
            attribution=ota_attribution(page.version),
            text=text,
            clauses=[(c, text.anchors.get(c.pk)) for c in page.clauses],
            previous_url=version_url(page.previous) if page.previous else None,
            following_url=version_url(page.following) if page.following else None,
            entry={"diff": page.diff, "diff_complete": page.diff_complete},
        )
        return context
