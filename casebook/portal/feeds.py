"""The Atom feed of published, updated and retracted records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy

from casebook.portal.recordtypes import first_published_time, last_changed_time
from casebook.portal.xmltext import XMLSafeAtom1Feed
from casebook.records import selectors
from casebook.records.models import PublishableModel
from casebook.records.registry import record_type, record_type_of
from casebook.records.selectors import TimelineEntry, Tombstone, recent_tombstones

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
            *selectors.recent_public_records(self.limit),
            *recent_tombstones(self.limit),
        ]
        items.sort(key=self.item_updateddate, reverse=True)
        return items[: self.limit]

    def item_title(self, item: FeedItem) -> str:
        if isinstance(item, Tombstone):
            return f"Retracted {record_type(item.type).singular}: {item.slug}"
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
        return first_published_time(item)

    def item_updateddate(self, item: FeedItem) -> datetime.datetime:
        if isinstance(item, Tombstone):
            return item.retracted_at
        return last_changed_time(item)


# --------------------------------------------------------------------------
# Topic feeds: any filtered list or timeline as Atom (``?format=atom``)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedOf:
    """What a topic feed shows: its title, the page it follows and its entries (newest first)."""

    title: str
    link: str
    items: list


class FilteredRecordsFeed(LatestRecordsFeed):
    """A filtered record list as Atom: the list's own records, most recently changed first.

    The records come from the list view's own filterset and queryset (the same
    public rule, the same filters, validated the same way). Entries are the
    records as in the site feed: the record's URL is the entry's id, and its
    ``updated`` is the record's own change time, as is the feed's.
    """

    def get_object(self, request, *args, **kwargs) -> FeedOf:
        return kwargs["feed_of"]

    def title(self, obj: FeedOf) -> str:
        return f"Casebook: {obj.title}"

    def subtitle(self, obj: FeedOf) -> str:
        return "Public records matching these filters, most recently changed first."

    def link(self, obj: FeedOf) -> str:
        return obj.link

    def items(self, obj: FeedOf) -> list:
        return obj.items[: self.limit]

    def newest_first(self, item) -> Any:
        """The sort key of :func:`feed_response` (descending): the entry's change time."""
        return self.item_updateddate(item)


class TimelineFeed(FilteredRecordsFeed):
    """A filtered timeline as Atom: one entry per dated fact, its record's change time as
    ``updated``, and an id that names the fact (``<record url>#<entry key>``), stable
    across edits."""

    def item_title(self, item: TimelineEntry) -> str:
        return f"{item.date_display}: {item.headline}"

    def item_link(self, item: TimelineEntry) -> str:
        return item.record.get_absolute_url()

    def item_guid(self, item: TimelineEntry) -> str:
        return f"{self._site_url}{item.record.get_absolute_url()}#{item.key}"

    def item_description(self, item: TimelineEntry) -> str:
        # The entry's type as the timeline's badge names it ("Event", "Allegation"), not
        # its internal kind code ("event:publication").
        label = item.record_type.replace("_", " ").capitalize()
        return f"{label}, {item.date_display}. {item.headline}"

    def item_pubdate(self, item: TimelineEntry) -> datetime.datetime:
        return first_published_time(item.record)

    def item_updateddate(self, item: TimelineEntry) -> datetime.datetime:
        return last_changed_time(item.record)

    def newest_first(self, item: TimelineEntry) -> tuple:
        """Most recently changed first; among entries changed at the same time (a dataset
        load gives many the same day), the latest dated fact first."""
        return (last_changed_time(item.record), item.date, item.key)

    def get_feed(self, obj, request):
        self._site_url = request.build_absolute_uri("/").rstrip("/")
        return super().get_feed(obj, request)


def feed_response(feed_class: type[FilteredRecordsFeed], request, feed_of: FeedOf):
    """The Atom answer of ``feed_class`` for ``feed_of``: entries sorted newest change first
    (the class's ``newest_first`` key)."""
    feed = feed_class()
    items = sorted(feed_of.items, key=feed.newest_first, reverse=True)
    return feed(request, feed_of=FeedOf(feed_of.title, feed_of.link, items))


def filters_summary(form) -> str:
    """The filters a valid form applies, in words: "Party: DeepSeek; Topic: Distillation"."""
    if not form.is_bound:
        return ""
    parts = []
    for name, value in form.cleaned_data.items():
        if isinstance(value, QuerySet):  # a repeatable filter's records
            value = list(value)
        if name in ("ordering", "page", "format") or value in (None, "", [], ()):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
        parts.append(f"{form[name].label}: {shown}")
    return "; ".join(parts)


def feed_page_link(request) -> str:
    """The HTML page a feed follows: the request's path and filters, without format or page."""
    query = request.GET.copy()
    for name in ("format", "page"):
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path
