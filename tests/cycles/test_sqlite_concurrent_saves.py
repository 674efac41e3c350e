"""Two people saving one ranking sheet at the same moment on SQLite, through the page
in separate processes on one database file (the settings' IMMEDIATE transactions, busy
timeout and WAL): the second writer waits for the first and then gets the conflict
message (409), never HTTP 500 "database is locked"."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite's own locking; PostgreSQL has row locks",
    ),
]

REPO = Path(__file__).resolve().parents[2]
BAGALAU = str(Path(sys.executable).parent / "bagalau")
PREPARE = """
import json
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.test_ranking_services import open_quarter, team_ids
org = shakhtinsk_body(staff=3)
period = open_quarter(org)
print(json.dumps({"period": period.pk, "evaluator": org.head.pk,
                  "user": org.head.user.pk, "rows": team_ids(period, org)}))
"""
# One evaluator's browser: wait for the agreed moment, then post the whole team page.
SAVE = """
import json, os, time
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
world = json.loads(os.environ["WORLD"]); start = float(os.environ["START"])
client = Client(HTTP_ACCEPT_LANGUAGE="en")
client.force_login(User.objects.get(pk=world["user"]))
data = {"version": "0", "row": [str(p) for p in world["rows"]]}
for pid in world["rows"]:
    for code in ("quality", "deadlines", "independence", "discipline"):
        data[f"s-{pid}-{code}"] = "4"
url = reverse("cycles:ranking_team", args=[world["period"], world["evaluator"]])
time.sleep(max(0.0, start - time.time()))
answer = client.post(url, data)
print(json.dumps({"status": answer.status_code, "stale": "Someone else saved" in
                  answer.content.decode()}))
"""


def _env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "TASKS_BACKEND": "immediate",
        "PYTHONPATH": str(REPO),
        "ALLOWED_HOSTS": "testserver",
    }


def _shell(code: str, env: dict[str, str], **more: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [BAGALAU, "shell", "--verbosity", "0", "-c", code],
        env=env | more, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _answer(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    answer: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return answer


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str]:
    database = tmp_path_factory.mktemp("concurrent") / "bagalau.sqlite3"
    env = _env(database)
    subprocess.run([BAGALAU, "migrate", "--verbosity", "0"], env=env, check=True, timeout=300)
    return env, json.dumps(_answer(_shell(PREPARE, env)))


def test_the_database_file_is_in_wal_mode(world: tuple[dict[str, str], str]) -> None:
    database = world[0]["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_two_simultaneous_saves_give_one_save_and_one_conflict(
    world: tuple[dict[str, str], str],
) -> None:
    env, ids = world
    start = str(time.time() + 8)  # both processes are up and signed in by then
    answers = [_answer(p) for p in [_shell(SAVE, env, WORLD=ids, START=start) for _ in range(2)]]
    assert sorted(a["status"] for a in answers) == [302, 409], answers
    assert [a["stale"] for a in answers if a["status"] == 409] == [True]


def test_a_save_waits_for_another_writer_instead_of_failing(
    world: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, ids = world
    database = env["DATABASE_URL"].removeprefix("sqlite:///")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # someone else's long write
    saver = _shell(SAVE, env, WORLD=ids, START="0")
    # Longer than SQLite's own 5 s default once the saver is up (about 4 s), shorter
    # than the settings' busy timeout.
    time.sleep(12)
    holder.execute("COMMIT")
    holder.close()
    answer = _answer(saver)
    # The sheet exists from the test before: version 0 is stale, said in words.
    assert answer == {"status": 409, "stale": True}
