"""Browser tests: Debian's Chromium driven by Playwright against a live server.

Without a browser the tests skip locally and fail in CI (``CI`` set), so a CI
run can never pass without having run them. Each page visited is saved as a
screenshot under ``test-artifacts/screenshots/`` for reviewers.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.bundled import load_bundled

# Playwright's sync API runs an event loop in this thread; Django's guard against
# database access from async code would trip on it, though all access here is sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, **options):
    """A fresh page whose Content-Security-Policy violations fail the test."""
    context = browser.new_context(**options)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def page(browser):
    yield from _open(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser):
    yield from _open(
        browser, viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True
    )


@pytest.fixture
def bundled_data(transactional_db):
    """The bundled dataset, as a fresh clone serves it."""
    load_bundled()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot of ``page`` as ``<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def save_screenshot(page, name: str) -> Path:
    """Save ``page`` (full length) as ``test-artifacts/screenshots/<name>-<viewport width>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
