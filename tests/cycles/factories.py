"""A small Shakhtinsk-like body for cycle tests: head of apparatus, a unit, staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import count

from django.contrib.auth.models import User

from bagalau.domain.people import with_check_digit
from bagalau.orgs.models import Assignment, Department, Employee, Position, StateBody

_serial = count(1)


def make_iin() -> str:
    while True:
        iin = with_check_digit(f"8501014{next(_serial):04d}")
        if iin is not None:
            return iin


def employee(surname: str, *, user: bool = True) -> Employee:
    account = (
        User.objects.create_user(surname.lower(), password="pw-for-tests-only") if user else None
    )
    return Employee.objects.create(
        iin=make_iin(),
        last_name_kk=surname,
        first_name_kk="Айгерім",
        last_name_ru=surname,
        first_name_ru="Айгерим",
        user=account,
    )


@dataclass
class Body:
    body: StateBody
    unit: Department
    head_position: Position
    staff_positions: list[Position]
    head: Employee
    staff: list[Employee]


def shakhtinsk_body(staff: int = 3, start: date = date(2023, 1, 1)) -> Body:
    body = StateBody.objects.create(
        code="shakhtinsk-test",
        name_kk="Шахтинск қалалық мәслихатының аппараты",
        name_ru="Аппарат Шахтинского городского маслихата",
        kind="maslikhat_apparatus",
        methodology_code="shakhtinsk-maslikhat",
    )
    unit = Department.objects.create(
        body=body, code="org", name_kk="Ұйымдастыру бөлімі", name_ru="Орготдел"
    )
    head_position = Position.objects.create(
        body=body,
        code="head",
        title_kk="Аппарат басшысы",
        title_ru="Руководитель аппарата",
        category="E-2",
        is_head_of_apparatus=True,
    )
    head = employee("Серікбаев")
    Assignment.objects.create(employee=head, position=head_position, start=start)
    positions, people = [], []
    for n in range(staff):
        position = Position.objects.create(
            body=body,
            department=unit,
            code=f"spec-{n}",
            title_kk="Бас маман",
            title_ru="Главный специалист",
            category="E-4",
            reports_to=head_position,
        )
        person = employee(f"Маман{n}")
        Assignment.objects.create(employee=person, position=position, start=start)
        positions.append(position)
        people.append(person)
    return Body(body, unit, head_position, positions, head, people)
