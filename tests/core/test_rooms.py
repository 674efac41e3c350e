"""The house keeps its rooms: each file has one job and a name without a kind prefix, no
Python file under ``src/`` is longer than 400 lines (migrations aside), and the lower
layers do not reach up into the evaluation cycle (the import contracts pin the rest)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bagalau

SOURCE = Path(bagalau.__file__).parent
MAX_LINES = 400
PREFIXED = re.compile(r"^(views|services|selectors|forms|urls)_\w+\.py$")


def python_files() -> list[Path]:
    return [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]


def test_no_python_file_is_longer_than_the_limit() -> None:
    long = {
        str(p.relative_to(SOURCE)): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by what they do (at most {MAX_LINES} lines): {long}"


def test_no_file_is_named_by_a_kind_prefix() -> None:
    prefixed = sorted(str(p.relative_to(SOURCE)) for p in python_files() if PREFIXED.match(p.name))
    assert not prefixed, f"a sub-package per capability instead of prefixes: {prefixed}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_core_accounts_orgs_and_audit_do_not_import_the_cycle() -> None:
    below = [SOURCE / name for name in ("core", "accounts", "orgs", "audit")]
    reaching = sorted(
        str(p.relative_to(SOURCE))
        for folder in below
        for p in folder.rglob("*.py")
        if any(m == "bagalau.cycles" or m.startswith("bagalau.cycles.") for m in _imports(p))
    )
    assert not reaching, reaching


def test_the_cycle_does_not_import_notify() -> None:
    reaching = sorted(
        str(p.relative_to(SOURCE))
        for p in (SOURCE / "cycles").rglob("*.py")
        if any(m == "bagalau.notify" or m.startswith("bagalau.notify.") for m in _imports(p))
    )
    assert not reaching, f"cycles publishes events (core.events); notify subscribes: {reaching}"
