"""One clock: nothing under ``src/`` reads the process clock or Django's UTC clock except
``core.clock``. The process time zone is whatever the server was started with; the site's
day is Almaty's, so a second source of "today" would disagree every evening."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "bagalau"
CLOCK = SRC / "core" / "clock.py"
# (object, attribute) pairs whose *call* reads a clock other than the site's.
FORBIDDEN = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("timezone", "now"),
    ("timezone", "localdate"),
    ("time", "time"),
}


def clock_reads(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
        if (name, node.func.attr) in FORBIDDEN:
            found.append((node.lineno, f"{name}.{node.func.attr}()"))
    return found


def test_only_core_clock_reads_the_time() -> None:
    offenders = [
        f"{path.relative_to(SRC.parent)}:{line}: {call}"
        for path in sorted(SRC.rglob("*.py"))
        if path != CLOCK and "migrations" not in path.parts
        for line, call in clock_reads(ast.parse(path.read_text(), str(path)))
    ]
    assert offenders == [], "use bagalau.core.clock.today()/now():\n" + "\n".join(offenders)


def test_the_check_catches_each_way_of_reading_the_clock() -> None:
    code = (
        "date.today()\ndatetime.now()\ndatetime.datetime.now()\ntimezone.now()\n"
        "timezone.localdate()\nclock.today()\nfield(default=timezone.now)\n"
    )
    assert [line for line, _call in clock_reads(ast.parse(code))] == [1, 2, 3, 4, 5]
