"""Settings come from the environment and are secure by default."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"]


def run_with(env: dict) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        CHECK, env={**base, **env}, capture_output=True, text=True, cwd=settings.BASE_DIR
    )


def test_start_up_stops_without_a_secret_key_when_debug_is_off():
    result = run_with({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = run_with({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_production_settings_start_with_a_secret_key():
    result = run_with({"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "casebook.example"})
    assert result.returncode == 0, result.stderr


def test_debug_is_off_and_cookies_are_secure_by_default():
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
