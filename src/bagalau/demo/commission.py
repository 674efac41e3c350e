"""Aktau city akim's apparatus: last year evaluated by its commission (000 p5), every
result approved and none familiarized yet, so HR can record the written familiarization
(000 p41) or, where the employee refuses, the act signed by HR and two other employees,
and print it.

The system does not run a commission's evaluation yet: aktau-2022 has no eligibility
rules to open a period with (the sources lack No. 645's text) and no commission sheet
is kept (``domain.closing``). So the demo records the year as the commission decided it
on paper: everyone evaluated who held a post in the body at the year's end, each with
an approved result without a score or band (the sources do not say what No. 645's
commission decides on), the period, its participants and results in the audit trail as
the system's. The year stays open: it cannot be closed without those sheets.
"""

from __future__ import annotations

from datetime import date, timedelta

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
    Result,
    Schedule,
    SheetState,
)
from bagalau.cycles.periods.selectors import evaluators_on, pack_for
from bagalau.cycles.periods.services import opened_at
from bagalau.cycles.results.cites import cite_rows
from bagalau.demo.cycle import SYSTEM
from bagalau.domain.calendar import Period
from bagalau.domain.methodology import Method
from bagalau.orgs.models import Assignment, AssignmentKind, StateBody
from bagalau.orgs.selectors import active_on

AKTAU = "aktau-city-akim-apparatus"


def commission_year(today: date) -> Period:
    """The year the commission evaluated: the last one ended before ``today``."""
    return Period(today.year - 1, 0)


def build_aktau(body: StateBody, today: date) -> None:
    year = commission_year(today)
    if EvaluationPeriod.objects.filter(body=body, year=year.year, quarter=0).exists():
        return
    pack = pack_for(body, year.end)
    basis = [m.cite for m in pack.rules.methods if m.method is Method.COMMISSION]
    if not basis:  # the body's methodology no longer evaluates by commission
        return
    opened = EvaluationPeriod.objects.create(
        body=body,
        year=year.year,
        quarter=0,
        pack_id=pack.id,
        opened_at=opened_at(year.end + timedelta(days=1)),
    )
    Schedule.objects.create(period=opened)
    holders = (
        Assignment.objects.filter(
            active_on(year.end), position__body=body, kind=AssignmentKind.MAIN
        )
        .exclude(position__category="")
        .select_related("position")
        .order_by("employee_id")
    )
    evaluators = evaluators_on([a.position for a in holders], year.end)
    parts = Participation.objects.bulk_create(
        Participation(
            period=opened,
            employee_id=a.employee_id,
            position=a.position,
            evaluator_id=evaluators.get(a.position_id),
            status=ParticipationStatus.EVALUATED,
            methods=[Method.COMMISSION.value],
        )
        for a in holders
    )
    record_change(
        actor=SYSTEM,
        action=AuditAction.CREATE,
        obj=opened,
        after=snapshot(opened) | {"participants": len(parts)},
        body_id=body.pk,
    )
    approved_at = clock.now()
    for part in Participation.objects.filter(period=opened).order_by("pk"):
        result = Result.objects.create(
            participation=part,
            method=Method.COMMISSION.value,
            cites=cite_rows(basis),
            state=SheetState.APPROVED,
            computed_at=approved_at,
            approved_at=approved_at,
        )
        record_change(
            actor=SYSTEM,
            action=AuditAction.CREATE,
            obj=result,
            after=snapshot(result),
            body_id=body.pk,
        )
