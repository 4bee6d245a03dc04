"""More than one process, and faults: real gunicorn workers, real Redis, a real outage.

- One throttle limit across two gunicorn workers sharing Redis (``REDIS_URL``).
- With the database unreachable every page and endpoint answers 503 with
  ``Retry-After`` (the API in its JSON error shape), and answers 200 again
  within about a second of the database coming back.

``REDIS_URL`` must point at a Redis database used only by tests (it is flushed):
without it these tests fail in CI and are skipped locally.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.db import connection

from tests.factories import PartyFactory
from tests.servers import (
    TcpProxy,
    database_url_for_subprocess,
    gunicorn,
    http_get,
    production_env,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_url() -> str:
    """The test Redis database, emptied; fails in CI and skips locally when REDIS_URL is unset."""
    url = os.environ.get("REDIS_URL")
    if not url:
        message = "REDIS_URL is not set (a Redis database these tests may flush)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()


@pytest.mark.parametrize(("rate", "extra"), [(6, 4), (10, 7)])
def test_one_anonymous_limit_holds_across_two_gunicorn_workers(tmp_path, redis_url, rate, extra):
    PartyFactory()
    env = production_env(
        DATABASE_URL=database_url_for_subprocess(tmp_path),
        REDIS_URL=redis_url,
        CASEBOOK_API_ANON_RATE=f"{rate}/minute",
    )
    # Four at a time: both workers answer, some requests at the very same moment.
    with gunicorn(env, workers=2) as base_url, ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(lambda _: http_get(base_url, "/api/v1/parties/"), range(rate + extra))
        )
    statuses = [a.status for a in answers]
    assert len({a.pid for a in answers}) == 2, "both workers must have answered"
    assert statuses.count(200) == rate, statuses
    assert statuses.count(429) == extra, statuses
    for answer in answers:
        if answer.status == 429:
            assert 1 <= int(answer.headers["retry-after"]) <= 60
            assert answer.headers["content-type"].startswith("application/json")


def test_a_forged_forwarded_for_does_not_lift_the_limit_across_workers(tmp_path, redis_url):
    env = production_env(
        DATABASE_URL=database_url_for_subprocess(tmp_path),
        REDIS_URL=redis_url,
        CASEBOOK_API_ANON_RATE="3/minute",
    )
    with gunicorn(env, workers=2) as base_url:
        answers = [
            http_get(base_url, "/api/v1/parties/", {"X-Forwarded-For": f"198.51.100.{n}"})
            for n in range(8)
        ]
    assert [a.status for a in answers] == [200] * 3 + [429] * 5


# ---------------------------------------------------------------------------
# The database goes away, and comes back
# ---------------------------------------------------------------------------

PAGES = ["/", "/parties/", "/api/v1/parties/", "/api/v1/parties/?format=csv"]


def assert_unavailable(answer, path: str) -> None:
    assert answer.status == 503, (path, answer.status, answer.body[:300])
    assert int(answer.headers["retry-after"]) >= 1
    if path.startswith("/api/"):
        assert answer.headers["content-type"].startswith("application/json"), path
        error = json.loads(answer.body)["error"]
        assert error["status"] == 503
        assert error["code"] == "database_unavailable"
    else:
        assert answer.headers["content-type"].startswith("text/html")
        assert b"Temporarily unavailable" in answer.body
        assert b"Traceback" not in answer.body


def assert_recovers_within(base_url: str, seconds: float) -> float:
    """Poll every page until all answer 200; the time it took (fails past ``seconds``)."""
    started = time.monotonic()
    while True:
        statuses = [http_get(base_url, path).status for path in PAGES]
        if all(status == 200 for status in statuses):
            return time.monotonic() - started
        assert time.monotonic() - started < seconds, statuses
        time.sleep(0.05)


def outage_env(database_url: str, **extra: str) -> dict[str, str]:
    return production_env(DATABASE_URL=database_url, CASEBOOK_DATABASE_RETRY_AFTER="7", **extra)


def test_postgresql_outage_answers_503_and_recovers_by_itself(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("cuts a PostgreSQL connection (the SQLite variant moves the file away)")
    PartyFactory()
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    url = database_url_for_subprocess(tmp_path).replace(
        f":{db['PORT'] or 5432}/", f":{proxy.port}/"
    )
    try:
        # Persistent connections (the production default) must not outlive the outage.
        with gunicorn(outage_env(url, DJANGO_CONN_MAX_AGE="60"), workers=2) as base_url:
            for _ in range(2):  # both workers hold a connection now
                assert all(http_get(base_url, p).status == 200 for p in PAGES)
            proxy.cut()
            for _ in range(3):  # each worker, its broken connection and new attempts
                for path in PAGES:
                    answer = http_get(base_url, path)
                    assert_unavailable(answer, path)
                    assert answer.headers["retry-after"] == "7"
            proxy.restore()
            took = assert_recovers_within(base_url, 1.5)
            print(f"PostgreSQL back: all pages 200 after {took:.3f} s")
            for _ in range(3):
                assert all(http_get(base_url, p).status == 200 for p in PAGES)
    finally:
        proxy.cut()


def test_sqlite_outage_answers_503_and_recovers_by_itself(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("moves a SQLite file away (the PostgreSQL variant cuts the connection)")
    PartyFactory()
    url = database_url_for_subprocess(tmp_path / "data")
    with gunicorn(outage_env(url, DJANGO_CONN_MAX_AGE="0"), workers=2) as base_url:
        assert all(http_get(base_url, p).status == 200 for p in PAGES)
        shutil.move(tmp_path / "data", tmp_path / "gone")  # the file cannot be opened
        for _ in range(2):
            for path in PAGES:
                assert_unavailable(http_get(base_url, path), path)
        shutil.move(tmp_path / "gone", tmp_path / "data")
        took = assert_recovers_within(base_url, 1.5)
        print(f"SQLite back: all pages 200 after {took:.3f} s")
