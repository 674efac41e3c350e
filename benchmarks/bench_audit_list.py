"""The audit trail page over 1,000,000 records on PostgreSQL: HR of one body, the first
page unfiltered and filtered by local days, with ``EXPLAIN`` of the filtered query.

The records (not timed) are made by one ``INSERT … SELECT generate_series`` in a
throwaway database (``BENCH_AUDIT_DB``, by default ``bagalau_bench_audit``), one a
minute over about two years, spread over 100 bodies. Timed: the page rendered through
Django's test client, as a browser would get it. The date filter is turned into bounds
on ``at`` (local midnights), so the ``(body, at)`` index serves it: the plan shows it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from postgres_local import postgres_up

RECORDS = int(os.environ.get("BENCH_AUDIT_RECORDS", "1000000"))
BODIES = 100
PG_DB = os.environ.get("BENCH_AUDIT_DB", "bagalau_bench_audit")
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
HERE = Path(__file__).resolve().parent
TRIES = 5


def _build() -> object:
    from django.db import connection

    from bagalau.orgs.models import BodyKind, StateBody

    StateBody.objects.bulk_create(
        StateBody(code=f"b{i}", name_kk=f"Орган {i}", name_ru=f"Орган {i}", kind=BodyKind.AKIMAT)
        for i in range(BODIES)
    )
    first = StateBody.objects.order_by("pk").first()
    assert first is not None
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO audit_auditrecord (at, actor_name, action, object_type, object_id,
                object_repr, body_id, before, after, note)
            SELECT timestamptz '2024-01-01 00:00+05' + i * interval '1 minute', 'hr', 'update',
                'orgs.employee', i::text, 'Сарсенбаев Ерлан', %s + i %% %s,
                jsonb_build_object('email', 'old' || i || '@gov.kz'),
                jsonb_build_object('email', 'new' || i || '@gov.kz'), ''
            FROM generate_series(1, %s) AS i
            """,
            [first.pk, BODIES, RECORDS],
        )
        cursor.execute("ANALYZE audit_auditrecord")
    print(f"   {RECORDS:,} records in {time.perf_counter() - started:.1f} s (not timed)")
    return first


def _client(body: object) -> object:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bagalau.accounts.models import Role, RoleAssignment

    setup_test_environment()  # the test client's host name is allowed
    user = User.objects.create_user("hr-bench", password="x")
    RoleAssignment.objects.create(user=user, body=body, role=Role.HR)
    client = Client(headers={"accept-language": "ru"})
    client.force_login(user)
    return client


def _page(client: object, query: dict[str, str]) -> tuple[float, list[str]]:
    """The best of a few renders (the first warms the caches), and its SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    best = float("inf")
    for _ in range(TRIES):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(reverse("audit:list"), query)  # type: ignore[attr-defined]
            best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return best, [q["sql"] for q in queries.captured_queries]


def child() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    sys.path.insert(0, str(HERE))
    from results_table import add_row

    call_command("migrate", verbosity=0)
    body = _build()
    client = _client(body)
    code = body.code  # type: ignore[attr-defined]
    day, month = ("10.03.2024", "10.03.2024"), ("01.03.2024", "31.03.2024")
    cases = [
        ("audit page, first page", {"body": code}),
        ("audit page, one day", {"body": code, "from": day[0], "to": day[1]}),
        ("audit page, one month", {"body": code, "from": month[0], "to": month[1]}),
    ]
    for label, query in cases:
        elapsed, sqls = _page(client, query)
        print(f"   {label}: {elapsed * 1000:.0f} ms ({len(sqls)} queries)", flush=True)
        add_row(label, "postgresql", elapsed, None)
    plan = []
    with connection.cursor() as cursor:
        for sql in (s for s in sqls if "audit_auditrecord" in s):  # the count, then the page
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
            plan += [line for (line,) in cursor.fetchall()]
    print("   EXPLAIN ANALYZE of the month's count and page:")
    for line in plan:
        print(f"     {line}")
    assert any("audit_body_at" in line for line in plan), "the (body, at) index is not used"


def main() -> None:
    if not postgres_up():
        print("   PostgreSQL not reachable on 127.0.0.1:5432: skipped")
        return
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"drop database if exists {PG_DB}")
        conn.execute(f"create database {PG_DB}")
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{PG_DB}",
           "DEBUG": "0", "SECRET_KEY": "benchmark",
           "DJANGO_SETTINGS_MODULE": "bagalau.config.settings"}  # fmt: skip
    try:
        subprocess.run([sys.executable, __file__, "--child"], env=env, check=True)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"drop database if exists {PG_DB}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child()
    else:
        main()
