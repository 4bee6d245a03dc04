"""Per-worker resources when the test suite runs in parallel under pytest-xdist."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def redis_url_for_worker(url: str, worker: str) -> str:
    """The Redis URL of test worker ``worker`` ("gw0", "gw1", …): database n, n-1, n-2, …

    ``url`` names the database the suite may flush (``redis://host:6379/15``);
    worker ``gwK`` gets database ``15 - K``, so parallel workers never flush
    each other's data. Raises ValueError when there are more workers than
    databases below the given one.
    """
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    index = int(worker.removeprefix("gw"))
    if index > database:
        raise ValueError(f"No Redis database left for test worker {worker} below {database}.")
    return urlunsplit(parts._replace(path=f"/{database - index}"))
