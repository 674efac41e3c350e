"""Progress of a large import: counters as the work goes on, the dry run streamed to the page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from bagalau.orgs.imports import rules
from bagalau.orgs.imports.services import (
    check_staff_import_steps,
    do_apply_staff_import,
    do_apply_staff_import_steps,
)
from bagalau.orgs.models import Employee, ImportJob, ImportStatus
from tests.orgs.import_data import csv_bytes, make_body, staff_row
from tests.orgs.test_import_service import hr_client

pytestmark = pytest.mark.django_db
ROWS = 7


def files() -> list[tuple[str, bytes]]:
    rows = [staff_row(i, reports_to="fin-0" if i else "") for i in range(ROWS)]
    return [("staff.csv", csv_bytes(rows))]


def run_steps(steps):  # type: ignore[no-untyped-def]
    seen = []
    while True:
        try:
            seen.append(next(steps))
        except StopIteration as done:
            return seen, done.value


def assert_counters(seen: list[tuple[str, int, int]]) -> None:
    last: dict[str, int] = {}
    for phase, done, total in seen:
        assert 0 <= done <= total
        assert done >= last.get(phase, 0), (phase, done, last)  # never goes back
        last[phase] = done
    finals = {phase: (done, total) for phase, done, total in seen}
    assert all(done == total for done, total in finals.values()), finals


def test_dry_run_counts_rows_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "PROGRESS_EVERY", 2)
    seen, job = run_steps(check_staff_import_steps(body=make_body(), files=files(), actor=None))
    assert job.status == ImportStatus.CHECKED
    assert seen[0] == ("read", ROWS, ROWS)
    assert [done for phase, done, _t in seen if phase == "check"] == [2, 4, 6, ROWS]
    assert_counters(seen)


def test_apply_counts_each_kind_of_row_written() -> None:
    body = make_body()
    _seen, job = run_steps(check_staff_import_steps(body=body, files=files(), actor=None))
    seen, job = run_steps(do_apply_staff_import_steps(job=job, actor=None, chunk_size=3))
    assert job.status == ImportStatus.APPLIED
    assert_counters(seen)
    phases = list(dict.fromkeys(phase for phase, _d, _t in seen))
    # Kinds of row the file does not have (absences, dismissals) report nothing; audit
    # records are written with each chunk's rows, so they have no phase of their own.
    assert phases == ["check", "departments", "positions", "employees", "assignments"]
    employees = [(done, total) for phase, done, total in seen if phase == "employees"]
    assert employees == [(3, ROWS), (6, ROWS), (ROWS, ROWS)]


def test_the_callback_hears_processed_total_and_stage() -> None:
    body = make_body()
    _seen, job = run_steps(check_staff_import_steps(body=body, files=files(), actor=None))
    heard: list[tuple[int, int, str]] = []
    job = do_apply_staff_import(job=job, actor=None, chunk_size=4,
                                progress=lambda *args: heard.append(args))  # fmt: skip
    assert job.status == ImportStatus.APPLIED
    assert [h for h in heard if h[2] == "employees"] == [(4, ROWS, "employees"),
                                                        (ROWS, ROWS, "employees")]  # fmt: skip


def test_the_page_streams_progress_lines_and_works_without_javascript(
    django_capture_on_commit_callbacks: Any,
) -> None:
    body = make_body()
    client = hr_client(body)
    upload = io.BytesIO(files()[0][1])
    upload.name = "staff.csv"
    response = client.post(reverse("orgs:import_upload", args=[body.code]), {"files": [upload]})
    assert response.streaming and response["X-Accel-Buffering"] == "no"
    chunks = iter(response.streaming_content)
    first = next(chunks).decode()
    # The top of the page, with the progress bar, is sent before any work is done.
    assert 'id="import-progress"' in first and not ImportJob.objects.exists()
    rest = b"".join(chunks).decode()
    job = ImportJob.objects.get()
    assert '<li data-percent="100">' in rest and f"{ROWS} / {ROWS}" in rest
    # Without JavaScript, a plain link leads to the result; import-progress.js follows it.
    assert f'data-go href="{reverse("orgs:import_job", args=[body.code, job.pk])}"' in rest
    assert "<script>" not in rest  # nothing inline: the Content-Security-Policy refuses it
    with django_capture_on_commit_callbacks(execute=True):  # the background run, at once
        apply = client.post(reverse("orgs:import_apply", args=[body.code, job.pk]))
    assert apply.status_code == 302 and Employee.objects.count() == ROWS
