"""A trivial run through real worker processes: the database worker on a SQLite file,
and an RQ worker on Redis. Every step is its own process (``bagalau ...``), as in
production; the database is a file both see, not the test's transaction."""

from __future__ import annotations

import json
import os
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
REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('worker') / 'bagalau.sqlite3'}"
    bagalau(["migrate", "--verbosity", "0"], DATABASE_URL=url)
    return url


def bagalau(args: list[str], **env: str) -> str:
    done = subprocess.run(
        [BAGALAU, *args],
        env={**os.environ, "DEBUG": "", **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_through_worker(**env: str) -> dict[str, Any]:
    queued = json.loads(bagalau(["jobs", "check", "--steps", "5", "--json"], **env))
    before = json.loads(bagalau(["jobs", "show", str(queued["run"]), "--json"], **env))
    assert before["status"] == "queued"
    bagalau(["worker", "--batch", "--no-schedule"], **env)
    return dict(json.loads(bagalau(["jobs", "show", str(queued["run"]), "--json"], **env)))


def test_the_database_worker_runs_a_run(database: str) -> None:
    run = run_through_worker(DATABASE_URL=database, TASKS_BACKEND="db")
    assert (run["status"], run["processed"], run["total"], run["attempts"]) == ("done", 5, 5, 1)
    assert run["outcome"] == {"processed": 5}


def test_a_run_whose_worker_was_killed_is_finished_by_the_next_worker(database: str) -> None:
    env = {"DATABASE_URL": database, "TASKS_BACKEND": "db", "TASK_HEARTBEAT_TIMEOUT": "2"}
    queued = json.loads(
        bagalau(["jobs", "check", "--steps", "20", "--pause", "0.5", "--json"], **env)
    )
    show = ["jobs", "show", str(queued["run"]), "--json"]
    worker = subprocess.Popen(
        [BAGALAU, "worker", "--no-schedule"],
        env={**os.environ, "DEBUG": "", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        # read the file directly: a ``bagalau`` process per poll is too slow on a busy host
        while _processed(database, queued["run"]) < 1:
            assert time.monotonic() < deadline, "the worker never started the run"
            time.sleep(0.5)
    finally:
        worker.kill()  # SIGKILL: no clean-up, the run is left running
        worker.wait()
    left = json.loads(bagalau(show, **env))
    assert left["status"] == "running" and left["processed"] < 20
    time.sleep(2.5)  # the heartbeat grows older than the timeout
    bagalau(["worker", "--batch", "--no-schedule"], **env)
    run = json.loads(bagalau(show, **env))
    assert (run["status"], run["processed"], run["attempts"]) == ("done", 20, 2)


def _processed(database: str, run_id: int) -> int:
    with closing(sqlite3.connect(database.removeprefix("sqlite:///"))) as db:
        row = db.execute("select processed from jobs_taskrun where id = ?", [run_id]).fetchone()
    return int(row[0])


def _redis_answers() -> bool:
    try:
        socket.create_connection(REDIS, 2).close()
    except OSError:
        return False
    return True


def test_an_rq_worker_runs_a_run(database: str) -> None:
    if not _redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is required in CI")
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    run = run_through_worker(DATABASE_URL=database, TASKS_BACKEND="rq", REDIS_URL=REDIS_URL)
    assert (run["status"], run["processed"], run["attempts"]) == ("done", 5, 1)
