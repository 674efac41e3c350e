"""A quarter's close through real worker processes, on a SQLite file made by ``bagalau
migrate`` and ``bagalau demo``: a worker killed half-way (SIGKILL) and a new worker
started after it end with exactly the results, audit records and notices of a clean
run on a copy of the same database; and the same close runs on Redis (RQ) workers."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.worker

BAGALAU = str(Path(sys.executable).parent / "bagalau")
REDIS = ("127.0.0.1", 6379)
PREPARE = """
from bagalau.core import clock
from bagalau.demo.cycle import run_quarter
from bagalau.domain.calendar import Period
from bagalau.orgs.models import StateBody
body = StateBody.objects.get(code="shakhtinsk-maslikhat")
run_quarter(body, Period(clock.today().year - 2, 4), close=False)
"""  # two years back: in a first quarter the demo closes last year's fourth itself
START = """
from django.contrib.auth.models import User
from bagalau.core import clock
from bagalau.cycles.close.services import do_start_close
from bagalau.cycles.models import EvaluationPeriod
period = EvaluationPeriod.objects.get(
    year=clock.today().year - 2, quarter=4, body__code="shakhtinsk-maslikhat")
run = do_start_close(actor=User.objects.get(username="hr"), period_id=period.pk,
                     version=period.version, today=clock.today())
print(run.pk)
"""
# What a close leaves, without times and the ids of new rows.
DUMP = """
import json
from bagalau.audit.models import AuditRecord
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, Result
from bagalau.notify.models import Notification
def plain(values):
    return values and {k: v for k, v in values.items() if "_at" not in k and k != "id"}
period = EvaluationPeriod.objects.get(
    year=clock.today().year - 2, quarter=4, body__code="shakhtinsk-maslikhat")
print(json.dumps({
    "status": period.status,
    "results": sorted(map(list, Result.objects.filter(participation__period=period)
        .values_list("participation_id", "method", "score", "band", "state", "version"))),
    "audit": [[r.object_type, r.action, plain(r.before), plain(r.after), r.note]
              for r in AuditRecord.objects.order_by("pk")],
    "notices": sorted(map(list, Notification.objects.values_list("recipient_id", "key"))),
}, default=str))
"""


def bagalau(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [BAGALAU, *args], env={**os.environ, "DEBUG": "", **env},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def shell(code: str, env: dict[str, str]) -> str:
    return bagalau(["shell", "--verbosity", "0", "-c", code], env)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with the fourth quarter of two years back scored and approved, not closed."""
    path = tmp_path_factory.mktemp("close") / "prepared.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{path}", "TASKS_BACKEND": "db", "DEBUG": "1"}
    bagalau(["migrate", "--verbosity", "0"], env)
    bagalau(["demo"], env)
    shell(PREPARE, env)
    return path


def copy_of(prepared: Path, name: str) -> dict[str, str]:
    path = prepared.with_name(f"{name}.sqlite3")
    shutil.copyfile(prepared, path)
    return {"DATABASE_URL": f"sqlite:///{path}", "TASKS_BACKEND": "db"}


def run_of(env: dict[str, str], run_id: int) -> dict[str, Any]:
    return dict(json.loads(bagalau(["jobs", "show", str(run_id), "--json"], env)))


def _processed(env: dict[str, str], run_id: int) -> int:
    # the file itself: a ``bagalau`` process per poll is too slow on a busy host
    with closing(sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"))) as db:
        row = db.execute("select processed from jobs_taskrun where id = ?", [run_id]).fetchone()
    return int(row[0])


def test_a_close_whose_worker_was_killed_ends_as_a_clean_run(prepared: Path) -> None:
    clean = copy_of(prepared, "clean")
    run_id = int(shell(START, clean))
    bagalau(["worker", "--batch", "--no-schedule"], clean)
    assert run_of(clean, run_id)["status"] == "done"
    expected = json.loads(shell(DUMP, clean))
    assert expected["status"] == "closed" and len(expected["results"]) > 9

    killed = copy_of(prepared, "killed") | {"TASK_HEARTBEAT_TIMEOUT": "2"}
    slow = {"CLOSE_CHUNK": "3", "CLOSE_PAUSE": "0.5"}
    run_id = int(shell(START, killed))
    worker = subprocess.Popen(
        [BAGALAU, "worker", "--no-schedule"], env={**os.environ, "DEBUG": "", **killed, **slow},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while _processed(killed, run_id) < 6:  # two chunks committed
            assert worker.poll() is None and time.monotonic() < deadline, "the close never ran"
            time.sleep(0.2)
    finally:
        worker.kill()  # SIGKILL: no clean-up
        worker.wait()
    left = run_of(killed, run_id)
    assert left["status"] == "running" and left["processed"] < len(expected["results"])
    assert json.loads(shell(DUMP, killed))["status"] == "closing"
    time.sleep(2.5)  # the heartbeat grows older than the timeout
    bagalau(["worker", "--batch", "--no-schedule"], killed)  # recovers it, then runs it
    done = run_of(killed, run_id)
    assert (done["status"], done["attempts"]) == ("done", 2)
    assert json.loads(shell(DUMP, killed)) == expected


def test_a_close_runs_on_a_redis_worker(prepared: Path) -> None:
    try:
        socket.create_connection(REDIS, 2).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is required in CI")
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    env = copy_of(prepared, "redis") | {
        "TASKS_BACKEND": "rq", "REDIS_URL": "redis://127.0.0.1:6379/6",
    }  # fmt: skip
    run_id = int(shell(START, env))
    bagalau(["worker", "--batch", "--no-schedule"], env)
    run = run_of(env, run_id)
    assert run["status"] == "done", run
    assert run["outcome"]["results"] == run["total"] > 9
    assert json.loads(shell(DUMP, env))["status"] == "closed"
