"""HR watches long work progress in the browser, as on a real site: the web server and the
background worker are separate processes (``bagalau runserver``, ``bagalau worker``) on
one SQLite file made by ``bagalau migrate`` and ``bagalau demo``. HR closes a quarter
and applies a staff import; each page shows a progress bar that the worker moves (the
work is slowed down between chunks so the browser sees it move), and then the outcome.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.dialogs import click_and_confirm

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

BAGALAU = str(Path(sys.executable).parent / "bagalau")
PASSWORD = "bagalau-demo"
SHAKHTINSK = "shakhtinsk-maslikhat"
# A fourth quarter of two years back (in a first quarter the demo closes last year's
# itself), scored and approved but not closed.
PREPARE = (
    "from bagalau.core import clock\n"
    "from bagalau.demo.cycle import run_quarter\n"
    "from bagalau.domain.calendar import Period\n"
    "from bagalau.orgs.models import StateBody\n"
    f"body = StateBody.objects.get(code='{SHAKHTINSK}')\n"
    "run_quarter(body, Period(clock.today().year - 2, 4), close=False)\n"
)
YEAR = "from bagalau.core import clock; print(clock.today().year)"


@dataclass
class Site:
    url: str
    env: dict[str, str]
    last_year_q4: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [BAGALAU, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    host, port = url.removeprefix("http://").split(":")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "the web server stopped"
        try:
            socket.create_connection((host, int(port)), 1).close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} never answered")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'bagalau.sqlite3'}",
        "TASKS_BACKEND": "db",
        "MEDIA_ROOT": str(folder / "media"),
        # Small chunks with a pause between them, so the bar moves while HR watches.
        "CLOSE_CHUNK": "3",
        "CLOSE_PAUSE": "1",
        "IMPORT_CHUNK": "20",
        "IMPORT_PAUSE": "0.4",
    }
    _run(["migrate", "--verbosity", "0"], env)
    _run(["demo"], env)
    _run(["shell", "--verbosity", "0", "-c", PREPARE], env)
    year = int(_run(["shell", "--verbosity", "0", "-c", YEAR], env))
    url = f"http://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = subprocess.Popen(
        [BAGALAU, "runserver", "--noreload", url.removeprefix("http://")], env=env, **quiet
    )
    worker = subprocess.Popen([BAGALAU, "worker", "--no-schedule"], env=env, **quiet)
    try:
        _wait_for(url, server)
        yield Site(url, env, f"{year - 2}-Q4")
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture
def hr_page(browser: Browser, site: Site) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto("/login/")
    page.locator("input[name=username]").fill("hr")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".logout-form")).to_be_visible()
    yield page
    context.close()


def _watch(page: Page, done: str) -> list[int]:
    """The values the progress bar showed, read until the page says ``done``."""
    expect(page.locator("progress")).to_be_visible()
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not page.get_by_text(re.compile(done)).count():
        try:
            value = page.locator("progress").first.get_attribute("value", timeout=1000)
        except PlaywrightError:  # between two swaps, or while the page reloads
            value = None
        if value is not None and (not seen or int(float(value)) != seen[-1]):
            seen.append(int(float(value)))
        page.wait_for_timeout(250)
    return seen


def test_hr_closes_a_quarter_and_watches_the_progress(hr_page: Page, site: Site) -> None:
    page = hr_page
    page.goto(f"/bodies/{SHAKHTINSK}/periods/{site.last_year_q4}/")
    click_and_confirm(page, "Close the period")
    seen = _watch(page, r"Closed on \d\d\.\d\d\.\d{4}")
    assert len(seen) >= 2 and seen == sorted(seen), seen  # it moved, and only forward
    expect(page.locator("main")).to_contain_text(re.compile(r"Closed on \d\d\.\d\d\.\d{4}"))
    expect(page.locator(".run-outcome")).to_contain_text("People told")
    page.screenshot(path=str(Path(site.env["MEDIA_ROOT"]).parent / "close.png"))
