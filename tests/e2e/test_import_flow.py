"""HR imports staff in the browser: a bad row is refused, the fixed file is applied.

The whole walk runs in Kazakh, chosen with the site's language switcher: log in, open
the body, go to the import, upload a workbook with one wrong IIN and read the error
(row, column, what to fix) while nothing is written, upload the corrected workbook,
apply it, and find the new staff under their departments on the structure page.

Applying is a background run. The first walk runs it in the request (the tests' immediate
backend); the second queues it in the database and lets a worker beside the site apply
it slowly (``IMPORT_PAUSE``), so that the job's page is seen polling its progress bar and
reloading itself when the run is done.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.jobs.models import RunStatus, TaskRun
from bagalau.jobs.services import execute_run
from bagalau.orgs.imports.columns import COLUMNS, SHEET_TITLES, SheetKind
from bagalau.orgs.imports.tasks import apply_job
from bagalau.orgs.models import (
    Assignment,
    Department,
    Employee,
    ImportJob,
    ImportStatus,
    Position,
    StateBody,
)
from tests.e2e.conftest import LogIn
from tests.orgs.import_data import iin, make_body, staff_row

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kadr-2024-parol"
JOB_URL = re.compile(r"/import/\d+/$")

FINANCE = ("finance", "Қаржы бөлімі", "Финансовый отдел")
LEGAL = ("legal", "Заң бөлімі", "Юридический отдел")
PEOPLE = [  # department, surname and name in Kazakh, then in Russian
    (FINANCE, "Әлиева", "Дана", "Алиева", "Дана"),
    (FINANCE, "Нұрланов", "Арман", "Нурланов", "Арман"),
    (LEGAL, "Жақсыбекова", "Гүлнар", "Жаксыбекова", "Гульнар"),
]
BAD = 1  # the index in PEOPLE of the person whose IIN is mistyped in the first file
BAD_ROW = BAD + 2  # the spreadsheet row: after the single header row


def wrong_check_digit(value: str) -> str:
    return value[:-1] + str((int(value[-1]) + 1) % 10)


def people_rows(*, mistyped: bool) -> list[dict[str, str]]:
    rows = []
    for n, ((code, dept_kk, dept_ru), last_kk, first_kk, last_ru, first_ru) in enumerate(PEOPLE):
        row = staff_row(
            n,
            last_name_kk=last_kk, first_name_kk=first_kk, middle_name_kk="",
            last_name_ru=last_ru, first_name_ru=first_ru, middle_name_ru="",
            department_code=code, department_name_kk=dept_kk, department_name_ru=dept_ru,
            position_code=f"{code}-{n}",
        )  # fmt: skip
        if mistyped and n == BAD:
            row["iin"] = wrong_check_digit(row["iin"])
        rows.append(row)
    return rows


def write_workbook(path: Path, rows: list[dict[str, str]]) -> Path:
    """The staff sheet with the Russian header row only, every cell as text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLES[SheetKind.STAFF]
    columns = COLUMNS[SheetKind.STAFF]
    sheet.append([c.ru for c in columns])
    for row in rows:
        sheet.append([row.get(c.key, "") for c in columns])
    book.save(path)
    return path


def set_up_body() -> StateBody:
    body = make_body()
    for code, name_kk, name_ru in (FINANCE, LEGAL):
        Department.objects.create(body=body, code=code, name_kk=name_kk, name_ru=name_ru)
    hr = User.objects.create_user("kadr", "kadr@aktau.gov.kz", PASSWORD)
    RoleAssignment.objects.create(user=hr, body=body, role=Role.HR)
    return body


def upload(page: Page, path: Path) -> None:
    page.locator("#import-files").set_input_files(path)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(JOB_URL)


def test_hr_fixes_a_bad_row_and_imports_the_staff(
    page: Page, log_in: LogIn, tmp_path: Path
) -> None:
    body = set_up_body()
    log_in(page, "kadr", PASSWORD)

    page.locator("#language-select").select_option("kk")
    page.locator(".language-form button").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    page.locator(f"a[href='{reverse('orgs:bodies')}']").first.click()
    page.locator(f"main a[href='{reverse('orgs:body', args=[body.code])}']").click()
    expect(page.locator("h1")).to_have_text(body.name_kk)
    page.locator(f"a[href='{reverse('orgs:import_upload', args=[body.code])}']").click()
    expect(page.locator("#import-files")).to_be_attached()

    # The first file: one mistyped IIN. The dry run names the place and the fix.
    bad_iin = wrong_check_digit(iin(BAD))
    upload(page, write_workbook(tmp_path / "staff.xlsx", people_rows(mistyped=True)))
    errors = page.locator("#issues-heading + p + ul .message-error")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text(f"{BAD_ROW}-жол")
    expect(errors).to_contain_text("«ИИН / ЖСН (ЖСН)» бағаны")
    expect(errors).to_contain_text(f"«{bad_iin}» — жарамды ЖСН емес")
    expect(errors).to_contain_text("соңғы (бақылау) цифры сәйкес келмейді")
    expect(errors).to_contain_text("12 цифрды жеке куәлікпен салыстырыңыз")
    expect(page.locator("main")).to_contain_text("Ештеңе жазылған жоқ")
    expect(page.locator("form[action*='/apply/']")).to_have_count(0)
    assert ImportJob.objects.get().status == ImportStatus.INVALID
    assert (Employee.objects.count(), Position.objects.count(), Assignment.objects.count()) == (
        0, 0, 0,
    )  # fmt: skip

    # The corrected file: a clean dry run, then apply.
    page.locator(f"main a[href='{reverse('orgs:import_upload', args=[body.code])}']").click()
    upload(page, write_workbook(tmp_path / "staff-fixed.xlsx", people_rows(mistyped=False)))
    expect(page.locator(".message-error")).to_have_count(0)
    assert Employee.objects.count() == 0
    page.locator("form[action*='/apply/'] button").click()
    page.wait_for_url(JOB_URL)
    expect(page.locator("h1")).to_have_text("Импорт қолданылды")
    assert ImportJob.objects.filter(status=ImportStatus.APPLIED).count() == 1
    assert Employee.objects.count() == Assignment.objects.count() == len(PEOPLE)

    # The structure page lists everyone under their department.
    page.locator(f"main a[href='{reverse('orgs:body', args=[body.code])}']").click()
    expect(page.locator("h1")).to_have_text(body.name_kk)
    for (_code, dept_kk, _dept_ru), last_kk, first_kk, _last_ru, _first_ru in PEOPLE:
        department = page.locator(".department").filter(has=page.locator("> h3", has_text=dept_kk))
        expect(department).to_contain_text(f"{last_kk} {first_kk}")


def work_beside_the_site(database: BaseDatabaseWrapper) -> None:
    """A worker for one run: it waits for the run the page queues, then applies it."""
    connections["default"] = database  # the test's in-memory database, as the site sees it
    deadline = time.monotonic() + 30
    while (run := TaskRun.objects.filter(status=RunStatus.QUEUED).first()) is None:
        assert time.monotonic() < deadline, "no run was queued"
        time.sleep(0.1)
    execute_run(run.pk, apply_job)


def test_the_job_page_shows_the_progress_while_a_worker_applies(
    page: Page, log_in: LogIn, tmp_path: Path, settings: Settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.IMPORT_CHUNK, settings.IMPORT_PAUSE = 1, 0.5
    body = set_up_body()
    log_in(page, "kadr", PASSWORD)
    page.goto(reverse("orgs:import_upload", args=[body.code]))
    upload(page, write_workbook(tmp_path / "staff.xlsx", people_rows(mistyped=False)))
    page.locator("form[action*='/apply/'] button").click()
    page.wait_for_url(JOB_URL)
    progress = page.locator(".run-progress")
    expect(progress).to_contain_text("waiting for a worker")
    expect(page.locator("form[action*='/apply/']")).to_have_count(0)
    assert Employee.objects.count() == 0  # the request only queued the run

    database = connections["default"]
    database.inc_thread_sharing()  # as the live server shares it with its threads
    worker = threading.Thread(target=work_beside_the_site, args=[database])
    worker.start()
    try:
        seen: set[str] = set()
        deadline = time.monotonic() + 60
        while page.locator("h1").inner_text() != "Import applied":
            assert time.monotonic() < deadline, "the page never showed the applied import"
            bar = page.locator(".run-progress progress")
            if bar.count() and (value := bar.first.get_attribute("value")) is not None:
                seen.add(value)
            time.sleep(0.2)
    finally:
        worker.join(timeout=60)
        database.dec_thread_sharing()
    assert len(seen) >= 2, seen  # the bar moved while the page polled
    expect(progress).to_contain_text("done")
    expect(progress.locator("progress")).to_have_attribute("value", "100")
    assert ImportJob.objects.get().status == ImportStatus.APPLIED
    assert Employee.objects.count() == len(PEOPLE)
