"""Reads of the structure on a date: who holds a position, who manages whom.

The direct manager (тікелей басшы) of an employee on a date is whoever holds the
position their position reports to; the superior manager (жоғары тұрған басшы) is
the direct manager's direct manager (004 p2). Both are derived, never stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from bagalau.orgs.models import Assignment, AssignmentKind, Employee, Position


def active_on(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def assignments_on(day: date) -> QuerySet[Assignment]:
    return Assignment.objects.filter(active_on(day))


def holders_on(position_ids: Iterable[int], day: date) -> dict[int, list[Employee]]:
    """Holders of each position on ``day``: the main holder first, then acting ones."""
    rows = (
        assignments_on(day)
        .filter(position_id__in=list(position_ids))
        .select_related("employee")
        .order_by("position_id", "kind", "start")
    )
    holders: dict[int, list[Employee]] = defaultdict(list)
    for row in rows:
        holders[row.position_id].append(row.employee)
    return dict(holders)


def position_on(employee: Employee, day: date) -> Position | None:
    """The employee's main position on ``day`` (an acting one when there is no main)."""
    rows = assignments_on(day).filter(employee=employee).select_related("position").order_by("kind")
    main = [r for r in rows if r.kind == AssignmentKind.MAIN]
    chosen = main[0] if main else next(iter(rows), None)
    return chosen.position if chosen else None


@dataclass(frozen=True)
class Managers:
    direct: Employee | None
    superior: Employee | None
    direct_position: Position | None
    superior_position: Position | None


def managers_on(employee: Employee, day: date) -> Managers:
    position = position_on(employee, day)
    direct_position = position.reports_to if position else None
    superior_position = direct_position.reports_to if direct_position else None
    ids = [p.pk for p in (direct_position, superior_position) if p is not None]
    holders = holders_on(ids, day)

    def first(pos: Position | None) -> Employee | None:
        found = holders.get(pos.pk, []) if pos else []
        return found[0] if found else None

    return Managers(
        first(direct_position), first(superior_position), direct_position, superior_position
    )
