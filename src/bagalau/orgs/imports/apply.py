"""Writing a checked staff import plan in chunks that each commit, with their audit records.

``apply_plan_steps`` writes the plan kind by kind (departments; positions, bosses before
those who report to them; employees; assignments; absences; dismissals), ``chunk_size``
keys at a time. Each chunk is one transaction: it reads the current rows for its keys,
writes only what differs from the plan, and saves one audit record (actor, before,
after) per row it creates or changes, in the same transaction. A chunk that committed
is therefore never written twice: re-running after a failure finds its rows equal to the
plan, changes nothing there, records nothing, and goes on where the failure stopped.
Rows are read as values and built with ``core.bulk.new_objects``, written with
``insert_many`` / ``update_many`` (``COPY`` on PostgreSQL, prepared statements on SQLite).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import actor_fields, record_row, record_rows, snapshot
from bagalau.core import clock
from bagalau.core.bulk import insert_many, new_objects, update_many
from bagalau.orgs.imports.rules import Plan
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
CHUNK = 5000  # rows per transaction: fewer commits, each still a short one
NOTE = "staff import"
_POSITION = ("title_kk", "title_ru", "category", "is_head_of_apparatus", "is_head_of_unit")


class _Writer:
    """One run's context: who writes, for which body, and how much it wrote."""

    def __init__(self, body: StateBody, actor: Actor, plan: Plan) -> None:
        self.body, self.plan, self.who = body, plan, actor_fields(actor)
        self.counts: dict[str, int] = {}
        self.audit = 0
        # Ids by key, learnt as each kind is written (every run goes through every key,
        # so they are complete on a rerun too); what is not there yet is looked up.
        self.ids: dict[type[models.Model], dict[str, int]] = {}

    def ids_of(self, model: type[models.Model], keys: Iterable[str]) -> dict[str, int]:
        known = self.ids.setdefault(model, {})
        missing = set(keys) - known.keys()
        if missing and model is Employee:
            known.update(Employee.objects.filter(iin__in=missing).values_list("iin", "pk"))
        elif missing:
            found = model._default_manager.filter(body=self.body, code__in=missing)
            known.update(found.values_list("code", "pk"))
        return known

    def learn(self, model: type[models.Model], objs: Iterable[Any], key: str) -> None:
        self.ids.setdefault(model, {}).update((getattr(o, key), o.pk) for o in objs)

    def save(
        self, phase: str, new: Sequence[M], changed: Sequence[tuple[M, dict[str, Any]]]
    ) -> None:
        """Create ``new``; write ``changed`` (object, its snapshot before); audit both."""
        insert_many(new)
        self.finish(phase, new, changed)

    def finish(
        self, phase: str, new: Sequence[M], changed: Sequence[tuple[M, dict[str, Any]]]
    ) -> None:
        """Write ``changed`` (``new`` is already inserted) and the chunk's audit records."""
        if changed:
            fields = [f.attname for f in changed[0][0]._meta.concrete_fields][1:]
            update_many([obj for obj, _before in changed], fields)
        extra: dict[str, Any] = {"body_id": self.body.pk, "note": NOTE, "at": clock.now()}
        rows = [record_row(self.who, AuditAction.CREATE, o, None, snapshot(o), **extra)
                for o in new]  # fmt: skip
        rows += [record_row(self.who, AuditAction.UPDATE, o, before, snapshot(o), **extra)
                 for o, before in changed]  # fmt: skip
        self.audit += record_rows(rows)
        self.counts[phase] = self.counts.get(phase, 0) + len(new) + len(changed)


def _values(query: models.QuerySet[M]) -> list[M]:
    """The rows of ``query`` as lean model objects (every concrete field)."""
    names = [f.attname for f in query.model._meta.concrete_fields]
    return new_objects(query.model, query.order_by().values(*names))


def _update(obj: M, values: dict[str, Any]) -> dict[str, Any] | None:
    """Set ``values`` on ``obj``; its snapshot before when something changed, else None."""
    if all(getattr(obj, k) == v for k, v in values.items()):
        return None
    before = snapshot(obj)
    for key, value in values.items():
        setattr(obj, key, value)
    return before


def _diff(
    current: dict[Any, M],
    wanted: Iterable[tuple[Any, dict[str, Any]]],
    model: type[M],
    **fixed: Any,
) -> tuple[list[M], list[tuple[M, dict[str, Any]]]]:
    """New objects (``fixed`` values and the wanted ones) for keys not kept yet, and the
    kept ones that differ (with their snapshot before)."""
    fresh: list[dict[str, Any]] = []
    changed: list[tuple[M, dict[str, Any]]] = []
    for key, values in wanted:
        old = current.get(key)
        if old is None:
            fresh.append({**fixed, **values})
        elif (before := _update(old, values)) is not None:
            changed.append((old, before))
    return new_objects(model, fresh), changed


def apply_plan_steps(
    *,
    body: StateBody,
    plan: Plan,
    actor: Actor,
    chunk_size: int = CHUNK,
    before_chunk: Callable[[], None] = lambda: None,
) -> Generator[Progress, None, dict[str, int]]:
    """Write the plan, one transaction per chunk; yields ``(phase, done, total)`` after
    each commit. ``before_chunk`` runs first in each transaction (to lock the job)."""
    w = _Writer(body, actor, plan)
    stages: list[tuple[str, list[Any], Callable[[_Writer, list[Any]], None]]] = [
        ("departments", list(plan.departments), _departments),
        ("positions", _bosses_first(plan), _positions),
        ("employees", list(plan.employees), _employees),
        ("assignments", list(plan.assignments), _assignments),
        ("absences", list(plan.absences), _absences),
        ("dismissals", list(plan.dismissals), _dismissals),
    ]
    for phase, keys, write in stages:
        for start in range(0, len(keys), chunk_size):
            with transaction.atomic():
                before_chunk()
                write(w, keys[start : start + chunk_size])
            yield (phase, min(start + chunk_size, len(keys)), len(keys))
    return {**w.counts, "audit": w.audit}


def _departments(w: _Writer, codes: list[str]) -> None:
    kept = _values(Department.objects.filter(body=w.body, code__in=codes))
    current = {d.code: d for d in kept}
    wanted = ((c, {"code": c, **w.plan.departments[c]}) for c in codes)
    new, changed = _diff(current, wanted, Department, body_id=w.body.pk)
    w.save("departments", new, changed)
    w.learn(Department, [*kept, *new], "code")


def _bosses_first(plan: Plan) -> list[str]:
    """Position codes ordered so that a boss defined in the plan comes before its reports
    (the checks have refused cycles)."""
    level: dict[str, int] = {}
    for code in plan.positions:
        chain, seen = [code], {code}
        while (boss := plan.positions[chain[-1]]["reports_to_code"]) in plan.positions:
            if boss in level or boss in seen:
                break
            chain.append(boss)
            seen.add(boss)
        base = level.get(plan.positions[chain[-1]]["reports_to_code"], -1)
        for depth, link in enumerate(reversed(chain)):
            level.setdefault(link, base + 1 + depth)
    return sorted(plan.positions, key=lambda code: level[code])


def _positions(w: _Writer, codes: list[str]) -> None:
    plan = w.plan.positions
    current = {p.code: p for p in _values(Position.objects.filter(body=w.body, code__in=codes))}
    w.learn(Position, current.values(), "code")
    ids = w.ids_of(Position, {plan[c]["reports_to_code"] for c in codes} - {""})
    depts = w.ids_of(Department, {plan[c]["department_code"] for c in codes} - {""})
    new: list[Position] = []
    changed: list[tuple[Position, dict[str, Any]]] = []
    pending = 0  # new[pending:] are not saved yet
    for code in codes:
        want = plan[code]
        boss = want["reports_to_code"]
        if boss in plan and boss not in ids:  # the boss is new in this chunk: save it first
            insert_many(new[pending:])
            w.learn(Position, new[pending:], "code")
            pending = len(new)
        values = {"code": code, **{k: want[k] for k in _POSITION},
                  "department_id": depts.get(want["department_code"]),
                  "reports_to_id": ids.get(boss)}  # fmt: skip
        more_new, more_changed = _diff(current, [(code, values)], Position, body_id=w.body.pk)
        new += more_new
        changed += more_changed
    insert_many(new[pending:])
    w.learn(Position, new[pending:], "code")
    w.finish("positions", new, changed)


def _employees(w: _Writer, iins: list[str]) -> None:
    current = {e.iin: e for e in _values(Employee.objects.filter(iin__in=iins))}
    wanted = ((i, {"iin": i, **w.plan.employees[i]}) for i in iins)
    new, changed = _diff(current, wanted, Employee)
    w.save("employees", new, changed)
    w.learn(Employee, [*current.values(), *new], "iin")


def _assignments(w: _Writer, keys: list[tuple[Any, ...]]) -> None:
    emp = w.ids_of(Employee, {k[0] for k in keys})
    pos = w.ids_of(Position, {k[1] for k in keys})
    iin_of = {emp[k[0]]: k[0] for k in keys}
    code_of = {pos[k[1]]: k[1] for k in keys}
    kept = Assignment.objects.filter(employee_id__in=set(iin_of))
    current = {(iin_of[a.employee_id], code_of.get(a.position_id), a.start): a
               for a in _values(kept)}  # fmt: skip
    wanted = (((i, p, s), {"employee_id": emp[i], "position_id": pos[p], "start": s,
                           "kind": w.plan.assignments[(i, p, s)]["kind"],
                           "end": w.plan.assignments[(i, p, s)]["end"]})
              for i, p, s in keys)  # fmt: skip
    w.save("assignments", *_diff(current, wanted, Assignment))


def _absences(w: _Writer, keys: list[tuple[Any, ...]]) -> None:
    emp = w.ids_of(Employee, {k[0] for k in keys})
    iin_of = {emp[k[0]]: k[0] for k in keys}
    kept = _values(Absence.objects.filter(employee_id__in=set(iin_of)))
    current = {(iin_of[a.employee_id], a.kind, a.start): a for a in kept}
    wanted = (((i, k, s), {"employee_id": emp[i], "kind": k, "start": s,
                           "end": w.plan.absences[(i, k, s)]}) for i, k, s in keys)  # fmt: skip
    w.save("absences", *_diff(current, wanted, Absence))


def _dismissals(w: _Writer, keys: list[tuple[Any, ...]]) -> None:
    emp = w.ids_of(Employee, {k[0] for k in keys})
    iin_of = {emp[k[0]]: k[0] for k in keys}
    query = Dismissal.objects.filter(body=w.body, employee_id__in=set(iin_of))
    kept = _values(query)
    current = {(iin_of[d.employee_id], d.date): d for d in kept}
    wanted = (((i, d), {"employee_id": emp[i], "date": d, "basis": w.plan.dismissals[(i, d)]})
              for i, d in keys)  # fmt: skip
    w.save("dismissals", *_diff(current, wanted, Dismissal, body_id=w.body.pk))
