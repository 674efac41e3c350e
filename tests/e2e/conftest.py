"""Browser fixtures for the end-to-end tests: Debian's chromium driven by Playwright.

One chromium runs for the whole session; every test gets a fresh context (cookies,
storage, language) pointed at pytest-django's live server. No browser is downloaded:
the tests use the system's ``/usr/bin/chromium`` (``make browser`` installs it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the tests make to set up and check data.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

LogIn = Callable[[Page, str, str], None]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, settings: Settings) -> Iterator[Page]:
    """A page in a fresh context, its relative URLs resolved against the live server."""
    # The live server speaks plain HTTP; secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def _log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".logout-form")).to_be_visible()


@pytest.fixture
def log_in() -> LogIn:
    """Sign in through the login form; waits until the header shows the user."""
    return _log_in
