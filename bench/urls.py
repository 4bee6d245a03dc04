"""Casebook's URLs, plus the benchmark's floors: the events list as ``.values()`` in JSON.

The floor is what any Django view must at least spend on the events list (one
filtered, ordered page of the same public events read from the database, serialised
without DRF), so the benchmark can say how far above it the real endpoint is.
A second floor reads published events only, without the rule that hides an event of
an unpublished record: it is cheaper, and shows what that rule costs, but it is not
the list Casebook may serve. Never in production URLs.
"""

from django.http import JsonResponse
from django.urls import include, path

from casebook.records.models import Event

FIELDS = ("slug", "date", "date_precision", "kind", "headline", "updated_at")


def floor_events(request):
    """One page of public events of a kind, oldest first, as plain JSON."""
    return floor_response(request, Event.objects.public())


def floor_published_events(request):
    """One page of published events of a kind (public rule left out), as plain JSON."""
    return floor_response(request, Event.objects.filter(editorial_status="published"))


def floor_response(request, rows):
    """``rows`` filtered by ``kind``, one page of ``page_size`` and the count, as JSON."""
    size = int(request.GET.get("page_size", "50"))
    if "kind" in request.GET:
        rows = rows.filter(kind=request.GET["kind"])
    page = list(rows.order_by("date", "slug").values(*FIELDS)[:size])
    return JsonResponse({"count": rows.count(), "results": page})


urlpatterns = [
    path("bench/floor/events/", floor_events),
    path("bench/floor/published-events/", floor_published_events),
    path("", include("casebook.urls")),
]
