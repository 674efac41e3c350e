"""Reads for reminders and the HR dashboard: where every evaluation of open periods
stands, decided by ``bagalau.domain.progress``, in a fixed number of queries whatever
the number of people (R-SCALE: never one query per employee)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.cycles.models import (
    EvaluationPeriod,
    KpiPlan,
    KpiSheet,
    Participation,
    ParticipationStatus,
    PlanKind,
    PlanState,
    RankingSheet,
    Result,
)
from bagalau.domain.calendar import Period, WorkCalendar
from bagalau.domain.deadlines import Deadline, cycle_deadlines
from bagalau.domain.methodology import Method
from bagalau.domain.plan_period import plan_period
from bagalau.domain.progress import Progress, ProgressFacts, least_advanced, progress
from bagalau.notify.models import Notification
from bagalau.orgs.models import Assignment, AssignmentKind, Employee
from bagalau.orgs.selectors import active_on
from bagalau.packs import registry


@dataclass(frozen=True)
class ProgressRow:
    """One person's evaluation in a period and the step owed on it."""

    participation: Participation
    progress: Progress
    ranking_sheet_id: int | None


def progress_rows(
    periods: Sequence[EvaluationPeriod],
    *,
    today: date,
    soon: int,
    lang: str = "ru",
    only: Q | None = None,
) -> list[ProgressRow]:
    """Everyone evaluated in ``periods`` (people "not evaluated" owe nothing), by name;
    ``only`` narrows the participations (one person's worklist, one hand-over).

    Seven queries plus the calendar's one, for any number of periods and people.
    """
    if not periods:
        return []
    suffix = "kk" if lang == "kk" else "ru"
    parts = list(
        Participation.objects.filter(period__in=periods)
        .filter(only if only is not None else Q())
        .exclude(status=ParticipationStatus.NOT_EVALUATED)
        .select_related("employee", "position__department", "evaluator", "period__body")
        .order_by(f"employee__last_name_{suffix}", f"employee__first_name_{suffix}", "pk")
    )
    states = _States.read(periods)
    deadlines = _Deadlines(kazakhstan_calendar())
    rows = []
    for part in parts:
        methods = frozenset(Method(m) for m in part.methods)
        found = progress(
            states.facts(part, methods),
            deadlines.of(part.period, methods, states.appointment(part)),
            today=today,
            soon=soon,
            calendar=deadlines.calendar,
        )
        rows.append(ProgressRow(part, found, states.team_sheet_id(part)))
    return rows


@dataclass(frozen=True)
class _States:
    """The states of plans, sheets and results of the periods, read once for all rows."""

    plans: dict[tuple[Any, ...], str]
    appointed: dict[tuple[int, int], list[date]]
    sheets: dict[int, tuple[str, bool]]
    teams: dict[tuple[int, int], tuple[str | None, int | None]]
    results: dict[int, tuple[str | None, bool]]

    @classmethod
    def read(cls, periods: Sequence[EvaluationPeriod]) -> _States:
        return cls(
            _plan_states(periods),
            _appointments(periods),
            _kpi_sheets(periods),
            _ranking_sheets(periods),
            _results(periods),
        )

    def facts(self, part: Participation, methods: frozenset[Method]) -> ProgressFacts:
        period = part.period
        kind = PlanKind.COUNT_KPI if Method.COUNT_KPI in methods else PlanKind.KPI
        quarter = _plan_span(period).quarter
        plan_key = (period.body_id, part.employee_id, period.year, quarter, kind.value)
        sheet_state, actuals = self.sheets.get(part.pk, (None, False))
        result, familiarized = self.results.get(part.pk, (None, False))
        return ProgressFacts(
            methods=methods,
            kpi_plan=self.plans.get(plan_key),
            kpi_sheet=sheet_state,
            kpi_actuals_entered=actuals,
            ranking_sheet=self.teams.get(self._team(part), (None, None))[0],
            result=result,
            familiarized=familiarized,
            absent=part.status == ParticipationStatus.WITHOUT_PARTICIPATION,
        )

    def appointment(self, part: Participation) -> date | None:
        """The day the person took the position during the plan's period (the year, for
        yearly plans), if they did: KPIs are due ten working days later (004 p22)."""
        span = _plan_span(part.period)
        starts = self.appointed.get((part.employee_id, part.position_id), [])
        return max((d for d in starts if span.start < d <= span.end), default=None)

    def team_sheet_id(self, part: Participation) -> int | None:
        return self.teams.get(self._team(part), (None, None))[1]

    @staticmethod
    def _team(part: Participation) -> tuple[int, int]:
        return (part.period_id, part.evaluator_id or 0)


class _Deadlines:
    """The cycle's deadlines, computed once per period and set of methods."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._cache: dict[tuple[int, frozenset[Method], date | None], tuple[Deadline, ...]] = {}

    def of(
        self, period: EvaluationPeriod, methods: frozenset[Method], appointment: date | None
    ) -> tuple[Deadline, ...]:
        key = (period.pk, methods, appointment)
        if key not in self._cache:
            pack = registry().pack(period.pack_id)
            span = Period(period.year, period.quarter)
            # Atyrau ch. 6 counts its plan from the day the period was opened (001 p43).
            events = {"evaluation_opened": clock.local_day(period.opened_at)}
            if appointment:
                events["appointment"] = appointment
            self._cache[key] = cycle_deadlines(pack, span, self.calendar, events, methods)
        return self._cache[key]


def _plan_span(period: EvaluationPeriod) -> Period:
    """The period the KPI plans of ``period`` cover (docs/adr/0010)."""
    return plan_period(
        Period(period.year, period.quarter), registry().pack(period.pack_id).rules.kpi
    )


def _appointments(periods: Sequence[EvaluationPeriod]) -> dict[tuple[int, int], list[date]]:
    """(employee, position) -> the days they took the position in the bodies during the
    periods: KPIs of someone appointed later are due from the appointment (004 p22)."""
    spans = [_plan_span(p) for p in periods]
    rows = (
        Assignment.objects.filter(
            position__body_id__in={p.body_id for p in periods},
            start__gt=min(s.start for s in spans),
            start__lte=max(s.end for s in spans),
        )
        .exclude(kind=AssignmentKind.COMBINED)
        .values_list("employee_id", "position_id", "start")
    )
    found: dict[tuple[int, int], list[date]] = defaultdict(list)
    for employee_id, position_id, start in rows:
        found[(employee_id, position_id)].append(start)
    return found


def _plan_states(periods: Sequence[EvaluationPeriod]) -> dict[tuple[Any, ...], str]:
    """(body, employee, year, quarter, kind) -> the state of the current revision."""
    wanted = {(p.body_id, p.year, _plan_span(p).quarter) for p in periods}
    rows = (
        KpiPlan.objects.filter(
            body_id__in={w[0] for w in wanted},
            year__in={w[1] for w in wanted},
            quarter__in={w[2] for w in wanted},
        )
        .exclude(state=PlanState.SUPERSEDED)
        .order_by("revision")
        .values_list("body_id", "employee_id", "year", "quarter", "kind", "state")
    )
    # Ordered by revision: the newest revision is written last and wins.
    return {row[:5]: row[5] for row in rows if row[0:1] + row[2:4] in wanted}


def _kpi_sheets(periods: Sequence[EvaluationPeriod]) -> dict[int, tuple[str, bool]]:
    """Participation -> (sheet state, whether HR entered every actual value)."""
    rows = (
        KpiSheet.objects.filter(participation__period__in=periods)
        .annotate(
            lines_count=Count("lines"),
            missing=Count("lines", filter=Q(lines__actual_value__isnull=True)),
        )
        .values_list("participation_id", "state", "lines_count", "missing")
    )
    return {pid: (state, total > 0 and missing == 0) for pid, state, total, missing in rows}


def _ranking_sheets(
    periods: Sequence[EvaluationPeriod],
) -> dict[tuple[int, int], tuple[str | None, int | None]]:
    rows = RankingSheet.objects.filter(period__in=periods).values_list(
        "period_id", "evaluator_id", "state", "pk"
    )
    return {(period, evaluator): (state, pk) for period, evaluator, state, pk in rows}


def _results(periods: Sequence[EvaluationPeriod]) -> dict[int, tuple[str | None, bool]]:
    """Participation -> (least advanced result state, every approved result familiarized)."""
    rows = Result.objects.filter(participation__period__in=periods).values_list(
        "participation_id", "state", "familiarization__id"
    )
    grouped: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for pid, state, familiarization in rows:
        grouped[pid].append((state, familiarization))
    found: dict[int, tuple[str | None, bool]] = {}
    for pid, items in grouped.items():
        approved = [f for state, f in items if state == "approved"]
        least = least_advanced([state for state, _f in items])
        found[pid] = (least, bool(approved) and all(f is not None for f in approved))
    return found


def superiors_of(evaluator_ids: Iterable[int], day: date) -> dict[int, Employee]:
    """Evaluator -> the superior manager who approves plans and reviews sheets on ``day``
    (001 p44-45, p50-51): the holder of the position the evaluator's position reports
    to, or the evaluator themselves as the first head. Two queries, as
    ``access.kpi_approver_id`` decides it for one person."""
    ids = set(evaluator_ids)
    if not ids:
        return {}
    above: dict[int, int | None] = {}
    own = (
        Assignment.objects.filter(active_on(day), employee_id__in=ids)
        .order_by("employee_id", "kind", "start")
        .select_related("employee", "position")
    )
    evaluators: dict[int, Employee] = {}
    for row in own:
        if row.employee_id not in above:
            above[row.employee_id] = row.position.reports_to_id
            evaluators[row.employee_id] = row.employee
    holders: dict[int, Employee] = {}
    rows = (
        Assignment.objects.filter(active_on(day), position_id__in={p for p in above.values() if p})
        .order_by("position_id", "kind", "start")
        .select_related("employee")
    )
    for row in rows:
        holders.setdefault(row.position_id, row.employee)
    found: dict[int, Employee] = {}
    for evaluator_id, position_id in above.items():
        superior = holders.get(position_id) if position_id else evaluators[evaluator_id]
        if superior is not None:
            found[evaluator_id] = superior
    return found


def role_users(body_ids: Iterable[int]) -> dict[tuple[int, str], list[int]]:
    """(body, role) -> users holding HR or appointing-official roles there (one query)."""
    rows = RoleAssignment.objects.filter(
        body_id__in=set(body_ids), role__in=[Role.HR, Role.APPOINTING_OFFICIAL]
    ).values_list("body_id", "role", "user_id")
    found: dict[tuple[int, str], list[int]] = defaultdict(list)
    for body_id, role, user_id in rows.order_by("user_id"):
        found[(body_id, role)].append(user_id)
    return dict(found)


def unread_count(user_id: int) -> int:
    return Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()


def notices_of(user_id: int) -> Any:
    """The user's notices, newest first, with what their text names."""
    return (
        Notification.objects.filter(recipient_id=user_id)
        .select_related("period__body", "participation__employee")
        .order_by("-created_at", "-pk")
    )
