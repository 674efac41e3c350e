"""The individual work plan with KPIs: drafted, agreed, approved, placed, changed.

R-KPI-PLAN (004 p22), R-KPI-COUNT (004 p23), R-KPI-SMART (004 p24), R-KPI-CHANGE
(004 p25); Atyrau 001 p2(13), p44-47. One function per user action: keyword-only,
atomic, version-checked (a stale save is refused), audited. The domain decides every
rule; a refused plan saves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.core.locking import check_version, lock_for_change
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.editing import lock_in_open_period, lock_open_period, save_changed
from bagalau.cycles.events import announce_hand_over
from bagalau.cycles.kpi import selectors as kpi_reads
from bagalau.cycles.models import (
    KpiItem,
    KpiPlan,
    Participation,
    PeriodStatus,
    PlanKind,
    PlanState,
    SheetState,
)
from bagalau.domain.deadlines import check_not_late
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi import PlanCheck, check_count_plan, check_plan, check_quarter_values
from bagalau.domain.kpi_values import check_kpi_value
from bagalau.domain.methodology import Pack
from bagalau.domain.workflow import WorkflowKind, revise_plan, transition


@dataclass(frozen=True)
class KpiRow:
    """One KPI as typed on the plan form (Typical app. 1; Atyrau app. 9)."""

    name: str = ""
    source: str = ""
    unit: str = ""
    planned_value: Decimal | None = None
    due: date | None = None
    key_result: str = ""
    # A year's plan may set each quarter's planned value (1st to 4th); None: the year's.
    by_quarter: tuple[Decimal | None, ...] = (None, None, None, None)

    def fields(self) -> dict[str, str]:
        return {
            "name": self.name,
            "source": self.source,
            "unit": self.unit,
            "planned_value": "" if self.planned_value is None else str(self.planned_value),
            "due": self.due.isoformat() if self.due else "",
            "key_result": self.key_result,
        }


def check_deadline(
    part: Participation, pack: Pack, rule_id: str, today: date, events: Mapping[str, date]
) -> None:
    """Refuse an act after its deadline where the pack sets one (R-KPI-PLAN, 004 p22)."""
    found = kpi_reads.deadline_of(part, pack, rule_id, events)
    if found is not None:
        check_not_late(found, today)


def check_rows(pack: Pack, kind: str, rows: Sequence[KpiRow]) -> PlanCheck:
    """R-KPI-COUNT and R-KPI-PLAN (004 p22-23), or Atyrau's five (001 p47); each
    planned value as its unit allows (R-KPI-SMART, 004 p24)."""
    smart = pack.rules.kpi.smart_criteria.cite if pack.rules.kpi else None
    for row in rows:
        for value in (row.planned_value, *row.by_quarter):
            if value is not None:
                check_kpi_value(value, row.unit, smart)
    if any(v is not None for r in rows for v in r.by_quarter):
        check_quarter_values(pack.rules.kpi if kind == PlanKind.KPI else None)
    fields = [r.fields() for r in rows]
    if kind == PlanKind.COUNT_KPI:
        if pack.rules.count_kpi is None:
            raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "count_kpi", "pack": pack.id})
        return check_count_plan(fields, pack.rules.count_kpi)
    if pack.rules.kpi is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "kpi", "pack": pack.id})
    return check_plan(fields, pack.rules.kpi)


def _plan_snapshot(plan: KpiPlan) -> dict[str, Any]:
    items = [kpi_reads.item_fields(i) for i in plan.items.order_by("order")]
    return snapshot(plan) | {"items": items}


def _write_items(plan: KpiPlan, rows: Sequence[KpiRow]) -> None:
    plan.items.all().delete()
    KpiItem.objects.bulk_create(
        KpiItem(
            plan=plan,
            order=n,
            name=r.name.strip(),
            source=r.source.strip(),
            unit=r.unit.strip(),
            planned_value=r.planned_value,
            due=r.due,
            key_result=r.key_result.strip(),
            planned_q1=_quarter(r, 1),
            planned_q2=_quarter(r, 2),
            planned_q3=_quarter(r, 3),
            planned_q4=_quarter(r, 4),
        )
        for n, r in enumerate(rows, start=1)
    )


def _quarter(row: KpiRow, quarter: int) -> Decimal | None:
    return row.by_quarter[quarter - 1] if len(row.by_quarter) >= quarter else None


def locked_participation(participation_id: int) -> Participation:
    """The participation, locked in its open period: plans and sheets are created once."""
    rows = Participation.objects.select_related("period", "employee")
    return lock_in_open_period(rows, participation_id, None, period="period_id")


@transaction.atomic
def do_draft_kpi_plan(
    *, actor: Actor, participation_id: int, rows: Sequence[KpiRow], version: int
) -> KpiPlan:
    """The evaluator drafts the plan, or saves the draft again (``version`` 0: a new plan).

    The count and the fields are checked by the domain before anything is written.
    """
    part = locked_participation(participation_id)
    kind = kpi_reads.kpi_kind(part)
    pack = kpi_reads.pack_of(part)
    plan = kpi_reads.current_plan(part, kind)
    check_version(plan, version, what=None if plan else str(part))
    check_rows(pack, kind, rows)
    if plan is None:
        plan = _new_plan(actor, part, kind, revision=1)
        _write_items(plan, rows)
        record_change(
            actor=actor,
            action=AuditAction.CREATE,
            obj=plan,
            after=_plan_snapshot(plan),
            body_id=plan.body_id,
        )
        _hand_over(actor, part, f"plan{plan.pk}-draft")
        return plan
    if plan.state != PlanState.DRAFT:
        transition(WorkflowKind.KPI_PLAN, plan.state, PlanState.DRAFT)
    before = _plan_snapshot(plan)
    _write_items(plan, rows)
    save_changed(
        plan, actor=actor, before=before, body_id=plan.body_id, after=_plan_snapshot, fields=[]
    )
    return plan


def _new_plan(actor: Actor, part: Participation, kind: str, *, revision: int) -> KpiPlan:
    return KpiPlan.objects.create(
        employee_id=part.employee_id,
        body_id=part.period.body_id,
        year=part.period.year,
        quarter=kpi_reads.plan_span(part).quarter,
        kind=kind,
        evaluator_id=part.evaluator_id,
        revision=revision,
        created_by=user_of(actor),
    )


def plan_participation(plan: KpiPlan, participation_id: int | None = None) -> Participation:
    """The participation a step on ``plan`` is taken in.

    A quarter's plan (and a chapter 6 year's plan) has one. A year's plan is acted on
    from one of the year's quarters: the one the page or request names, else the
    earliest open quarter in which the person has KPIs.
    """
    rows = Participation.objects.select_related("period", "employee").filter(
        period__body_id=plan.body_id, period__year=plan.year, employee_id=plan.employee_id
    )
    if participation_id is not None:
        return rows.get(pk=participation_id)
    if plan.quarter or plan.kind != PlanKind.KPI:
        return rows.get(period__quarter=plan.quarter)
    quarters = list(rows.filter(period__quarter__gt=0).order_by("period__quarter"))
    with_kpi = [p for p in quarters if plan.kind in p.methods] or quarters
    open_ones = [p for p in with_kpi if p.period.status == PeriodStatus.OPEN]
    if not (open_ones or with_kpi):
        raise Participation.DoesNotExist(str(plan))
    return (open_ones or with_kpi)[0]


def _locked_plan(
    plan_id: int, version: int, participation_id: int | None = None
) -> tuple[KpiPlan, Participation]:
    # A plan names its period by body, year and quarter: found through the participation.
    part = plan_participation(KpiPlan.objects.get(pk=plan_id), participation_id)
    lock_open_period(part.period_id)
    return lock_for_change(KpiPlan, plan_id, version), part


def _move_plan(
    actor: Actor, plan: KpiPlan, to_state: str, stamps: Mapping[str, Any], part: Participation
) -> KpiPlan:
    step = transition(WorkflowKind.KPI_PLAN, plan.state, to_state)
    before = snapshot(plan)
    plan.state = to_state
    for name, value in stamps.items():
        setattr(plan, name, value)
    save_changed(plan, actor=actor, before=before, body_id=plan.body_id, note=step.cite.label())
    _hand_over(actor, part, f"plan{plan.pk}-{to_state}")
    return plan


def _hand_over(actor: Actor, part: Participation, occasion: str) -> None:
    announce_hand_over(
        period_id=part.period_id, participation_ids=[part.pk], occasion=occasion, actor=actor
    )


@transaction.atomic
def do_agree_kpi_plan(
    *, actor: Actor, plan_id: int, version: int, participation_id: int | None = None
) -> KpiPlan:
    """R-KPI-PLAN (004 p22): KPIs are set "уәкілетті тұлғамен келісім бойынша"."""
    plan, part = _locked_plan(plan_id, version, participation_id)
    # The plan is checked again: the pack may have been corrected since the draft.
    check_rows(kpi_reads.pack_of(part), plan.kind, _rows_of(plan))
    now = clock.now()
    return _move_plan(
        actor, plan, PlanState.AGREED, {"agreed_by": user_of(actor), "agreed_at": now}, part
    )


@transaction.atomic
def do_approve_kpi_plan(
    *, actor: Actor, plan_id: int, version: int, participation_id: int | None = None
) -> KpiPlan:
    """001 p2(13), p44-45: the superior manager (or the first head) approves the plan."""
    plan, part = _locked_plan(plan_id, version, participation_id)
    stamps = {"approved_by": user_of(actor), "approved_at": clock.now()}
    return _move_plan(actor, plan, PlanState.APPROVED, stamps, part)


@transaction.atomic
def do_place_kpi_plan(
    *,
    actor: Actor,
    plan_id: int,
    version: int,
    today: date,
    participation_id: int | None = None,
) -> KpiPlan:
    """R-KPI-PLAN (004 p22): HR places the plan in the system within 5 working days of
    its approval ("НМИ белгіленген (бекітілген) күннен бастап бес жұмыс күні ішінде")."""
    plan, part = _locked_plan(plan_id, version, participation_id)
    if plan.approved_at is not None:
        approved = clock.local_day(plan.approved_at)
        events = {"kpi_set": approved}
        check_deadline(part, kpi_reads.pack_of(part), "kpi_plan_placed", today, events)
    return _move_plan(actor, plan, PlanState.PLACED, {"placed_at": clock.now()}, part)


def _rows_of(plan: KpiPlan) -> list[KpiRow]:
    return [
        KpiRow(
            i.name,
            i.source,
            i.unit,
            i.planned_value,
            i.due,
            i.key_result,
            (i.planned_q1, i.planned_q2, i.planned_q3, i.planned_q4),
        )
        for i in plan.items.order_by("order")
    ]


@transaction.atomic
def do_change_kpi_plan(
    *,
    actor: Actor,
    plan_id: int,
    version: int,
    rows: Sequence[KpiRow],
    ground: str,
    reason: str,
    affects_kpis: bool,
    participation_id: int | None = None,
) -> KpiPlan:
    """R-KPI-CHANGE (004 p25): an approved plan changes only when the body's functions or
    structure change in a way that affects the KPIs. The approved version is kept as
    superseded; the new revision starts as a draft and goes through agreement again.
    """
    plan, part = _locked_plan(plan_id, version, participation_id)
    pack = kpi_reads.pack_of(part)
    if pack.rules.kpi is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "kpi", "pack": pack.id})
    grounds = [ground] if ground else []
    revise_plan(plan.state, grounds, pack.rules.kpi, affects_kpis=affects_kpis)
    # A quarter scored on the plan keeps the revision it was scored on; one still being
    # scored must finish on it first.
    busy = plan.sheets.exclude(state=SheetState.APPROVED).select_related("participation__period")
    if sheet := busy.first():
        raise DomainError(ErrorCode.KPI_PLAN_IN_USE, {"period": sheet.participation.period.code})
    check_rows(pack, plan.kind, rows)
    _move_plan(actor, plan, PlanState.SUPERSEDED, {}, part)
    new = _new_plan(actor, part, plan.kind, revision=plan.revision + 1)
    new.supersedes = plan
    new.change_ground = ground
    new.change_reason = reason.strip()
    new.save(update_fields=["supersedes", "change_ground", "change_reason"])
    _write_items(new, rows)
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=new,
        after=_plan_snapshot(new),
        body_id=new.body_id,
        note=f"{ground}: {reason}",
    )
    return new
