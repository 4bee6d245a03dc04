"""The Atom feed of published and updated records."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from casebook.portal.recordtypes import recent_public_records, record_type_of
from casebook.portal.xmltext import XMLSafeAtom1Feed
from casebook.records.models import PublishableModel


class LatestRecordsFeed(Feed):
    """The most recently published or updated public records of every type.

    Its text passes :func:`casebook.portal.xmltext.xml_text`: any record title is well-formed XML.
    """

    feed_type = XMLSafeAtom1Feed
    title = "Casebook: published and updated records"
    subtitle = "Records of disputes over AI model distillation, newest changes first."
    link = reverse_lazy("portal:home")
    limit = 50

    def items(self) -> list[PublishableModel]:
        return recent_public_records(self.limit)

    def item_title(self, item: PublishableModel) -> str:
        return f"{record_type_of(item).singular.capitalize()}: {item}"

    def item_description(self, item: PublishableModel) -> str:
        updated = item.updated_at.date().isoformat()
        if item.published_at and item.published_at.date().isoformat() != updated:
            return f"Updated {updated}; first published {item.published_at.date().isoformat()}."
        return f"Published or updated {updated}."

    def item_pubdate(self, item: PublishableModel) -> datetime.datetime:
        return item.published_at or item.created_at

    def item_updateddate(self, item: PublishableModel) -> datetime.datetime:
        return item.updated_at
