"""The read-only commands the README shows run on a fresh clone exactly as typed: no
SECRET_KEY, no DEBUG, no DATABASE_URL, before any ``migrate``, in an empty directory.
Without the database's decreed day transfers they say so on stderr and use the
published calendar; any other trouble is a message with exit code 2, not a traceback."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from bagalau.core.commandline import READ_ONLY_COMMANDS
from tests.core.test_readme import BAGALAU, readme_commands

DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")
PUBLISHED_ONLY_SOURCE = (
    "The day transfers added from later decrees could not be read (the database is not set "
    "up: run bagalau migrate); only the published calendar was used."
)


def _published_only() -> str:
    """The notice as the commands print it, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(PUBLISHED_ONLY_SOURCE)


def _readme_lines() -> dict[str, str]:
    """Each read-only command line of the README with the comment written after it."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    lines = {}
    for line in text.splitlines():
        command, _sep, comment = line.partition("#")
        command = command.strip()
        if command in readme_commands() and command.split()[1] in READ_ONLY_COMMANDS:
            lines[command] = comment.strip()
    return lines


def _run(args: list[str], where: Path) -> subprocess.CompletedProcess[str]:
    # A newcomer's shell: only PATH; the default database would be var/ of the clone,
    # here the fresh directory's own var/ so no earlier run's database is found.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(where), "BAGALAU_VAR_DIR": str(where / "var")}
    return subprocess.run(
        [BAGALAU, *args],
        env=env,
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readme_shows_every_read_only_command() -> None:
    assert {c.split()[1] for c in _readme_lines()} == READ_ONLY_COMMANDS


@pytest.mark.parametrize("command", sorted(_readme_lines()))
def test_readme_command_runs_on_a_fresh_clone(command: str, tmp_path: Path) -> None:
    done = _run(shlex.split(command)[1:], tmp_path)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert done.stdout.strip()
    # A date the README's comment promises ("# 26.03.2026: ...") is what is printed.
    for promised in DATE.findall(_readme_lines()[command]):
        assert promised in done.stdout, f"{command}: {promised} not in {done.stdout}"
    uses_calendar = command.split()[1] in {"calendar", "deadlines"}
    assert (_published_only() in done.stderr) is uses_calendar, done.stderr


def test_calendar_answers_exactly_as_the_readme_says(tmp_path: Path) -> None:
    done = _run(["calendar", "add", "20.03.2026", "1"], tmp_path)
    assert (done.returncode, done.stdout) == (0, "26.03.2026\n")


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "add", "20.03.2026", "one"],
        ["calendar", "check", "31.02.2026"],
        ["methodology", "show", "no-such-body", "--on", "01.03.2024"],
        ["deadlines", "shakhtinsk-maslikhat", "2026-Q9"],
    ],
)
def test_bad_input_is_a_message_with_exit_code_2(args: list[str], tmp_path: Path) -> None:
    done = _run(args, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()


def test_other_commands_still_need_the_secret_key_and_say_so(tmp_path: Path) -> None:
    done = _run(["migrate"], tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "SECRET_KEY must be set when DEBUG is off." in done.stderr
