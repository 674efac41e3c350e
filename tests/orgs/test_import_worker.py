"""A staff import applied by a real worker process: the page's request only queues the
run; ``bagalau worker`` (another process, the database backend on a SQLite file both
see) applies it chunk by chunk and records the outcome."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.jobs.test_real_workers import bagalau
from tests.orgs.import_data import csv_bytes, staff_row

pytestmark = pytest.mark.worker
ROWS = 7

START = """
import json
from pathlib import Path
from django.contrib.auth.models import User
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.orgs.imports.services import check_staff_import, do_start_apply
from bagalau.orgs.models import StateBody
body = StateBody.objects.create(code="aktau", name_kk="Ақтау", name_ru="Актау", kind="akimat")
hr = User.objects.create_user("kadr")
RoleAssignment.objects.create(user=hr, body=body, role=Role.HR)
files = [("staff.csv", Path({path!r}).read_bytes())]
job = check_staff_import(body=body, files=files, actor=hr)
run = do_start_apply(job=job, actor=hr)
print(json.dumps({{"job": job.pk, "run": run.pk, "status": job.status}}))
"""


def test_a_worker_process_applies_an_import(tmp_path: Path) -> None:
    database = tmp_path / "bagalau.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "TASKS_BACKEND": "db", "IMPORT_CHUNK": "2"}
    bagalau(["migrate", "--verbosity", "0"], **env)
    staff = tmp_path / "staff.csv"
    staff.write_bytes(
        csv_bytes([staff_row(i, reports_to="fin-0" if i else "") for i in range(ROWS)])
    )
    out = bagalau(["shell", "-c", START.format(path=str(staff))], **env)
    queued = json.loads(out.strip().splitlines()[-1])  # after what the shell prints first
    assert queued["status"] == "checked"
    assert _one(database, "select status from jobs_taskrun where id = ?", queued["run"]) == "queued"
    assert _one(database, "select count(*) from orgs_employee") == 0  # the request wrote none

    bagalau(["worker", "--batch", "--no-schedule"], **env)

    run = json.loads(bagalau(["jobs", "show", str(queued["run"]), "--json"], **env))
    assert (run["status"], run["attempts"], run["error_code"]) == ("done", 1, "")
    stage = "select stage from jobs_taskrun where id = ?"
    assert _one(database, stage, queued["run"]) == "assignments"  # the last kind written
    assert (run["processed"], run["total"]) == (ROWS, ROWS)
    assert run["outcome"]["created"] == ROWS and run["outcome"]["audit"] == 1 + 3 * ROWS
    assert _one(database, "select status from orgs_importjob where id = ?", queued["job"]) == (
        "applied"
    )
    assert _one(database, "select count(*) from orgs_employee") == ROWS
    assert _one(database, "select count(*) from audit_auditrecord") == 1 + 3 * ROWS


def _one(database: Path, query: str, *params: object) -> object:
    with closing(sqlite3.connect(database)) as db:
        return db.execute(query, params).fetchone()[0]
