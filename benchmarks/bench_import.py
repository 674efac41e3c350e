"""Staff import at national scale: 100,000 synthetic employees, dry run and apply.

Then the same file again: a re-import that matches every row by IIN and code, creates
nothing and changes nothing (no audit records).

The floor, measured in the same run: the same rows and audit records the import wrote,
read back as values and written again by ``COPY`` (PostgreSQL) or one prepared
``INSERT`` run with ``executemany`` (SQLite) into the emptied tables, rolled back. The
dry run runs in one process (as the web request does) and the apply in another, started
and run as the page and a worker do (``do_start_apply``, then ``tasks.apply_job``); each
one's peak memory is printed, and the table shows the worker's.

Generates a CSV (valid IINs, Kazakh and Russian names, a few hundred departments and
positions' worth of structure), then checks and applies it into a fresh database: a
temporary SQLite file, and a throwaway PostgreSQL database (``BENCH_IMPORT_DB``, by
default ``bagalau_bench_import``) when one answers on 127.0.0.1:5432 (user postgres).
Each database runs in a child process, since Django's settings are read once per
process. The demo database is never touched.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from postgres_local import postgres_up

EMPLOYEES = int(os.environ.get("BENCH_IMPORT_EMPLOYEES", "100000"))
DEPARTMENTS = 300
PG_DB = os.environ.get("BENCH_IMPORT_DB", "bagalau_bench_import")
HERE = Path(__file__).resolve().parent
# What an import writes, parents first; the floor empties them and writes them again.
TABLES = ("orgs_department", "orgs_position", "orgs_employee", "orgs_assignment",
          "audit_auditrecord")  # fmt: skip

SURNAMES = [("Сәрсенбаев", "Сарсенбаев"), ("Жұмабеков", "Жумабеков"), ("Әлиев", "Алиев"),
            ("Нұрланов", "Нурланов"), ("Қасымов", "Касымов"), ("Төлеубаев", "Толеубаев"),
            ("Оспанов", "Оспанов"), ("Бекмұхамбетов", "Бекмухамбетов")]  # fmt: skip
NAMES = [("Ерлан", "Ерлан"), ("Айгүл", "Айгуль"), ("Нұржан", "Нуржан"), ("Гүлнар", "Гульнар"),
         ("Дәурен", "Даурен"), ("Әсел", "Асель"), ("Қайрат", "Кайрат")]  # fmt: skip


def write_csv(path: Path, employees: int) -> None:
    from bagalau.domain.people import with_check_digit
    from bagalau.orgs.imports.columns import STAFF_COLUMNS

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow([c.ru for c in STAFF_COLUMNS])
        serial = 0
        for i in range(employees):
            iin = None
            while iin is None:
                serial += 1
                year = 70 + serial // 9000 % 30
                iin = with_check_digit(f"{year:02d}0101{3 + serial % 2}{serial % 9000:04d}")
            dept = i % DEPARTMENTS
            head = i < DEPARTMENTS  # the first employee of each department heads it
            (skk, sru), (nkk, nru) = SURNAMES[i % len(SURNAMES)], NAMES[i % len(NAMES)]
            writer.writerow([
                iin, skk, nkk, "", sru, nru, "", f"e{i}@gov.kz", "",
                f"d{dept}", f"{dept}-бөлім", f"Отдел {dept}",
                f"p{i}", "Бөлім басшысы" if head else "Бас маман",
                "Руководитель отдела" if head else "Главный специалист",
                "E-2" if head else "E-4", "0", "1" if head else "0",
                "" if head else f"p{dept}", "main", "01.02.2024", "",
            ])  # fmt: skip


def child(csv_path: str) -> None:
    """Run in a child process whose DATABASE_URL points at a fresh database."""
    import django

    django.setup()
    from django.core.management import call_command

    from bagalau.orgs.imports.services import check_staff_import
    from bagalau.orgs.models import BodyKind, Employee, StateBody

    sys.path.insert(0, str(HERE))
    from results_table import add_row, peak_mib

    call_command("migrate", verbosity=0)
    body = StateBody.objects.create(code="bench", name_kk="Бенчмарк", name_ru="Бенчмарк",
                                    kind=BodyKind.AKIMAT)  # fmt: skip
    content = Path(csv_path).read_bytes()
    print(f"   rows: {EMPLOYEES:,} employees, {EMPLOYEES:,} positions, {DEPARTMENTS} departments")
    for label, outcome in (("import", "create"), ("re-import", "unchanged")):
        started, cpu = time.perf_counter(), time.process_time()
        job = check_staff_import(body=body, files=[("staff.csv", content)], actor=None)
        checked = time.perf_counter()
        assert job.result["counts"][outcome] == EMPLOYEES, job.result["counts"]
        checking_peak = peak_mib()  # the web request's part: reading and checking
        worker = _apply_in_a_worker(job.pk)
        applied = checked + worker["seconds"]  # a worker is running already: no start-up
        assert Employee.objects.count() == EMPLOYEES
        # CPU time of this process (all of the work on SQLite) tells a busy machine apart.
        print(f"   {label}: dry run {checked - started:.1f} s (peak {checking_peak:.0f} MiB), "
              f"apply {applied - checked:.1f} s in a worker process (peak "
              f"{worker['peak']:.0f} MiB, {worker['cpu']:.1f} s CPU), total "
              f"{applied - started:.1f} s ({worker['audit']:,} audit records; "
              f"{time.process_time() - cpu:.1f} s CPU for the dry run)", flush=True)  # fmt: skip
        if label == "import":
            total, peak = applied - started, worker["peak"]
    floor = _floor()
    from django.db import connection

    add_row(f"staff import {EMPLOYEES // 1000}k", connection.vendor, total, floor, peak=peak)


def _apply_in_a_worker(job_id: int) -> dict[str, float]:
    """The apply as a worker runs it, in a process of its own (its own peak memory)."""
    done = subprocess.run(
        [sys.executable, __file__, "--apply", str(job_id)],
        env=os.environ, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def apply_child(job_id: int) -> None:
    """Start the apply as the page does, then run it as a worker does."""
    import django

    django.setup()
    from bagalau.jobs.services import execute_run
    from bagalau.orgs.imports.services import do_start_apply
    from bagalau.orgs.imports.tasks import apply_job
    from bagalau.orgs.models import ImportJob

    sys.path.insert(0, str(HERE))
    from results_table import peak_mib

    started, cpu = time.perf_counter(), time.process_time()
    run = do_start_apply(job=ImportJob.objects.get(pk=job_id), actor=None)
    execute_run(run.pk, apply_job)
    run.refresh_from_db()
    assert run.status == "done", (run.error_code, run.error_params)
    job = ImportJob.objects.get(pk=job_id)
    assert job.status == "applied", job.result.get("issues", [])[:3]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    audit = job.result["written"]["audit"]
    print(json.dumps({"seconds": seconds, "peak": peak_mib(), "cpu": cpu, "audit": audit}))


def _floor() -> float:
    """The same rows, written again from values in hand by the fastest bulk path: on
    PostgreSQL the tables' own COPY data, on SQLite their rows as tuples."""
    from django.db import connection, transaction

    tables = {table: _read(table) for table in TABLES}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in reversed(TABLES):
            cursor.execute(f"DELETE FROM {table}")
        started = time.perf_counter()
        for table, data in tables.items():
            _write(table, data)
        if connection.vendor == "postgresql":  # the foreign key checks a commit would run
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    print(f"   floor: the same rows written from values in hand in {elapsed:.2f} s "
          f"(rolled back)", flush=True)  # fmt: skip
    return elapsed


def _read(table: str) -> object:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} TO STDOUT") as copy:
                return [bytes(block) for block in copy]
        cursor.execute(f"SELECT * FROM {table}")
        return (len(cursor.description), cursor.fetchall())


def _write(table: str, data: object) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for block in data:  # type: ignore[attr-defined]
                    copy.write(block)
            return
        width, rows = data  # type: ignore[misc]
        marks = ", ".join(["?"] * width)
        connection.connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _run_child(csv_path: Path, database_url: str, label: str) -> None:
    # Debug mode off, as in production: it would log every SQL statement. The national
    # file is far above an upload's limits (IMPORT_MAX_ROWS, IMPORT_MAX_BYTES): raised here.
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "benchmark",
           "DJANGO_SETTINGS_MODULE": "bagalau.config.settings",
           "IMPORT_MAX_ROWS": str(EMPLOYEES + 1), "IMPORT_MAX_BYTES": str(1 << 30)}  # fmt: skip
    print(f"   {label}:", flush=True)
    subprocess.run([sys.executable, __file__, "--child", str(csv_path)], env=env, check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "staff.csv"
        started = time.perf_counter()
        write_csv(csv_path, EMPLOYEES)
        size = csv_path.stat().st_size / 1e6
        elapsed = time.perf_counter() - started
        print(f"   generated {EMPLOYEES:,} rows ({size:.1f} MB) in {elapsed:.1f} s")
        _run_child(csv_path, f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", "SQLite")
        if not postgres_up():
            print("   PostgreSQL not reachable on 127.0.0.1:5432: skipped")
            return
        import psycopg

        admin = "postgres://postgres@127.0.0.1:5432/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"drop database if exists {PG_DB}")
            conn.execute(f"create database {PG_DB}")
        try:
            _run_child(csv_path, f"postgres://postgres@127.0.0.1:5432/{PG_DB}", "PostgreSQL")
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"drop database if exists {PG_DB}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    elif sys.argv[1:2] == ["--apply"]:
        apply_child(int(sys.argv[2]))
    else:
        main()
