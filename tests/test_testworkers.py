"""Parallel test workers get Redis databases of their own."""

import pytest

from casebook.testworkers import redis_url_for_worker


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/15", "gw0", "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379/15", "gw3", "redis://127.0.0.1:6379/12"),
        ("redis://:secret@host:6380/9?timeout=2", "gw1", "redis://:secret@host:6380/8?timeout=2"),
    ],
)
def test_each_worker_counts_down_from_the_given_database(url, worker, expected):
    assert redis_url_for_worker(url, worker) == expected


def test_no_database_below_zero():
    with pytest.raises(ValueError, match="gw2"):
        redis_url_for_worker("redis://127.0.0.1:6379/1", "gw2")
