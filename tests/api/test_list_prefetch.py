"""A ListPrefetchPageNumberPagination page runs the queryset's prefetches into lists."""

from django.db.models import Prefetch

from casebook.api.pagination import PREFETCHED, as_list, prefetched
from casebook.records.models import Citation, Event


def test_a_plain_relation_goes_into_a_list_attribute():
    lookup = as_list("parties")
    assert isinstance(lookup, Prefetch)
    assert (lookup.prefetch_through, lookup.to_attr) == ("parties", PREFETCHED + "parties")
    public = Citation.objects.public()
    lookup = as_list(Prefetch("citations", queryset=public))
    assert (lookup.to_attr, lookup.queryset) == (PREFETCHED + "citations", public)


def test_nested_and_named_prefetches_are_kept():
    nested = Prefetch("citations__source")
    named = Prefetch("parties", to_attr="mine")
    assert as_list(nested) is nested
    assert as_list(named) is named
    assert as_list("citations__source") == "citations__source"


def test_prefetched_reads_the_list_first():
    event = Event(slug="e")
    event.__dict__[PREFETCHED + "parties"] = ["a party"]
    assert prefetched(event, "parties") == ["a party"]
