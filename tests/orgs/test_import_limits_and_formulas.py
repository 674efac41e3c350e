"""Regressions of the staff import and export: formula injection, the round trip of a
position without a category, the size limits, the job page's issues paged."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.core.export import csv_bytes, csv_field
from bagalau.orgs.imports.columns import SheetKind
from bagalau.orgs.imports.issues import IssueCode
from bagalau.orgs.imports.services import check_staff_import
from bagalau.orgs.imports.xlsx import export_workbook
from bagalau.orgs.models import Assignment, Employee, ImportJob, Position, StateBody
from tests.orgs.import_data import csv_bytes as import_csv
from tests.orgs.import_data import make_body, staff_row
from tests.orgs.test_import_service import hr_client, run, staff_files

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+7 701", "'+7 701"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Сарсенбаев", "Сарсенбаев"),
        (-5, "-5"),  # a number stays a number
    ],
)
def test_csv_fields_that_look_like_formulas_get_an_apostrophe(value: object, written: str) -> None:
    assert csv_field(value) == written


def test_csv_quotes_every_field_and_starts_with_a_byte_order_mark() -> None:
    content = csv_bytes(["Name"], [["=1+1"], ['a "b"']]).decode("utf-8")
    assert content == '\ufeff"Name"\r\n"\'=1+1"\r\n"a ""b"""\r\n'


def test_the_staff_export_stores_a_formula_like_name_as_text() -> None:
    body = make_body()
    run(body, staff_files(3))
    Employee.objects.update(last_name_ru='=HYPERLINK("http://evil")')
    book = load_workbook(io.BytesIO(export_workbook(body)))
    cell = book["Штат"]["E3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        '=HYPERLINK("http://evil")',
        "s",
        True,
    )


def issues_of(job: ImportJob) -> list[tuple[str, int, str, str]]:
    return [(i["sheet"], i["row"], i["column"], i["code"]) for i in job.result["issues"]]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("last_name_ru", '=HYPERLINK("http://evil")'),
        ("first_name_kk", "@SUM(A1)"),
        ("position_title_ru", "+cmd|' /C calc'!A0"),
        ("department_name_kk", "-2+3"),
        ("phone", "=1+1"),
    ],
)
def test_the_import_refuses_formula_like_text_at_its_cell(column: str, value: str) -> None:
    body = make_body()
    job = check_staff_import(
        body=body, files=[("s.csv", import_csv([staff_row(0), staff_row(1, **{column: value})]))],
        actor=None,
    )  # fmt: skip
    assert issues_of(job) == [("staff", 3, column, IssueCode.FORMULA_TEXT.value)]
    assert Employee.objects.count() == 0


def test_a_phone_with_a_plus_and_a_dismissal_basis_are_checked_apart() -> None:
    body = make_body()
    job = check_staff_import(body=body, files=staff_files(3, phone="+7 (701) 000-00-00"),
                             actor=None)  # fmt: skip
    assert job.result["issues"] == []
    bad = [{"iin": staff_row(1)["iin"], "date": "31.12.2024", "basis": "=1+1"}]
    files = [*staff_files(3)[:1], ("d.csv", import_csv(bad, SheetKind.DISMISSALS))]
    job = check_staff_import(body=body, files=files, actor=None)
    assert issues_of(job) == [("dismissals", 2, "basis", IssueCode.FORMULA_TEXT.value)]


def test_a_position_without_category_exports_and_imports_back_unchanged() -> None:
    """The maslikhat's chair is an elected post with no "B" corps category."""
    body = make_body()
    run(body, staff_files(3))
    Position.objects.filter(code="fin-0").update(category="")
    before = list(Assignment.objects.values_list("employee__iin", "position__code", "start"))
    job = check_staff_import(body=body, files=[("e.xlsx", export_workbook(body))], actor=None)
    assert job.result["issues"] == []
    assert job.result["counts"] == {"create": 0, "update": 0, "unchanged": 5, "error": 0}
    assert list(Assignment.objects.values_list("employee__iin", "position__code", "start")) == (
        before
    )


def upload(client: Client, code: str, content: bytes) -> tuple[int, str]:
    f = io.BytesIO(content)
    f.name = "staff.csv"
    response = client.post(reverse("orgs:import_upload", args=[code]), {"files": [f]},
                           headers={"accept-language": "en"})  # fmt: skip
    return response.status_code, response.content.decode()


def test_an_upload_over_the_byte_limit_is_refused_at_the_field(settings) -> None:  # type: ignore[no-untyped-def]
    body = make_body()
    content = import_csv([staff_row(i) for i in range(40)])
    settings.IMPORT_MAX_BYTES = len(content) - 1
    status, html = upload(hr_client(body), body.code, content)
    assert status == 400
    assert 'aria-invalid="true"' in html and 'id="import-files-error"' in html
    assert "an import takes at most 0.0 MB" in html
    assert ImportJob.objects.count() == 0


def test_an_upload_over_the_row_limit_is_refused_and_nothing_is_stored(settings) -> None:  # type: ignore[no-untyped-def]
    body = make_body()
    settings.IMPORT_MAX_ROWS = 3
    status, html = upload(hr_client(body), body.code, import_csv([staff_row(i) for i in range(4)]))
    assert status == 400
    assert "The files hold 4 rows; an import takes at most 3." in html
    assert ImportJob.objects.count() == 0
    with pytest.raises(ValidationError):
        check_staff_import(body=body, files=staff_files(4), actor=None)
    assert ImportJob.objects.count() == 0


def test_the_limits_are_said_on_the_upload_page() -> None:
    body = make_body()
    html = hr_client(body).get(reverse("orgs:import_upload", args=[body.code])).content.decode()
    assert "At most 10 MB and 20,000 rows in one import." in html


def test_the_job_page_shows_a_page_of_issues_and_the_csv_holds_them_all() -> None:
    body = make_body()
    rows = [staff_row(i, start="31.02.2024") for i in range(250)]
    job = check_staff_import(body=body, files=[("s.csv", import_csv(rows))], actor=None)
    client = hr_client(body)
    url = reverse("orgs:import_job", args=[body.code, job.pk])
    html = client.get(url).content.decode()
    assert html.count("“31.02.2024” is not a date") == 100 + 250  # the issues' page + rows
    assert "Errors, page 1 of 3 (250 in all)" in html
    last = client.get(url, {"issues": 3}).content.decode()
    assert "Errors, page 3 of 3 (250 in all)" in last
    errors = client.get(reverse("orgs:import_issues", args=[body.code, job.pk]))
    assert errors["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(errors.content.decode("utf-8-sig")), delimiter=";"))
    assert len(table) == 1 + 250
    assert table[1][:2] == ["staff", "2"]


@override_settings(DEBUG=True)
def test_every_demo_body_exports_and_imports_back_with_no_issue_and_no_change() -> None:
    call_command("demo", stdout=io.StringIO())
    for body in StateBody.objects.all():
        job = check_staff_import(body=body, files=[("e.xlsx", export_workbook(body))], actor=None)
        counts = job.result["counts"]
        assert (job.result["issues"], counts["create"], counts["update"]) == ([], 0, 0), body.code
        assert counts["unchanged"] > 0
