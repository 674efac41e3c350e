"""The body's current data as an import sees it, and the uploaded rows kept with a job.

``load_existing`` reads everything an import may touch in a fixed number of queries
(IIN lists go in chunks of ``IN_CHUNK``), as the plain ``Existing`` snapshot the pure
checks in ``rules`` use: value lists, not model objects, since building a model
object per row costs more than the query.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from bagalau.orgs.imports.columns import COLUMNS, SheetKind
from bagalau.orgs.imports.read import RawRow, RawSheet, ReadResult
from bagalau.orgs.imports.rules import EMPLOYEE_FIELDS, Existing
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
        if kind_value.startswith("_"):  # what the dry run kept besides the rows
            continue
        kind = SheetKind(kind_value)
        keys = [c.key for c in COLUMNS[kind]]
        rows = [RawRow(r[0], dict(zip(keys, r[1:], strict=True))) for r in sheet_data["rows"]]
        read.sheets[kind] = RawSheet(kind, sheet_data["name"], rows)
    return read


# --- what the body has now -----------------------------------------------------------


def iins_read(read: ReadResult) -> set[str]:
    """Every IIN cell of the rows read (as typed: the checks match them so)."""
    return {r.cells.get("iin", "") for s in read.sheets.values() for r in s.rows}


def iins_kept(data: dict[str, Any]) -> set[str]:
    """``iins_read`` of the rows kept with a job, without rebuilding the rows."""
    found: set[str] = set()
    for kind_value, sheet_data in data.items():
        if not kind_value.startswith("_"):
            at = 1 + [c.key for c in COLUMNS[SheetKind(kind_value)]].index("iin")
            found.update(r[at] for r in sheet_data["rows"])
    return found


def load_existing(body: StateBody, iins: set[str]) -> Existing:
    """The body's rows the import may touch, as plain values (no model objects);
    ``iins`` are the file's (``iins_read``)."""
    ex = Existing()
    depts = Department.objects.filter(body=body).order_by()
    dept_codes = dict(depts.values_list("pk", "code"))
    ex.departments = {c: {"name_kk": kk, "name_ru": ru}
                      for c, kk, ru in depts.values_list("code", "name_kk", "name_ru")}  # fmt: skip
    positions = list(
        Position.objects.filter(body=body).order_by()
        .values_list("pk", "code", *_POSITION, "department_id", "reports_to_id")
    )  # fmt: skip
    pos_codes = {p[0]: p[1] for p in positions}
    for _pk, code, *values, dept_id, boss_id in positions:
        ex.positions[code] = {
            **dict(zip(_POSITION, values, strict=True)),
            "department_code": dept_codes.get(dept_id or 0, ""),
            "reports_to_code": pos_codes.get(boss_id or 0, ""),
        }
    iin_of: dict[int, str] = {}
    for chunk in _chunks(sorted(iins)):
        for pk, iin, *values in (
            Employee.objects.filter(iin__in=chunk)
            .order_by()
            .values_list("pk", "iin", *EMPLOYEE_FIELDS)
        ):
            iin_of[pk] = iin
            ex.employees[iin] = dict(zip(EMPLOYEE_FIELDS, values, strict=True))
    assignments = Assignment.objects.filter(position__body=body).order_by()
    spells = {
        (iin, pos, start): (end, kind)
        for iin, pos, start, end, kind in assignments.values_list(
            "employee__iin", "position__code", "start", "end", "kind"
        )
    }
    for (iin, pos, start), (end, kind) in spells.items():  # one per key, as the apply matches
        ex.assignments.setdefault((iin, pos), []).append((start, end, kind))
    for ids in _chunks(list(iin_of)):
        absences = Absence.objects.filter(employee_id__in=ids).order_by()
        for emp, kind, start, end in absences.values_list("employee_id", "kind", "start", "end"):
            ex.absences[(iin_of[emp], kind, start)] = end
    dismissals = Dismissal.objects.filter(body=body).order_by()
    for iin, day, basis in dismissals.values_list("employee__iin", "date", "basis"):
        ex.dismissals[(iin, day)] = basis
    return ex
