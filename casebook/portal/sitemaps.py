"""``sitemap.xml``: every public page of the portal."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from casebook.portal.recordtypes import RECORD_TYPES
from casebook.portal.xmltext import xml_text


class PagesSitemap(Sitemap):
    """The portal's own pages: home, lists, timeline, comparisons, search, methodology."""

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:timeline",
            "portal:terms_matrix",
            "portal:compare",
            "portal:search",
            "portal:methodology",
            *(t.list_url_name for t in RECORD_TYPES.values()),
        ]

    def location(self, item: str) -> str:
        return xml_text(reverse(item))


class RecordSitemap(Sitemap):
    """The pages of the public records of one type."""

    def __init__(self, record_type: str) -> None:
        self.model = RECORD_TYPES[record_type].model

    def items(self) -> QuerySet:
        return self.model.objects.public().order_by("pk")

    def location(self, record) -> str:
        return xml_text(record.get_absolute_url())

    def lastmod(self, record):
        return record.last_changed


SITEMAPS = {"pages": PagesSitemap(), **{key: RecordSitemap(key) for key in RECORD_TYPES}}
