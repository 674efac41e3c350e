"""``bagalau calendar``: the management command, in-process and as the console script."""

from __future__ import annotations

import json
import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("calendar", *args, stdout=out)
    return out.getvalue().strip()


def test_add_across_nauryz() -> None:
    assert run("add", "20.03.2026", "1") == "26.03.2026"


def test_add_negative_count_with_iso_date() -> None:
    assert run("add", "2026-03-26", "-1") == "20.03.2026"


def test_add_json() -> None:
    assert json.loads(run("add", "20.03.2026", "1", "--json")) == {
        "date": "2026-03-20",
        "count": 1,
        "result": "2026-03-26",
    }


def test_check_working_saturday() -> None:
    assert run("check", "01.07.2023") == "01.07.2023 is a working day."


def test_check_holiday_and_weekend() -> None:
    assert run("check", "23.03.2026") == "23.03.2026 is not a working day: Nowruz Holiday."
    assert run("check", "28.03.2026") == "28.03.2026 is not a working day: weekend."


def test_check_json() -> None:
    assert json.loads(run("--json", "check", "07.07.2023")) == {
        "date": "2023-07-07",
        "working_day": False,
        "reason": "Day off (substituted from 07/01/2023)",
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "31.02.2026", "1"), "“31.02.2026” is not a valid date."),
        (("add", "20.03.2026", "one"), "“one” is not a whole number."),
        (("check", "yesterday"), "“yesterday” is not a valid date."),
    ],
)
def test_bad_input_is_refused_with_exit_code_2(args: tuple[str, ...], expected: str) -> None:
    with pytest.raises(CommandError) as raised:
        run(*args)
    assert raised.value.returncode == 2
    assert str(raised.value).startswith(expected)


def test_console_script_exits_2_on_a_malformed_date(tmp_path: Path) -> None:
    # The real console entry point, so argv handling and the exit code are covered too.
    # A bad date is refused before the database is touched; an empty SQLite file suffices.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        ["uv", "run", "--frozen", "--quiet", "bagalau", "calendar", "add", "32.01.2026", "1"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "32.01.2026" in result.stderr
    assert result.stdout == ""
