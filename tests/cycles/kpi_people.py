"""Bodies for the KPI tests: who drafts, agrees, approves and scores a KPI plan.

* Shakhtinsk-like: the maslikhat chair (the first head, reporting to no position) is
  the head of apparatus's evaluator and, as the first head, approves (001 p45 reading);
* Atyrau 2023: an akim above a department head above a specialist who was on sick
  leave in 2022 (chapter 6, count-based KPI); the akim is the superior manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.kpi.plan_services import KpiRow
from bagalau.cycles.models import EvaluationPeriod, Participation
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Absence, Assignment, Department, Employee, Position, StateBody
from tests.cycles.factories import employee, shakhtinsk_body


@dataclass
class KpiWorld:
    body: StateBody
    participation: Participation
    person: Employee
    evaluator: Employee
    approver: Employee
    colleague: Employee
    hr: User


def user(person: Employee) -> User:
    assert person.user is not None
    return person.user


def hr_of(body: StateBody, username: str = "hr-officer") -> User:
    account = User.objects.create_user(username, password="pw-for-tests-only")
    RoleAssignment.objects.create(user=account, body=body, role=Role.HR)
    return account


def shakhtinsk_head(quarter: str = "2024-Q1") -> KpiWorld:
    org = shakhtinsk_body(staff=2)
    chair_position = Position.objects.create(
        body=org.body,
        code="chair",
        title_kk="Мәслихат төрағасы",
        title_ru="Председатель маслихата",
        category="",
    )
    chair = employee("Төраға")
    Assignment.objects.create(employee=chair, position=chair_position, start=date(2023, 1, 1))
    org.head_position.reports_to = chair_position
    org.head_position.save()
    hr = hr_of(org.body)
    period = do_open_period(actor=hr, body=org.body, period=Period.parse(quarter))
    part = Participation.objects.get(period=period, employee=org.head)
    return KpiWorld(org.body, part, org.head, chair, chair, org.staff[0], hr)


def atyrau_specialist() -> KpiWorld:
    body = StateBody.objects.create(
        code="atyrau-test",
        name_kk="Атырау облысы әкімдігі",
        name_ru="Акимат Атырауской области",
        kind="akimat",
        methodology_code="atyrau-region-akimat",
    )
    unit = Department.objects.create(
        body=body, code="econ", name_kk="Экономика бөлімі", name_ru="Отдел экономики"
    )
    akim_pos = Position.objects.create(
        body=body, code="akim", title_kk="Әкім", title_ru="Аким", category=""
    )
    head_pos = Position.objects.create(
        body=body,
        department=unit,
        code="econ-head",
        title_kk="Бөлім басшысы",
        title_ru="Руководитель отдела",
        category="E-2",
        is_head_of_unit=True,
        reports_to=akim_pos,
    )
    spec_pos = Position.objects.create(
        body=body,
        department=unit,
        code="econ-spec",
        title_kk="Бас маман",
        title_ru="Главный специалист",
        category="E-4",
        reports_to=head_pos,
    )
    akim, head, spec, peer = (
        employee("Әкім"),
        employee("Басшы"),
        employee("Маман"),
        employee("Әріптес"),
    )
    start = date(2020, 1, 1)
    for person, position in ((akim, akim_pos), (head, head_pos), (spec, spec_pos)):
        Assignment.objects.create(employee=person, position=position, start=start)
    peer_pos = Position.objects.create(
        body=body,
        department=unit,
        code="econ-spec-2",
        title_kk="Маман",
        title_ru="Специалист",
        category="E-4",
        reports_to=head_pos,
    )
    Assignment.objects.create(employee=peer, position=peer_pos, start=start)
    Absence.objects.create(
        employee=spec, kind="sick_leave", start=date(2022, 3, 1), end=date(2022, 3, 20)
    )
    hr = hr_of(body)
    # Chapter 6 is a yearly evaluation in force 30.06-31.08.2023 (see the report in the
    # KPI tests): the period is set up as HR would record it, with the count-based method.
    period = EvaluationPeriod.objects.create(
        body=body, year=2023, quarter=0, pack_id="atyrau-2023-105", opened_by=hr
    )
    part = Participation.objects.create(
        period=period,
        employee=spec,
        position=spec_pos,
        evaluator=head,
        status="evaluated",
        methods=["count_kpi"],
    )
    return KpiWorld(body, part, spec, head, akim, peer, hr)


def rows(count: int, planned: str = "100") -> list[KpiRow]:
    return [
        KpiRow(
            name=f"KPI {n}",
            source="Development plan of the region, indicator 2.1",
            unit="%",
            planned_value=Decimal(planned),
            due=date(2024, 3, 31),
            key_result=f"Result {n}",
        )
        for n in range(1, count + 1)
    ]
