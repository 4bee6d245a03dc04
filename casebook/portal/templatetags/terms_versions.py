"""Template filters for terms versions: their page, since when in force, their OTA credit.

``{% load terms_versions %}``, then ``{{ version|version_url }}``,
``{{ version|version_link }}``, ``{{ version|in_force_display }}``,
and ``{% with credit=version|ota_credit %}``.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from casebook.portal.versions import version_url as _version_url
from casebook.records.attribution import Attribution, ota_attribution
from casebook.records.models import TermsVersion
from casebook.records.versions import in_force_from, version_date_key

register = template.Library()


@register.filter
def version_url(version: TermsVersion | None) -> str:
    """The portal path of the version's page; "" when its document is not public."""
    if version is None or not version.document.is_public:
        return ""
    return _version_url(version)


@register.filter
def in_force_display(version: TermsVersion | None) -> str:
    """ "effective from 2 January 2025", "observed in force from 8 January 2025", or the
    version's own label when neither is known."""
    if version is None:
        return ""
    start = in_force_from(version)
    return start.display if start else version.effective_display


@register.filter
def ota_credit(version: TermsVersion | None) -> Attribution | None:
    """The Open Terms Archive credit of an imported version; None for others."""
    return ota_attribution(version) if version is not None else None


@register.filter
def version_key(version: TermsVersion) -> str:
    """The date part of a version's key, for ``{% url 'portal:terms_version' %}``."""
    return version_date_key(version)


@register.filter
def version_link(version: TermsVersion) -> SafeString:
    """The version named for a sentence ("version in force from 3 March 2024"), linked to
    its page when its document is public, plain text otherwise."""
    url = version_url(version)
    if not url:
        return format_html("{}", version.in_force_display)
    return format_html('<a href="{}">{}</a>', url, version.in_force_display)
