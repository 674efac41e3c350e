"""Checking a staff import against itself and the data already kept, and planning it.

``plan_import`` is a pure function: parsed sheets and a snapshot of the body's current
departments, positions, employees and history in, every issue and every row's outcome
(create / update / unchanged / error) and the wanted state out. Nothing is written here;
``bagalau.orgs.imports.services`` applies a plan only when it has no issue at all.
"""

from __future__ import annotations

from collections.abc import Generator

from bagalau.orgs.imports.columns import SheetKind
from bagalau.orgs.imports.read import ReadResult
from bagalau.orgs.imports.rules_checks import (
    check_absences,
    check_assignments,
    check_dismissals,
    check_references,
    check_reports_to,
    merge,
    outcomes,
)
from bagalau.orgs.imports.rules_plan import (
    EMPLOYEE_FIELDS,
    EMPLOYEE_REQUIRED,
    POSITION_FIELDS,
    Existing,
    Outcome,
    Plan,
    Values,
)
from bagalau.orgs.imports.rules_rows import Checker, Row, staff_row

__all__ = [
    "EMPLOYEE_FIELDS",
    "EMPLOYEE_REQUIRED",
    "POSITION_FIELDS",
    "PROGRESS_EVERY",
    "Existing",
    "Outcome",
    "Plan",
    "Values",
    "plan_import",
    "plan_import_steps",
]

PROGRESS_EVERY = 5000


def plan_import(read: ReadResult, existing: Existing) -> Plan:
    """Every issue and every row's outcome; see ``plan_import_steps``."""
    steps = plan_import_steps(read, existing)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            plan: Plan = done.value
            return plan


def plan_import_steps(read: ReadResult, existing: Existing) -> Generator[int, None, Plan]:
    """The same as ``plan_import``, yielding how many staff rows are checked as it goes."""
    checker = Checker(existing)
    checker.plan.issues.extend(read.issues)
    staff = read.sheets.get(SheetKind.STAFF)
    rows: list[Row] = []
    for raw in staff.rows if staff else []:
        rows.append(staff_row(checker, raw))
        checker.mentioned.update((raw.cells.get("iin", ""), raw.cells.get("position_code", "")))
        if len(rows) % PROGRESS_EVERY == 0:
            yield len(rows)
    good = [r for r in rows if (SheetKind.STAFF, r.number) not in checker.bad_rows]
    merge(checker, good, "employee", "iin")
    merge(checker, good, "department", "department_code")
    merge(checker, good, "position", "position_code")
    check_references(checker, good)
    check_reports_to(checker, good)
    check_assignments(checker, good)
    check_absences(checker, read)
    check_dismissals(checker, read)
    outcomes(checker, rows, read)
    yield len(rows)
    return checker.plan
