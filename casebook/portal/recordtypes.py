"""When a record changed, as a time (the most recently changed records are
:func:`casebook.records.selectors.recent_public_records`).

The types themselves are declared once, in :mod:`casebook.records.registry`.
"""

from __future__ import annotations

import datetime

from casebook.records.models import PublishableModel


def last_changed_time(record: PublishableModel) -> datetime.datetime:
    """When ``record`` last changed, as a time: its last save, or the start (UTC) of the
    day the dataset says it changed (see :attr:`PublishableModel.last_changed`)."""
    if record.changed_on is None:
        return record.updated_at
    return datetime.datetime.combine(record.changed_on, datetime.time.min, tzinfo=datetime.UTC)


def first_published_time(record: PublishableModel) -> datetime.datetime:
    """When ``record`` was first published (or created), never after it last changed.

    A dataset load publishes each record at the load's time but keeps the day the
    dataset says it changed (:func:`last_changed_time`), which may be earlier; a feed
    entry published after its own last update would say the record changed before it
    existed, so the earlier of the two is the publication time.
    """
    published = record.published_at or record.created_at
    return min(published, last_changed_time(record))
