"""A Shakhtinsk-like body in 2024-Q1 for the reminder and dashboard tests.

The maslikhat chair (the first head) evaluates the head of apparatus by KPI and, as
the first head, approves his plan; the head of apparatus ranks his staff (R-RANK);
HR and an appointing official hold their roles in the body. Everyone has an e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.models import EvaluationPeriod, Participation
from bagalau.orgs.models import Employee, StateBody
from tests.cycles.kpi_people import shakhtinsk_head


@dataclass
class Cycle:
    body: StateBody
    period: EvaluationPeriod
    chair: Employee
    head: Employee
    staff: list[Employee]
    hr: User
    official: User

    def part(self, person: Employee) -> Participation:
        return Participation.objects.get(period=self.period, employee=person)

    def user(self, person: Employee) -> User:
        assert person.user is not None
        return person.user


def cycle() -> Cycle:
    world = shakhtinsk_head()
    period = world.participation.period
    official = User.objects.create_user("akim", "akim@example.kz", "pw-for-tests-only")
    RoleAssignment.objects.create(user=official, body=world.body, role=Role.APPOINTING_OFFICIAL)
    staff = [
        p.employee
        for p in Participation.objects.filter(period=period, evaluator=world.person)
        .select_related("employee")
        .order_by("pk")
    ]
    people = [world.evaluator, world.person, *staff]
    for person in people:
        assert person.user is not None
        person.user.email = f"{person.user.username}@example.kz"
        person.user.save()
    world.hr.email = "hr@example.kz"
    world.hr.save()
    return Cycle(world.body, period, world.evaluator, world.person, staff, world.hr, official)
