"""User actions on the evaluation cycle: one function per action, atomic and audited."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.editing import bump_version, lock_in_open_period, save_changed
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    Schedule,
    ScheduleItem,
    ScheduleState,
)
from bagalau.cycles.periods.selectors import evaluators_on, evaluees, pack_for
from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines, evaluation_window, find_rule
from bagalau.domain.eligibility import EligibilityDecision, decide, methods_in_play
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.workflow import WorkflowKind, transition
from bagalau.orgs.models import StateBody
from bagalau.packs import registry


def reason_rows(decision: EligibilityDecision) -> list[dict[str, Any]]:
    """The decision's reasons as JSON, each with its citation."""
    return [
        {
            "code": r.code.value,
            "cite": asdict(r.cite),
            "detail": dict(r.detail),
            "unverified": r.unverified,
        }
        for r in decision.reasons
    ]


@transaction.atomic
def do_open_period(
    *, actor: Actor, body: StateBody, period: Period, today: date | None = None
) -> EvaluationPeriod:
    """Open a quarter or a year: decide who is evaluated and how, and draft the schedule.

    The methodology version in force on the period's last day governs the period. The
    opening day ``today`` counts too: a method limited in time that acts on it applies,
    and deadlines counted from the opening start from it (Atyrau ch. 6, 001 p43).
    """
    opened_on = today or clock.today()
    pack = pack_for(body, period.end)
    if EvaluationPeriod.objects.filter(
        body=body, year=period.year, quarter=period.quarter
    ).exists():
        raise DomainError(ErrorCode.PERIOD_ALREADY_OPEN, {"period": period.code, "body": body.code})
    events = {"evaluation_opened": opened_on}
    calendar = kazakhstan_calendar()
    window = evaluation_window(period, cycle_deadlines(pack, period, calendar, events))
    methods = methods_in_play(pack, period, window, opened_on)
    deadlines = cycle_deadlines(pack, period, calendar, events, methods)
    try:
        opened = EvaluationPeriod.objects.create(
            body=body,
            year=period.year,
            quarter=period.quarter,
            pack_id=pack.id,
            opened_by=user_of(actor),
            opened_at=opened_at(opened_on),
        )
    except IntegrityError:
        raise DomainError(
            ErrorCode.PERIOD_ALREADY_OPEN, {"period": period.code, "body": body.code}
        ) from None
    people = evaluees(body, period, window)
    evaluators = evaluators_on([p.position for p in people], period.end)
    rows = []
    for person in people:
        decision = decide(person.facts, period, pack, window, opened_on)
        rows.append(
            Participation(
                period=opened,
                employee_id=person.employee_id,
                position=person.position,
                evaluator_id=evaluators.get(person.position.pk),
                status=decision.status.value,
                methods=[m.method.value for m in decision.methods],
                reasons=reason_rows(decision),
                unverified=list(decision.unverified),
            )
        )
    Participation.objects.bulk_create(rows, batch_size=2000)
    schedule = Schedule.objects.create(period=opened)
    ScheduleItem.objects.bulk_create(
        ScheduleItem(
            schedule=schedule, rule_id=d.id, due=d.due, planned=d.due, projected=d.projected
        )
        for d in deadlines
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=opened,
        after=snapshot(opened) | {"participants": len(rows)},
        body_id=body.pk,
    )
    return opened


def opened_at(day: date) -> datetime:
    """Now, or the start of ``day`` when a period is recorded as opened on another day."""
    now = clock.now()
    if clock.local_day(now) == day:
        return now
    return timezone.make_aware(datetime.combine(day, time(9)))


def _locked_schedule(schedule_id: int, version: int) -> Schedule:
    rows = Schedule.objects.select_related("period")
    return lock_in_open_period(rows, schedule_id, version, period="period_id")


@transaction.atomic
def do_plan_schedule_item(
    *, actor: Actor, item_id: int, planned: date, version: int
) -> ScheduleItem:
    """HR sets the date a step is planned for; never later than its legal deadline."""
    item = ScheduleItem.objects.select_related("schedule").get(pk=item_id)
    schedule = _locked_schedule(item.schedule_id, version)
    if schedule.state != ScheduleState.DRAFT:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            {"object": "schedule", "from": schedule.state, "to": "draft"},
        )
    if planned > item.due:
        rule = find_rule(registry().pack(schedule.period.pack_id), item.rule_id)
        raise DomainError(
            ErrorCode.PLANNED_AFTER_DEADLINE,
            {"planned": planned, "due": item.due},
            cite=rule.cite,
        )
    before = snapshot(item)
    item.planned = planned
    item.save(update_fields=["planned"])
    bump_version(schedule)  # the schedule's page shows the item: its version counts it
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item,
        before=before,
        after=snapshot(item),
        body_id=schedule.period.body_id,
    )
    return item


@transaction.atomic
def do_move_schedule(*, actor: Actor, schedule_id: int, to_state: str, version: int) -> Schedule:
    """R-SCHEDULE (004 p10): HR submits; the appointing official approves or sends back."""
    schedule = _locked_schedule(schedule_id, version)
    transition(WorkflowKind.SCHEDULE, schedule.state, to_state)
    before = snapshot(schedule)
    schedule.state = to_state
    if to_state == ScheduleState.APPROVED:
        schedule.approved_by = user_of(actor)
        schedule.approved_at = clock.now()
    save_changed(schedule, actor=actor, before=before, body_id=schedule.period.body_id)
    return schedule
