"""What a signed-in employee has to do or may read in the cycle, for the start page.

The evaluator's team pages of open periods that have started, the KPI plans they
draft or approve, and their own results with score, band and state: a fixed number
of queries, each link checked by ``bagalau.access`` in bulk. Scores are read as the
cycle wrote them, never computed again here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from bagalau.access import Action, UserLike, participation_ids_for
from bagalau.core.labels import code_label
from bagalau.cycles.models import (
    Participation,
    ParticipationStatus,
    PeriodStatus,
    Result,
    SheetState,
)
from bagalau.cycles.periods.selectors import started_by
from bagalau.cycles.results.selectors import band_names
from bagalau.domain.errors import DomainError
from bagalau.domain.methodology import Method
from bagalau.orgs.models import Assignment, Employee
from bagalau.orgs.selectors import active_on
from bagalau.packs import registry

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


@dataclass(frozen=True)
class OwnScore:
    """One of the person's own results: method, score, band and state, as written."""

    method: str
    score: str
    band: str
    state: str


@dataclass(frozen=True)
class OwnResult:
    participation_id: int
    period: str
    body: str
    scores: tuple[OwnScore, ...]


@dataclass
class MyWork:
    employee_id: int | None = None
    teams: list[Team] = field(default_factory=list)
    kpi: list[PersonLink] = field(default_factory=list)
    results: list[OwnResult] = field(default_factory=list)

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
        .filter(started_by(today, "period__"))
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
    found.results = _own_results(employee, lang, today)
    return found


def _own_results(employee: Employee, lang: str, today: date) -> list[OwnResult]:
    """The person's latest started periods, each with its results (two queries). Only
    their own: results are confidential (R-CONFIDENTIAL, 004 p15)."""
    own = list(
        Participation.objects.filter(employee=employee)
        .filter(started_by(today, "period__"))
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("period__body")
        .order_by("-period__year", "-period__quarter")[:OWN_RESULTS_SHOWN]
    )
    rows = (
        Result.objects.filter(participation__in=[p.pk for p in own])
        .select_related("familiarization")
        .order_by("method")
    )
    by_part: dict[int, list[Result]] = {}
    for row in rows:
        by_part.setdefault(row.participation_id, []).append(row)
    return [
        OwnResult(
            p.pk,
            p.period.code,
            p.period.body.name(lang),
            tuple(_own_score(r, p.period.pack_id, lang) for r in by_part.get(p.pk, [])),
        )
        for p in own
    ]


def _own_score(result: Result, pack_id: str, lang: str) -> OwnScore:
    try:
        band = band_names(registry().pack(pack_id), result.band, result.method).get(lang, "")
    except DomainError:
        band = ""
    familiarized = hasattr(result, "familiarization")
    state = _("familiarized") if familiarized else SheetState(result.state).label
    return OwnScore(
        code_label(result.method),
        "" if result.score is None else str(result.score),
        band or result.band,
        str(state),
    )


def _kpi_links(
    user: UserLike, employee: Employee, evaluating: list[Participation], lang: str, today: date
) -> list[PersonLink]:
    """KPI plans the employee drafts (as evaluator) or approves (as the evaluator's
    superior manager): candidates by the structure, then checked in bulk."""
    mine = Assignment.objects.filter(active_on(today), employee=employee).values("position_id")
    below = (
        Participation.objects.filter(period__status=PeriodStatus.OPEN)
        .filter(started_by(today, "period__"))
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
