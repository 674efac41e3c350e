"""One row's cells as the checks see them: typed, each bad cell an issue (``Checker``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bagalau.domain.calendar import format_date
from bagalau.orgs.imports import cells
from bagalau.orgs.imports.columns import COLUMNS, SheetKind
from bagalau.orgs.imports.issues import Issue, IssueCode
from bagalau.orgs.imports.read import RawRow
from bagalau.orgs.imports.rules_plan import (
    EMPLOYEE_FIELDS,
    EMPLOYEE_REQUIRED,
    Existing,
    Plan,
    Values,
)


@dataclass
class Row:
    """One staff row's typed cells, with what it defines."""

    number: int
    values: Values
    employee: Values | None = None
    department: Values | None = None
    position: Values | None = None


class Checker:
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


# Free text that ends up in exports (a formula-like value is refused at the cell).
TEXT_COLUMNS = (
    "last_name_kk", "first_name_kk", "middle_name_kk", "last_name_ru", "first_name_ru",
    "middle_name_ru", "department_name_kk", "department_name_ru", "position_title_kk",
    "position_title_ru",
)  # fmt: skip
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
    **dict.fromkeys(TEXT_COLUMNS, cells.text), "phone": cells.phone,
    "iin": cells.iin, "email": cells.email, "department_code": cells.code,
    "position_code": cells.code, "category": cells.category, "reports_to": cells.code,
    "head_of_apparatus": cells.flag, "head_of_unit": cells.flag, "start": cells.day,
    "end": cells.day,
}  # fmt: skip


def staff_row(checker: Checker, raw: RawRow) -> Row:
    values = checker.typed(SheetKind.STAFF, raw, _STAFF_PARSERS)
    values["kind"] = _safe(checker, raw.number, "kind", cells.assignment_kind, values.get("kind"))
    row = Row(raw.number, values)
    end, start = values.get("end"), values.get("start")
    if isinstance(end, date) and isinstance(start, date) and end < start:
        checker.issue(
            IssueCode.END_BEFORE_START, SheetKind.STAFF, raw.number, "end",
            end=format_date(end), start=format_date(start),
        )  # fmt: skip
    if any(values.get(k) for k in EMPLOYEE_FIELDS[:6]):
        row.employee = {k: values.get(k, "") for k in EMPLOYEE_FIELDS}
        require(checker, raw.number, values, EMPLOYEE_REQUIRED)
    if values.get("department_name_kk") or values.get("department_name_ru"):
        row.department = {"name_kk": values.get("department_name_kk", ""),
                          "name_ru": values.get("department_name_ru", "")}  # fmt: skip
        require(checker, raw.number, values, ("department_code", "department_name_kk",
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
        # No category is required: elected posts such as a maslikhat's chair are outside
        # the "B" corps categories, and the export writes them with an empty one.
        require(checker, raw.number, values, ("position_title_kk", "position_title_ru"))
    return row


def _safe(checker: Checker, row: int, key: str, parse: Callable[[str], Any], value: Any) -> Any:
    try:
        return parse(value if isinstance(value, str) else "")
    except cells.CellError as err:
        checker.issue(err.code, SheetKind.STAFF, row, key, **err.params)
        return None


def require(checker: Checker, row: int, values: Values, keys: tuple[str, ...]) -> None:
    for key in keys:
        if not values.get(key) and (SheetKind.STAFF, row, key) not in checker.bad_cells:
            checker.issue(IssueCode.REQUIRED, SheetKind.STAFF, row, key)
