"""A quarter's work under load: 100 people at once on the production profile.

The data (not timed, ``load_quarter_data.py``): a fresh PostgreSQL database
``bagalau_bench_load``, migrated, with the demo and synthetic bodies whose previous
quarter is closed and current quarter open. The site runs as in production (debug off,
gunicorn with several workers, WhiteNoise, collected static files) over plain HTTP on
127.0.0.1, as ``make serve`` runs it. locust (``load_quarter_users.py``) then starts 100
users, each logged in as a different evaluator, employee or HR officer, who work for a
minute with pauses of 1-3 s: home page, team page, saving a ranking draft, the result
page, the dashboard. Printed: requests, errors and p50/p95/p99 per page and overall
(from when every user has logged in), and whether the goal holds (p95 <= 150 ms for
every page, no error). Skipped when PostgreSQL does not answer on 127.0.0.1:5432.
``BENCH_LOAD_VAR=var/bench-load`` keeps the collected static files there for the next
run (collecting compresses every file, minutes on a busy machine).

    python benchmarks/bench_load_quarter.py [--users 100] [--seconds 60] [--workers 4]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from postgres_local import postgres_up

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG_DB = os.environ.get("BENCH_LOAD_DB", "bagalau_bench_load")
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
GOAL_MS = 150
PASSWORD = "load-benchmark-password"


def _env(var_dir: Path) -> dict[str, str]:
    """The production profile as ``make serve`` runs it: debug off, plain HTTP locally."""
    return os.environ | {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        "SECURE_PROXY_SSL_HEADER": "0",
        "BAGALAU_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "bagalau.config.settings",
    }


def _bagalau(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "bagalau"), *args], env=env, check=True)


def data_child(out: Path, employees: int, bodies: int) -> None:
    """Run in a child process: build the data and write who logs in where."""
    import django

    django.setup()
    sys.path.insert(0, str(HERE))
    from load_quarter_data import build

    people = build(employees=employees, bodies=bodies, password=PASSWORD)
    out.write_text(json.dumps(people), encoding="utf-8")
    print("   logins: " + ", ".join(f"{len(v)} {k}" for k, v in people.items()), flush=True)


def _prepare(env: dict[str, str], users_file: Path, employees: int, bodies: int) -> None:
    started = time.perf_counter()
    _bagalau(env, "migrate", "--verbosity", "0")
    _bagalau(env | {"DEBUG": "1"}, "demo")  # the demo refuses to run without debug mode
    command = [sys.executable, __file__, "--data", str(users_file), "--employees",
               str(employees), "--bodies", str(bodies)]  # fmt: skip
    subprocess.run(command, env=env, check=True)
    if not (Path(env["BAGALAU_VAR_DIR"]) / "static" / "staticfiles.json").exists():
        _bagalau(env, "collectstatic", "--noinput", "--verbosity", "0")
    print(f"   data and static files in {time.perf_counter() - started:.0f} s (not timed)")


def _serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "bagalau.config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--preload", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within two minutes")


def _load(env: dict[str, str], port: int, users_file: Path, users: int, seconds: int) -> Path:
    prefix = users_file.parent / "load"
    env = env | {"BENCH_LOAD_USERS": str(users_file), "BENCH_LOAD_PASSWORD": PASSWORD,
                 "BENCH_LOAD_USERS_N": str(users), "BENCH_LOAD_SECONDS": str(seconds)}  # fmt: skip
    subprocess.run(
        [str(BIN / "locust"), "-f", str(HERE / "load_quarter_users.py"), "--headless",
         "--users", str(users), "--spawn-rate", "10", "--run-time", f"{seconds + 600}s",
         "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "WARNING"],
        env=env, check=False,  # locust exits 1 when a request failed: reported below
    )  # fmt: skip
    return prefix.with_name("load_stats.csv")


def report(stats: Path, users: int) -> bool:
    """Print the figures per page and overall; whether the goal holds."""
    with stats.open(encoding="utf-8") as rows:
        table = list(csv.DictReader(rows))
    print(f"\n   {users} users: {'page':<14} {'requests':>8} {'errors':>6} "
          f"{'p50':>7} {'p95':>7} {'p99':>7}")  # fmt: skip
    met = True
    for row in table:
        name = "overall" if row["Name"] == "Aggregated" else row["Name"]
        if row["95%"] == "N/A":  # no request since the start (failed sign-ins)
            row["50%"] = row["95%"] = row["99%"] = "0"
        errors, p95 = int(row["Failure Count"]), float(row["95%"])
        print(f"   {'':>{len(str(users)) + 7}} {name:<14} {row['Request Count']:>8} {errors:>6} "
              f"{row['50%']:>4} ms {row['95%']:>4} ms {row['99%']:>4} ms")  # fmt: skip
        met = met and errors == 0 and (name == "overall" or p95 <= GOAL_MS)
    verdict = "met" if met else "NOT met"
    print(f"   goal (p95 <= {GOAL_MS} ms for every page, 0 errors): {verdict}")
    overall = next(r for r in table if r["Name"] == "Aggregated")
    sys.path.insert(0, str(HERE))
    from results_table import add_row

    add_row(f"load {users} users, p95 of pages", "postgresql", float(overall["95%"]) / 1000, None)
    return met


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--users", type=int, default=int(os.environ.get("BENCH_LOAD_USERS_N", "100"))
    )
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    )
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
    )
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--bodies", type=int, default=20)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    if args.data:
        data_child(args.data, args.employees, args.bodies)
        return
    if not postgres_up():
        print("   PostgreSQL not reachable on 127.0.0.1:5432: skipped")
        return
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"drop database if exists {PG_DB}")
        conn.execute(f"create database {PG_DB}")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            var_dir = Path(os.environ.get("BENCH_LOAD_VAR") or tmp).resolve()
            env, users_file, port = _env(var_dir), Path(tmp) / "people.json", _free_port()
            _prepare(env, users_file, args.employees, args.bodies)
            print(f"   gunicorn with {args.workers} workers; locust: {args.users} users for "
                  f"{args.seconds} s", flush=True)  # fmt: skip
            server = _serve(env, port, args.workers)
            try:
                stats = _load(env, port, users_file, args.users, args.seconds)
            finally:
                server.terminate()
                server.wait(timeout=30)
            report(stats, args.users)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"drop database if exists {PG_DB} with (force)")


if __name__ == "__main__":
    main()
