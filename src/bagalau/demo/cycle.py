"""The demo's evaluation cycles, run through the same services as the pages.

Shakhtinsk: the quarters of the current year before the current one are opened, scored
(ranking for the staff, KPI for the head of apparatus), approved and closed, so the
annual mean (R-PERIODS, 004 p4) appears once the current quarter is done; the current
quarter is opened with the head's KPI plan drafted by the maslikhat chair. Atyrau: the
year 2023 opened on 03.07.2023, while chapter 6 acted (No. 105 p2), so the staff on
leave in 2022 are evaluated by count-based KPI (001 p43, p49).

The back-filled history is recorded in the audit trail as the system's. A period that
exists is left as it is, so running the demo again changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from bagalau.core import clock
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.kpi import plan_services as plans
from bagalau.cycles.kpi import sheet_services as sheets
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
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
    for quarter in range(1, current.quarter):
        period = Period(current.year, quarter)
        if not _exists(body, period):
            run_quarter(body, period)
    if open_current and not _exists(body, current):
        opened = do_open_period(actor=hr, body=body, period=current, today=today)
        for part in _kpi_people(opened):
            plans.do_draft_kpi_plan(
                actor=SYSTEM, participation_id=part.pk, rows=head_kpis(current), version=0
            )


def build_atyrau(body: StateBody) -> None:
    if not _exists(body, ATYRAU_YEAR):
        do_open_period(actor=SYSTEM, body=body, period=ATYRAU_YEAR, today=ATYRAU_OPENED)


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
    schedule = opened.schedule
    for to_state in (ScheduleState.SUBMITTED, ScheduleState.APPROVED):
        schedule = do_move_schedule(
            actor=SYSTEM, schedule_id=schedule.pk, to_state=to_state, version=schedule.version
        )
    rank_everyone(opened, period)
    for part in _kpi_people(opened):
        _score_kpis(part, period)
    opened.refresh_from_db()
    if not close:
        return opened
    return do_close_period(
        actor=SYSTEM,
        period_id=opened.pk,
        version=opened.version,
        today=period.day_of_month_after(10),
    )


def _score(iin: str, quarter: int, parameter: int) -> int:
    """A score from 3 to 5, the same for the same person and quarter on every run."""
    return 3 + (int(iin[-3:]) + quarter + parameter) % 3


def rank_everyone(opened: EvaluationPeriod, period: Period) -> None:
    codes = sheet_codes(ranking.ranking_rules(opened)[1])
    evaluators = sorted(
        set(
            Participation.objects.filter(period=opened, evaluator__isnull=False).values_list(
                "evaluator_id", flat=True
            )
        )
    )
    for evaluator_id in evaluators:
        team = team_participations(opened.pk, evaluator_id)
        if not team:
            continue
        entries = [
            ranking.EntryInput(
                p.pk, {c: _score(p.employee.iin, period.quarter, n) for n, c in enumerate(codes)}
            )
            for p in team
        ]
        sheet = ranking.do_save_ranking_sheet(
            actor=SYSTEM, period_id=opened.pk, evaluator_id=evaluator_id, entries=entries, version=0
        )
        sheet = ranking.do_submit_ranking_sheet(
            actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version
        )
        ranking.do_review_ranking_sheet(
            actor=SYSTEM, sheet_id=sheet.pk, to_state=SheetState.APPROVED, version=sheet.version
        )


def _kpi_people(opened: EvaluationPeriod) -> list[Participation]:
    rows = Participation.objects.filter(period=opened, evaluator__isnull=False).exclude(
        status=ParticipationStatus.NOT_EVALUATED
    )
    return [p for p in rows.order_by("pk") if "kpi" in p.methods]


def _score_kpis(part: Participation, period: Period) -> None:
    """The head's plan drafted, agreed, approved and placed; actuals, scores, agreed."""
    plan = plans.do_draft_kpi_plan(
        actor=SYSTEM, participation_id=part.pk, rows=head_kpis(period), version=0
    )
    plan = plans.do_agree_kpi_plan(actor=SYSTEM, plan_id=plan.pk, version=plan.version)
    plan = plans.do_approve_kpi_plan(actor=SYSTEM, plan_id=plan.pk, version=plan.version)
    plans.do_place_kpi_plan(
        actor=SYSTEM, plan_id=plan.pk, version=plan.version, today=clock.today()
    )
    sheet = sheets.do_open_kpi_sheet(actor=SYSTEM, participation_id=part.pk)
    lines = list(sheet.lines.order_by("item__order"))
    row = (period.quarter - 1) % len(HEAD_SCORES)
    actuals = dict(zip([line.pk for line in lines], HEAD_ACTUALS[row], strict=True))
    sheet = sheets.do_enter_kpi_actuals(
        actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version, actuals=actuals, today=period.end
    )
    scores = dict(zip([line.pk for line in lines], HEAD_SCORES[row], strict=True))
    sheet = sheets.do_score_kpi_sheet(
        actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version, scores=scores
    )
    sheet = sheets.do_submit_kpi_sheet(actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version)
    sheets.do_review_kpi_sheet(actor=SYSTEM, sheet_id=sheet.pk, version=sheet.version, agree=True)
