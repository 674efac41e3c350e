"""Checking a staff import against itself and the data already kept, and planning it.

``plan_import`` is a pure function: parsed sheets and a snapshot of the body's current
departments, positions, employees and history in, every issue and every row's outcome
(create / update / unchanged / error) and the wanted state out. Nothing is written here;
``bagalau.orgs.importer`` applies a plan only when it has no issue at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bagalau.domain.calendar import format_date
from bagalau.orgs import import_cells as cells
from bagalau.orgs.import_columns import COLUMNS, SheetKind
from bagalau.orgs.import_issues import WHERE_SYSTEM, Issue, IssueCode
from bagalau.orgs.import_read import RawRow, ReadResult

Values = dict[str, Any]
EMPLOYEE_FIELDS = (
    "last_name_kk", "first_name_kk", "middle_name_kk",
    "last_name_ru", "first_name_ru", "middle_name_ru", "email", "phone",
)  # fmt: skip
EMPLOYEE_REQUIRED = ("last_name_kk", "first_name_kk", "last_name_ru", "first_name_ru")
POSITION_FIELDS = (
    "title_kk", "title_ru", "category", "is_head_of_apparatus", "is_head_of_unit",
    "department_code", "reports_to_code",
)  # fmt: skip


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class Existing:
    """What the body has now, keyed the way import rows are matched."""

    departments: dict[str, Values] = field(default_factory=dict)  # code -> name_kk, name_ru
    positions: dict[str, Values] = field(default_factory=dict)  # code -> POSITION_FIELDS
    employees: dict[str, Values] = field(default_factory=dict)  # iin -> EMPLOYEE_FIELDS
    # (iin, position code) -> [(start, end, kind)]
    assignments: dict[tuple[str, str], list[tuple[date, date | None, str]]] = field(
        default_factory=dict
    )
    absences: dict[tuple[str, str, date], date] = field(default_factory=dict)
    dismissals: dict[tuple[str, date], str] = field(default_factory=dict)


@dataclass
class Plan:
    issues: list[Issue] = field(default_factory=list)
    outcomes: list[tuple[SheetKind, int, Outcome]] = field(default_factory=list)
    departments: dict[str, Values] = field(default_factory=dict)
    positions: dict[str, Values] = field(default_factory=dict)
    employees: dict[str, Values] = field(default_factory=dict)
    assignments: dict[tuple[str, str, date], Values] = field(default_factory=dict)
    absences: dict[tuple[str, str, date], date] = field(default_factory=dict)
    dismissals: dict[tuple[str, date], str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.issues

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Outcome, 0)
        for _sheet, _row, outcome in self.outcomes:
            counts[outcome] += 1
        return {k.value: v for k, v in counts.items()}


@dataclass
class _Row:
    """One staff row's typed cells, with what it defines."""

    number: int
    values: Values
    employee: Values | None = None
    department: Values | None = None
    position: Values | None = None


class _Checker:
    def __init__(self, existing: Existing) -> None:
        self.existing = existing
        self.plan = Plan()
        self.bad_rows: set[tuple[SheetKind, int]] = set()
        self.bad_cells: set[tuple[SheetKind, int, str | None]] = set()
        # Codes and IINs on rows with an error count as known, so that one bad row does
        # not make every row that refers to it an error too.
        self.mentioned: set[str] = set()

    def issue(
        self, code: IssueCode, sheet: SheetKind, row: int, column: str | None, /, **params: Any
    ) -> None:
        self.plan.issues.append(Issue(code, sheet, row, column, params))
        self.bad_rows.add((sheet, row))
        self.bad_cells.add((sheet, row, column))

    def typed(
        self, sheet: SheetKind, row: RawRow, parsers: Mapping[str, Callable[[str], Any]]
    ) -> Values:
        """The row's cells, parsed; empty required cells and bad values become issues."""
        values: Values = {}
        cells_of = row.cells
        for key, required, max_length, parse in _specs(sheet, parsers):
            text = cells_of.get(key, "").strip()
            if not text:
                if required:
                    self.issue(IssueCode.REQUIRED, sheet, row.number, key)
                    continue
            elif len(text) > max_length:
                self.issue(IssueCode.TOO_LONG, sheet, row.number, key, max=max_length)
                continue
            if parse is None or not text:
                values[key] = text
                continue
            try:
                values[key] = parse(text)
            except cells.CellError as err:
                self.issue(err.code, sheet, row.number, key, **err.params)
        return values


_Spec = tuple[str, bool, int, Callable[[str], Any] | None]
_SPECS: dict[tuple[SheetKind, int], tuple[Mapping[str, Any], list[_Spec]]] = {}


def _specs(sheet: SheetKind, parsers: Mapping[str, Callable[[str], Any]]) -> list[_Spec]:
    """Each column's key, whether required, longest length and parser, worked out once
    per sheet kind and set of parsers: this loop runs for every cell of the file."""
    hit = _SPECS.get((sheet, id(parsers)))
    if hit is None or hit[0] is not parsers:
        specs = [(c.key, c.required, c.max_length, parsers.get(c.key)) for c in COLUMNS[sheet]]
        hit = _SPECS[(sheet, id(parsers))] = (parsers, specs)
    return hit[1]


_STAFF_PARSERS: Mapping[str, Callable[[str], Any]] = {
    "iin": cells.iin, "email": cells.email, "department_code": cells.code,
    "position_code": cells.code, "category": cells.category, "reports_to": cells.code,
    "head_of_apparatus": cells.flag, "head_of_unit": cells.flag, "start": cells.day,
    "end": cells.day,
}  # fmt: skip


_ABSENCE_PARSERS: Mapping[str, Callable[[str], Any]] = {
    "iin": cells.iin, "kind": cells.absence_kind, "start": cells.day, "end": cells.day,
}  # fmt: skip
_DISMISSAL_PARSERS: Mapping[str, Callable[[str], Any]] = {"iin": cells.iin, "date": cells.day}
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
    checker = _Checker(existing)
    checker.plan.issues.extend(read.issues)
    staff = read.sheets.get(SheetKind.STAFF)
    rows: list[_Row] = []
    for raw in staff.rows if staff else []:
        rows.append(_staff_row(checker, raw))
        checker.mentioned.update((raw.cells.get("iin", ""), raw.cells.get("position_code", "")))
        if len(rows) % PROGRESS_EVERY == 0:
            yield len(rows)
    good = [r for r in rows if (SheetKind.STAFF, r.number) not in checker.bad_rows]
    _merge(checker, good, "employee", "iin")
    _merge(checker, good, "department", "department_code")
    _merge(checker, good, "position", "position_code")
    _check_references(checker, good)
    _check_reports_to(checker, good)
    _check_assignments(checker, good)
    _check_absences(checker, read)
    _check_dismissals(checker, read)
    _outcomes(checker, rows, read)
    yield len(rows)
    return checker.plan


def _staff_row(checker: _Checker, raw: RawRow) -> _Row:
    values = checker.typed(SheetKind.STAFF, raw, _STAFF_PARSERS)
    values["kind"] = _safe(checker, raw.number, "kind", cells.assignment_kind, values.get("kind"))
    row = _Row(raw.number, values)
    end, start = values.get("end"), values.get("start")
    if isinstance(end, date) and isinstance(start, date) and end < start:
        checker.issue(
            IssueCode.END_BEFORE_START, SheetKind.STAFF, raw.number, "end",
            end=format_date(end), start=format_date(start),
        )  # fmt: skip
    if any(values.get(k) for k in EMPLOYEE_FIELDS[:6]):
        row.employee = {k: values.get(k, "") for k in EMPLOYEE_FIELDS}
        _require(checker, raw.number, values, EMPLOYEE_REQUIRED)
    if values.get("department_name_kk") or values.get("department_name_ru"):
        row.department = {"name_kk": values.get("department_name_kk", ""),
                          "name_ru": values.get("department_name_ru", "")}  # fmt: skip
        _require(checker, raw.number, values, ("department_code", "department_name_kk",
                                               "department_name_ru"))  # fmt: skip
    if any(values.get(k) for k in ("position_title_kk", "position_title_ru", "category")):
        row.position = {
            "title_kk": values.get("position_title_kk", ""),
            "title_ru": values.get("position_title_ru", ""),
            "category": values.get("category", ""),
            "is_head_of_apparatus": bool(values.get("head_of_apparatus")),
            "is_head_of_unit": bool(values.get("head_of_unit")),
            "department_code": values.get("department_code", ""),
            "reports_to_code": values.get("reports_to", ""),
        }
        _require(checker, raw.number, values, ("position_title_kk", "position_title_ru",
                                               "category"))  # fmt: skip
    return row


def _safe(checker: _Checker, row: int, key: str, parse: Callable[[str], Any], value: Any) -> Any:
    try:
        return parse(value if isinstance(value, str) else "")
    except cells.CellError as err:
        checker.issue(err.code, SheetKind.STAFF, row, key, **err.params)
        return None


def _require(checker: _Checker, row: int, values: Values, keys: tuple[str, ...]) -> None:
    for key in keys:
        if not values.get(key) and (SheetKind.STAFF, row, key) not in checker.bad_cells:
            checker.issue(IssueCode.REQUIRED, SheetKind.STAFF, row, key)


def _merge(checker: _Checker, rows: list[_Row], what: str, key_column: str) -> None:
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


def _check_references(checker: _Checker, rows: list[_Row]) -> None:
    plan, existing = checker.plan, checker.existing
    for row in rows:
        iin, dept, pos = (row.values.get(k) for k in ("iin", "department_code", "position_code"))
        if iin not in plan.employees and iin not in existing.employees:
            _require(checker, row.number, row.values, EMPLOYEE_REQUIRED)
        if dept and dept not in plan.departments and dept not in existing.departments:
            checker.issue(IssueCode.UNKNOWN_DEPARTMENT, SheetKind.STAFF, row.number,
                          "department_code", code=dept)  # fmt: skip
        if pos not in plan.positions and pos not in existing.positions:
            checker.issue(IssueCode.UNKNOWN_POSITION, SheetKind.STAFF, row.number,
                          "position_code", code=pos)  # fmt: skip


def _check_reports_to(checker: _Checker, rows: list[_Row]) -> None:
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


def _check_assignments(checker: _Checker, rows: list[_Row]) -> None:
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
    checker: _Checker,
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


def _known_iin(checker: _Checker, iin: str) -> bool:
    plan, existing = checker.plan, checker.existing
    return iin in plan.employees or iin in existing.employees or iin in checker.mentioned


def _check_absences(checker: _Checker, read: ReadResult) -> None:
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


def _check_dismissals(checker: _Checker, read: ReadResult) -> None:
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


def _outcomes(checker: _Checker, rows: list[_Row], read: ReadResult) -> None:
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
