"""PostgreSQL cancels a request's statement past CASEBOOK_STATEMENT_TIMEOUT_MS; not a command's.
And it does not compile queries just in time (settings.py says why)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting"),
]

SHOW = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('SHOW statement_timeout'); print(c.fetchone()[0])"
)


def test_the_web_connection_has_the_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (value,) = cursor.fetchone()
    assert settings.CASEBOOK_STATEMENT_TIMEOUT_MS == 10_000
    assert value == "10s"


def test_the_connection_does_not_compile_queries_just_in_time():
    # JIT compiling took 164 of 195 ms of the party timeline's count at 100,000 events.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (value,) = cursor.fetchone()
    assert value == "off"


@pytest.mark.parametrize("timeout_ms, sleep_s", [(50, 0.5), (200, 2)])
def test_a_statement_past_the_timeout_is_cancelled_as_an_operational_error(timeout_ms, sleep_s):
    # OperationalError is what the 503 handling for an unusable database catches.
    with (
        pytest.raises(OperationalError, match="statement timeout"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"SET LOCAL statement_timeout = {timeout_ms}")
        cursor.execute("SELECT pg_sleep(%s)", [sleep_s])


@pytest.mark.parametrize(
    "env, expected", [({}, "0"), ({"CASEBOOK_STATEMENT_TIMEOUT_MS": "2500"}, "2500ms")]
)
def test_management_commands_run_without_the_timeout_unless_asked(env, expected):
    root = Path(__file__).resolve().parent.parent
    environment = {k: v for k, v in os.environ.items() if k != "CASEBOOK_STATEMENT_TIMEOUT_MS"}
    db = connection.settings_dict  # the test database, which exists now
    environment["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    result = subprocess.run(
        [sys.executable, str(root / "manage.py"), "shell", "-c", SHOW],
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == expected
