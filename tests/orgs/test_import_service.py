"""Applying a staff import: atomic, idempotent, audited, set-based; the pages around it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.orgs.imports.columns import SheetKind
from bagalau.orgs.imports.services import check_staff_import, do_apply_staff_import
from bagalau.orgs.imports.xlsx import export_workbook
from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    ImportJob,
    ImportStatus,
    Position,
    StateBody,
)
from tests.orgs.import_data import csv_bytes, iin, make_body, staff_row

pytestmark = pytest.mark.django_db


def staff_files(n: int, **first_row_changes: str) -> list[tuple[str, bytes]]:
    rows = [staff_row(i, reports_to="fin-0" if i else "") for i in range(n)]
    rows[0].update(first_row_changes)
    absences = [{"iin": iin(1), "kind": "labour_leave", "start": "01.07.2024", "end": "14.07.2024"}]
    dismissals = [{"iin": iin(2), "date": "31.12.2024", "basis": "приказ № 5"}]
    return [
        ("staff.csv", csv_bytes(rows)),
        ("absences.csv", csv_bytes(absences, SheetKind.ABSENCES)),
        ("dismissals.csv", csv_bytes(dismissals, SheetKind.DISMISSALS)),
    ]


def run(body: StateBody, files: list[tuple[str, bytes]], actor: User | None = None) -> ImportJob:
    job = check_staff_import(body=body, files=files, actor=actor)
    return do_apply_staff_import(job=job, actor=actor)


def table_counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Department, Position, Employee, Assignment, Absence, Dismissal, AuditRecord)
    )


def test_apply_creates_everything_with_links_and_audit() -> None:
    body, hr = make_body(), User.objects.create_user("hr")
    job = run(body, staff_files(4), hr)
    assert job.status == ImportStatus.APPLIED
    assert table_counts() == (1, 4, 4, 4, 1, 1, 1 + 4 + 4 + 4 + 1 + 1)
    boss = Position.objects.get(code="fin-0")
    assert set(Position.objects.filter(reports_to=boss).values_list("code", flat=True)) == {
        "fin-1", "fin-2", "fin-3",
    }  # fmt: skip
    record = AuditRecord.objects.get(object_type="orgs.employee", object_id=str(
        Employee.objects.get(iin=iin(1)).pk))  # fmt: skip
    assert (record.action, record.actor, record.body_id, record.before) == (
        AuditAction.CREATE, hr, body.pk, None,
    )  # fmt: skip
    assert record.after is not None and record.after["last_name_ru"] == "Сарсенбаев1"


def test_importing_twice_changes_nothing_the_second_time() -> None:
    body = make_body()
    run(body, staff_files(5))
    before = table_counts()
    job = check_staff_import(body=body, files=staff_files(5), actor=None)
    assert job.result["counts"] == {"create": 0, "update": 0, "unchanged": 7, "error": 0}
    do_apply_staff_import(job=job, actor=None)
    assert table_counts() == before


def test_reimport_updates_by_iin_and_audits_before_and_after() -> None:
    body = make_body()
    run(body, staff_files(3))
    job = run(body, staff_files(3, email="new@aktau.gov.kz", end="31.12.2024"))
    assert job.result["counts"]["update"] == 1
    employee = Employee.objects.get(iin=iin(0))
    assert (employee.email, Employee.objects.count()) == ("new@aktau.gov.kz", 3)
    assert Assignment.objects.get(employee=employee).end.isoformat() == "2024-12-31"
    record = AuditRecord.objects.filter(
        action=AuditAction.UPDATE, object_type="orgs.employee"
    ).get()
    assert (record.before["email"], record.after["email"]) == (
        "e0@aktau.gov.kz",
        "new@aktau.gov.kz",
    )


def test_a_file_with_one_bad_row_writes_nothing() -> None:
    body = make_body()
    job = check_staff_import(body=body, files=staff_files(6, start="31.02.2024"), actor=None)
    assert job.status == ImportStatus.INVALID
    assert job.result["counts"]["error"] == 1
    do_apply_staff_import(job=job, actor=None)
    assert table_counts() == (0, 0, 0, 0, 0, 0, 0)
    assert ImportJob.objects.get().status == ImportStatus.INVALID


def test_applying_rechecks_against_data_changed_since_the_dry_run() -> None:
    body = make_body()
    job = check_staff_import(body=body, files=staff_files(2), actor=None)
    other = run(body, [("s.csv", csv_bytes([staff_row(0, start="01.01.2024")]))])
    assert other.status == ImportStatus.APPLIED
    before = table_counts()
    job = do_apply_staff_import(job=job, actor=None)
    assert job.status == ImportStatus.INVALID  # the new row now overlaps the kept one
    assert table_counts() == before


@pytest.mark.parametrize("size", [10, 60])
def test_apply_query_count_does_not_grow_with_rows(
    size: int, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    body = make_body()
    files = staff_files(size)
    job = check_staff_import(body=body, files=files, actor=None)
    # A fixed number per chunk (its transaction, the job's lock, its reads and writes), and
    # both sizes fit in one chunk of each kind.
    with django_assert_max_num_queries(60):
        do_apply_staff_import(job=job, actor=None)
    job = check_staff_import(body=body, files=staff_files(size, email="x@y.kz"), actor=None)
    with django_assert_max_num_queries(60):
        do_apply_staff_import(job=job, actor=None)
    assert Employee.objects.count() == size


def test_export_round_trips_as_unchanged() -> None:
    body = make_body()
    run(body, staff_files(4))
    content = export_workbook(body)
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert [ws.title for ws in book.worksheets] == [
        "Штат",
        "Болмау · Отсутствия",
        "Босату · Увольнения",
    ]
    job = check_staff_import(body=body, files=[("export.xlsx", content)], actor=None)
    assert job.result["counts"] == {"create": 0, "update": 0, "unchanged": 6, "error": 0}


# --- pages ------------------------------------------------------------------------------


def hr_client(body: StateBody, role: Role = Role.HR) -> Client:
    user = User.objects.create_user(f"user-{role}", password="x")
    RoleAssignment.objects.create(user=user, body=body, role=role)
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def streamed(response) -> str:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content).decode()


def test_upload_dry_run_apply_and_report_pages(django_capture_on_commit_callbacks: Any) -> None:
    body = make_body()
    client = hr_client(body)
    url = reverse("orgs:import_upload", args=[body.code])
    assert client.get(url).status_code == 200
    files = [io.BytesIO(content) for _name, content in staff_files(3)]
    for f, (name, _c) in zip(files, staff_files(3), strict=True):
        f.name = name
    page = streamed(client.post(url, {"files": files}))
    job = ImportJob.objects.get()
    assert reverse("orgs:import_job", args=[body.code, job.pk]) in page
    dry_run = client.get(reverse("orgs:import_job", args=[body.code, job.pk])).content.decode()
    assert "Apply" in dry_run and Employee.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):  # the background run, at once
        applied = client.post(reverse("orgs:import_apply", args=[body.code, job.pk]))
    assert applied.status_code == 302
    assert applied["Location"] == reverse("orgs:import_job", args=[body.code, job.pk])
    assert Employee.objects.count() == 3
    report = client.get(reverse("orgs:import_report", args=[body.code, job.pk]))
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("staff", 2, "create")
    assert client.get(reverse("orgs:import_template")).status_code == 200
    assert client.get(reverse("orgs:export_staff", args=[body.code])).status_code == 200


def test_errors_are_shown_on_the_dry_run_page_in_the_users_language() -> None:
    body = make_body()
    client = hr_client(body)
    content = csv_bytes([staff_row(1), staff_row(2, iin="850315300001")])
    upload = io.BytesIO(content)
    upload.name = "staff.csv"
    streamed(client.post(reverse("orgs:import_upload", args=[body.code]), {"files": [upload]},
                         headers={"accept-language": "ru"}))  # fmt: skip
    job = ImportJob.objects.get()
    page = client.get(reverse("orgs:import_job", args=[body.code, job.pk]),
                      headers={"accept-language": "ru"}).content.decode()  # fmt: skip
    assert "строка 3" in page and "850315300001" in page
    assert 'action="' + reverse("orgs:import_apply", args=[body.code, job.pk]) not in page


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.APPOINTING_OFFICIAL, Role.COMMISSION_MEMBER])
def test_only_hr_may_import(role: Role) -> None:
    body = make_body()
    job = check_staff_import(body=body, files=staff_files(2), actor=None)
    client = hr_client(body, role)
    assert client.get(reverse("orgs:import_upload", args=[body.code])).status_code == 403
    assert client.get(reverse("orgs:import_job", args=[body.code, job.pk])).status_code == 403
    assert client.post(reverse("orgs:import_apply", args=[body.code, job.pk])).status_code == 403
    assert client.post(reverse("orgs:import_retry", args=[body.code, job.pk])).status_code == 403
    assert client.get(reverse("orgs:import_report", args=[body.code, job.pk])).status_code == 403
    assert Employee.objects.count() == 0


def test_hr_of_another_body_may_not_import_here() -> None:
    body, other = make_body(), make_body("atyrau-akimat")
    client = hr_client(other)
    assert client.get(reverse("orgs:import_upload", args=[body.code])).status_code == 403
    assert client.get(reverse("orgs:export_staff", args=[body.code])).status_code == 403
