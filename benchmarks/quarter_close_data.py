"""The quarter-close benchmark's data, built in bulk (``quarter_close.py``; not timed).

Everyone of one synthetic body (``demo.synthetic``) gets a login and a place in an
open quarter: in every 100 people, 2 not evaluated, 3 heads evaluated by KPI on an
approved KPI sheet of three KPIs, 5 evaluated by ranking without participation and the
rest by ranking; ranking teams of ``team`` people on approved sheets, scores spread
over the whole scale.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from bagalau.core.bulk import insert_many
from bagalau.cycles.models import (
    EvaluationPeriod,
    KpiItem,
    KpiPlan,
    KpiSheet,
    KpiSheetLine,
    Participation,
    RankingEntry,
    RankingSheet,
    Schedule,
)
from bagalau.demo.synthetic import generate
from bagalau.orgs.models import Assignment, Employee, StateBody

CHUNK = 20000


def _kind(n: int) -> str:
    slot = n % 100
    if slot < 2:
        return "not_evaluated"
    if slot < 5:
        return "kpi"
    if slot < 10:
        return "without_participation"
    return "ranking"


def build(
    employees: int, *, team: int, pack_id: str, codes: tuple[str, ...]
) -> tuple[EvaluationPeriod, str]:
    generate(employees=employees, bodies=1, today=date(2024, 6, 1))
    body = StateBody.objects.get(code__startswith="synthetic-")
    _logins()
    period = EvaluationPeriod.objects.create(body=body, year=2024, quarter=1, pack_id=pack_id)
    Schedule.objects.create(period=period, state="approved")  # R-SCHEDULE: a close needs it
    hr, _ = User.objects.get_or_create(username="bench-hr")
    held = list(
        Assignment.objects.filter(position__body=body)
        .order_by("employee_id")
        .values_list("employee_id", "position_id")
    )
    evaluators = [employee_id for employee_id, _ in held[: len(held) // team + 1]]
    people = []
    for n, (employee_id, position_id) in enumerate(held):
        kind = _kind(n)
        status = {"not_evaluated": "not_evaluated", "without_participation": kind}.get(
            kind, "evaluated"
        )
        methods = [] if kind == "not_evaluated" else ["kpi" if kind == "kpi" else "ranking"]
        people.append(
            Participation(period=period, employee_id=employee_id, position_id=position_id,
                          evaluator_id=evaluators[n // team], status=status, methods=methods)
        )  # fmt: skip
    with transaction.atomic():
        _insert(people)
        sheets = _ranking(period, people, hr, codes)
        kpi = _kpi(period, body, people, hr)
    ranked = sum(1 for p in people if "ranking" in p.methods)
    return period, (
        f"{len(people):,} people: {ranked:,} ranked on {sheets:,} approved sheets, "
        f"{kpi:,} on approved KPI sheets, {len(people) - ranked - kpi:,} not evaluated"
    )


def _insert(objs: list[Any]) -> None:
    for start in range(0, len(objs), CHUNK):
        insert_many(objs[start : start + CHUNK])


def _logins() -> None:
    """A login per synthetic employee, linked in one statement."""
    ids = Employee.objects.order_by("pk").values_list("pk", flat=True)
    _insert(
        [User(username=f"bench-{pk}", password="!", is_active=True, date_joined=timezone.now())
         for pk in ids]
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE orgs_employee SET user_id = u.id FROM auth_user u "
            "WHERE u.username = 'bench-' || orgs_employee.id"
        )


def _ranking(
    period: EvaluationPeriod, people: list[Participation], hr: User, codes: tuple[str, ...]
) -> int:
    ranked = [p for p in people if "ranking" in p.methods]
    approved_at = timezone.make_aware(datetime(2024, 4, 3, 10, 0))
    sheets = {
        evaluator_id: RankingSheet(period=period, evaluator_id=evaluator_id, state="approved",
                                   approved_by=hr, approved_at=approved_at, version=3)
        for evaluator_id in dict.fromkeys(p.evaluator_id for p in ranked)
    }  # fmt: skip
    _insert(list(sheets.values()))
    entries = [
        RankingEntry(
            sheet_id=sheets[p.evaluator_id].pk,
            participation_id=p.pk,
            scores={code: (p.pk * (i + 3) + i) % 6 for i, code in enumerate(codes)},
        )
        for p in ranked
    ]
    _insert(entries)
    return len(sheets)


def _kpi(period: EvaluationPeriod, body: StateBody, people: list[Participation], hr: User) -> int:
    heads = [p for p in people if "kpi" in p.methods]
    plans = [
        KpiPlan(employee_id=p.employee_id, body=body, year=2024, quarter=1,
                evaluator_id=p.evaluator_id, state="placed")
        for p in heads
    ]  # fmt: skip
    _insert(plans)
    items = [
        KpiItem(plan=plan, order=k, name=f"KPI {k}", unit="%", planned_value=Decimal(100))
        for plan in plans
        for k in (1, 2, 3)
    ]
    _insert(items)
    approved_at = timezone.make_aware(datetime(2024, 4, 3, 11, 0))
    sheets = [
        KpiSheet(participation_id=p.pk, plan=plan, state="approved", approved_by=hr,
                 approved_at=approved_at)
        for p, plan in zip(heads, plans, strict=True)
    ]  # fmt: skip
    _insert(sheets)
    by_plan = {sheet.plan_id: sheet for sheet in sheets}
    _insert(
        [
            KpiSheetLine(sheet=by_plan[item.plan_id], item=item, actual_value=Decimal(90 + n % 20),
                         percent=Decimal(90 + n % 20), score=2 + n % 4)
            for n, item in enumerate(items)
        ]
    )  # fmt: skip
    return len(sheets)
