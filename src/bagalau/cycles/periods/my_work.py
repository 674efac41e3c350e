"""What a signed-in employee has to do or may read in the cycle, for the start page.

The evaluator's team pages of open periods, the KPI plans they draft or approve, and
their own results: a fixed number of queries, each link checked by
``bagalau.access`` in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bagalau.access import Action, UserLike, participation_ids_for
from bagalau.cycles.models import Participation, ParticipationStatus, PeriodStatus
from bagalau.domain.methodology import Method
from bagalau.orgs.models import Assignment, Employee
from bagalau.orgs.selectors import active_on

KPI_METHODS = (Method.KPI.value, Method.COUNT_KPI.value)
OWN_RESULTS_SHOWN = 8


@dataclass(frozen=True)
class Team:
    period_id: int
    period: str
    body: str


@dataclass(frozen=True)
class PersonLink:
    participation_id: int
    period: str
    name: str


@dataclass
class MyWork:
    employee_id: int | None = None
    teams: list[Team] = field(default_factory=list)
    kpi: list[PersonLink] = field(default_factory=list)
    results: list[PersonLink] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.teams or self.kpi or self.results)


def my_work(user: UserLike, lang: str, *, today: date) -> MyWork:
    employee = Employee.objects.filter(user_id=getattr(user, "pk", None) or 0).first()
    if employee is None or not user.is_authenticated:
        return MyWork()
    found = MyWork(employee.pk)
    evaluating = list(
        Participation.objects.filter(period__status=PeriodStatus.OPEN, evaluator=employee)
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("period__body", "employee")
        .order_by("-period__year", "-period__quarter", "employee__last_name_ru", "pk")
    )
    seen: set[int] = set()
    for row in evaluating:
        if Method.RANKING.value in row.methods and row.period_id not in seen:
            seen.add(row.period_id)
            found.teams.append(Team(row.period_id, row.period.code, row.period.body.name(lang)))
    found.kpi = _kpi_links(user, employee, evaluating, lang, today)
    own = (
        Participation.objects.filter(employee=employee)
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("period")
        .order_by("-period__year", "-period__quarter")[:OWN_RESULTS_SHOWN]
    )
    found.results = [PersonLink(p.pk, p.period.code, "") for p in own]
    return found


def _kpi_links(
    user: UserLike, employee: Employee, evaluating: list[Participation], lang: str, today: date
) -> list[PersonLink]:
    """KPI plans the employee drafts (as evaluator) or approves (as the evaluator's
    superior manager): candidates by the structure, then checked in bulk."""
    mine = Assignment.objects.filter(active_on(today), employee=employee).values("position_id")
    below = (
        Participation.objects.filter(period__status=PeriodStatus.OPEN)
        .filter(evaluator__assignments__position__reports_to__in=mine)
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("period__body", "employee")
        .distinct()
    )
    candidates = {p.pk: p for p in [*evaluating, *below] if set(KPI_METHODS) & set(p.methods)}
    rows = list(candidates.values())
    allowed = participation_ids_for(
        user, (Action.DRAFT_KPI_PLAN, Action.APPROVE_KPI_PLAN), rows, today=today
    )
    may = allowed[Action.DRAFT_KPI_PLAN] | allowed[Action.APPROVE_KPI_PLAN]
    return [
        PersonLink(p.pk, p.period.code, p.employee.full_name(lang))
        for p in sorted(rows, key=lambda p: (-p.period.year, -p.period.quarter, p.pk))
        if p.pk in may
    ]
