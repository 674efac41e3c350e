"""The demo's evaluation cycles, run through the same services as the pages.

Shakhtinsk: the quarters of the current year before the current one (in the first
quarter, the last quarter of the year before) are opened, scored (ranking for the
staff, KPI for the head of apparatus), approved and closed, so the annual mean
(R-PERIODS, 004 p4) appears once the current quarter is done, and the latest closed
quarter's results wait for their familiarization. The current quarter is opened with
the head's KPI plan drafted by the maslikhat chair (for HR to agree) and the finance
unit's ranking sheet submitted (for the appointing official to approve); the other
teams are left to score. Atyrau: the year 2023 opened on 03.07.2023, while chapter 6
acted (No. 105 p2), so the staff on leave in 2022 are evaluated by count-based KPI (001
p43, p49): one plan drafted and agreed (for the superior manager to approve),
the other left for the manager to draft.

The back-filled history is recorded in the audit trail as the system's. A period that
exists is left as it is, so running the demo again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from bagalau.core import clock
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.familiarization import services as familiarize
from bagalau.cycles.kpi import plan_services as plans
from bagalau.cycles.kpi import selectors as kpi_reads
from bagalau.cycles.kpi import sheet_services as sheets
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
    PlanKind,
    PlanState,
    RankingSheet,
    Result,
    ScheduleState,
    SheetState,
)
from bagalau.cycles.periods.services import do_move_schedule, do_open_period
from bagalau.cycles.ranking import services as ranking
from bagalau.cycles.ranking.selectors import sheet_codes, team_participations
from bagalau.domain.calendar import Period
from bagalau.orgs.models import StateBody

SHAKHTINSK = "shakhtinsk-maslikhat"
ATYRAU = "atyrau-region-akimat"
ATYRAU_YEAR = Period(2023, 0)
ATYRAU_OPENED = date(2023, 7, 3)  # the first working day HR could open it under chapter 6
SUBMITTED_TEAM = "finance"  # the department whose head's sheet awaits approval
AGREED_COUNT_PLAN = "finance-11"  # the Atyrau post whose count-based plan awaits approval
SYSTEM = AnonymousUser()
Actor = AbstractBaseUser | AnonymousUser

# The head of apparatus's KPIs (Typical app. 1 fields), in the state language.
HEAD_KPIS = (
    (
        "Мәслихат сессияларының материалдарын мерзімінде дайындау",
        "Мәслихат аппаратының стратегиялық жоспары, 1.1-көрсеткіш",
        "Барлық материалдар сессияға дейін 10 күн бұрын ұсынылды",
    ),
    (
        "Азаматтардың өтініштерін заңда белгіленген мерзімде қарау",
        "«Азаматтардың өтініштерін қарау тәртібі туралы» Заң, 8-бап",
        "Мерзімі өткен өтініштер жоқ",
    ),
    (
        "Депутаттық сауалдарға жауаптардың орындалуын бақылау",
        "Мәслихат аппаратының стратегиялық жоспары, 2.3-көрсеткіш",
        "Сауалдардың барлығына жауап мерзімінде берілді",
    ),
)
# Per earlier quarter: the actual values HR enters and the chair's scores (% -> 0-5).
HEAD_ACTUALS = ((Decimal(100), Decimal(95), Decimal(100)), (Decimal(100), Decimal(90), Decimal(85)))
HEAD_SCORES = ((5, 4, 5), (4, 4, 3))
# An Atyrau specialist's five count-based KPIs for 2023 (001 p47, app. 9).
COUNT_KPIS = (
    "Облыстық бюджеттің атқарылуы туралы есептерді мерзімінде дайындау",
    "Бюджеттік бағдарламалар әкімшілерінің өтінімдерін қарау",
    "Мемлекеттік сатып алу жоспарларын келісу",
    "Қаржылық есептіліктің мониторингі",
    "Азаматтардың өтініштеріне мерзімінде жауап беру",
)


def quarter_of(day: date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


def build_cycles(
    bodies: dict[str, StateBody], today: date, *, hr: Actor = SYSTEM, open_current: bool = True
) -> None:
    if SHAKHTINSK in bodies:
        build_shakhtinsk(bodies[SHAKHTINSK], today, hr=hr, open_current=open_current)
    if ATYRAU in bodies:
        build_atyrau(bodies[ATYRAU])


def _exists(body: StateBody, period: Period) -> bool:
    return EvaluationPeriod.objects.filter(
        body=body, year=period.year, quarter=period.quarter
    ).exists()


def build_shakhtinsk(
    body: StateBody, today: date, *, hr: Actor = SYSTEM, open_current: bool = True
) -> None:
    current = quarter_of(today)
    earlier = earlier_quarters(current)
    for period in earlier:
        if not _exists(body, period):
            closed = run_quarter(body, period)
            if period != earlier[-1]:  # the latest quarter's results wait for their people
                acknowledge_all(closed)
    if open_current and not _exists(body, current):
        opened = do_open_period(actor=hr, body=body, period=current, today=today)
        for part in _kpi_people(opened):
            if kpi_reads.current_plan(part, PlanKind.KPI) is None:  # the year's plan is made once
                rows = head_kpis(kpi_reads.plan_span(part))
                plans.do_draft_kpi_plan(
                    actor=SYSTEM, participation_id=part.pk, rows=rows, version=0
                )
        submitted = team_of(opened, SUBMITTED_TEAM)
        if submitted is not None:
            submit_team(opened, current, submitted)


def earlier_quarters(current: Period) -> list[Period]:
    """The quarters closed before ``current``: those of its year, else the year before's last."""
    if current.quarter == 1:
        return [Period(current.year - 1, 4)]
    return [Period(current.year, quarter) for quarter in range(1, current.quarter)]


def team_of(opened: EvaluationPeriod, department: str) -> int | None:
    """The evaluator of most of the staff of ``department`` (its head, or the one acting)."""
    evaluators = Counter(
        Participation.objects.filter(
            period=opened, position__department__code=department, evaluator__isnull=False
        ).values_list("evaluator_id", flat=True)
    )
    return max(sorted(evaluators), key=evaluators.__getitem__, default=None)


def build_atyrau(body: StateBody) -> None:
    if _exists(body, ATYRAU_YEAR):
        return
    opened = do_open_period(actor=SYSTEM, body=body, period=ATYRAU_YEAR, today=ATYRAU_OPENED)
    posted = opened.participations.filter(position__code=AGREED_COUNT_PLAN, evaluator__isnull=False)
    agreed = [p for p in posted if "count_kpi" in p.methods]
    for part in agreed:
        plan = plans.do_draft_kpi_plan(
            actor=SYSTEM, participation_id=part.pk, rows=count_kpis(), version=0
        )
        plans.do_agree_kpi_plan(
            actor=SYSTEM, plan_id=plan.pk, version=plan.version, participation_id=part.pk
        )


def count_kpis() -> list[plans.KpiRow]:
    source = "Облыс әкімдігінің 2023 жылға арналған операциялық жоспары"
    return [
        plans.KpiRow(name, source, "%", Decimal(100), ATYRAU_YEAR.end, "Толық орындалды")
        for name in COUNT_KPIS
    ]


def head_kpis(period: Period) -> list[plans.KpiRow]:
    return [
        plans.KpiRow(name, source, "%", Decimal(100), period.end, result)
        for name, source, result in HEAD_KPIS
    ]


def run_quarter(body: StateBody, period: Period, *, close: bool = True) -> EvaluationPeriod:
    """Open, score, approve and (unless ``close`` is false: left for HR to close) close a
    past quarter, as its participants would have."""
    opened_on = period.end + timedelta(days=1)
    opened = do_open_period(actor=SYSTEM, body=body, period=period, today=opened_on)
    evaluate_all(opened, period)
    if not close:
        return opened
    return do_close_period(
        actor=SYSTEM,
        period_id=opened.pk,
        version=opened.version,
        today=period.day_of_month_after(10),
    )


def evaluate_all(opened: EvaluationPeriod, period: Period) -> None:
    """The schedule approved, every team ranked and every KPI sheet scored and approved,
    as the participants of a past quarter would have done; ``opened`` is read again."""
    schedule = opened.schedule
    for to_state in (ScheduleState.SUBMITTED, ScheduleState.APPROVED):
        schedule = do_move_schedule(
            actor=SYSTEM, schedule_id=schedule.pk, to_state=to_state, version=schedule.version
        )
    rank_everyone(opened, period)
    for part in _kpi_people(opened):
        _score_kpis(part, period)
    opened.refresh_from_db()


def _score(iin: str, quarter: int, parameter: int) -> int:
    """A score from 3 to 5, the same for the same person and quarter on every run."""
    return 3 + (int(iin[-3:]) + quarter + parameter) % 3


def rank_everyone(opened: EvaluationPeriod, period: Period) -> None:
    evaluators = sorted(
        set(
            Participation.objects.filter(period=opened, evaluator__isnull=False).values_list(
                "evaluator_id", flat=True
            )
        )
    )
    for evaluator_id in evaluators:
        sheet = submit_team(opened, period, evaluator_id)
        if sheet is not None:
            ranking.do_review_ranking_sheet(
                actor=SYSTEM, sheet_id=sheet.pk, to_state=SheetState.APPROVED, version=sheet.version
            )


def acknowledge_all(closed: EvaluationPeriod) -> None:
    """Everyone acknowledged their approved results in the system (004 p11)."""
    for result in Result.objects.filter(participation__period=closed, state=SheetState.APPROVED):
        familiarize.do_acknowledge_result(actor=SYSTEM, result_id=result.pk, version=result.version)


def submit_team(opened: EvaluationPeriod, period: Period, evaluator_id: int) -> RankingSheet | None:
    """The evaluator's team scored and the sheet submitted (kept if it already is); None
    for an empty team."""
    found = RankingSheet.objects.filter(period=opened, evaluator_id=evaluator_id).first()
    if found is not None and found.state == SheetState.SUBMITTED:
        return found
    codes = sheet_codes(ranking.ranking_rules(opened)[1])
    team = team_participations(opened.pk, evaluator_id)
    if not team:
        return None
    entries = [
        ranking.EntryInput(
            p.pk, {c: _score(p.employee.iin, period.quarter, n) for n, c in enumerate(codes)}
        )
        for p in team
    ]
    sheet = ranking.do_save_ranking_sheet(
        actor=SYSTEM, period_id=opened.pk, evaluator_id=evaluator_id, entries=entries, version=0
    )
    return ranking.do_submit_ranking_sheet(actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version)


def place_plan(part: Participation) -> None:
    """The person's plan taken from where it stands to placed, as its owners would."""
    plan = kpi_reads.current_plan(part, PlanKind.KPI)
    if plan is None:
        rows = head_kpis(kpi_reads.plan_span(part))
        plan = plans.do_draft_kpi_plan(actor=SYSTEM, participation_id=part.pk, rows=rows, version=0)
    ids = {"plan_id": plan.pk, "participation_id": part.pk}
    if plan.state == PlanState.DRAFT:
        plan = plans.do_agree_kpi_plan(actor=SYSTEM, version=plan.version, **ids)
    if plan.state == PlanState.AGREED:
        plan = plans.do_approve_kpi_plan(actor=SYSTEM, version=plan.version, **ids)
    if plan.state == PlanState.APPROVED:
        plans.do_place_kpi_plan(actor=SYSTEM, version=plan.version, today=clock.today(), **ids)


def _kpi_people(opened: EvaluationPeriod) -> list[Participation]:
    rows = Participation.objects.filter(period=opened, evaluator__isnull=False).exclude(
        status=ParticipationStatus.NOT_EVALUATED
    )
    return [p for p in rows.order_by("pk") if "kpi" in p.methods]


def _score_kpis(part: Participation, period: Period) -> None:
    """The head's plan for the year drafted, agreed, approved and placed in the first
    quarter that needs it (ADR 0010); the quarter's actuals, scores, agreed."""
    place_plan(part)
    sheet = sheets.do_open_kpi_sheet(actor=SYSTEM, participation_id=part.pk)
    lines = list(sheet.lines.order_by("item__order"))
    row = (period.quarter - 1) % len(HEAD_SCORES)
    actuals = dict(zip([line.pk for line in lines], HEAD_ACTUALS[row], strict=True))
    # HR sends the actuals by the pack's day (004 p22), which may be before the quarter's
    # last day when that is not a working day (30.12 for the fourth quarter).
    due = kpi_reads.deadline_of(part, kpi_reads.pack_of(part), "kpi_actuals", {})
    sheet = sheets.do_enter_kpi_actuals(
        actor=SYSTEM,
        sheet_id=sheet.pk,
        version=sheet.version,
        actuals=actuals,
        today=min(period.end, due.due) if due else period.end,
    )
    scores = dict(zip([line.pk for line in lines], HEAD_SCORES[row], strict=True))
    sheet = sheets.do_score_kpi_sheet(
        actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version, scores=scores
    )
    sheet = sheets.do_submit_kpi_sheet(actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version)
    sheets.do_review_kpi_sheet(actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version, agree=True)
