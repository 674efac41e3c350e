"""Reads for KPI plans and sheets (R-KPI-PLAN, R-KPI-SCORE; Atyrau 001 ch. 6).

A plan belongs to one person, one period and one kind (``kpi`` or ``count_kpi``); its
revisions are kept, the current one is the newest that is not superseded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from bagalau.core import clock
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.cycles.models import (
    KpiItem,
    KpiPlan,
    KpiSheet,
    Participation,
    PlanKind,
    PlanState,
    Result,
    SheetState,
)
from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import Deadline, cycle_deadlines
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi import KpiFields
from bagalau.domain.methodology import Labelled, Method, Pack
from bagalau.domain.plan_period import plan_period, planned_for
from bagalau.packs import registry

# The plan form's fields (Typical app. 1; Atyrau app. 9), as the packs name them.
PLAN_FIELDS = ("name", "source", "unit", "planned_value", "due", "key_result")


def participation(participation_id: int) -> Participation:
    """One participation with what the KPI pages show (raises DoesNotExist)."""
    return Participation.objects.select_related(
        "period", "period__body", "employee", "position", "evaluator"
    ).get(pk=participation_id)


def period_of(part: Participation) -> Period:
    return Period(part.period.year, part.period.quarter)


def deadline_of(
    part: Participation, pack: Pack, rule_id: str, events: Mapping[str, date]
) -> Deadline | None:
    """One deadline of the person's cycle, or None where the pack sets none.

    Only the deadlines of the person's own methods count (a chapter 6 plan's included,
    though that chapter no longer acts at the period's end).
    """
    opened = {"evaluation_opened": clock.local_day(part.period.opened_at)}
    methods = frozenset(Method(m) for m in part.methods)
    deadlines = cycle_deadlines(
        pack, period_of(part), kazakhstan_calendar(), opened | dict(events), methods
    )
    return next((d for d in deadlines if d.id == rule_id), None)


def resubmit_deadline(part: Participation, sheet: KpiSheet | None) -> Deadline | None:
    """When a returned sheet must be back with the superior manager (Atyrau 001 p54)."""
    if sheet is None or sheet.state != SheetState.RETURNED or sheet.returned_at is None:
        return None
    returned = {"sheet_returned": clock.local_day(sheet.returned_at)}
    return deadline_of(part, pack_of(part), "count_kpi_resubmit", returned)


def pack_of(part: Participation) -> Pack:
    """The methodology version fixed on the period when it was opened."""
    return registry().pack(part.period.pack_id)


def kpi_kind(part: Participation) -> PlanKind:
    """Which KPI variant the period's decision gave the person, or KPI_METHOD_NOT_APPLIED."""
    if PlanKind.COUNT_KPI.value in part.methods:
        return PlanKind.COUNT_KPI
    if PlanKind.KPI.value in part.methods:
        return PlanKind.KPI
    raise DomainError(
        ErrorCode.KPI_METHOD_NOT_APPLIED,
        {"employee": part.employee.full_name("ru"), "period": part.period.code},
    )


def plan_span(part: Participation) -> Period:
    """The period the person's plan covers: the year of a quarter where the pack draws
    plans up for the year (R-KPI-PLAN, 004 p22-23; docs/adr/0010)."""
    return plan_period(period_of(part), pack_of(part).rules.kpi)


def plans_of(part: Participation, kind: PlanKind) -> QuerySet[KpiPlan]:
    """Every revision of the person's plan for the plan period, newest first."""
    return KpiPlan.objects.filter(
        employee_id=part.employee_id,
        year=part.period.year,
        quarter=plan_span(part).quarter,
        kind=kind,
    ).order_by("-revision")


def planned_in(item: KpiItem, part: Participation) -> Decimal | None:
    """The planned value the person's period is measured against (a quarter's own, if
    the year's plan sets one)."""
    return planned_for(item.planned_value, item.planned_by_quarter, period_of(part))


def current_plan(part: Participation, kind: PlanKind) -> KpiPlan | None:
    return plans_of(part, kind).exclude(state=PlanState.SUPERSEDED).first()


def plan_fields(items: list[KpiItem]) -> list[KpiFields]:
    """The plan's KPIs as the domain reads them: field code -> text entered."""
    return [item_fields(i) for i in items]


def item_fields(item: KpiItem) -> dict[str, str]:
    return {
        "name": item.name,
        "source": item.source,
        "unit": item.unit,
        "planned_value": plain_number(item.planned_value),
        "due": item.due.isoformat() if item.due else "",
        "key_result": item.key_result,
    } | {
        f"planned_q{q}": plain_number(value)
        for q, value in item.planned_by_quarter.items()
        if value is not None
    }


def plain_number(value: Decimal | None) -> str:
    """100.0000 -> "100", 2.5000 -> "2.5": the value as typed, without padding zeros."""
    return "" if value is None else f"{value.normalize():f}"


def sheet_of(part: Participation) -> KpiSheet | None:
    return KpiSheet.objects.filter(participation=part).select_related("plan").first()


@dataclass(frozen=True)
class PlanRules:
    """The pack's plan form and its flags, for the pages."""

    fields: tuple[Labelled, ...]
    count_min: int
    count_max: int
    change_grounds: tuple[Labelled, ...]
    return_reasons: tuple[Labelled, ...]
    table_unverified: bool
    fields_unverified: bool


def plan_rules(pack: Pack, kind: PlanKind) -> PlanRules:
    kpi, count = pack.rules.kpi, pack.rules.count_kpi
    grounds = kpi.change_grounds.value if kpi else ()
    table_unverified = (
        kpi is None or kpi.achievement_table.unverified or not (kpi.achievement_table.value)
    )
    if kind == PlanKind.COUNT_KPI:
        if count is None:
            raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "count_kpi", "pack": pack.id})
        return PlanRules(
            count.plan_fields.value,
            count.count.value,
            count.count.value,
            grounds,
            count.return_reasons.value,
            False,
            count.plan_fields.unverified,
        )
    if kpi is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "kpi", "pack": pack.id})
    return PlanRules(
        kpi.plan_fields.value,
        kpi.count_min.value,
        kpi.count_max.value,
        grounds,
        (),
        table_unverified,
        kpi.plan_fields.unverified,
    )


def result_of(part: Participation, kind: PlanKind) -> Result | None:
    return Result.objects.filter(participation=part, method=kind.value).first()
