"""The load benchmark's data (``bench_load_quarter.py``; not timed): the demo, then
synthetic bodies under Shakhtinsk's methodology, each with its previous quarter scored,
approved and closed through the same services as the pages (so every employee has a
result to read) and the current quarter open with nothing scored yet.

Logins, all with one password: each ranking evaluator of the open quarter, employees
with a result, and an HR officer per body. ``build`` returns who may log in and the
pages each works on, for the locust users (``load_quarter_users.py``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
    Result,
)
from bagalau.cycles.periods.services import do_open_period
from bagalau.demo.cycle import SYSTEM, evaluate_all, quarter_of
from bagalau.demo.synthetic import PREFIX, generate
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Employee, StateBody

METHODOLOGY = "shakhtinsk-maslikhat"
ONE_DAY = timedelta(days=1)


def previous_quarter(period: Period) -> Period:
    if period.quarter == 1:
        return Period(period.year - 1, 4)
    return Period(period.year, period.quarter - 1)


def close_quarter(body: StateBody, period: Period) -> None:
    """The demo's past quarter (``demo.cycle.run_quarter``): opened the day after it
    ended, its schedule approved, everyone scored and approved, closed. The head of
    apparatus has nobody above them in the synthetic structure: not evaluated here."""
    opened = do_open_period(actor=SYSTEM, body=body, period=period, today=period.end + ONE_DAY)
    Participation.objects.filter(period=opened, evaluator__isnull=True).update(
        status=ParticipationStatus.NOT_EVALUATED, methods=[]
    )
    evaluate_all(opened, period)
    do_close_period(
        actor=SYSTEM, period_id=opened.pk, version=opened.version,
        today=period.day_of_month_after(10),
    )  # fmt: skip


def build(*, employees: int, bodies: int, password: str) -> dict[str, Any]:
    today = clock.today()
    current = quarter_of(today)
    generate(employees=employees, bodies=bodies, today=today)
    synthetic = list(StateBody.objects.filter(code__startswith=PREFIX).order_by("code"))
    StateBody.objects.filter(pk__in=[b.pk for b in synthetic]).update(
        methodology_code=METHODOLOGY, methodology_from=None
    )
    opened = []
    for body in synthetic:
        body.refresh_from_db()
        close_quarter(body, previous_quarter(current))
        opened.append(do_open_period(actor=SYSTEM, body=body, period=current, today=today))
    hashed = make_password(password)  # one hash for everyone: a login checks it as usual
    return {
        "evaluators": _evaluators(opened, hashed),
        "employees": _employees(opened, hashed),
        "hr": _hr(synthetic, opened, hashed),
    }


def _login(employee_ids: list[int], hashed: str) -> dict[int, str]:
    """A login ``load-<employee id>`` for each employee, linked to them."""
    names = {pk: f"load-{pk}" for pk in employee_ids}
    with transaction.atomic():
        User.objects.bulk_create(
            [User(username=name, password=hashed) for name in names.values()], batch_size=2000
        )
        users = dict(User.objects.filter(username__in=names.values()).values_list("username", "pk"))
        for pk, name in names.items():  # only the few hundred people who log in
            Employee.objects.filter(pk=pk).update(user_id=users[name])
    return names


def _evaluators(opened: list[EvaluationPeriod], hashed: str) -> list[dict[str, str]]:
    ranked = Participation.objects.filter(period__in=opened, evaluator__isnull=False)
    pairs = sorted(
        {(p.period_id, p.evaluator_id) for p in ranked.only("period_id", "evaluator_id", "methods")
         if "ranking" in p.methods}
    )  # fmt: skip
    names = _login(sorted({e for _p, e in pairs}), hashed)
    team = "cycles:ranking_team"
    return [
        {"username": names[evaluator], "team": reverse(team, args=[period, evaluator])}
        for period, evaluator in pairs
    ]


def _employees(opened: list[EvaluationPeriod], hashed: str) -> list[dict[str, str]]:
    """People with a result of the closed quarter and no login yet (not evaluators)."""
    closed = Result.objects.filter(
        participation__period__status="closed",
        participation__period__body__code__startswith=PREFIX,
        participation__employee__user__isnull=True,
        score__isnull=False,
    ).values_list("participation_id", "participation__employee_id")
    rows = list(closed.order_by("participation_id")[:200])
    names = _login([employee for _p, employee in rows], hashed)
    return [
        {"username": names[employee], "result": reverse("cycles:result", args=[participation])}
        for participation, employee in rows
    ]


def _hr(
    bodies: list[StateBody], opened: list[EvaluationPeriod], hashed: str
) -> list[dict[str, str]]:
    period_of = {p.body_id: p for p in opened}
    rows = []
    for n, body in enumerate(bodies, start=1):
        user = User.objects.create(username=f"load-hr-{n}", password=hashed)
        RoleAssignment.objects.create(user=user, body=body, role=Role.HR)
        code = period_of[body.pk]
        rows.append({
            "username": user.username,
            "dashboard": reverse("notify:dashboard", args=[body.code, _code(code)]),
        })  # fmt: skip
    return rows


def _code(period: EvaluationPeriod) -> str:
    return Period(period.year, period.quarter).code
