"""Every command the README shows runs as a newcomer would type it: each line of its code
blocks that starts with ``bagalau``, and each inline ``uv run bagalau …`` or
``bagalau …`` command, run through the installed console script on a fresh database.
Commands that serve forever or need a person (``runserver``, ``worker``, ``shell``,
``createsuperuser``) and the two ``make`` targets (run by CI itself) are left out; the
production check (``check --deploy``) wants the production environment the README
documents, and runs under it in ``tests/web/test_production_profile.py``."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BAGALAU = str(Path(sys.executable).parent / "bagalau")
INTERACTIVE = {"runserver", "worker", "shell", "createsuperuser", "dbshell"}
DEPLOY_CHECK = "bagalau check --deploy --fail-level WARNING"
# What the README shows with a placeholder the reader fills in.
PLACEHOLDER = re.compile(r"<[^>]+>|\.\.\.|…|\bN\b|\bBODY\b|\bDATE\b|\bPERIOD\b")


def readme_commands() -> list[str]:
    text = README.read_text()
    blocks = re.findall(r"^```\w*\n(.*?)^```", text, re.S | re.M)
    lines = [
        re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.splitlines()
    ]
    inline = re.findall(r"`(?:uv run )?(bagalau [^`]+)`", text)
    found = [c for c in [*lines, *inline] if c.startswith("bagalau ")]
    return list(
        dict.fromkeys(
            c
            for c in found
            if not PLACEHOLDER.search(c) and c.split()[1] not in INTERACTIVE and c != DEPLOY_CHECK
        )
    )


def test_the_readme_shows_commands() -> None:
    assert "bagalau methodology list" in readme_commands()


# The commands make their own SQLite database, so one run of the suite checks them.
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="run once, in the SQLite run of the suite",
)


@pytest.fixture(scope="module")
def newcomer_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    database = tmp_path_factory.mktemp("readme") / "bagalau.sqlite3"
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    env["TASKS_BACKEND"] = "immediate"
    subprocess.run([BAGALAU, "migrate", "--verbosity", "0"], env=env, check=True, timeout=300)
    return env


@pytest.mark.parametrize("command", readme_commands())
def test_each_readme_command_runs(command: str, newcomer_env: dict[str, str]) -> None:
    args = shlex.split(command)
    done = subprocess.run(
        [BAGALAU, *args[1:]],
        env=newcomer_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"


@pytest.mark.parametrize(("given", "served"), [([], "8000"), (["PORT=8123"], "8123")])
def test_make_demo_serves_on_the_port_the_readme_says(given: list[str], served: str) -> None:
    """``make demo PORT=…`` as the README shows it: a dry run prints the server's address."""
    assert "`make demo PORT=8080`" in README.read_text()
    done = subprocess.run(
        ["make", "--dry-run", "demo", *given],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert f"runserver 127.0.0.1:{served}" in done.stdout


@pytest.mark.parametrize(("given", "workers"), [([], "2"), (["TEST_WORKERS=4"], "4")])
def test_make_test_runs_the_suite_in_the_processes_the_readme_says(
    given: list[str], workers: str
) -> None:
    """``make test TEST_WORKERS=…`` as the README shows it: both runs take the number."""
    assert "`make test TEST_WORKERS=4`" in README.read_text()
    done = subprocess.run(
        ["make", "--dry-run", "pytest-sqlite", "pytest-postgres", *given],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.count(f"pytest -n {workers}") == 2  # SQLite, then PostgreSQL
    assert f'pytest -n {workers} -m "not worker"' in done.stdout
