"""What closing a period reads: everyone in it, their sheets and stored results, in a
fixed number of queries whatever the size of the body (``close.tasks``); and, to refuse
an incomplete period at once, only its sheet states (``load_sheet_facts``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from bagalau.cycles.models import (
    BonusAward,
    EvaluationPeriod,
    KpiSheet,
    KpiSheetLine,
    Participation,
    ParticipationStatus,
    PeriodStatus,
    RankingEntry,
    Result,
    SheetState,
)
from bagalau.domain.calendar import Period
from bagalau.jobs.models import RunKind, TaskRun

# The methods a year's mean is taken of (R-PERIODS, 004 p4: "НМИ және саралау").
ANNUAL_METHODS = ("ranking", "kpi")


@dataclass(frozen=True)
class Person:
    participation_id: int
    employee_id: int
    status: str
    methods: tuple[str, ...]
    user_id: int | None


@dataclass(frozen=True, slots=True)
class RankingRow:
    """A person's row on a ranking sheet (``EntryLike``), with its sheet's state and
    approval; plain values, as a close reads a hundred thousand of them."""

    scores: Any
    comment: str
    on_paper: bool
    sheet_state: str
    approved_by_id: int | None
    approved_at: datetime | None


@dataclass
class CloseData:
    period: EvaluationPeriod
    people: dict[int, Person]
    ranking: dict[int, RankingRow]
    kpi: dict[int, tuple[KpiSheet, list[KpiSheetLine]]]
    bonus: dict[int, list[int]]
    results: dict[tuple[int, str], Result]
    # a year only: its quarters still open, and each person's quarter scores by method
    open_quarters: list[str] = field(default_factory=list)
    quarters: dict[tuple[int, str], dict[Period, Decimal | None]] = field(default_factory=dict)


def load_close_data(period: EvaluationPeriod) -> CloseData:
    data = CloseData(
        period=period,
        people=_people(period),
        ranking=_ranking(period),
        kpi=_kpi(period),
        bonus=_bonus(period),
        results={
            (r.participation_id, r.method): r
            for r in Result.objects.filter(participation__period=period)
        },
    )
    if period.quarter == 0:
        data.open_quarters, data.quarters = _quarters(period)
    return data


def _people(period: EvaluationPeriod) -> dict[int, Person]:
    rows = Participation.objects.filter(period=period).values_list(
        "pk", "employee_id", "status", "methods", "employee__user_id"
    )
    return {
        pk: Person(pk, employee_id, status, tuple(methods), user_id)
        for pk, employee_id, status, methods, user_id in rows.order_by("pk")
    }


def _ranking(period: EvaluationPeriod) -> dict[int, RankingRow]:
    rows = RankingEntry.objects.filter(sheet__period=period).values_list(
        "participation_id", "scores", "comment", "on_paper",
        "sheet__state", "sheet__approved_by_id", "sheet__approved_at",
    )  # fmt: skip
    return {pid: RankingRow(*values) for pid, *values in rows}


def _kpi(period: EvaluationPeriod) -> dict[int, tuple[KpiSheet, list[KpiSheetLine]]]:
    sheets = {
        s.pk: s
        for s in KpiSheet.objects.filter(participation__period=period).select_related(
            "plan", "participation__period"
        )
    }
    lines: dict[int, list[KpiSheetLine]] = defaultdict(list)
    for line in (
        KpiSheetLine.objects.filter(sheet__participation__period=period)
        .select_related("item")
        .order_by("sheet_id", "item__order")
    ):
        lines[line.sheet_id].append(line)
    return {s.participation_id: (s, lines[s.pk]) for s in sheets.values()}


def _bonus(period: EvaluationPeriod) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    rows = BonusAward.objects.filter(participation__period=period).order_by("pk")
    for pid, points in rows.values_list("participation_id", "points"):
        found[pid].append(points)
    return dict(found)


def _quarters(
    year: EvaluationPeriod,
) -> tuple[list[str], dict[tuple[int, str], dict[Period, Decimal | None]]]:
    """The year's quarters still open, and each person's approved quarter scores
    (``None`` for a quarter they were not evaluated in: excluded from the mean)."""
    quarters = EvaluationPeriod.objects.filter(
        body_id=year.body_id, year=year.year, quarter__gt=0
    ).order_by("quarter")
    open_codes = [q.code for q in quarters if q.status != PeriodStatus.CLOSED]
    scores: dict[tuple[int, str], dict[Period, Decimal | None]] = defaultdict(dict)
    in_year = {"participation__period__in": quarters}
    results = Result.objects.filter(
        method__in=ANNUAL_METHODS, state=SheetState.APPROVED, score__isnull=False, **in_year
    )
    for employee_id, quarter, method, score in results.values_list(
        "participation__employee_id", "participation__period__quarter", "method", "score"
    ):
        scores[(employee_id, method)][Period(year.year, quarter)] = score
    skipped = Participation.objects.filter(
        period__in=quarters, status=ParticipationStatus.NOT_EVALUATED
    ).values_list("employee_id", "period__quarter")
    for employee_id, quarter in skipped:
        for method in ANNUAL_METHODS:
            if (employee_id, method) in scores:
                scores[(employee_id, method)][Period(year.year, quarter)] = None
    return open_codes, dict(scores)


@dataclass(frozen=True)
class SheetFacts:
    """Only what tells whether the period is complete: each person's sheet states, read
    as plain values so a close can be refused at once, before any result is computed."""

    people: dict[int, Person]
    ranking: dict[int, str]  # participation → its ranking sheet's state
    kpi: dict[int, tuple[str, str]]  # participation → (its plan's kind, its sheet's state)
    open_quarters: list[str]


def load_sheet_facts(period: EvaluationPeriod) -> SheetFacts:
    ranking = RankingEntry.objects.filter(sheet__period=period)
    kpi = KpiSheet.objects.filter(participation__period=period)
    open_quarters: list[str] = []
    if period.quarter == 0:
        quarters = EvaluationPeriod.objects.filter(
            body_id=period.body_id, year=period.year, quarter__gt=0
        ).order_by("quarter")
        open_quarters = [q.code for q in quarters if q.status != PeriodStatus.CLOSED]
    return SheetFacts(
        people=_people(period),
        ranking=dict(ranking.values_list("participation_id", "sheet__state")),
        kpi={
            pid: (kind, state)
            for pid, kind, state in kpi.values_list("participation_id", "plan__kind", "state")
        },
        open_quarters=open_quarters,
    )


def close_key(period_id: int) -> str:
    """What a close run acts on: one run at a time per period (``jobs``)."""
    return f"period:{period_id}"


def close_run_of(period: EvaluationPeriod) -> TaskRun | None:
    """The period's latest close run, if it was ever started."""
    runs = TaskRun.objects.filter(kind=RunKind.CLOSE_PERIOD, key=close_key(period.pk))
    return runs.select_related("started_by").order_by("-created_at", "-pk").first()
