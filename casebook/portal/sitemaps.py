"""``sitemap.xml``: an index of sitemaps that together list every public page of the portal.

The index (Django's sitemap index view) names one sitemap per section (the portal's
own pages, then one per record type, then the versions of terms documents), each
split in pages of :data:`PAGE_LIMIT` URLs (``sitemap-events.xml?p=2``), so no
response grows with the database (the protocol allows 50,000 URLs a file;
smaller files answer fast).
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse

from casebook.portal.versions import version_url
from casebook.portal.xmltext import xml_text
from casebook.records import selectors
from casebook.records.registry import RECORD_TYPES_BY_RANK, record_type
from casebook.records.selectors.keptcounts import KeptCountPaginator


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
            *(t.list_url_name for t in RECORD_TYPES_BY_RANK),
        ]

    def location(self, item: str) -> str:
        return xml_text(reverse(item))


#: URLs per sitemap page: each costs about 0.1 ms to render (mostly reverse() and the
#: template). At 100,000 events (make bench SIZE=large) a page of 5,000 took 2.7 s and
#: one of 1,000 took 163 ms at p95 on an idle 2-core machine; 500 stays under 100 ms.
PAGE_LIMIT = 500


class KeptCountSitemap(Sitemap):
    """A sitemap of :data:`PAGE_LIMIT` URLs a page, counted once per version of the data."""

    limit = PAGE_LIMIT

    @property
    def paginator(self) -> KeptCountPaginator:
        return KeptCountPaginator(self._items(), self.limit)


class RecordSitemap(KeptCountSitemap):
    """The pages of the public records of one type, :data:`PAGE_LIMIT` a page."""

    def __init__(self, name: str) -> None:
        self.record_type = record_type(name)

    def items(self) -> QuerySet:
        return selectors.sitemap_records(self.record_type.name)

    def location(self, record) -> str:
        return xml_text(record.get_absolute_url())

    def lastmod(self, record):
        return record.last_changed

    def get_latest_lastmod(self):
        """The index's date for this section (Django's default reads every row): the latest
        of the records' own change days, as :meth:`lastmod` gives each
        (:attr:`PublishableModel.last_changed`: the dataset's day, else the last save's)."""
        return selectors.latest_change_day(self.items())


class TermsVersionSitemap(KeptCountSitemap):
    """The page of every version of a public terms document, :data:`PAGE_LIMIT` a page.

    A version's text is public once its document is (Open Terms Archive publishes it
    too), so its page is listed as CourtListener lists each opinion of a docket.
    """

    def items(self) -> QuerySet:
        return selectors.sitemap_terms_versions()

    def location(self, version) -> str:
        return xml_text(version_url(version))

    def lastmod(self, version) -> datetime.date:
        return version.updated_at.date()

    def get_latest_lastmod(self):
        """The latest change day of any listed version, in one query."""
        return self.items().aggregate(latest=Max(TruncDate("updated_at", tzinfo=datetime.UTC)))[
            "latest"
        ]


#: The sitemap index's sections: the portal's pages, each record type's by rank, then
#: the versions of terms documents.
SITEMAPS = {
    "pages": PagesSitemap(),
    **{t.name: RecordSitemap(t.name) for t in RECORD_TYPES_BY_RANK},
    "terms-versions": TermsVersionSitemap(),
}
