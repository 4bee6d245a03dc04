"""Keys and links of terms versions and clauses in the API: stable ids, API and portal
URLs (see :mod:`casebook.records.versions` for the keys' rule)."""

from __future__ import annotations

from casebook.api.serializers.base import public_or_none
from casebook.links import keyed_url, remembered_path
from casebook.records.models import Clause, TermsVersion
from casebook.records.versions import version_date_key, version_key


def clause_key(clause: Clause) -> str:
    """Stable id of a clause: ``<version key>/<category>``."""
    return f"{version_key(clause.version)}/{clause.category.slug}"


#: The URL name of the terms-versions list (``versions_url`` filters it by document).
VERSIONS_LIST = "api:terms-version-list"


def absolute_url(request, path: str) -> str:
    """``path`` as an absolute URL on the request's host, or as it is without a request."""
    return request.build_absolute_uri(path) if request else path


def version_api_url(request, version: TermsVersion) -> str:
    document, date = version_key(version).split("/")
    path = remembered_path("api:terms-version-detail", document=document, date=date)
    return absolute_url(request, path)


def clause_api_url(request, clause: Clause) -> str:
    document, date = version_key(clause.version).split("/")
    return keyed_url(
        request, "api:clause-detail", "category", clause.category.slug, document=document, date=date
    )


def version_portal_url(request, version: TermsVersion) -> str | None:
    """The version's own portal page (null if its document is not public)."""
    if public_or_none(version.document) is None:
        return None
    path = remembered_path(
        "portal:terms_version", slug=version.document.slug, key=version_date_key(version)
    )
    return absolute_url(request, path)
