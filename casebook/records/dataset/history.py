"""One history row per record per load: a load's intermediate states are never revisions.

The loader writes a record, then its many-to-many links, then its child rows;
django-simple-history saves a history row at each step. Left alone, a freshly
loaded record would have several "published" revisions, the first ones without
accused parties, topics or citations — and a revision permalink
(``<record url>rev/<n>/``) would serve such a half-built state. Inside the
load's transaction, nobody has seen those rows, so they are dropped.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import Max


def keep_last_history_row_per_object(since: datetime.datetime) -> int:
    """Delete every history row written since ``since`` but each object's last one.

    Call it at the end of a load's transaction, with the time the load began;
    rows written before ``since`` (earlier revisions) are kept. Returns the
    number of rows deleted (many-to-many history rows of the deleted ones go
    with them).
    """
    deleted = 0
    for model in apps.get_app_config("records").get_models():
        manager = getattr(model, "history", None)
        historical = getattr(manager, "model", None)
        if historical is None or historical is model:
            continue
        rows = historical.objects.filter(history_date__gte=since)
        last = rows.values("id").annotate(last=Max("history_id")).values("last")
        deleted += rows.exclude(history_id__in=last).delete()[0]
    return deleted
