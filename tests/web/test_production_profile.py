"""The production profile: ``check --deploy`` is clean under the environment the README
documents, and the pages carry a Content-Security-Policy that nothing in them breaks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings

from tests.conftest import ClockAt
from tests.core.test_readme import DEPLOY_CHECK, README

# The README's table "Running bagalau for real", with example values.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Yq8vR2mN7pW4xZ9cT6bH1sJ5fL0dG8aE3uI7oP2yQ6wX4rV9n",
    "ALLOWED_HOSTS": "bagalau.example.kz",
    "CSRF_TRUSTED_ORIGINS": "https://bagalau.example.kz",
    "DATABASE_URL": "postgres://bagalau:secret@127.0.0.1:5432/bagalau",
    "SITE_URL": "https://bagalau.example.kz",
}


def _check_deploy(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    env = keep | PRODUCTION_ENV | {"BAGALAU_VAR_DIR": str(tmp_path)} | extra
    bagalau = str(Path(sys.executable).parent / "bagalau")  # the project's manage.py
    command = [bagalau, "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_the_documented_environment(tmp_path: Path) -> None:
    assert DEPLOY_CHECK in README.read_text()  # the command the README shows
    done = _check_deploy(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stderr


def test_check_deploy_fails_when_https_is_turned_off(tmp_path: Path) -> None:
    """The local ``make serve`` switches HTTPS off; the check says that is not production."""
    done = _check_deploy(tmp_path, SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0")
    assert done.returncode != 0
    assert "security.W008" in done.stderr and "security.W012" in done.stderr


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.I)
LINK = re.compile(r'href="(/[^"#]*)"')
# Not pages: downloads, the admin (Django's own), the language switch and the logout.
SKIP = re.compile(r"^/(static|admin|i18n|logout)|export|download|template|\.(xlsx|csv|pdf)|scan/")


def _walk(client: Client, limit: int) -> dict[str, str]:
    """The same-site pages reachable from the home page by links, up to ``limit``, two of
    each kind (``/employees/<id>/`` is one kind), so that the walk reaches every kind."""
    seen: dict[str, str] = {}
    kinds: dict[str, int] = {}
    queue = ["/"]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        kind = re.sub(r"\d+", "N", url)
        if url in seen or kinds.get(kind, 0) >= 2:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        response = client.get(url)
        assert response.status_code in {200, 403, 404}, (url, response.status_code)
        assert "Content-Security-Policy" in response.headers, url
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        html = response.content.decode()
        seen[url] = html
        for link in LINK.findall(html):
            path = urlsplit(link.replace("&amp;", "&")).path
            if path not in seen and not SKIP.search(path):
                queue.append(path)
    return seen


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_pages_have_a_policy_and_nothing_inline_it_would_block(clock_at: ClockAt) -> None:
    clock_at(date(2026, 5, 13))  # the second quarter: the first is closed, results exist
    call_command("demo", stdout=StringIO())
    walked: dict[str, str] = {}
    for username in ("hr", "manager", "employee", "appointing", "chair", "atyrau-hr"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        with override_settings(DEBUG=False):
            walked |= _walk(client, limit=40)
    assert len(walked) > 40
    for kind in ("/ranking/", "/result/", "/kpi/plan/", "/dashboard/", "/periods/"):
        assert any(kind in url for url in walked), kind
    for url, html in walked.items():
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not HANDLER.search(html), (url, HANDLER.search(html))
        assert not STYLE_ATTRIBUTE.search(html), (url, STYLE_ATTRIBUTE.search(html))


@pytest.mark.django_db
def test_the_policy_allows_only_the_sites_own_scripts_and_styles(client: Client) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
