"""The body's current data as an import sees it, and the uploaded rows kept with a job.

``load_current`` reads everything an import may touch in a fixed number of queries
(IIN lists go in chunks of ``IN_CHUNK``), as model objects keyed the way import rows are
matched, and as the plain ``Existing`` snapshot the pure checks in ``import_rules`` use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db.models import F

from bagalau.orgs.import_columns import COLUMNS, SheetKind
from bagalau.orgs.import_read import RawRow, RawSheet, ReadResult
from bagalau.orgs.import_rules import EMPLOYEE_FIELDS, Existing
from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    Position,
    StateBody,
)

T = TypeVar("T")
IN_CHUNK = 10_000
_POSITION = ("title_kk", "title_ru", "category", "is_head_of_apparatus", "is_head_of_unit")


def _chunks(values: list[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# --- the uploaded rows, kept with the job --------------------------------------------


def rows_to_data(read: ReadResult) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for kind, sheet in read.sheets.items():
        keys = [c.key for c in COLUMNS[kind]]
        data[kind.value] = {
            "name": sheet.name,
            "rows": [[r.number, *(r.cells.get(k, "") for k in keys)] for r in sheet.rows],
        }
    return data


def rows_from_data(data: dict[str, Any]) -> ReadResult:
    read = ReadResult()
    for kind_value, sheet_data in data.items():
        kind = SheetKind(kind_value)
        keys = [c.key for c in COLUMNS[kind]]
        rows = [RawRow(r[0], dict(zip(keys, r[1:], strict=True))) for r in sheet_data["rows"]]
        read.sheets[kind] = RawSheet(kind, sheet_data["name"], rows)
    return read


# --- what the body has now -----------------------------------------------------------


@dataclass
class Current:
    """The body's rows the import may touch, as model objects, keyed like ``Existing``."""

    departments: dict[str, Department] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)
    assignments: dict[tuple[str, str, date], Assignment] = field(default_factory=dict)
    absences: dict[tuple[str, str, date], Absence] = field(default_factory=dict)
    dismissals: dict[tuple[str, date], Dismissal] = field(default_factory=dict)


def load_current(body: StateBody, read: ReadResult) -> tuple[Current, Existing]:
    cur = Current()
    cur.departments = {d.code: d for d in Department.objects.filter(body=body)}
    dept_codes = {d.pk: d.code for d in cur.departments.values()}
    cur.positions = {p.code: p for p in Position.objects.filter(body=body)}
    pos_codes = {p.pk: p.code for p in cur.positions.values()}
    iins = sorted({r.cells.get("iin", "") for s in read.sheets.values() for r in s.rows})
    for chunk in _chunks(iins):
        cur.employees.update({e.iin: e for e in Employee.objects.filter(iin__in=chunk)})
    iin_of = {e.pk: e.iin for e in cur.employees.values()}
    for a in Assignment.objects.filter(position__body=body).annotate(
        employee_iin=F("employee__iin")
    ):
        cur.assignments[(a.employee_iin, pos_codes[a.position_id], a.start)] = a
    for ids in _chunks(list(iin_of)):
        for ab in Absence.objects.filter(employee_id__in=ids):
            cur.absences[(iin_of[ab.employee_id], ab.kind, ab.start)] = ab
    for dm in Dismissal.objects.filter(body=body).annotate(employee_iin=F("employee__iin")):
        cur.dismissals[(dm.employee_iin, dm.date)] = dm
    return cur, _existing(cur, dept_codes, pos_codes)


def _existing(cur: Current, dept_codes: dict[int, str], pos_codes: dict[int, str]) -> Existing:
    ex = Existing()
    ex.departments = {c: {"name_kk": d.name_kk, "name_ru": d.name_ru}
                      for c, d in cur.departments.items()}  # fmt: skip
    for code, p in cur.positions.items():
        ex.positions[code] = {
            **{f: getattr(p, f) for f in _POSITION},
            "department_code": dept_codes.get(p.department_id or 0, ""),
            "reports_to_code": pos_codes.get(p.reports_to_id or 0, ""),
        }
    ex.employees = {
        i: {f: getattr(e, f) for f in EMPLOYEE_FIELDS} for i, e in cur.employees.items()
    }
    for (iin, pos, start), a in cur.assignments.items():
        ex.assignments.setdefault((iin, pos), []).append((start, a.end, a.kind))
    ex.absences = {k: a.end for k, a in cur.absences.items()}
    ex.dismissals = {k: d.basis for k, d in cur.dismissals.items()}
    return ex
