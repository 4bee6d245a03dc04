"""The Atom feed of published, updated and retracted records."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy

from casebook.portal.recordtypes import (
    RECORD_TYPES,
    last_changed_time,
    recent_public_records,
    record_type_of,
)
from casebook.portal.xmltext import XMLSafeAtom1Feed
from casebook.records.models import PublishableModel
from casebook.records.tombstones import Tombstone, recent_tombstones

FeedItem = PublishableModel | Tombstone


class LatestRecordsFeed(Feed):
    """The most recently published or updated public records of every type, and retractions.

    A retraction is a tombstone entry: its title says "Retracted", its summary is
    the public retraction note, and it carries nothing else of the record. Its
    link (and so its Atom id) is the record's URL, so a reader replaces the entry
    it had for the record. Every text passes :func:`casebook.portal.xmltext.xml_text`,
    so any record title is well-formed XML.
    """

    feed_type = XMLSafeAtom1Feed
    title = "Casebook: published, updated and retracted records"
    subtitle = "Records of disputes over AI model distillation, newest changes first."
    link = reverse_lazy("portal:home")
    limit = 50

    def items(self) -> list[FeedItem]:
        items: list[FeedItem] = [
            *recent_public_records(self.limit),
            *recent_tombstones(self.limit),
        ]
        items.sort(key=self.item_updateddate, reverse=True)
        return items[: self.limit]

    def item_title(self, item: FeedItem) -> str:
        if isinstance(item, Tombstone):
            return f"Retracted {RECORD_TYPES[item.type].singular}: {item.slug}"
        return f"{record_type_of(item).singular.capitalize()}: {item}"

    def item_link(self, item: FeedItem) -> str:
        if isinstance(item, Tombstone):
            return reverse(item.model.portal_url_name, kwargs={"slug": item.slug})
        return item.get_absolute_url()

    def item_description(self, item: FeedItem) -> str:
        if isinstance(item, Tombstone):
            date = item.retracted_at.date().isoformat()
            return f"Retracted {date}. {item.note}".strip()
        updated = item.last_changed.isoformat()
        # (a load publishes with the load's time but keeps the file's change day: say only
        # "first published" when that came before the last change)
        if item.published_at and item.published_at.date().isoformat() < updated:
            return f"Updated {updated}; first published {item.published_at.date().isoformat()}."
        return f"Published or updated {updated}."

    def item_pubdate(self, item: FeedItem) -> datetime.datetime:
        if isinstance(item, Tombstone):
            return item.retracted_at
        return item.published_at or item.created_at

    def item_updateddate(self, item: FeedItem) -> datetime.datetime:
        if isinstance(item, Tombstone):
            return item.retracted_at
        return last_changed_time(item)
