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
