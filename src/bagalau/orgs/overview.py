"""Reads for the organization pages: the structure tree, the staff list, an employee's file.

Each function runs a fixed number of queries however many employees a body has (the
pages' query counts are pinned in tests); trees are assembled in Python from flat rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from bagalau.orgs.models import (
    Absence,
    Assignment,
    AssignmentKind,
    Department,
    Dismissal,
    Employee,
    Position,
    StateBody,
)
from bagalau.orgs.selectors import active_on


@dataclass(frozen=True)
class Holder:
    employee_id: int
    name: str
    kind: str
    start: date
    end: date | None

    @property
    def acting(self) -> bool:
        return self.kind == AssignmentKind.ACTING

    @property
    def combined(self) -> bool:
        return self.kind == AssignmentKind.COMBINED


@dataclass
class PositionRow:
    position_id: int
    code: str
    title: str
    category: str
    is_head_of_apparatus: bool
    is_head_of_unit: bool
    reports_to: str
    holders: list[Holder] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        """No main holder: nobody, or only someone acting or combining the duties."""
        return not any(h.kind == AssignmentKind.MAIN for h in self.holders)


@dataclass
class DepartmentNode:
    department_id: int | None
    name: str
    positions: list[PositionRow] = field(default_factory=list)
    children: list[DepartmentNode] = field(default_factory=list)


@dataclass(frozen=True)
class StructureSummary:
    root: DepartmentNode
    positions: int
    vacant: int
    holders: int


def _position_row(position: Position, lang: str, titles: dict[int, str]) -> PositionRow:
    return PositionRow(
        position_id=position.pk,
        code=position.code,
        title=position.title(lang),
        category=position.category,
        is_head_of_apparatus=position.is_head_of_apparatus,
        is_head_of_unit=position.is_head_of_unit,
        reports_to=titles.get(position.reports_to_id or 0, ""),
    )


def _holders_by_position(body: StateBody, day: date, lang: str) -> dict[int, list[Holder]]:
    rows = (
        Assignment.objects.filter(active_on(day), position__body=body)
        .select_related("employee")
        .order_by("position_id", "kind", "start")
    )
    found: dict[int, list[Holder]] = defaultdict(list)
    for row in rows:
        found[row.position_id].append(
            Holder(row.employee_id, row.employee.full_name(lang), row.kind, row.start, row.end)
        )
    return found


def structure_on(body: StateBody, day: date, lang: str) -> StructureSummary:
    """The body's departments (nested), positions and their holders on ``day``: 3 queries.

    Positions without a department hang at the root (the head of apparatus usually).
    """
    departments = list(Department.objects.filter(body=body).order_by("name_ru", "pk"))
    positions = list(
        Position.objects.filter(body=body).order_by(
            "-is_head_of_apparatus", "-is_head_of_unit", "category", "code"
        )
    )
    holders = _holders_by_position(body, day, lang)
    titles = {p.pk: p.title(lang) for p in positions}
    root = DepartmentNode(None, body.name(lang))
    nodes = {d.pk: DepartmentNode(d.pk, d.name(lang)) for d in departments}
    for dept in departments:
        parent = nodes.get(dept.parent_id) if dept.parent_id else None
        (parent or root).children.append(nodes[dept.pk])
    vacant = 0
    for position in positions:
        row = _position_row(position, lang, titles)
        row.holders = holders.get(position.pk, [])
        vacant += row.vacant
        node = nodes.get(position.department_id) if position.department_id else None
        (node or root).positions.append(row)
    held = sum(len(h) for h in holders.values())
    return StructureSummary(root, len(positions), vacant, held)


def staff_on(
    body: StateBody, day: date, *, query: str = "", by_iin: bool = False
) -> QuerySet[Assignment]:
    """Assignments active in ``body`` on ``day`` (one row per person and position).

    ``query`` matches a surname, name or department in either language; when ``by_iin`` is allowed
    (HR) a query of digits matches the start of an IIN.
    """
    rows = Assignment.objects.filter(active_on(day), position__body=body).select_related(
        "employee", "position", "position__department"
    )
    text = query.strip()
    if text:
        condition = Q()
        for word in text.split():
            condition &= (
                Q(employee__last_name_kk__icontains=word)
                | Q(employee__first_name_kk__icontains=word)
                | Q(employee__last_name_ru__icontains=word)
                | Q(employee__first_name_ru__icontains=word)
                | Q(position__department__name_kk__icontains=word)
                | Q(position__department__name_ru__icontains=word)
            )
        if by_iin and text.isdigit():
            condition = condition | Q(employee__iin__startswith=text)
        rows = rows.filter(condition)
    return rows.order_by("employee__last_name_ru", "employee__first_name_ru", "pk")


@dataclass(frozen=True)
class EmployeeFile:
    assignments: list[Assignment]
    absences: list[Absence]
    dismissals: list[Dismissal]
    body_ids: frozenset[int]


def employee_file(employee: Employee) -> EmployeeFile:
    """The employee's whole history (assignments with positions and bodies): 3 queries."""
    assignments = list(
        employee.assignments.select_related(
            "position", "position__body", "position__department"
        ).order_by("-start", "-pk")
    )
    absences = list(employee.absences.order_by("-start", "-pk"))
    dismissals = list(employee.dismissals.select_related("body").order_by("-date", "-pk"))
    body_ids = frozenset(a.position.body_id for a in assignments)
    return EmployeeFile(assignments, absences, dismissals, body_ids)
