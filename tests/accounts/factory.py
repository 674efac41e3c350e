"""A small world for permission tests: two bodies, a reporting line, users per role.

Body A, department "finance": the specialist (the evaluated person) reports to the chief
specialist (direct manager), who reports to the deputy in the apparatus (superior
manager); the head of the finance department is a third person; a colleague sits in
the same department. Body B has one employee. Everyone's assignment is open from 2020.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.orgs.models import Assignment, Department, Employee, Position, StateBody

PASSWORD = "correct-horse-battery-staple"
SINCE = date(2020, 1, 1)
_iin = itertools.count(100000000000)


@dataclass
class World:
    body_a: StateBody
    body_b: StateBody
    employee: Employee  # the evaluated person in body A
    colleague: Employee
    direct_manager: Employee
    superior_manager: Employee
    department_head: Employee
    other_body_employee: Employee
    users: dict[str, User]


def _body(code: str) -> StateBody:
    return StateBody.objects.create(code=code, name_kk=code, name_ru=code, kind="akimat")


def _position(
    body: StateBody, dept: Department, code: str, reports_to: Position | None = None, **flags: bool
) -> Position:
    return Position.objects.create(
        body=body, department=dept, code=code, title_kk=code, title_ru=code,
        category="E-4", reports_to=reports_to, **flags,
    )  # fmt: skip


def _employee(name: str, position: Position) -> Employee:
    user = User.objects.create_user(name, f"{name}@example.kz", PASSWORD)
    employee = Employee.objects.create(
        iin=str(next(_iin)), last_name_kk=name, first_name_kk=name,
        last_name_ru=name, first_name_ru=name, user=user,
    )  # fmt: skip
    Assignment.objects.create(employee=employee, position=position, start=SINCE)
    return employee


def _role_user(name: str, body: StateBody, role: Role) -> User:
    user = User.objects.create_user(name, f"{name}@example.kz", PASSWORD)
    RoleAssignment.objects.create(user=user, body=body, role=role)
    return user


def build_world() -> World:
    a, b = _body("aktau"), _body("kentau")
    apparatus = Department.objects.create(body=a, code="app", name_kk="app", name_ru="app")
    finance = Department.objects.create(body=a, code="fin", name_kk="fin", name_ru="fin")
    deputy = _position(a, apparatus, "deputy")
    head = _position(a, finance, "head", deputy, is_head_of_unit=True)
    chief = _position(a, finance, "chief", deputy)
    specialist = _position(a, finance, "specialist", chief)
    other = _position(a, finance, "other", chief)
    b_dept = Department.objects.create(body=b, code="d", name_kk="d", name_ru="d")
    people = {
        "employee": _employee("employee", specialist),
        "colleague": _employee("colleague", other),
        "direct_manager": _employee("direct", chief),
        "superior_manager": _employee("superior", deputy),
        "department_head": _employee("dephead", head),
        "other_body_employee": _employee("bemployee", _position(b, b_dept, "p")),
    }
    users = {key: e.user for key, e in people.items() if e.user is not None}
    users["hr"] = _role_user("hr", a, Role.HR)
    users["hr_other"] = _role_user("hr_other", b, Role.HR)
    users["auditor"] = _role_user("auditor", a, Role.AUDITOR)
    users["appointing"] = _role_user("appointing", a, Role.APPOINTING_OFFICIAL)
    users["commission"] = _role_user("commission", a, Role.COMMISSION_MEMBER)
    users["superuser"] = User.objects.create_superuser("root", "root@example.kz", PASSWORD)
    return World(body_a=a, body_b=b, users=users, **people)
