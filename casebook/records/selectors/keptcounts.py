"""Counts of records, kept until the data changes.

Counting is the one read of a list page that grows with the data: the 100,000 public
events of the large bench size take 31 ms to count (the public rule checks each
event's record), a third of the events list and of the home page, while the page's
rows come through an index in a few. A count changes only when the data does, so it
is kept under the data's change token
(:func:`~casebook.records.dumpcache.kept_until_change`), by the SQL that selects the
records: the same filters give the same SQL, and so share a count.
"""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet

from casebook.records import dumpcache


def kept_count(records: QuerySet) -> int:
    """``records.count()``, kept until the data changes (at most
    :data:`~casebook.records.dumpcache.KEPT_TIMEOUT` seconds), under the SQL and
    parameters that select ``records``; 0 when they can match nothing."""
    try:
        sql, params = records.query.sql_with_params()
    except EmptyResultSet:
        return 0
    return dumpcache.kept_until_change("count", (sql, tuple(params)), records.count)


class KeptCountPaginator(Paginator):
    """Django's paginator, counting a queryset with :func:`kept_count` (anything else as
    Django does). For every paged list, in the portal and the API, and the sitemaps."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return kept_count(self.object_list)
        return super().count
