"""Real servers for the tests that need more than one process: gunicorn, a TCP proxy.

- ``gunicorn(...)`` starts ``gunicorn`` with production settings and N workers
  on a free port, and stops it afterwards;
- ``database_url_for_subprocess()`` gives the test database's URL to such a
  server (PostgreSQL: the ``test_…`` database itself, so the test must use
  ``transactional_db`` for its rows to be visible; SQLite: a file copy of the
  in-memory test database);
- ``TcpProxy`` stands between the app and PostgreSQL, and can cut and restore
  the connection, like a network or database outage;
- ``http_get`` makes one request on a fresh connection.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

#: Environment variables of the test process that must not leak into a served app.
# PYTEST_XDIST_: a server is no test worker (settings would shift its REDIS_URL again).
_NOT_INHERITED = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CASEBOOK_", "PYTEST_XDIST_")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    """One HTTP response: status, headers (lower-case names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def pid(self) -> str | None:
        """The gunicorn worker that answered (tests/worker_wsgi.py)."""
        return self.headers.get("x-worker-pid")


def http_get(base_url: str, path: str, headers: dict[str, str] | None = None) -> Answer:
    """GET ``path`` on a new connection (so each request may reach any worker)."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", path, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return Answer(
            response.status,
            {name.lower(): value for name, value in response.getheaders()},
            response.read(),
        )
    finally:
        conn.close()


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production server: debug off, a random key, local host allowed."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    return {
        **base,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP to the test server (test_deploy.py serves the HTTPS redirect).
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        **extra,
    }


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, timeout: float = 60) -> Iterator[str]:
    """Serve the app with ``gunicorn -w <workers>``; yields its base URL once every worker answers.

    Raises ``AssertionError`` (with gunicorn's log) if it does not come up in ``timeout`` seconds.
    """
    port = free_port()
    log = Path(settings.BASE_DIR) / "test-artifacts" / f"gunicorn-{port}.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tests.worker_wsgi:application"]
            + ["-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "60"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_workers(process, base_url, workers, timeout, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_workers(process, base_url: str, workers: int, timeout: float, log: Path) -> None:
    """Poll an unthrottled path that needs no database until ``workers`` pids have answered."""
    pids: set[str] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            # Two at once, so a busy worker leaves the other to answer.
            with _pool(2) as pool:
                answers = list(pool.map(lambda _: http_get(base_url, "/api/v1/-ready-"), range(2)))
            pids.update(a.pid for a in answers if a.pid)
            if len(pids) >= workers:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not start {workers} workers:\n{log.read_text()}")


def _pool(size: int):
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(max_workers=size)


def database_url_for_subprocess(directory: Path) -> str:
    """A ``DATABASE_URL`` another process can open to read this test's committed rows.

    PostgreSQL: the test database itself (use ``transactional_db``). SQLite: the
    in-memory test database copied to ``directory/db.sqlite3``.
    """
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(db["USER"] or "", safe="")
        password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
        host = db["HOST"] or "127.0.0.1"
        port = db["PORT"] or "5432"
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    if connection.vendor == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{path}"
    pytest.skip(f"No way to share a {connection.vendor} test database with a subprocess.")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``upstream``; ``cut()`` drops every connection and refuses
    new ones (the database is gone), ``restore()`` accepts again."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        """Listen and forward again."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Stop listening and close every forwarded connection."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            for sock in self._connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                for sock in (source, sink):
                    self._connections.discard(sock)
                    sock.close()
