"""Import problems as codes with values, and their translated sentences.

An issue names the sheet, the row and the column it is about; the sentence says what
is wrong and what to fix. Issues are stored with an import job as plain data and
rendered in the reader's language when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bagalau.orgs.imports.columns import COLUMNS, SHEET_LABELS, SheetKind


class IssueCode(StrEnum):
    # the file as a whole
    NOT_SPREADSHEET = "not_spreadsheet"
    OLD_EXCEL = "old_excel"
    ENCODING = "encoding"
    EMPTY = "empty"
    MISSING_COLUMNS = "missing_columns"
    UNKNOWN_COLUMNS = "unknown_columns"
    DUPLICATE_SHEET = "duplicate_sheet"
    # one cell
    REQUIRED = "required"
    TOO_LONG = "too_long"
    IIN_INVALID = "iin_invalid"
    BAD_DATE = "bad_date"
    BAD_CATEGORY = "bad_category"
    BAD_FLAG = "bad_flag"
    BAD_ASSIGNMENT_KIND = "bad_assignment_kind"
    BAD_ABSENCE_KIND = "bad_absence_kind"
    BAD_EMAIL = "bad_email"
    BAD_CODE = "bad_code"
    FORMULA_TEXT = "formula_text"
    # across rows and the data already kept
    END_BEFORE_START = "end_before_start"
    OVERLAP = "overlap"
    DUPLICATE_ROW = "duplicate_row"
    CONFLICT = "conflict"
    UNKNOWN_DEPARTMENT = "unknown_department"
    UNKNOWN_POSITION = "unknown_position"
    UNKNOWN_REPORTS_TO = "unknown_reports_to"
    REPORTS_TO_CYCLE = "reports_to_cycle"
    UNKNOWN_EMPLOYEE = "unknown_employee"


MESSAGES: Mapping[IssueCode, Promise] = {
    IssueCode.NOT_SPREADSHEET: _(
        "“%(file)s” is not a spreadsheet. Upload an .xlsx workbook or a .csv file."
    ),
    IssueCode.OLD_EXCEL: _(
        "“%(file)s” is an old Excel 97–2003 (.xls) file. Save it as .xlsx and upload it again."
    ),
    IssueCode.ENCODING: _(
        "“%(file)s” is neither in UTF-8 nor in Windows-1251. Save it as “CSV UTF-8” and "
        "upload it again."
    ),
    IssueCode.EMPTY: _("“%(file)s” has no rows of data. Fill in the template and upload it."),
    IssueCode.MISSING_COLUMNS: _(
        "The columns %(columns)s are missing. Add them with the headers of the template."
    ),
    IssueCode.UNKNOWN_COLUMNS: _(
        "The columns %(columns)s are not in the template. Rename them as in the template "
        "or remove them."
    ),
    IssueCode.DUPLICATE_SHEET: _(
        "There is more than one sheet of %(sheet)s. Put all these rows on one sheet."
    ),
    IssueCode.REQUIRED: _("The cell is empty. Fill it in."),
    IssueCode.TOO_LONG: _("The text is longer than %(max)s characters. Shorten it."),
    IssueCode.IIN_INVALID: _(
        "“%(value)s” is not a valid IIN: %(reason)s. Check the 12 digits against the "
        "identity document."
    ),
    IssueCode.BAD_DATE: _(
        "“%(value)s” is not a date. Write it as dd.mm.yyyy, for example 07.07.2023."
    ),
    IssueCode.BAD_CATEGORY: _(
        "“%(value)s” is not a category. Write it like E-2, E-3, C-O-5 or E-R-1."
    ),
    IssueCode.BAD_FLAG: _("“%(value)s” is neither yes nor no. Write 1 for yes or 0 for no."),
    IssueCode.BAD_ASSIGNMENT_KIND: _(
        "“%(value)s” is not an assignment kind. Write main, acting or combined "
        "(негізгі, м.а., қоса атқару; основная, и.о., совмещение)."
    ),
    IssueCode.BAD_ABSENCE_KIND: _("“%(value)s” is not an absence kind. Write one of: %(kinds)s."),
    IssueCode.BAD_EMAIL: _("“%(value)s” is not an e-mail address. Correct it or leave it empty."),
    IssueCode.BAD_CODE: _(
        "“%(value)s” is not a code. Use Latin letters, digits, hyphens and underscores."
    ),
    IssueCode.FORMULA_TEXT: _(
        "“%(value)s” starts with =, +, -, @ or a tab, which a spreadsheet would run as a "
        "formula. Remove that first character."
    ),
    IssueCode.END_BEFORE_START: _(
        "The end %(end)s is before the start %(start)s. Correct one of the dates."
    ),
    IssueCode.OVERLAP: _(
        "This assignment (%(start)s – %(end)s) overlaps another one of the same employee "
        "in the same position (%(other_start)s – %(other_end)s, %(where)s). Correct the dates."
    ),
    IssueCode.DUPLICATE_ROW: _("The same row is already in row %(other_row)s. Remove one of them."),
    IssueCode.CONFLICT: _(
        "Row %(other_row)s gives “%(other)s” for the same %(entity)s %(key)s. Write the same "
        "value in both rows."
    ),
    IssueCode.UNKNOWN_DEPARTMENT: _(
        "Department %(code)s is not in the system and no row gives its names. Fill in its "
        "Kazakh and Russian names."
    ),
    IssueCode.UNKNOWN_POSITION: _(
        "Position %(code)s is not in the system and no row describes it. Fill in its titles "
        "and category."
    ),
    IssueCode.UNKNOWN_REPORTS_TO: _(
        "Position %(code)s is neither in the file nor in the system. Check the code of the "
        "position this one reports to."
    ),
    IssueCode.REPORTS_TO_CYCLE: _(
        "Positions report to each other in a circle: %(cycle)s. Correct the “reports to” code."
    ),
    IssueCode.UNKNOWN_EMPLOYEE: _(
        "There is no employee with IIN %(value)s in the file or in the system. Add them to "
        "the staff sheet first."
    ),
}

IIN_REASONS: Mapping[str, Promise] = {
    "format": _("it must be exactly 12 digits"),
    "date": _("the first six digits are not a date of birth"),
    "check_digit": _("the last (check) digit does not match"),
}
WHERE_SYSTEM = "system"


@dataclass(frozen=True)
class Issue:
    code: IssueCode
    sheet: SheetKind | None = None
    row: int | None = None
    column: str | None = None  # a column key of the sheet
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_data(self) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "sheet": self.sheet.value if self.sheet else None,
            "row": self.row,
            "column": self.column,
            "params": dict(self.params),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Issue:
        sheet = data.get("sheet")
        return cls(
            IssueCode(data["code"]),
            SheetKind(sheet) if sheet else None,
            data.get("row"),
            data.get("column"),
            dict(data.get("params") or {}),
        )


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def column_label(sheet: SheetKind | None, key: str | None) -> str:
    if sheet is None or key is None:
        return key or ""
    for column in COLUMNS[sheet]:
        if column.key == key:
            return f"{column.ru} / {column.kk} ({column.label})"
    return key


def message(issue: Issue) -> str:
    """What is wrong and how to fix it, in the active language (without the place)."""
    params = _Params({k: str(v) for k, v in issue.params.items()})
    if issue.code is IssueCode.IIN_INVALID:
        params["reason"] = str(IIN_REASONS.get(params["reason"], params["reason"]))
    if params.get("where") == WHERE_SYSTEM:
        params["where"] = gettext("already in the system")
    elif "where" in params:
        params["where"] = gettext("row %(row)s") % {"row": params["where"]}
    if "sheet" in params:
        params["sheet"] = str(SHEET_LABELS[SheetKind(params["sheet"])])
    if "entity" in params:
        params["entity"] = str(ENTITY_LABELS.get(params["entity"], params["entity"]))
    return str(MESSAGES[issue.code]) % params


def place(issue: Issue) -> str:
    """Where the problem is: sheet, row and column, as far as known."""
    parts = []
    if issue.sheet is not None:
        parts.append(gettext("sheet “%(sheet)s”") % {"sheet": SHEET_LABELS[issue.sheet]})
    if issue.row is not None:
        parts.append(gettext("row %(row)s") % {"row": issue.row})
    if issue.column is not None:
        parts.append(
            gettext("column “%(column)s”") % {"column": column_label(issue.sheet, issue.column)}
        )
    return ", ".join(parts)


def full_message(issue: Issue) -> str:
    where = place(issue)
    return f"{where}: {message(issue)}" if where else message(issue)


ENTITY_LABELS: Mapping[str, Promise] = {
    "employee": _("employee with IIN"),
    "department": _("department"),
    "position": _("position"),
}
