"""The checks across rows and sheets of a staff import (one definition per key, known
references, reporting lines without cycles, no overlapping spells, absences and
dismissals of known people) and every row's outcome."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from bagalau.domain.calendar import format_date
from bagalau.orgs.imports import cells
from bagalau.orgs.imports.columns import SheetKind
from bagalau.orgs.imports.issues import WHERE_SYSTEM, IssueCode
from bagalau.orgs.imports.read import ReadResult
from bagalau.orgs.imports.rules_plan import EMPLOYEE_REQUIRED, Outcome, Values
from bagalau.orgs.imports.rules_rows import Checker, Row, require

_ABSENCE_PARSERS: Mapping[str, Callable[[str], Any]] = {
    "iin": cells.iin, "kind": cells.absence_kind, "start": cells.day, "end": cells.day,
}  # fmt: skip
_DISMISSAL_PARSERS: Mapping[str, Callable[[str], Any]] = {
    "iin": cells.iin, "date": cells.day, "basis": cells.text,
}  # fmt: skip


def merge(checker: Checker, rows: list[Row], what: str, key_column: str) -> None:
    """One definition per key: rows that describe the same thing must agree."""
    target: dict[str, Values] = getattr(checker.plan, what + "s")
    first_row: dict[str, int] = {}
    for row in rows:
        definition = getattr(row, what)
        key = row.values.get(key_column)
        if definition is None or not key:
            continue
        if key not in target:
            target[key], first_row[key] = definition, row.number
            continue
        for name, value in definition.items():
            if target[key][name] != value:
                checker.issue(
                    IssueCode.CONFLICT, SheetKind.STAFF, row.number, _column_of(what, name),
                    other_row=first_row[key], other=_show(target[key][name]), entity=what, key=key,
                )  # fmt: skip
                break


def _column_of(what: str, name: str) -> str:
    if what == "department":
        return "department_" + name
    if what == "position":
        return {"title_kk": "position_title_kk", "title_ru": "position_title_ru",
                "is_head_of_apparatus": "head_of_apparatus", "is_head_of_unit": "head_of_unit",
                "reports_to_code": "reports_to"}.get(name, name)  # fmt: skip
    return name


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def check_references(checker: Checker, rows: list[Row]) -> None:
    plan, existing = checker.plan, checker.existing
    for row in rows:
        iin, dept, pos = (row.values.get(k) for k in ("iin", "department_code", "position_code"))
        if iin not in plan.employees and iin not in existing.employees:
            require(checker, row.number, row.values, EMPLOYEE_REQUIRED)
        if dept and dept not in plan.departments and dept not in existing.departments:
            checker.issue(IssueCode.UNKNOWN_DEPARTMENT, SheetKind.STAFF, row.number,
                          "department_code", code=dept)  # fmt: skip
        if pos not in plan.positions and pos not in existing.positions:
            checker.issue(IssueCode.UNKNOWN_POSITION, SheetKind.STAFF, row.number,
                          "position_code", code=pos)  # fmt: skip


def check_reports_to(checker: Checker, rows: list[Row]) -> None:
    plan, existing = checker.plan, checker.existing
    defined_in = {r.values["position_code"]: r.number for r in rows if r.position is not None}
    graph: dict[str, str] = {c: v["reports_to_code"] for c, v in existing.positions.items()}
    graph.update({code: v["reports_to_code"] for code, v in plan.positions.items()})
    for code, target in plan.positions.items():
        boss = target["reports_to_code"]
        if boss and boss not in graph and boss not in checker.mentioned:
            checker.issue(IssueCode.UNKNOWN_REPORTS_TO, SheetKind.STAFF, defined_in[code],
                          "reports_to", code=boss)  # fmt: skip
    reported: set[str] = set()
    for start in plan.positions:
        chain, seen, boss = [start], {start}, graph.get(start, "")
        while boss and boss in graph and boss not in seen:
            chain.append(boss)
            seen.add(boss)
            boss = graph[boss]
        if boss == start and not reported & seen:
            reported |= seen
            cycle = " → ".join([*chain, start])
            checker.issue(IssueCode.REPORTS_TO_CYCLE, SheetKind.STAFF, defined_in[start],
                          "reports_to", cycle=cycle)  # fmt: skip


def check_assignments(checker: Checker, rows: list[Row]) -> None:
    plan = checker.plan
    groups: dict[tuple[str, str], list[tuple[date, date | None, str]]] = defaultdict(list)
    for row in rows:
        v = row.values
        key = (v["iin"], v["position_code"], v["start"])
        if key in plan.assignments:
            checker.issue(IssueCode.DUPLICATE_ROW, SheetKind.STAFF, row.number, "start",
                          other_row=plan.assignments[key]["row"])  # fmt: skip
            continue
        plan.assignments[key] = {"kind": v["kind"], "end": v.get("end") or None, "row": row.number}
        groups[key[:2]].append((v["start"], v.get("end") or None, str(row.number)))
    for pair, spells in groups.items():
        starts = {s for s, _e, _w in spells}
        known = [(s, e, WHERE_SYSTEM) for s, e, _k in checker.existing.assignments.get(pair, [])
                 if s not in starts]  # fmt: skip
        _overlaps(checker, sorted(spells), known)


def _overlaps(
    checker: Checker,
    spells: list[tuple[date, date | None, str]],
    known: list[tuple[date, date | None, str]],
) -> None:
    for i, (start, end, where) in enumerate(spells):
        for other_start, other_end, other_where in [*spells[:i], *known]:
            if start <= (other_end or date.max) and other_start <= (end or date.max):
                checker.issue(
                    IssueCode.OVERLAP, SheetKind.STAFF, int(where), "start",
                    start=format_date(start), end=format_date(end) if end else "…",
                    other_start=format_date(other_start),
                    other_end=format_date(other_end) if other_end else "…", where=other_where,
                )  # fmt: skip
                break


def _known_iin(checker: Checker, iin: str) -> bool:
    plan, existing = checker.plan, checker.existing
    return iin in plan.employees or iin in existing.employees or iin in checker.mentioned


def check_absences(checker: Checker, read: ReadResult) -> None:
    sheet = read.sheets.get(SheetKind.ABSENCES)
    parsers = _ABSENCE_PARSERS
    seen: dict[tuple[str, str, date], int] = {}
    for raw in sheet.rows if sheet else []:
        v = checker.typed(SheetKind.ABSENCES, raw, parsers)
        if (SheetKind.ABSENCES, raw.number) in checker.bad_rows:
            continue
        if not _known_iin(checker, v["iin"]):
            checker.issue(IssueCode.UNKNOWN_EMPLOYEE, SheetKind.ABSENCES, raw.number, "iin",
                          value=v["iin"])  # fmt: skip
        elif v["end"] < v["start"]:
            checker.issue(IssueCode.END_BEFORE_START, SheetKind.ABSENCES, raw.number, "end",
                          end=format_date(v["end"]), start=format_date(v["start"]))  # fmt: skip
        elif (v["iin"], v["kind"], v["start"]) in seen:
            checker.issue(IssueCode.DUPLICATE_ROW, SheetKind.ABSENCES, raw.number, "start",
                          other_row=seen[(v["iin"], v["kind"], v["start"])])  # fmt: skip
        else:
            seen[(v["iin"], v["kind"], v["start"])] = raw.number
            checker.plan.absences[(v["iin"], v["kind"], v["start"])] = v["end"]


def check_dismissals(checker: Checker, read: ReadResult) -> None:
    sheet = read.sheets.get(SheetKind.DISMISSALS)
    parsers = _DISMISSAL_PARSERS
    seen: dict[tuple[str, date], int] = {}
    for raw in sheet.rows if sheet else []:
        v = checker.typed(SheetKind.DISMISSALS, raw, parsers)
        if (SheetKind.DISMISSALS, raw.number) in checker.bad_rows:
            continue
        key = (v["iin"], v["date"])
        if not _known_iin(checker, v["iin"]):
            checker.issue(IssueCode.UNKNOWN_EMPLOYEE, SheetKind.DISMISSALS, raw.number, "iin",
                          value=v["iin"])  # fmt: skip
        elif key in seen:
            checker.issue(IssueCode.DUPLICATE_ROW, SheetKind.DISMISSALS, raw.number, "date",
                          other_row=seen[key])  # fmt: skip
        else:
            seen[key] = raw.number
            checker.plan.dismissals[key] = v.get("basis", "")


def outcomes(checker: Checker, rows: list[Row], read: ReadResult) -> None:
    plan, existing, out = checker.plan, checker.existing, checker.plan.outcomes
    for row in rows:
        if (SheetKind.STAFF, row.number) in checker.bad_rows:
            out.append((SheetKind.STAFF, row.number, Outcome.ERROR))
            continue
        v = row.values
        iin, pair = v["iin"], (v["iin"], v["position_code"])
        old = {s: (e, k) for s, e, k in existing.assignments.get(pair, [])}.get(v["start"])
        if iin not in existing.employees or old is None:
            outcome = Outcome.CREATE
        elif (
            old != (v.get("end") or None, v["kind"])
            or _differs(plan.employees.get(iin), existing.employees.get(iin))
            or _differs(plan.departments.get(v.get("department_code", "")),
                        existing.departments.get(v.get("department_code", "")))
            or _differs(plan.positions.get(v["position_code"]),
                        existing.positions.get(v["position_code"]))
        ):  # fmt: skip
            outcome = Outcome.UPDATE
        else:
            outcome = Outcome.UNCHANGED
        out.append((SheetKind.STAFF, row.number, outcome))
    for kind, table, values in (
        (SheetKind.ABSENCES, existing.absences, plan.absences),
        (SheetKind.DISMISSALS, existing.dismissals, plan.dismissals),
    ):
        by_row = _rows_of(read, kind)
        for number in by_row:
            key = by_row[number]
            if (kind, number) in checker.bad_rows or key is None or key not in values:
                out.append((kind, number, Outcome.ERROR))
            elif key not in table:
                out.append((kind, number, Outcome.CREATE))
            else:
                changed = table[key] != values[key]
                out.append((kind, number, Outcome.UPDATE if changed else Outcome.UNCHANGED))


def _differs(wanted: Values | None, current: Values | None) -> bool:
    return wanted is not None and wanted != current


def _rows_of(read: ReadResult, kind: SheetKind) -> dict[int, Any]:
    """Row number -> the row's match key, or None when a cell does not parse."""
    sheet = read.sheets.get(kind)
    keys: dict[int, Any] = {}
    for raw in sheet.rows if sheet else []:
        try:
            iin = cells.iin(raw.cells.get("iin", ""))
            if kind is SheetKind.ABSENCES:
                keys[raw.number] = (iin, cells.absence_kind(raw.cells.get("kind", "")),
                                    cells.day(raw.cells.get("start", "")))  # fmt: skip
            else:
                keys[raw.number] = (iin, cells.day(raw.cells.get("date", "")))
        except cells.CellError:
            keys[raw.number] = None
    return keys
