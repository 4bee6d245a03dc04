""" "Most recently changed" read from two indexes agrees with the rule it replaces:
newest first by the dataset's ``changed_on`` when a record has one, else by the day of
its last save, then by the time of that save (home page, feed, sitemap dates)."""

import datetime
import random

import pytest

from casebook.records import selectors
from casebook.records.models import EditorialStatus, Party
from casebook.records.selectors.home import most_recently_changed
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

BASE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def make_parties(seed: int, count: int = 14) -> None:
    """Parties whose change days mix dataset days, save days and drafts, ties included."""
    chosen = random.Random(seed)
    for _ in range(count):
        party = PartyFactory(
            editorial_status=chosen.choice([EditorialStatus.PUBLISHED] * 3 + ["draft"])
        )
        saved = BASE + datetime.timedelta(days=chosen.randrange(6), hours=chosen.randrange(24))
        changed_on = chosen.choice(
            [None, None, *(BASE.date() + datetime.timedelta(d) for d in (0, 3, 5))]
        )
        Party.objects.filter(pk=party.pk).update(updated_at=saved, changed_on=changed_on)


def expected_order(limit: int) -> list[int]:
    public = list(Party.objects.public())
    public.sort(key=lambda p: (p.last_changed, p.updated_at), reverse=True)
    return [p.pk for p in public[:limit]]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("limit", [1, 3, 8, 20])
def test_the_newest_records_are_those_the_rule_puts_first(seed, limit):
    make_parties(seed)

    found = most_recently_changed(Party.objects.public(), limit)

    assert [p.pk for p in found] == expected_order(limit)


@pytest.mark.parametrize("seed", range(6))
def test_the_latest_change_day_is_the_largest_of_the_public_records(seed):
    make_parties(seed)

    latest = selectors.latest_change_day(Party.objects.public())

    assert latest == max(p.last_changed for p in Party.objects.public())


def test_no_public_records_have_no_latest_change_day():
    PartyFactory(editorial_status=EditorialStatus.DRAFT)

    assert selectors.latest_change_day(Party.objects.public()) is None
    assert most_recently_changed(Party.objects.public(), 5) == []
