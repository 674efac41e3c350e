"""Reads for the cycle: turning the people history into the domain's input facts.

Everything here is set-based: a handful of queries per body and period, whatever the
number of employees.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from bagalau.access import Action, UserLike, require
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    RankingSheet,
    Schedule,
    ScheduleItem,
)
from bagalau.domain.calendar import Period
from bagalau.domain.eligibility import (
    Absence,
    PersonFacts,
)
from bagalau.domain.errors import DomainError
from bagalau.domain.law import Cite, DateRange
from bagalau.domain.methodology import AbsenceKind, Audience, Pack
from bagalau.domain.tenure import PositionSpell
from bagalau.orgs.models import Absence as AbsenceRow
from bagalau.orgs.models import Assignment, AssignmentKind, Dismissal, Position, StateBody
from bagalau.packs import registry


def pack_for(body: StateBody, day: date) -> Pack:
    """The methodology version governing ``body`` on ``day`` (DOMAIN.md §5, §6).

    Before ``methodology_from`` the body applies the Typical Methodology in force.
    """
    code = body.methodology_code or None
    if code and body.methodology_from and day < body.methodology_from:
        code = None
    return registry().in_force(code, day)


def audience_of(position: Position) -> Audience:
    if position.is_head_of_apparatus:
        return Audience.HEAD_OF_APPARATUS
    if position.is_head_of_unit:
        return Audience.HEADS_OF_UNITS
    return Audience.STAFF


@dataclass(frozen=True)
class Evaluee:
    """One person to decide on: their facts and the position they held last in the period."""

    employee_id: int
    position: Position
    facts: PersonFacts


def evaluees(body: StateBody, period: Period, window: DateRange) -> list[Evaluee]:
    """Everyone with a main or acting assignment in the body during the period.

    A post without a "B" corps category (the maslikhat chair, the akim) is not evaluated
    by the methodology, which evaluates "B" corps servants and the head of apparatus
    (004 p1, p2(4)-(5)).
    """
    overlapping = Q(start__lte=period.end) & (Q(end__isnull=True) | Q(end__gte=period.start))
    rows = list(
        Assignment.objects.filter(overlapping, position__body=body)
        .exclude(kind=AssignmentKind.COMBINED)
        .exclude(position__category="")
        .select_related("position")
        .order_by("employee_id", "start")
    )
    employee_ids = {r.employee_id for r in rows}
    absences = _absences(employee_ids, window)
    dismissals = dict(
        Dismissal.objects.filter(body=body, employee_id__in=employee_ids, date__gte=period.start)
        .order_by("date")
        .values_list("employee_id", "date")
    )
    by_employee: dict[int, list[Assignment]] = defaultdict(list)
    for row in rows:
        by_employee[row.employee_id].append(row)
    found: list[Evaluee] = []
    for employee_id, spells in by_employee.items():
        last = spells[-1].position
        facts = PersonFacts(
            audience=audience_of(last),
            category=last.category,
            spells=tuple(PositionSpell(s.start, s.end) for s in spells if s.position_id == last.pk),
            absences=tuple(absences.get(employee_id, ())),
            dismissed=dismissals.get(employee_id),
        )
        found.append(Evaluee(employee_id, last, facts))
    return found


def _absences(employee_ids: set[int], window: DateRange) -> dict[int, list[Absence]]:
    # Earlier absences matter too: Atyrau ch. 6 looks at leave taken in 2021-2022.
    rows = AbsenceRow.objects.filter(
        employee_id__in=employee_ids, start__lte=window.end or window.start
    )
    grouped: dict[int, list[Absence]] = defaultdict(list)
    for row in rows.only("employee_id", "kind", "start", "end"):
        grouped[row.employee_id].append(Absence(AbsenceKind(row.kind), row.start, row.end))
    return grouped


def evaluators_on(positions: list[Position], day: date) -> dict[int, int]:
    """Position id -> the employee holding the position it reports to on ``day``."""
    parent_ids = {p.reports_to_id for p in positions if p.reports_to_id}
    holders = (
        Assignment.objects.filter(position_id__in=parent_ids, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("position_id", "kind", "start")
        .values_list("position_id", "employee_id")
    )
    first: dict[int, int] = {}
    for position_id, employee_id in holders:
        first.setdefault(position_id, employee_id)
    return {p.pk: first[p.reports_to_id] for p in positions if p.reports_to_id in first}


# Reads for the period pages: a fixed number of queries whatever the body's size.


def started_by(today: date, prefix: str = "") -> Q:
    """Periods whose first day is ``today`` or earlier: only they produce work (a
    quarter opened ahead, e.g. 2027-Q1 in December 2026, owes nothing yet). A whole
    year (quarter 0) starts on 1 January; ``prefix`` reaches the period through a
    relation ("period__")."""
    current = Period(today.year, (today.month - 1) // 3 + 1)
    return Q(**{f"{prefix}year__lt": today.year}) | Q(
        **{f"{prefix}year": today.year, f"{prefix}quarter__lte": current.quarter}
    )


def periods_of(body: StateBody) -> QuerySet[EvaluationPeriod]:
    """The body's periods, newest first, with the participant count and the schedule."""
    return (
        EvaluationPeriod.objects.filter(body=body)
        .select_related("schedule")
        .annotate(participants=Count("participations"))
        .order_by("-year", "-quarter")
    )


def period_of(body: StateBody, code: str) -> EvaluationPeriod | None:
    """The body's period by its code (``2024-Q1`` or ``2024``), or None."""
    try:
        period = Period.parse(code)
    except DomainError:
        return None
    return (
        EvaluationPeriod.objects.filter(body=body, year=period.year, quarter=period.quarter)
        .select_related("body", "schedule")
        .first()
    )


@dataclass(frozen=True)
class PeriodCounts:
    """How many people a period has, by participation status and by method."""

    total: int
    by_status: dict[str, int]
    by_method: dict[str, int]


def period_counts(period: EvaluationPeriod) -> PeriodCounts:
    # One query; ``methods`` is a JSON list, counted here rather than in database-specific SQL.
    rows = Participation.objects.filter(period=period).values_list("status", "methods")
    by_status: Counter[str] = Counter()
    by_method: Counter[str] = Counter()
    for status, methods in rows:
        by_status[status] += 1
        by_method.update(methods)
    return PeriodCounts(sum(by_status.values()), dict(by_status), dict(by_method))


def participations_of(period: EvaluationPeriod, lang: str) -> QuerySet[Participation]:
    """Everyone in the period, by name in ``lang``, with the employee and position."""
    suffix = "kk" if lang == "kk" else "ru"
    return (
        Participation.objects.filter(period=period)
        .select_related("employee", "position")
        .order_by(f"employee__last_name_{suffix}", f"employee__first_name_{suffix}", "pk")
    )


@dataclass(frozen=True)
class SheetRow:
    """A ranking sheet of the period as its reviewer sees it in the list."""

    pk: int
    evaluator: str
    state: str
    state_label: str


def ranking_sheets_of(period: EvaluationPeriod, lang: str) -> list[SheetRow]:
    """Every evaluator's ranking sheet of the period, by evaluator's name (one query)."""
    suffix = "kk" if lang == "kk" else "ru"
    rows = (
        RankingSheet.objects.filter(period=period)
        .select_related("evaluator")
        .order_by(f"evaluator__last_name_{suffix}", f"evaluator__first_name_{suffix}", "pk")
    )
    return [
        SheetRow(s.pk, s.evaluator.full_name(lang), s.state, s.get_state_display()) for s in rows
    ]


def schedule_items(schedule: Schedule) -> list[ScheduleItem]:
    return list(schedule.items.order_by("due", "rule_id"))


def method_cites(pack: Pack, kind: str) -> dict[str, tuple[Cite, ...]]:
    """Method code -> the citations of the pack's rules prescribing it for ``kind`` periods."""
    found: dict[str, list[Cite]] = defaultdict(list)
    for rule in pack.rules.methods:
        if rule.period == kind and rule.cite not in found[rule.method.value]:
            found[rule.method.value].append(rule.cite)
    return {method: tuple(cites) for method, cites in found.items()}


def access_participation(
    user: UserLike, action: Action, participation_id: int, *, today: date
) -> Participation:
    participation = get_object_or_404(
        Participation.objects.select_related("period__body", "employee", "position", "evaluator"),
        pk=participation_id,
    )
    require(user, action, participation, today=today)
    return participation
