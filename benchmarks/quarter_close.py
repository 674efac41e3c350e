"""Closing a quarter at national scale: 100,000 synthetic employees on PostgreSQL.

The data (not timed): one synthetic body of N employees (``demo.synthetic``), each
with a login, an open quarter under Shakhtinsk's methodology, teams of TEAM people on
approved ranking sheets, some people evaluated without participation, some heads on
approved KPI sheets, some not evaluated. Timed: the close as HR and a worker run it
(``do_start_close``, then ``close.tasks.run_close``, each chunk its own commit: every
result and band by the domain, notices, audit records), then the floor: the same three kinds of
row by set-based SQL on the same data (``INSERT … SELECT``: each quarter score from the
entries' JSON and its band by ``CASE``, a result for the other participations, an audit
record per result with its row as JSON, a notice per result whose person has a login),
rolled back. Each database runs in a
child process with a fresh database: PostgreSQL ``bagalau_bench_close`` when one answers
on 127.0.0.1:5432 (user postgres), and SQLite when asked (``--sqlite``).

    python benchmarks/quarter_close.py [--employees 10000] [--sqlite] [--profile]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from postgres_local import postgres_up

EMPLOYEES = int(os.environ.get("BENCH_CLOSE_EMPLOYEES", "100000"))
TEAM = 25  # people per evaluator's ranking sheet
PACK = "shakhtinsk-2023"
CODES = ("quality", "deadlines", "independence", "discipline")
PG_DB = os.environ.get("BENCH_CLOSE_DB", "bagalau_bench_close")
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
HERE = Path(__file__).resolve().parent


def child(employees: int, profile: bool) -> None:
    """Run in a child process whose DATABASE_URL points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command

    sys.path.insert(0, str(HERE))
    from quarter_close_data import build

    call_command("migrate", verbosity=0)
    from django.urls import reverse

    from bagalau.packs import registry

    registry()  # loaded once per process, as a running site has it
    reverse("home")  # and so are its URL patterns
    started = time.perf_counter()
    period, counts = build(employees, team=TEAM, pack_id=PACK, codes=CODES)
    print(f"   data: {counts} in {time.perf_counter() - started:.1f} s (not timed)", flush=True)
    close_time = _time_close(period, profile)
    floor = _time_floor(period)
    from django.db import connection
    from results_table import add_row

    add_row(f"quarter close {employees // 1000}k", connection.vendor, close_time, floor)


def _time_close(period: object, profile: bool) -> float:
    from datetime import date

    from django.db import connection

    from bagalau.audit.models import AuditRecord
    from bagalau.cycles.close.services import do_start_close
    from bagalau.cycles.close.tasks import run_close
    from bagalau.cycles.models import Result
    from bagalau.jobs.services import execute_run
    from bagalau.notify.models import Notification

    pk = period.pk  # type: ignore[attr-defined]
    hr, queries = _hr(), QueryTimes()
    started, cpu = time.perf_counter(), time.process_time()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    from bagalau.core import bulk

    copy = bulk._copy

    def timed_copy(cursor: Any, table: str, columns: list[str], rows: list[list[Any]]) -> None:
        started = time.perf_counter()
        copy(cursor, table, columns, rows)
        key = f"COPY {table}"
        queries.times[key] = queries.times.get(key, 0.0) + time.perf_counter() - started

    bulk._copy = timed_copy  # type: ignore[assignment]
    # As a worker runs it: the start commits, then each chunk of the run commits.
    with connection.execute_wrapper(queries):
        run = do_start_close(actor=hr, period_id=pk, version=1, today=date(2024, 4, 5))
        execute_run(run.pk, run_close)
    elapsed = time.perf_counter() - started
    run.refresh_from_db()
    assert run.status == "done", (run.error_code, run.error_params)
    if profile:
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats("bagalau", 25)
    print(f"   {queries.summary()}", flush=True)
    results = Result.objects.filter(participation__period_id=pk).count()
    print(
        f"   close: {elapsed:.2f} s ({time.process_time() - cpu:.1f} s CPU in Python): "
        f"{results:,} results, {Notification.objects.count():,} notices, "
        f"{AuditRecord.objects.count():,} audit records",
        flush=True,
    )
    return elapsed


class QueryTimes:
    """Time spent in the database, per statement kind (the close's own share of the wall)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = " ".join(str(sql).split()[:4])[:60]
            self.times[key] = self.times.get(key, 0.0) + time.perf_counter() - started

    def summary(self) -> str:
        top = sorted(self.times.items(), key=lambda kv: -kv[1])[:6]
        total = sum(self.times.values())
        return f"database {total:.2f} s; most: " + "; ".join(f"{k}: {v:.2f} s" for k, v in top)


def _hr() -> object:
    from django.contrib.auth.models import User

    return User.objects.get_or_create(username="bench-hr")[0]


def _time_floor(period: object) -> float:
    """The rows the close wrote, made again by set-based SQL on the same data, rolled
    back: one result per participation evaluated (a ranking entry's quarter score and
    band by ``CASE``, the others without a score), one audit record per result (its row as JSON
    after), one notice per result whose person has a login."""
    from django.db import connection, transaction
    from django.urls import reverse

    pk = period.pk  # type: ignore[attr-defined]
    url = reverse("cycles:result", kwargs={"participation_id": 987654321}).split("987654321")
    pg = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        # As before the close (not timed): none of its results, records or notices.
        cursor.execute("DELETE FROM audit_auditrecord WHERE object_type = 'cycles.result'")
        cursor.execute("DELETE FROM notify_notification WHERE period_id = %s", [pk])
        cursor.execute(
            "DELETE FROM cycles_result WHERE participation_id IN "
            "(SELECT id FROM cycles_participation WHERE period_id = %s)",
            [pk],
        )
        started = time.perf_counter()
        counts = [_floor_statement(cursor, sql, pk, url) for sql in _floor_sql(pg)]
        if pg:  # the foreign key checks a commit would run
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    results, records, notices = counts[0] + counts[1], counts[2], counts[3]
    print(f"   floor, set-based SQL: {elapsed:.2f} s ({results:,} results, {records:,} audit "
          f"records, {notices:,} notices; rolled back)", flush=True)  # fmt: skip
    return elapsed


def _floor_statement(cursor: Any, sql: str, pk: int, url: list[str]) -> int:
    cursor.execute(sql, {"period": pk, "url0": url[0], "url1": url[1]})
    return int(cursor.rowcount)


def _floor_sql(pg: bool) -> list[str]:
    if pg:
        mean = " + ".join(f"(e.scores->>'{c}')::numeric" for c in CODES)
        now, as_json, text = "now()", "to_jsonb(r)", "::text"
    else:
        mean = " + ".join(f"CAST(json_extract(e.scores, '$.{c}') AS REAL)" for c in CODES)
        now, text = "CURRENT_TIMESTAMP", ""
        as_json = ("json_object('id', r.id, 'participation_id', r.participation_id, 'method', "
                   "r.method, 'score', r.score, 'band', r.band, 'inputs', json(r.inputs), "
                   "'cites', json(r.cites), 'unverified', json(r.unverified), 'state', r.state, "
                   "'computed_at', r.computed_at, 'version', r.version)")  # fmt: skip
    score = f"round(({mean}) / {len(CODES)}, 2)"
    ours = "SELECT id FROM cycles_participation WHERE period_id = %(period)s"
    return [
        f"""INSERT INTO cycles_result (participation_id, method, score, band, inputs, cites,
                                       unverified, state, computed_at, version)
            SELECT e.participation_id, 'ranking', {score},
                   CASE WHEN {score} >= 4 THEN 'effective' WHEN {score} >= 3 THEN 'proper'
                        WHEN {score} >= 2 THEN 'satisfactory' ELSE 'unsatisfactory' END,
                   e.scores, '[]', '[]', 'approved', {now}, 1
            FROM cycles_rankingentry e JOIN cycles_rankingsheet s ON s.id = e.sheet_id
            WHERE s.period_id = %(period)s AND s.state = 'approved'""",
        f"""INSERT INTO cycles_result (participation_id, method, score, band, inputs, cites,
                                       unverified, state, computed_at, version)
            SELECT p.id, 'none', NULL, '', '{{}}', '[]', '[]', 'approved', {now}, 1
            FROM cycles_participation p WHERE p.period_id = %(period)s
              AND p.status <> 'not_evaluated'
              AND NOT EXISTS (SELECT 1 FROM cycles_result r WHERE r.participation_id = p.id)""",
        f"""INSERT INTO audit_auditrecord (at, actor_name, action, object_type, object_id,
                                           object_repr, body_id, after, note)
            SELECT {now}, 'bench-hr', 'create', 'cycles.result', r.id{text},
                   'Result ' || r.id, per.body_id, {as_json}, ''
            FROM cycles_result r JOIN cycles_participation p ON p.id = r.participation_id
            JOIN cycles_evaluationperiod per ON per.id = p.period_id
            WHERE r.participation_id IN ({ours})""",
        f"""INSERT INTO notify_notification (recipient_id, kind, key, period_id,
                                             participation_id, rule_id, params, url, created_at)
            SELECT e.user_id, 'result_ready',
                   'result_ready:' || p.period_id || ':' || p.id, p.period_id, p.id, '',
                   '{{"period": "q"}}', %(url0)s || p.id || %(url1)s, {now}
            FROM cycles_participation p JOIN orgs_employee e ON e.id = p.employee_id
            WHERE p.period_id = %(period)s AND e.user_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM cycles_result r WHERE r.participation_id = p.id)""",
    ]


def _run_child(database_url: str, label: str, employees: int, profile: bool) -> None:
    # Debug mode off, as in production: it would log every SQL statement.
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "benchmark",
           "DJANGO_SETTINGS_MODULE": "bagalau.config.settings"}  # fmt: skip
    print(f"   {label}, {employees:,} employees:", flush=True)
    command = [sys.executable, __file__, "--child", "--employees", str(employees)]
    subprocess.run(command + (["--profile"] if profile else []), env=env, check=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=EMPLOYEES)
    parser.add_argument("--sqlite", action="store_true", help="SQLite too")
    parser.add_argument("--profile", action="store_true", help="cProfile the close")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    if args.child:
        child(args.employees, args.profile)
        return
    if args.sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'close.sqlite3'}"
            _run_child(url, "SQLite", args.employees, args.profile)
    if not postgres_up():
        print("   PostgreSQL not reachable on 127.0.0.1:5432: skipped")
        return
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"drop database if exists {PG_DB}")
        conn.execute(f"create database {PG_DB}")
    try:
        url = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
        _run_child(url, "PostgreSQL", args.employees, args.profile)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"drop database if exists {PG_DB}")


if __name__ == "__main__":
    main()
