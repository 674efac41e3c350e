"""A large synthetic dataset for benchmarks: N employees spread over B bodies, set-based.

Every table is written with ``bulk_create`` in batches, never one query per employee.
Synthetic bodies have codes ``synthetic-00001``...; ``delete_synthetic`` removes them and
their people first, so running the generator again replaces the dataset.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import transaction

from bagalau.demo.people import make_person
from bagalau.orgs.models import (
    Absence,
    AbsenceKind,
    Assignment,
    BodyKind,
    Department,
    Employee,
    Position,
    StateBody,
)

PREFIX = "synthetic-"
EMAIL_DOMAIN = "@synthetic.invalid"
BATCH = 5000
SERIAL_BASE = 1000  # the demo's IIN serials stay below this
UNITS_PER_BODY = 3
_METHODOLOGIES = (
    "shakhtinsk-maslikhat",
    "atyrau-region-akimat",
    "aktau-city-executive-bodies",
    "",
)


@dataclass(frozen=True)
class SyntheticCounts:
    bodies: int
    departments: int
    positions: int
    employees: int
    assignments: int
    absences: int


def delete_synthetic() -> None:
    """Remove a previous synthetic dataset (children first; no per-row queries)."""
    bodies = StateBody.objects.filter(code__startswith=PREFIX)
    people = Employee.objects.filter(email__endswith=EMAIL_DOMAIN)
    Absence.objects.filter(employee__in=people).delete()
    Assignment.objects.filter(position__body__in=bodies).delete()
    Position.objects.filter(body__in=bodies).update(reports_to=None)
    Position.objects.filter(body__in=bodies).delete()
    Department.objects.filter(body__in=bodies).update(parent=None)
    Department.objects.filter(body__in=bodies).delete()
    people.delete()
    bodies.delete()


def _bodies(count: int) -> list[StateBody]:
    rows = [
        StateBody(
            code=f"{PREFIX}{n:05d}",
            name_kk=f"Синтетикалық мемлекеттік орган № {n}",
            name_ru=f"Синтетический государственный орган № {n}",
            kind=BodyKind.LOCAL_EXECUTIVE_BODY,
            methodology_code=_METHODOLOGIES[n % len(_METHODOLOGIES)],
        )
        for n in range(1, count + 1)
    ]
    StateBody.objects.bulk_create(rows, batch_size=BATCH)
    return list(StateBody.objects.filter(code__startswith=PREFIX).order_by("code"))


def _structure(bodies: list[StateBody]) -> tuple[list[Position], list[list[Position]]]:
    """One head per body, UNITS_PER_BODY units with a head each; returns heads and unit heads."""
    departments = [
        Department(body=b, code=f"unit-{u}", name_kk=f"{u}-бөлім", name_ru=f"Отдел {u}")
        for b in bodies
        for u in range(1, UNITS_PER_BODY + 1)
    ]
    Department.objects.bulk_create(departments, batch_size=BATCH)
    heads = [
        Position(
            body=b,
            code="head",
            title_kk="Аппарат басшысы",
            title_ru="Руководитель аппарата",
            category="E-2",
            is_head_of_apparatus=True,
        )
        for b in bodies
    ]
    Position.objects.bulk_create(heads, batch_size=BATCH)
    unit_heads = [
        Position(
            body=b,
            department=d,
            code=f"{d.code}-head",
            title_kk="Бөлім басшысы",
            title_ru="Руководитель отдела",
            category="E-3",
            is_head_of_unit=True,
            reports_to=head,
        )
        for b, head, i in zip(bodies, heads, range(len(bodies)), strict=True)
        for d in departments[i * UNITS_PER_BODY : (i + 1) * UNITS_PER_BODY]
    ]
    Position.objects.bulk_create(unit_heads, batch_size=BATCH)
    per_body = [
        unit_heads[i * UNITS_PER_BODY : (i + 1) * UNITS_PER_BODY] for i in range(len(bodies))
    ]
    return heads, per_body


def generate(*, employees: int, bodies: int, today: date) -> SyntheticCounts:
    """Build the dataset: ``employees`` people, each in one position of one of ``bodies``."""
    bodies = max(1, min(bodies, employees))
    with transaction.atomic():
        delete_synthetic()
        body_rows = _bodies(bodies)
        heads, unit_heads = _structure(body_rows)
    staff: list[Position] = []
    for n in range(employees - bodies * (1 + UNITS_PER_BODY)):
        b = n % bodies
        boss = unit_heads[b][n // bodies % UNITS_PER_BODY]
        staff.append(
            Position(
                body=body_rows[b],
                department_id=boss.department_id,
                code=f"staff-{n // bodies + 1}",
                title_kk="Бас маман",
                title_ru="Главный специалист",
                category="E-4" if n % 2 else "E-5",
                reports_to=boss,
            )
        )
    with transaction.atomic():
        Position.objects.bulk_create(staff, batch_size=BATCH)
    positions = heads + [p for units in unit_heads for p in units] + staff
    held = positions[:employees]
    absences = 0
    for start in range(0, len(held), BATCH):
        absences += _people_batch(start, held[start : start + BATCH], today)
    return SyntheticCounts(
        bodies, bodies * UNITS_PER_BODY, len(positions), len(held), len(held), absences
    )


def _people_batch(start: int, positions: list[Position], today: date) -> int:
    """Employees, their assignments and some absences for one batch of positions."""
    people = []
    for n in range(start, start + len(positions)):
        person = make_person(n, serial_base=SERIAL_BASE)
        people.append(Employee(**asdict(person), email=f"e{n}{EMAIL_DOMAIN}"))
    with transaction.atomic():
        Employee.objects.bulk_create(people, batch_size=BATCH)
        Assignment.objects.bulk_create(
            (
                Assignment(employee=e, position=p, start=date(2015 + i % 10, 1 + i % 12, 1))
                for i, (e, p) in enumerate(zip(people, positions, strict=True), start=start)
            ),
            batch_size=BATCH,
        )
        leave = [
            Absence(
                employee=e,
                kind=AbsenceKind.LABOUR_LEAVE,
                start=today - timedelta(days=30 + i % 200),
                end=today - timedelta(days=10 + i % 200),
            )
            for i, e in enumerate(people, start=start)
            if i % 5 == 0
        ]
        Absence.objects.bulk_create(leave, batch_size=BATCH)
    return len(leave)
