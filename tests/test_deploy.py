"""Production as deployed: ``check --deploy``, HTTPS behind a proxy, the schema, static files.

- ``manage.py check --deploy`` finds nothing in production settings (HSTS, SSL
  redirect, secure cookies, and no drf-spectacular warning among its checks);
- behind a TLS proxy whose header is configured, every absolute URL the app
  writes (API fields and pagination, CSV columns, feed, sitemap) says https://,
  and the same header sent by a client with no proxy configured is ignored;
- ``manage.py spectacular --validate --fail-on-warn`` passes;
- ``collectstatic`` run in debug leaves a manifest production can serve from,
  and a production server with no collected files still answers its pages.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import AllegationFactory, CitationFactory, EventFactory, SourceFactory
from tests.servers import database_url_for_subprocess, gunicorn, http_get, production_env

MANAGE = [sys.executable, "manage.py"]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py`` with only the given DJANGO_* / CASEBOOK_* variables set."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CASEBOOK_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [*MANAGE, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=300,
    )


PRODUCTION = {"DJANGO_ALLOWED_HOSTS": "casebook.example"}


@pytest.mark.parametrize(
    "extra",
    [{}, {"DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}],
    ids=["direct", "behind-a-tls-proxy"],
)
def test_check_deploy_is_clean_in_production_settings(extra):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
        **extra,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_the_schema_validates_without_a_single_warning(tmp_path):
    result = manage(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yml"),
        DJANGO_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr + result.stdout, result.stderr
    assert "openapi:" in (tmp_path / "schema.yml").read_text()


# ---------------------------------------------------------------------------
# Behind a TLS proxy, every absolute URL says https://
# ---------------------------------------------------------------------------

ABSOLUTE = re.compile(r"\b(https?)://testserver(?![.:\w])")


@pytest.fixture
def published(db):
    source = SourceFactory(title="Distillation report")
    allegation = AllegationFactory(title="Distillation of a frontier model")
    CitationFactory(record=allegation, source=source)
    EventFactory(headline="Distillation complaint filed")
    return allegation


SURFACES = [
    "/api/v1/allegations/",
    "/api/v1/allegations/?page_size=1",  # pagination links too
    "/api/v1/sources/?format=csv",
    "/api/v1/allegations/?format=csv",
    "/api/v1/events/?format=csv",
    "/api/v1/timeline/",
    "/api/v1/search/?q=distillation",
    "/sources/?format=csv",
    "/allegations/?format=csv",
    "/feed/",
    "/sitemap.xml",
]


def schemes(client, path: str, **headers: str) -> set[str]:
    # A proxy passes the Host header on (without it the test client's port 80 would show).
    response = client.get(path, HTTP_HOST="testserver", **headers)
    assert response.status_code == 200, (path, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return set(ABSOLUTE.findall(content.decode()))


@pytest.mark.parametrize("path", SURFACES)
def test_behind_a_tls_proxy_every_absolute_url_says_https(client, published, settings, path):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert schemes(client, path, HTTP_X_FORWARDED_PROTO="https") == {"https"}


@pytest.mark.parametrize("path", ["/api/v1/allegations/", "/sources/?format=csv", "/feed/"])
def test_a_client_cannot_claim_https_when_no_proxy_header_is_configured(
    client, published, settings, path
):
    settings.SECURE_PROXY_SSL_HEADER = None
    assert schemes(client, path, HTTP_X_FORWARDED_PROTO="https") == {"http"}


def test_api_url_fields_say_https_behind_the_proxy(client, published, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    body = client.get(
        reverse("api:allegation-list"), HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https"
    ).json()
    record = body["results"][0]
    assert record["api_url"].startswith("https://testserver/api/v1/allegations/")
    assert record["portal_url"].startswith("https://testserver/allegations/")


# ---------------------------------------------------------------------------
# Static files: collectstatic in debug, then production
# ---------------------------------------------------------------------------

STYLESHEET = re.compile(rb'href="(/static/portal/casebook[^"]*\.css)"')


def serve_home(tmp_path: Path, static_root: Path) -> tuple[int, bytes, int]:
    """Serve production settings behind a TLS proxy; (home status, page, stylesheet status)."""
    env = production_env(
        DATABASE_URL=database_url_for_subprocess(tmp_path / "db"),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        DJANGO_SECURE_SSL_REDIRECT="1",
    )
    with gunicorn(env, workers=1) as base_url:
        # Plain HTTP is sent to HTTPS; through the proxy the page is served with HSTS.
        plain = http_get(base_url, "/")
        assert plain.status == 301
        assert plain.headers["location"] == f"https://{base_url.removeprefix('http://')}/"
        page = http_get(base_url, "/", {"X-Forwarded-Proto": "https"})
        assert "max-age=31536000" in page.headers.get("strict-transport-security", "")
        link = STYLESHEET.search(page.body)
        assert link, page.body[:500]
        stylesheet = http_get(base_url, link.group(1).decode(), {"X-Forwarded-Proto": "https"})
    return page.status, link.group(1), stylesheet.status


@pytest.mark.django_db(transaction=True)
def test_collectstatic_in_debug_leaves_production_serving_pages(tmp_path):
    static_root = tmp_path / "static"
    collected = manage(
        "collectstatic", "--noinput", DJANGO_DEBUG="1", DJANGO_STATIC_ROOT=str(static_root)
    )
    assert collected.returncode == 0, collected.stderr
    assert (static_root / "staticfiles.json").exists()
    status, stylesheet_url, stylesheet_status = serve_home(tmp_path, static_root)
    assert status == 200
    assert re.fullmatch(rb"/static/portal/casebook\.[0-9a-f]{12}\.css", stylesheet_url)
    assert stylesheet_status == 200


@pytest.mark.django_db(transaction=True)
def test_production_without_collected_files_still_serves_pages(tmp_path):
    static_root = tmp_path / "never-collected"
    static_root.mkdir()
    status, stylesheet_url, _ = serve_home(tmp_path, static_root)
    assert status == 200
    assert stylesheet_url == b"/static/portal/casebook.css"
