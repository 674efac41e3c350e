"""Writing the demo plan so that running it again gives the same rows (idempotent).

Bodies, departments, positions and people are matched by their codes and IINs and
updated in place; the history of the demo bodies (assignments, absences, dismissals)
is made equal to the plan: missing rows are created, rows not in the plan removed.
"""

from __future__ import annotations

from dataclasses import asdict

from bagalau.demo.seed import BodyPlan
from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    Position,
    StateBody,
)


def sync_body(plan: BodyPlan, parent: StateBody | None) -> StateBody:
    spec = plan.spec
    body, _ = StateBody.objects.update_or_create(
        code=spec.code,
        defaults={
            "name_kk": spec.name_kk,
            "name_ru": spec.name_ru,
            "kind": spec.kind,
            "region_kk": spec.region_kk,
            "region_ru": spec.region_ru,
            "parent": parent,
            "methodology_code": spec.methodology_code,
            "methodology_from": None,
        },
    )
    departments: dict[str, Department] = {}
    for code, kk, ru, parent_code in plan.departments:
        departments[code], _ = Department.objects.update_or_create(
            body=body,
            code=code,
            defaults={"name_kk": kk, "name_ru": ru, "parent": departments.get(parent_code)},
        )
    positions: dict[str, Position] = {}
    for p in plan.positions:
        positions[p.code], _ = Position.objects.update_or_create(
            body=body,
            code=p.code,
            defaults={
                "department": departments.get(p.department),
                "title_kk": p.title[0],
                "title_ru": p.title[1],
                "category": p.category,
                "is_head_of_apparatus": p.head_of_apparatus,
                "is_head_of_unit": p.head_of_unit,
                "reports_to": positions.get(p.reports_to),
            },
        )
    people = [
        Employee.objects.update_or_create(iin=person.iin, defaults=asdict(person))[0]
        for person in plan.people
    ]
    _sync_history(plan, body, people, positions)
    return body


def _sync_history(
    plan: BodyPlan, body: StateBody, people: list[Employee], positions: dict[str, Position]
) -> None:
    wanted_assignments = {
        (people[a.person].pk, positions[a.position].pk, a.kind.value, a.start): a.end
        for a in plan.assignments
    }
    for row in Assignment.objects.filter(position__body=body):
        key = (row.employee_id, row.position_id, row.kind, row.start)
        if key not in wanted_assignments:
            row.delete()
            continue
        end = wanted_assignments.pop(key)
        if row.end != end:
            row.end = end
            row.save(update_fields=["end"])
    Assignment.objects.bulk_create(
        Assignment(employee_id=e, position_id=p, kind=k, start=s, end=end)
        for (e, p, k, s), end in wanted_assignments.items()
    )
    ids = [p.pk for p in people]
    wanted_absences = {(people[i].pk, k.value, s, e) for i, k, s, e in plan.absences}
    for absence in Absence.objects.filter(employee_id__in=ids):
        found = (absence.employee_id, absence.kind, absence.start, absence.end)
        if found in wanted_absences:
            wanted_absences.discard(found)
        else:
            absence.delete()
    Absence.objects.bulk_create(
        Absence(employee_id=e, kind=k, start=s, end=end) for e, k, s, end in wanted_absences
    )
    wanted_dismissals = {(people[i].pk, day): basis for i, day, basis in plan.dismissals}
    for dismissal in Dismissal.objects.filter(body=body):
        if wanted_dismissals.pop((dismissal.employee_id, dismissal.date), None) is None:
            dismissal.delete()
    Dismissal.objects.bulk_create(
        Dismissal(employee_id=e, body=body, date=day, basis=basis)
        for (e, day), basis in wanted_dismissals.items()
    )
