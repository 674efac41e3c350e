"""Writing a checked staff import plan: bulk creates and updates, and their audit records.

Called inside the transaction of ``importer.do_apply_staff_import`` only. Every object
created or changed gets one audit record (actor, before, after), saved in bulk. New rows
go in with ``core.bulk.insert_many``, a lean ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.audit.services import build_record, record_many, snapshot
from bagalau.core.bulk import insert_many
from bagalau.orgs.import_rules import Plan
from bagalau.orgs.import_state import Current
from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    Position,
    StateBody,
)

Actor = AbstractBaseUser | AnonymousUser | None
Progress = tuple[str, int, int]
M = TypeVar("M", bound=models.Model)
BATCH = 1000
NOTE = "staff import"
_EMPLOYEE = ("last_name_kk", "first_name_kk", "middle_name_kk", "last_name_ru",
             "first_name_ru", "middle_name_ru", "email", "phone")  # fmt: skip
_POSITION = ("title_kk", "title_ru", "category", "is_head_of_apparatus", "is_head_of_unit",
             "department_id")  # fmt: skip


class _Writer:
    def __init__(self, body: StateBody, actor: Actor, positions: dict[str, Position]) -> None:
        self.body, self.actor, self.positions = body, actor, positions
        self.records: list[AuditRecord] = []
        self.counts: dict[str, int] = {}

    def save(
        self,
        phase: str,
        model: type[M],
        new: Sequence[M],
        changed: Sequence[tuple[M, dict[str, Any]]],
        fields: Sequence[str],
    ) -> Generator[Progress, None, None]:
        """Create ``new``, update ``changed`` (object, its snapshot before), in batches."""
        total = len(new) + len(changed)
        for i in range(0, len(new), BATCH):
            insert_many(new[i : i + BATCH])
            yield (phase, min(i + BATCH, len(new)), total)
        objs = [obj for obj, _before in changed]
        for i in range(0, len(objs), BATCH):
            model._default_manager.bulk_update(objs[i : i + BATCH], fields, batch_size=BATCH)
            yield (phase, len(new) + min(i + BATCH, len(objs)), total)
        self.counts[phase] = total
        self.audit(new, changed)

    def audit(self, new: Sequence[M], changed: Sequence[tuple[M, dict[str, Any]]]) -> None:
        for obj in new:
            self.records.append(self._record(AuditAction.CREATE, obj, None, snapshot(obj)))
        for obj, before in changed:
            self.records.append(self._record(AuditAction.UPDATE, obj, before, snapshot(obj)))

    def _record(
        self, action: AuditAction, obj: M, before: dict[str, Any] | None, after: dict[str, Any]
    ) -> AuditRecord:
        return build_record(actor=self.actor, action=action, obj=obj, before=before,
                            after=after, body_id=self.body.pk, note=NOTE)  # fmt: skip


def _update(obj: M, values: dict[str, Any]) -> dict[str, Any] | None:
    """Set ``values`` on ``obj``; its snapshot before when something changed, else None."""
    if all(getattr(obj, k) == v for k, v in values.items()):
        return None
    before = snapshot(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    return before


def apply_plan_steps(
    *, body: StateBody, plan: Plan, cur: Current, actor: Actor
) -> Generator[Progress, None, dict[str, int]]:
    w = _Writer(body, actor, cur.positions)
    yield from _departments(w, plan, cur)
    yield from _positions(w, plan, cur)
    yield from _employees(w, plan, cur)
    yield from _assignments(w, plan, cur)
    yield from _absences(w, plan, cur)
    yield from _dismissals(w, plan, cur)
    for i in range(0, len(w.records), 10 * BATCH):
        record_many(w.records[i : i + 10 * BATCH])
        yield ("audit", min(i + 10 * BATCH, len(w.records)), len(w.records))
    return {**w.counts, "audit": len(w.records)}


def _departments(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Department] = []
    changed: list[tuple[Department, dict[str, Any]]] = []
    for code, values in plan.departments.items():
        if code in cur.departments:
            before = _update(cur.departments[code], values)
            if before is not None:
                changed.append((cur.departments[code], before))
        else:
            cur.departments[code] = Department(body=w.body, code=code, **values)
            new.append(cur.departments[code])
    yield from w.save("departments", Department, new, changed, ["name_kk", "name_ru"])


def _positions(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Position] = []
    changed: list[tuple[Position, dict[str, Any]]] = []
    for code, want in plan.positions.items():
        dept = cur.departments.get(want["department_code"])
        values = {k: want[k] for k in _POSITION[:-1]} | {"department_id": dept.pk if dept else None}
        if code in cur.positions:
            before = _update(cur.positions[code], values)
            if before is not None:
                changed.append((cur.positions[code], before))
        else:
            cur.positions[code] = Position(body=w.body, code=code, **values)
            new.append(cur.positions[code])
    # New positions are created level by level, bosses first, so that each one is
    # inserted with its reports-to link (the checks have refused cycles).
    yield from _create_by_level(w, new, plan)
    touched = {p.pk for p, _before in changed}
    for code, want in plan.positions.items():
        pos, boss = cur.positions[code], cur.positions.get(want["reports_to_code"])
        boss_id = boss.pk if boss else None
        if pos.reports_to_id != boss_id and pos.pk not in touched:
            changed.append((pos, snapshot(pos)))
            touched.add(pos.pk)
        pos.reports_to_id = boss_id
    yield from w.save("positions", Position, [], changed, [*_POSITION, "reports_to_id"])
    w.counts["positions"] += len(new)
    w.audit(new, [])


def _create_by_level(
    w: _Writer, new: list[Position], plan: Plan
) -> Generator[Progress, None, None]:
    pending = {p.code: p for p in new}
    boss_of = {code: plan.positions[code]["reports_to_code"] for code in pending}
    done = 0
    while pending:
        level = [p for code, p in pending.items() if boss_of[code] not in pending]
        for pos in level:
            boss = w.positions.get(boss_of[pos.code])
            pos.reports_to_id = boss.pk if boss else None
        for i in range(0, len(level), BATCH):
            insert_many(level[i : i + BATCH])
            yield ("positions", done + min(i + BATCH, len(level)), len(new))
        done += len(level)
        for pos in level:
            del pending[pos.code]


def _employees(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Employee] = []
    changed: list[tuple[Employee, dict[str, Any]]] = []
    for iin, values in plan.employees.items():
        if iin in cur.employees:
            before = _update(cur.employees[iin], values)
            if before is not None:
                changed.append((cur.employees[iin], before))
        else:
            cur.employees[iin] = Employee(iin=iin, **values)
            new.append(cur.employees[iin])
    yield from w.save("employees", Employee, new, changed, list(_EMPLOYEE))


def _assignments(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Assignment] = []
    changed: list[tuple[Assignment, dict[str, Any]]] = []
    for (iin, pos, start), want in plan.assignments.items():
        values = {"kind": want["kind"], "end": want["end"]}
        old = cur.assignments.get((iin, pos, start))
        if old is not None:
            before = _update(old, values)
            if before is not None:
                changed.append((old, before))
        else:
            employee, position = cur.employees[iin], cur.positions[pos]
            new.append(Assignment(employee=employee, position=position, start=start, **values))
    yield from w.save("assignments", Assignment, new, changed, ["kind", "end"])


def _absences(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Absence] = []
    changed: list[tuple[Absence, dict[str, Any]]] = []
    for (iin, kind, start), end in plan.absences.items():
        old = cur.absences.get((iin, kind, start))
        if old is not None:
            before = _update(old, {"end": end})
            if before is not None:
                changed.append((old, before))
        else:
            new.append(Absence(employee=cur.employees[iin], kind=kind, start=start, end=end))
    yield from w.save("absences", Absence, new, changed, ["end"])


def _dismissals(w: _Writer, plan: Plan, cur: Current) -> Generator[Progress, None, None]:
    new: list[Dismissal] = []
    changed: list[tuple[Dismissal, dict[str, Any]]] = []
    for (iin, day), basis in plan.dismissals.items():
        old = cur.dismissals.get((iin, day))
        if old is not None:
            before = _update(old, {"basis": basis})
            if before is not None:
                changed.append((old, before))
        else:
            new.append(Dismissal(employee=cur.employees[iin], body=w.body, date=day, basis=basis))
    yield from w.save("dismissals", Dismissal, new, changed, ["basis"])
