"""Reading and checking staff import files: every problem names its row, column and fix."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation
from openpyxl import Workbook

from bagalau.orgs.imports.columns import COLUMNS, SheetKind
from bagalau.orgs.imports.issues import Issue, IssueCode, full_message
from bagalau.orgs.imports.read import read_files
from bagalau.orgs.imports.rules import Existing, Outcome, Plan, plan_import
from tests.orgs.import_data import csv_bytes, iin, staff_row


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def check(
    staff: list[dict[str, str]], existing: Existing | None = None, **sheets: list[dict[str, str]]
) -> Plan:
    files = [("staff.csv", csv_bytes(staff))]
    for kind, rows in sheets.items():
        files.append((f"{kind}.csv", csv_bytes(rows, SheetKind(kind))))
    return plan_import(read_files(files), existing or Existing())


def only_issue(plan: Plan) -> Issue:
    assert len(plan.issues) == 1, [i.as_data() for i in plan.issues]
    return plan.issues[0]


def test_valid_rows_are_all_created() -> None:
    plan = check([staff_row(1), staff_row(2, reports_to="fin-1")])
    assert plan.valid
    assert plan.outcomes == [
        (SheetKind.STAFF, 2, Outcome.CREATE),
        (SheetKind.STAFF, 3, Outcome.CREATE),
    ]
    assert plan.positions["fin-2"]["reports_to_code"] == "fin-1"


@pytest.mark.parametrize(
    ("changes", "code", "column"),
    [
        ({"iin": "850315300001"}, IssueCode.IIN_INVALID, "iin"),
        ({"iin": "85031530000"}, IssueCode.IIN_INVALID, "iin"),
        ({"category": "E4"}, IssueCode.BAD_CATEGORY, "category"),
        ({"start": "31.02.2024"}, IssueCode.BAD_DATE, "start"),
        ({"end": "2024/05/01"}, IssueCode.BAD_DATE, "end"),
        ({"start": ""}, IssueCode.REQUIRED, "start"),
        ({"position_code": ""}, IssueCode.REQUIRED, "position_code"),
        ({"first_name_ru": ""}, IssueCode.REQUIRED, "first_name_ru"),
        ({"end": "01.01.2024"}, IssueCode.END_BEFORE_START, "end"),
        ({"kind": "temporary"}, IssueCode.BAD_ASSIGNMENT_KIND, "kind"),
        ({"head_of_unit": "maybe"}, IssueCode.BAD_FLAG, "head_of_unit"),
        ({"email": "not-an-address"}, IssueCode.BAD_EMAIL, "email"),
        ({"reports_to": "nowhere"}, IssueCode.UNKNOWN_REPORTS_TO, "reports_to"),
        (
            {"department_code": "audit", "department_name_kk": "", "department_name_ru": ""},
            IssueCode.UNKNOWN_DEPARTMENT,
            "department_code",
        ),
        (
            {"position_title_kk": "", "position_title_ru": "", "category": ""},
            IssueCode.UNKNOWN_POSITION,
            "position_code",
        ),
    ],
)
def test_each_bad_cell_names_row_and_column(
    changes: dict[str, str], code: IssueCode, column: str
) -> None:
    plan = check([staff_row(1), staff_row(2, **changes)])
    issue = only_issue(plan)
    assert (issue.code, issue.sheet, issue.row, issue.column) == (code, SheetKind.STAFF, 3, column)
    assert plan.outcomes[1] == (SheetKind.STAFF, 3, Outcome.ERROR)
    text = full_message(issue)
    assert "row 3" in text and "column" in text


def test_cyrillic_category_letters_are_read_as_latin() -> None:
    plan = check([staff_row(1, category="Е-R-3")])  # Cyrillic Е
    assert plan.valid and plan.positions["fin-1"]["category"] == "E-R-3"


def test_overlapping_assignments_in_the_same_position() -> None:
    plan = check([
        staff_row(1, start="01.01.2024", end="30.06.2024"),
        staff_row(1, start="01.06.2024", position_title_kk="", position_title_ru="", category=""),
    ])  # fmt: skip
    issue = only_issue(plan)
    assert (issue.code, issue.row, issue.column) == (IssueCode.OVERLAP, 3, "start")
    assert issue.params["where"] == "2"


def test_overlap_with_an_assignment_already_kept() -> None:
    existing = Existing()
    existing.assignments[(iin(1), "fin-1")] = [(date(2023, 1, 1), None, "main")]
    issue = only_issue(check([staff_row(1)], existing))
    assert issue.code is IssueCode.OVERLAP and issue.params["where"] == "system"
    assert "already in the system" in full_message(issue)


def test_reports_to_cycle() -> None:
    plan = check([staff_row(1, reports_to="fin-2"), staff_row(2, reports_to="fin-1")])
    issue = only_issue(plan)
    assert issue.code is IssueCode.REPORTS_TO_CYCLE
    assert (issue.row, issue.column) == (2, "reports_to")
    assert issue.params["cycle"] == "fin-1 → fin-2 → fin-1"


def test_rows_describing_one_position_differently() -> None:
    plan = check([staff_row(1), staff_row(2, position_code="fin-1", category="E-3",
                                          start="01.01.2025")])  # fmt: skip
    issue = only_issue(plan)
    assert (issue.code, issue.row, issue.column) == (IssueCode.CONFLICT, 3, "category")
    assert issue.params["other_row"] == 2


def test_absence_of_unknown_employee_and_bad_dates() -> None:
    absences = [
        {"iin": iin(1), "kind": "трудовой отпуск", "start": "01.07.2024", "end": "14.07.2024"},
        {"iin": iin(9), "kind": "labour_leave", "start": "01.07.2024", "end": "14.07.2024"},
        {"iin": iin(1), "kind": "sick_leave", "start": "10.08.2024", "end": "01.08.2024"},
        {"iin": iin(1), "kind": "holiday", "start": "10.08.2024", "end": "11.08.2024"},
    ]
    plan = check([staff_row(1)], absences=absences)
    got = [(i.code, i.sheet, i.row, i.column) for i in plan.issues]
    assert got == [
        (IssueCode.UNKNOWN_EMPLOYEE, SheetKind.ABSENCES, 3, "iin"),
        (IssueCode.END_BEFORE_START, SheetKind.ABSENCES, 4, "end"),
        (IssueCode.BAD_ABSENCE_KIND, SheetKind.ABSENCES, 5, "kind"),
    ]
    assert (SheetKind.ABSENCES, 2, Outcome.CREATE) in plan.outcomes


def test_dismissal_rows() -> None:
    dismissals = [{"iin": iin(1), "date": "31.12.2024", "basis": "по собственному желанию"}]
    plan = check([staff_row(1)], dismissals=dismissals)
    assert plan.valid
    assert plan.dismissals == {(iin(1), date(2024, 12, 31)): "по собственному желанию"}


# --- the file as a whole ------------------------------------------------------------------


def file_issues(name: str, content: bytes) -> list[tuple[IssueCode, dict[str, object]]]:
    return [(i.code, dict(i.params)) for i in read_files([(name, content)]).issues]


def test_not_a_spreadsheet() -> None:
    assert file_issues("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00") == [
        (IssueCode.NOT_SPREADSHEET, {"file": "photo.png"})
    ]
    assert file_issues("broken.xlsx", b"PK\x03\x04garbage")[0][0] is IssueCode.NOT_SPREADSHEET
    assert file_issues("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50)[0][0] is (
        IssueCode.OLD_EXCEL
    )


def test_empty_file() -> None:
    assert file_issues("staff.csv", b"") == [(IssueCode.EMPTY, {"file": "staff.csv"})]
    assert file_issues("staff.csv", b"\r\n;;;\r\n") == [(IssueCode.EMPTY, {"file": "staff.csv"})]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_utf16_with_a_bom_is_read(delimiter: str) -> None:
    # Excel's "Unicode text" is UTF-16 with a BOM, separated by tabs.
    content = csv_bytes([staff_row(1)], delimiter=delimiter, encoding="utf-16")
    read = read_files([("staff.txt", content)])
    assert read.issues == []
    assert read.sheets[SheetKind.STAFF].rows[0].cells["last_name_kk"] == "Сәрсенбаев1"


def test_utf16_without_a_bom_asks_for_utf8() -> None:
    content = csv_bytes([staff_row(1)], encoding="utf-16-le")
    assert file_issues("staff.csv", content) == [(IssueCode.ENCODING, {"file": "staff.csv"})]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_encodings_and_header_languages(encoding: str, language: str) -> None:
    row = staff_row(1, last_name_kk="Сарсенбаев", first_name_kk="Ерлан", middle_name_kk="",
                    department_name_kk="Финансы", position_title_kk="Главный специалист")  # fmt: skip
    if language == "kk" and encoding == "cp1251":
        pytest.skip("Windows-1251 has no Kazakh letters for the Kazakh headers")
    read = read_files([("s.csv", csv_bytes([row], language=language, encoding=encoding))])
    assert read.issues == []
    assert read.sheets[SheetKind.STAFF].rows[0].cells["last_name_ru"] == "Сарсенбаев1"


def test_wrong_headers_name_missing_and_unknown_columns() -> None:
    content = "ИИН;Фамилия;Должность\r\n850315300001;Иванов;специалист\r\n".encode()
    issues = read_files([("s.csv", content)]).issues
    codes = [i.code for i in issues]
    assert codes == [IssueCode.MISSING_COLUMNS, IssueCode.UNKNOWN_COLUMNS]
    assert "Код должности" in issues[0].params["columns"]
    assert "“Фамилия”" in issues[1].params["columns"]


def test_xlsx_with_both_header_rows_and_numeric_iin() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    columns = COLUMNS[SheetKind.STAFF]
    sheet.append([c.kk for c in columns])
    sheet.append([c.ru for c in columns])
    row = staff_row(1)
    row["iin"] = "051231500012"  # leading zero, typed as a number in Excel
    sheet.append([int(row["iin"]) if c.key == "iin" else row[c.key] for c in columns])
    out = io.BytesIO()
    book.save(out)
    read = read_files([("s.xlsx", out.getvalue())])
    assert read.issues == []
    cells = read.sheets[SheetKind.STAFF].rows[0]
    assert (cells.number, cells.cells["iin"]) == (3, "051231500012")
