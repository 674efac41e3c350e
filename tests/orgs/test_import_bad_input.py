"""Files that are not what the import expects: each gets a clear message and writes nothing."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from django.utils import translation

from bagalau.audit.models import AuditRecord
from bagalau.orgs.imports import apply
from bagalau.orgs.imports.columns import COLUMNS, SheetKind
from bagalau.orgs.imports.issues import IssueCode, full_message
from bagalau.orgs.imports.read import read_files
from bagalau.orgs.imports.rules import Existing, plan_import
from bagalau.orgs.imports.services import check_staff_import, do_apply_staff_import
from bagalau.orgs.models import Employee, ImportJob, ImportStatus, Position
from tests.orgs.import_data import csv_bytes, make_body, staff_row

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


def codes(name: str, content: bytes) -> list[IssueCode]:
    return [i.code for i in read_files([(name, content)]).issues]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("staff.xlsx", PNG),  # a picture renamed .xlsx
        ("staff.xlsx", random.Random(1).randbytes(5000)),  # random bytes renamed .xlsx
        ("staff.xlsx", b"just some text, saved with the wrong name"),
        ("staff.csv", PNG),
        ("staff.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\x00"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet(name: str, content: bytes) -> None:
    assert codes(name, content) == [IssueCode.NOT_SPREADSHEET]


def test_a_zip_that_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert codes("staff.xlsx", out.getvalue()) == [IssueCode.NOT_SPREADSHEET]


@pytest.mark.parametrize("content", [b"", b"   \r\n", b"\r\n;;;\r\n"])
def test_an_empty_file(content: bytes) -> None:
    assert codes("staff.csv", content) == [IssueCode.EMPTY]


@pytest.mark.parametrize("languages", [["ru"], ["kk"], ["kk", "ru"]])
def test_a_file_with_only_headers(languages: list[str]) -> None:
    lines = [";".join(getattr(c, lang) for c in COLUMNS[SheetKind.STAFF]) for lang in languages]
    assert codes("staff.csv", "\r\n".join(lines).encode()) == [IssueCode.EMPTY]


def test_wrong_headers_are_named_in_the_message() -> None:
    header = [c.ru for c in COLUMNS[SheetKind.STAFF] if c.key != "start"] + ["Табельный номер"]
    issues = read_files([("staff.csv", (";".join(header) + "\r\n1;2\r\n").encode())]).issues
    with translation.override("ru"):
        texts = [full_message(i) for i in issues]
    assert [i.code for i in issues] == [IssueCode.MISSING_COLUMNS, IssueCode.UNKNOWN_COLUMNS]
    assert "“Дата начала” / “Басталуы”" in texts[0]
    assert "“Табельный номер”" in texts[1]


def test_windows_1251_csv_is_decoded() -> None:
    row = staff_row(1, last_name_kk="Сарсенбаев", first_name_kk="Ерлан", middle_name_kk="",
                    department_name_kk="Финансы", position_title_kk="Главный специалист")  # fmt: skip
    read = read_files([("staff.csv", csv_bytes([row], encoding="cp1251"))])
    assert read.issues == []
    assert read.sheets[SheetKind.STAFF].rows[0].cells["department_name_ru"] == "Финансовый отдел"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_separators_as_excel_writes_them(delimiter: str) -> None:
    # Excel with a Russian or Kazakh locale separates cells with ';' and keeps ',' in text.
    row = staff_row(1, position_title_ru="Главный специалист, отдел кадров; архив")
    read = read_files([("staff.csv", csv_bytes([row], delimiter=delimiter))])
    assert read.issues == []
    cells = read.sheets[SheetKind.STAFF].rows[0].cells
    assert cells["position_title_ru"] == "Главный специалист, отдел кадров; архив"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["строка 3", "столбец", "ИИН / ЖСН", "Ячейка пуста. Заполните её."]),
        ("kk", ["3-жол", "бағаны", "ИИН / ЖСН", "Ұяшық бос. Оны толтырыңыз."]),
    ],
)
def test_row_errors_name_row_column_and_fix_in_the_users_language(
    language: str, expected: list[str]
) -> None:
    content = csv_bytes([staff_row(1), staff_row(2, iin="")], language=language)
    plan = plan_import(read_files([("staff.csv", content)]), Existing())
    assert [(i.code, i.row, i.column) for i in plan.issues] == [(IssueCode.REQUIRED, 3, "iin")]
    with translation.override(language):
        text = full_message(plan.issues[0])
    for part in expected:
        assert part in text


# --- through the service: nothing is written unless everything is valid ---------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("staff.xlsx", PNG), ("staff.csv", b""), ("staff.csv", csv_bytes([]))],
)
def test_a_bad_file_makes_an_invalid_job_that_cannot_be_applied(name: str, content: bytes) -> None:
    body = make_body()
    job = check_staff_import(body=body, files=[(name, content)], actor=None)
    assert job.status == ImportStatus.INVALID
    job = do_apply_staff_import(job=job, actor=None)
    assert job.status == ImportStatus.INVALID
    assert (Employee.objects.count(), AuditRecord.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_failure_while_writing_keeps_earlier_chunks_and_a_rerun_completes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Applying writes in chunks that each commit (so a background task's timeout cannot
    roll back an hour of work): a failure mid-way leaves the chunks before it written,
    with their audit records, and the job still to apply; running it again finishes it.
    (It used to be all or nothing; the guarantee kept is that nothing is written unless
    the whole file is valid.)"""
    body = make_body()
    rows = [staff_row(i, reports_to="fin-0" if i else "") for i in range(5)]
    job = check_staff_import(body=body, files=[("s.csv", csv_bytes(rows))], actor=None)
    real, calls = apply.record_rows, []

    def fail_on_employees(rows: list[tuple[object, ...]]) -> int:
        calls.append(rows)
        if rows and rows[0][4] == "orgs.employee" and len(calls) > 5:
            raise RuntimeError("disk full")
        return real(rows)

    monkeypatch.setattr(apply, "record_rows", fail_on_employees)
    with pytest.raises(RuntimeError):
        do_apply_staff_import(job=job, actor=None, chunk_size=2)
    # Departments (1 chunk), positions (3) and the first chunk of employees committed.
    assert (Position.objects.count(), Employee.objects.count()) == (5, 2)
    assert AuditRecord.objects.count() == 1 + 5 + 2
    assert ImportJob.objects.get().status == ImportStatus.CHECKED
    monkeypatch.setattr(apply, "record_rows", real)
    job = do_apply_staff_import(job=job, actor=None, chunk_size=2)
    assert job.status == ImportStatus.APPLIED
    assert (Employee.objects.count(), AuditRecord.objects.count()) == (5, 1 + 5 + 5 + 5)
    assert job.result["counts"]["create"] == 5  # the outcomes of the run that began writing


@pytest.mark.django_db
def test_reimport_matches_by_iin_and_never_duplicates() -> None:
    body = make_body()
    first = [staff_row(i, reports_to="fin-0" if i else "") for i in range(4)]
    check = check_staff_import(body=body, files=[("s.csv", csv_bytes(first))], actor=None)
    do_apply_staff_import(job=check, actor=None)
    ids = dict(Employee.objects.values_list("iin", "pk"))
    # The same people with a new e-mail, in another order.
    again = [{**r, "email": f"new{n}@aktau.gov.kz"} for n, r in enumerate(reversed(first))]
    job = check_staff_import(body=body, files=[("s.csv", csv_bytes(again))], actor=None)
    assert job.result["counts"]["create"] == 0
    do_apply_staff_import(job=job, actor=None)
    assert dict(Employee.objects.values_list("iin", "pk")) == ids
