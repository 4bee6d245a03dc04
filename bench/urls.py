"""Casebook's URLs, plus the benchmark's floor: the events list as ``.values()`` in JSON.

The floor is what any Django view must at least spend on the events list (one
filtered, ordered page read from the database, serialised without DRF), so the
benchmark can say how far above it the real endpoint is. Never in production URLs.
"""

from django.http import JsonResponse
from django.urls import include, path

from casebook.records.models import Event

FIELDS = ("slug", "date", "date_precision", "kind", "headline", "updated_at")


def floor_events(request):
    """One page of public events of a kind, newest last, as plain JSON."""
    size = int(request.GET.get("page_size", "50"))
    rows = Event.objects.filter(editorial_status="published")
    if "kind" in request.GET:
        rows = rows.filter(kind=request.GET["kind"])
    page = list(rows.order_by("date", "slug").values(*FIELDS)[:size])
    return JsonResponse({"count": rows.count(), "results": page})


urlpatterns = [
    path("bench/floor/events/", floor_events),
    path("", include("casebook.urls")),
]
