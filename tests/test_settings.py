"""Settings come from the environment and are secure by default."""

import json
import os
import subprocess
import sys

import pytest
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


SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "'preload': s.SECURE_HSTS_PRELOAD, 'redirect': s.SECURE_SSL_REDIRECT, "
    "'proxy_ssl': s.SECURE_PROXY_SSL_HEADER, 'proxies': s.REST_FRAMEWORK['NUM_PROXIES'], "
    "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'), "
    "'static': s.STORAGES['staticfiles']['BACKEND']}))"
)


def settings_with(env: dict) -> dict:
    """The settings that ``env`` produces, read by a fresh process."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        env={**{k: v for k, v in os.environ.items() if not k.startswith(IGNORED)}, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


IGNORED = ("DJANGO_", "CASEBOOK_", "REDIS_URL", "DATABASE_URL", "PYTEST_XDIST_")
PRODUCTION = {"DJANGO_SECRET_KEY": "k" * 10 + "production-test-key-0123456789"}


def test_production_is_https_only_by_default():
    shown = settings_with(PRODUCTION)
    assert shown["hsts"] == 31_536_000
    assert shown["subdomains"] is True
    assert shown["preload"] is True
    assert shown["redirect"] is True
    # No client-supplied header is trusted until a proxy is configured.
    assert shown["proxy_ssl"] is None
    assert shown["proxies"] == 0


def test_debug_has_no_https_redirect_nor_hsts():
    shown = settings_with({"DJANGO_DEBUG": "1"})
    assert shown["hsts"] == 0
    assert shown["redirect"] is False


def test_https_settings_come_from_the_environment():
    shown = settings_with(
        {
            **PRODUCTION,
            "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "DJANGO_SECURE_HSTS_SECONDS": "3600",
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
            "DJANGO_SECURE_HSTS_PRELOAD": "no",
            "DJANGO_SECURE_SSL_REDIRECT": "off",
            "CASEBOOK_TRUSTED_PROXY_COUNT": "2",
        }
    )
    assert shown["proxy_ssl"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert (shown["hsts"], shown["subdomains"], shown["preload"]) == (3600, False, False)
    assert shown["redirect"] is False
    assert shown["proxies"] == 2


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_malformed_proxy_count_stops_start_up(value):
    result = run_with({**PRODUCTION, "CASEBOOK_TRUSTED_PROXY_COUNT": value})
    assert result.returncode != 0
    assert "CASEBOOK_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


def test_redis_url_gives_a_shared_cache_and_local_memory_is_the_default():
    assert settings_with(PRODUCTION)["cache"].endswith("LocMemCache")
    shown = settings_with({**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/9"})
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["location"] == "redis://127.0.0.1:6379/9"


def test_static_storage_does_not_depend_on_debug():
    """So collectstatic in debug writes the manifest production reads."""
    assert settings_with({"DJANGO_DEBUG": "1"})["static"] == settings_with(PRODUCTION)["static"]
