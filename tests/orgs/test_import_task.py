"""Applying a staff import as a background run: the apply button queues it, the job's
page shows its progress, its outcome, or its error in words with a Retry button; what
cannot be applied is refused with a clear message and writes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.jobs.models import RunKind, RunStatus, TaskRun
from bagalau.jobs.services import report_progress
from bagalau.orgs.imports import tasks
from bagalau.orgs.imports.services import check_staff_import, do_start_apply
from bagalau.orgs.models import Employee, ImportJob, ImportStatus, StateBody
from tests.orgs.import_data import csv_bytes, make_body, staff_row
from tests.orgs.test_import_resume import state
from tests.orgs.test_import_service import hr_client, staff_files

pytestmark = pytest.mark.django_db
ROWS = 9


@pytest.fixture(autouse=True)
def small_chunks(settings: Settings) -> None:
    settings.IMPORT_CHUNK = 2


def checked_job(body: StateBody, rows: int = ROWS) -> ImportJob:
    job = check_staff_import(body=body, files=staff_files(rows), actor=None)
    assert job.status == ImportStatus.CHECKED
    return job


def urls(job: ImportJob) -> tuple[str, str, str]:
    args = [job.body.code, job.pk]
    return tuple(reverse(f"orgs:import_{n}", args=args) for n in ("job", "apply", "retry"))  # type: ignore[return-value]


def page_of(client: Client, url: str, language: str = "en") -> str:
    return client.get(url, headers={"accept-language": language}).content.decode()


def test_apply_runs_in_the_background_and_the_page_shows_its_outcome(
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body)
    job_url, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url)
    assert response.status_code == 302 and response["Location"] == job_url
    run = TaskRun.objects.get()
    assert (run.kind, run.key, run.body_id) == (RunKind.IMPORT_STAFF, f"import:{job.pk}", body.pk)
    assert run.status == RunStatus.DONE and run.started_by is not None
    rows = ROWS + 2  # the staff, one absence and one dismissal
    assert run.outcome == {"processed": rows, "created": rows, "updated": 0, "skipped": 0,
                           "audit": AuditRecord.objects.count()}  # fmt: skip
    assert (run.processed, run.total) == (1, 1)  # the last chunk: the one dismissal
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED and Employee.objects.count() == ROWS
    page = page_of(client, job_url)
    assert "Import applied" in page and "Staff import: done" in page
    assert "<dt>Added</dt><dd>11</dd>" in page and "Audit records" in page
    assert "hx-trigger" not in page  # finished: no more polling
    assert 'class="table run-list"' in page and reverse("jobs:run", args=[run.pk]) in page
    assert f'action="{apply_url}"' not in page


def test_the_page_polls_while_the_run_waits_and_reloads_when_it_ends(
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body)
    job_url, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(apply_url)
    page = page_of(client, job_url)
    assert f'hx-get="{job_url}" hx-trigger="every 2s"' in page and "htmx" in page
    assert "You may leave this page and come back" in page
    assert f'action="{apply_url}"' not in page  # no second apply while one waits
    poll = client.get(job_url, headers={"hx-request": "true", "accept-language": "en"})
    assert poll.content.decode().startswith("<section id=") and "HX-Refresh" not in poll
    assert "waiting for a worker" in poll.content.decode()
    run = TaskRun.objects.get()
    report_progress(run.pk, processed=4, total=8, stage="employees")
    TaskRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    poll = client.get(job_url, headers={"hx-request": "true", "accept-language": "ru"})
    assert '<progress max="100" value="50"' in poll.content.decode()
    TaskRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()
    poll = client.get(job_url, headers={"hx-request": "true"})
    assert poll["HX-Refresh"] == "true"  # the whole page again: status, rows, buttons


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "The same work is already queued or running"),
        ("ru", "Эта же работа уже стоит в очереди"),
    ],
)
def test_a_second_apply_while_one_waits_is_refused(
    language: str, words: str, django_capture_on_commit_callbacks: Any
) -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body)
    _job, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(apply_url)
        again = client.post(apply_url, headers={"accept-language": language}, follow=True)
    assert TaskRun.objects.count() == 1 and Employee.objects.count() == 0
    assert words in again.content.decode()


def test_an_applied_job_is_not_applied_again(django_capture_on_commit_callbacks: Any) -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body)
    job_url, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url)
    job.refresh_from_db()
    assert job.applied_at is not None
    day = f"{timezone.localtime(job.applied_at):%d.%m.%Y}"  # dd.mm.yyyy in every language
    before = (Employee.objects.count(), AuditRecord.objects.count(), TaskRun.objects.count())
    for language, words in (("en", f"This import was already applied on {day}. Nothing"),
                            ("kk", f"Бұл импорт {day} күні қолданылған"),
                            ("ru", f"Этот импорт уже применён {day}.")):  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(apply_url, headers={"accept-language": language}, follow=True)
        assert words in page.content.decode(), language
    assert (
        Employee.objects.count(),
        AuditRecord.objects.count(),
        TaskRun.objects.count(),
    ) == before
    assert "Import applied" in page_of(client, job_url)


def test_a_file_with_errors_cannot_be_applied(django_capture_on_commit_callbacks: Any) -> None:
    body = make_body()
    client = hr_client(body)
    bad = csv_bytes([staff_row(1), staff_row(2, iin="850315300001")])
    job = check_staff_import(body=body, files=[("staff.csv", bad)], actor=None)
    assert job.status == ImportStatus.INVALID
    _job, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(apply_url, headers={"accept-language": "ru"}, follow=True)
    assert "Пробная проверка этого импорта нашла ошибки" in page.content.decode()
    assert (TaskRun.objects.count(), Employee.objects.count()) == (0, 0)


def test_a_broken_file_is_refused_at_upload_and_cannot_be_applied(
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = make_body()
    client = hr_client(body)
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    upload.name = "staff.xlsx"
    b"".join(client.post(reverse("orgs:import_upload", args=[body.code]),
                         {"files": [upload]}).streaming_content)  # fmt: skip
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID
    _job, apply_url, _retry = urls(job)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(apply_url, follow=True).content.decode()
    assert "found errors, so it cannot be applied and nothing was written" in page
    assert (TaskRun.objects.count(), Employee.objects.count()) == (0, 0)


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.APPOINTING_OFFICIAL])
def test_only_hr_of_the_body_may_apply_or_retry(role: Role) -> None:
    body = make_body()
    job = checked_job(body)
    _job, apply_url, retry_url = urls(job)
    for client in (hr_client(body, role), hr_client(make_body("other"), Role.HR)):
        assert client.post(apply_url).status_code == 403
        assert client.post(retry_url).status_code == 403
    assert (TaskRun.objects.count(), Employee.objects.count()) == (0, 0)


def test_retry_before_any_apply_says_so() -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body)
    _job, _apply, retry_url = urls(job)
    page = client.post(retry_url, follow=True).content.decode()
    assert "This import has not been applied yet" in page and not TaskRun.objects.exists()


def test_data_changed_since_the_dry_run_fails_the_run_in_words(
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = make_body()
    client, job = hr_client(body), checked_job(body, rows=3)
    job_url, apply_url, _retry = urls(job)
    # Since the dry run, another import gave the first person an open spell in the same
    # position from an earlier date: the file's spell now overlaps it.
    earlier = [staff_row(0, start="01.01.2020")]
    other = check_staff_import(body=body, files=[("s.csv", csv_bytes(earlier))], actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orgs:import_apply", args=[body.code, other.pk]))
        client.post(apply_url)
    run = TaskRun.objects.get(key=f"import:{job.pk}")
    job.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error_code == "import_has_errors"
    assert job.status == ImportStatus.INVALID and Employee.objects.count() == 1
    page = page_of(client, job_url)
    assert "found errors, so it cannot be applied" in page and "Traceback" not in page


def test_a_run_killed_after_its_first_chunk_and_retried_ends_as_a_clean_run(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    body = make_body()
    client = hr_client(body)
    user = User.objects.get()
    with transaction.atomic():  # the clean run, undone once measured
        with django_capture_on_commit_callbacks(execute=True):
            do_start_apply(job=checked_job(body), actor=user)
        assert TaskRun.objects.get().status == RunStatus.DONE
        clean = state()
        transaction.set_rollback(True)
    assert (Employee.objects.count(), AuditRecord.objects.count()) == (0, 0)

    calls: list[str] = []

    def killed(run_id: int, **progress: Any) -> None:
        report_progress(run_id, **progress)
        calls.append(progress["stage"])
        if len(calls) == 2:  # the check, then the first chunk committed
            raise RuntimeError("the worker was killed")

    monkeypatch.setattr(tasks, "report_progress", killed)
    job = checked_job(body)
    job_url, _apply, retry_url = urls(job)
    with django_capture_on_commit_callbacks(execute=True):
        do_start_apply(job=job, actor=user)
    run = TaskRun.objects.get()
    assert run.status == RunStatus.FAILED and calls == ["check", "departments"]
    assert 0 < AuditRecord.objects.count() < len(clean["audit"])
    page = page_of(client, job_url, "kk")
    assert "Traceback" not in page and "RuntimeError" not in page
    assert 'class="message message-error" role="alert"' in page
    assert f'action="{retry_url}"' in page

    monkeypatch.setattr(tasks, "report_progress", report_progress)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry_url).status_code == 302
    run.refresh_from_db()
    job.refresh_from_db()
    assert (run.status, run.attempts, job.status) == (RunStatus.DONE, 2, ImportStatus.APPLIED)
    assert state() == clean
