"""The KPI evaluation sheet: HR's actuals, the evaluator's scores, the review, the result.

R-KPI-PLAN (004 p22: actuals pre-calculated by HR), R-KPI-SCORE (004 p27: 0-5 within
the table of admissible scores, app. 2-3); Atyrau 001 p49-54 (count achieved, agreed or
returned by the superior manager). The quarter's score is computed by
``bagalau.domain.kpi`` only and written to a ``Result`` that follows the sheet through
``domain.workflow``'s sheet transitions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.editing import lock_in_open_period, save_changed
from bagalau.cycles.events import announce_hand_over
from bagalau.cycles.kpi import selectors as kpi_reads
from bagalau.cycles.kpi.plan_services import check_deadline, locked_participation
from bagalau.cycles.models import (
    KpiSheet,
    KpiSheetLine,
    Participation,
    PlanKind,
    PlanState,
    Result,
    SheetState,
)
from bagalau.cycles.results.cites import cite_rows
from bagalau.domain.errors import DomainError, ErrorCode, raise_all
from bagalau.domain.kpi import (
    achievement_percent,
    check_kpi_score,
    check_return_reason,
    count_result,
    kpi_quarter_score,
)
from bagalau.domain.kpi_values import check_kpi_value
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Pack
from bagalau.domain.scoring import ScoreInput, band_for
from bagalau.domain.workflow import WorkflowKind, transition

_EDITABLE = (SheetState.DRAFT, SheetState.RETURNED)


@transaction.atomic
def do_open_kpi_sheet(*, actor: Actor, participation_id: int) -> KpiSheet:
    """HR opens the sheet (app. 2; 001 app. 10) on the placed plan: one line per KPI."""
    part = locked_participation(participation_id)
    kind = kpi_reads.kpi_kind(part)
    plan = kpi_reads.current_plan(part, kind)
    if plan is None or plan.state != PlanState.PLACED:
        raise DomainError(ErrorCode.KPI_PLAN_NOT_PLACED, {"period": part.period.code})
    existing = kpi_reads.sheet_of(part)
    if existing is not None:
        return existing
    sheet = KpiSheet.objects.create(participation=part, plan=plan)
    KpiSheetLine.objects.bulk_create(
        KpiSheetLine(sheet=sheet, item=item) for item in plan.items.order_by("order")
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=sheet,
        after=_sheet_snapshot(sheet),
        body_id=part.period.body_id,
    )
    _hand_over(actor, part, f"kpisheet{sheet.pk}-opened")
    return sheet


def _sheet_snapshot(sheet: KpiSheet) -> dict[str, Any]:
    lines = [snapshot(line, exclude=("sheet",)) for line in sheet.lines.order_by("item__order")]
    return snapshot(sheet, exclude=("scan",)) | {"lines": lines}


def _locked_sheet(
    sheet_id: int, version: int, states: tuple[str, ...]
) -> tuple[KpiSheet, Participation]:
    rows = KpiSheet.objects.select_related(
        "participation__period", "participation__employee", "plan"
    )
    sheet = lock_in_open_period(rows, sheet_id, version, period="participation__period_id")
    part = sheet.participation
    if sheet.state not in states:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            {"object": "kpi_sheet", "from": sheet.state, "to": sheet.state},
        )
    return sheet, part


def _lines(sheet: KpiSheet) -> list[KpiSheetLine]:
    return list(sheet.lines.select_related("item").order_by("item__order"))


def _save(actor: Actor, sheet: KpiSheet, before: dict[str, Any], note: str = "") -> None:
    body_id = sheet.participation.period.body_id
    save_changed(
        sheet, actor=actor, before=before, body_id=body_id, after=_sheet_snapshot, note=note
    )


def _hand_over(actor: Actor, part: Participation, occasion: str) -> None:
    announce_hand_over(
        period_id=part.period_id, participation_ids=[part.pk], occasion=occasion, actor=actor
    )


@transaction.atomic
def do_enter_kpi_actuals(
    *,
    actor: Actor,
    sheet_id: int,
    version: int,
    actuals: Mapping[int, Decimal | None],
    today: date,
) -> KpiSheet:
    """R-KPI-PLAN (004 p22): HR enters the pre-calculated actual values "бағалау
    мерзімінің соңғы күніне дейінгі бес жұмыс күннен кешіктірмей"; the % of achievement
    is the domain's."""
    sheet, part = _locked_sheet(sheet_id, version, _EDITABLE)
    pack = kpi_reads.pack_of(part)
    check_deadline(part, pack, "kpi_actuals", today, {})
    before = _sheet_snapshot(sheet)
    for line in _lines(sheet):
        if line.pk not in actuals:
            continue
        actual = actuals[line.pk]
        planned = kpi_reads.planned_in(line.item, part)
        if actual is not None:
            check_kpi_value(actual, line.item.unit)  # R-KPI-SMART (004 p24)
        line.actual_value = actual
        line.percent = (
            None if actual is None or planned is None else achievement_percent(actual, planned)
        )
        line.save(update_fields=["actual_value", "percent"])
    _save(actor, sheet, before)
    # Told once, when the step passes to the evaluator (every actual entered).
    _hand_over(actor, part, f"kpisheet{sheet.pk}-actuals")
    return sheet


@transaction.atomic
def do_score_kpi_sheet(
    *,
    actor: Actor,
    sheet_id: int,
    version: int,
    scores: Mapping[int, ScoreInput | None] | None = None,
    achieved: Mapping[int, bool | None] | None = None,
) -> KpiSheet:
    """The evaluator's marks: a 0-5 score admissible for each KPI's % of achievement
    (R-KPI-SCORE, 004 p27), or for the count-based variant whether each KPI was fully
    achieved (001 p49). A score the table does not allow is refused, nothing saved."""
    sheet, part = _locked_sheet(sheet_id, version, _EDITABLE)
    pack = kpi_reads.pack_of(part)
    before = _sheet_snapshot(sheet)
    lines = _lines(sheet)
    problems: list[DomainError] = []
    for number, line in enumerate(lines, start=1):
        if sheet.plan.kind == PlanKind.COUNT_KPI:
            if achieved is not None and line.pk in achieved:
                line.achieved = achieved[line.pk]
        elif scores is not None and line.pk in scores:
            try:
                line.score = _checked_score(scores[line.pk], line, number, pack)
            except DomainError as err:
                err.params.setdefault("line", line.pk)  # the page shows it at that KPI
                problems.append(err)
    raise_all(problems)  # every refused score at once; nothing is saved
    for line in lines:
        line.save(update_fields=["score", "achieved"])
    _save(actor, sheet, before)
    _write_result(actor, part, sheet, lines, pack, state=SheetState.DRAFT, draft_only=True)
    return sheet


def _checked_score(
    value: ScoreInput | None, line: KpiSheetLine, number: int, pack: Pack
) -> int | None:
    if value is None or value == "":
        return None
    if line.percent is None:
        raise DomainError(ErrorCode.KPI_ACTUAL_MISSING, {"kpi": number})
    if pack.rules.kpi is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "kpi", "pack": pack.id})
    return check_kpi_score(value, line.percent, pack.rules.kpi).score


@dataclass(frozen=True)
class Computed:
    """The sheet's result as the domain computed it, ready for a ``Result`` row."""

    method: str
    score: Decimal | None
    band: str
    inputs: dict[str, Any]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...]


def compute_sheet(sheet: KpiSheet, lines: list[KpiSheetLine], pack: Pack) -> Computed:
    """The quarter's KPI score (004 p27) or the count-based band (001 p49), by the domain."""
    part = sheet.participation
    rows = [_line_input(n, line, part) for n, line in enumerate(lines, start=1)]
    inputs: dict[str, Any] = {"plan": sheet.plan_id, "revision": sheet.plan.revision}
    inputs |= {"pack": pack.id, "lines": rows}
    if sheet.plan.kind == PlanKind.COUNT_KPI:
        rules, bands = pack.rules.count_kpi, pack.rules.bands
        if rules is None or bands is None:
            raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "count_kpi", "pack": pack.id})
        flags = [_require(line.achieved, n) for n, line in enumerate(lines, start=1)]
        counted = count_result(flags, rules, bands)
        inputs |= {"achieved": counted.achieved, "total": counted.total}
        return Computed(
            PlanKind.COUNT_KPI, None, counted.band.code, inputs, counted.cites, counted.unverified
        )
    kpi = pack.rules.kpi
    if kpi is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "kpi", "pack": pack.id})
    cites: list[Cite] = []
    unverified: list[str] = []
    for n, line in enumerate(lines, start=1):
        if line.percent is None:
            raise DomainError(ErrorCode.KPI_ACTUAL_MISSING, {"kpi": n})
        checked = check_kpi_score(_require(line.score, n), line.percent, kpi)
        cites += checked.cites
        unverified += checked.unverified
    quarter = kpi_quarter_score([line.score for line in lines if line.score is not None], kpi)
    cites += quarter.cites
    unverified += quarter.unverified
    band = ""
    if pack.rules.bands is not None:  # R-BANDS (004 p7): the KPI score has its band too
        banded = band_for(quarter.score, pack.rules.bands)
        band = banded.band.code
        cites += banded.cites
        unverified += banded.unverified
    return Computed(
        PlanKind.KPI, quarter.score, band, inputs, tuple(cites), tuple(dict.fromkeys(unverified))
    )


def _require(value: Any, number: int) -> Any:
    if value is None:
        raise DomainError(ErrorCode.KPI_SCORE_MISSING, {"kpi": number})
    return value


def _line_input(number: int, line: KpiSheetLine, part: Participation) -> dict[str, Any]:
    planned, actual = kpi_reads.planned_in(line.item, part), line.actual_value
    return {
        "kpi": number,
        "name": line.item.name,
        "planned": None if planned is None else str(planned),
        "actual": None if actual is None else str(actual),
        "percent": None if line.percent is None else str(line.percent),
        "score": line.score,
        "achieved": line.achieved,
    }


def _write_result(
    actor: Actor,
    part: Participation,
    sheet: KpiSheet,
    lines: list[KpiSheetLine],
    pack: Pack,
    *,
    state: str,
    draft_only: bool = False,
) -> Result | None:
    """Write the domain's result in ``state``; while scoring, only when the sheet is
    complete (an incomplete draft leaves no result)."""
    method = PlanKind.COUNT_KPI if sheet.plan.kind == PlanKind.COUNT_KPI else PlanKind.KPI
    try:
        computed = compute_sheet(sheet, lines, pack)
    except DomainError as err:
        if draft_only and err.code in (ErrorCode.KPI_SCORE_MISSING, ErrorCode.KPI_ACTUAL_MISSING):
            Result.objects.filter(
                participation=part, method=method, state=SheetState.DRAFT
            ).delete()
            return None
        raise
    result, created = Result.objects.select_for_update().get_or_create(
        participation=part, method=computed.method
    )
    if draft_only and not created and result.state != SheetState.DRAFT:
        return result
    before = None if created else snapshot(result)
    result.score = computed.score
    result.band = computed.band
    result.inputs = computed.inputs
    result.cites = cite_rows(computed.cites)
    result.unverified = list(computed.unverified)
    result.state = state
    result.computed_at = clock.now()
    if not created:
        save_changed(result, actor=actor, before=before, body_id=part.period.body_id)
        return result
    result.save()
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=result,
        after=snapshot(result),
        body_id=part.period.body_id,
    )
    return result


@transaction.atomic
def do_submit_kpi_sheet(
    *, actor: Actor, sheet_id: int, version: int, today: date | None = None
) -> KpiSheet:
    """The evaluator submits the complete sheet (001 p50, p54); the result is computed.

    A returned sheet goes back within the pack's resubmission deadline where it has one
    (Atyrau 001 p54: 2 working days); a late resubmission is refused with that deadline.
    """
    sheet, part = _locked_sheet(sheet_id, version, _EDITABLE)
    step = transition(WorkflowKind.SHEET, sheet.state, SheetState.SUBMITTED)
    pack = kpi_reads.pack_of(part)
    if sheet.state == SheetState.RETURNED and sheet.returned_at is not None:
        returned = {"sheet_returned": clock.local_day(sheet.returned_at)}
        acted_on = today or clock.today()
        check_deadline(part, pack, "count_kpi_resubmit", acted_on, returned)
    before = _sheet_snapshot(sheet)
    _write_result(actor, part, sheet, _lines(sheet), pack, state=SheetState.SUBMITTED)
    sheet.state = SheetState.SUBMITTED
    sheet.submitted_at = clock.now()
    _save(actor, sheet, before, note=step.cite.label())
    _hand_over(actor, part, f"kpisheet{sheet.pk}v{sheet.version}")
    return sheet


@transaction.atomic
def do_review_kpi_sheet(
    *,
    actor: Actor,
    sheet_id: int,
    version: int,
    agree: bool,
    reason_code: str = "",
    reason_text: str = "",
) -> KpiSheet:
    """The superior manager agrees the sheet (001 p52) or returns it for correction with
    a reason (001 p53); the result follows the sheet."""
    sheet, part = _locked_sheet(sheet_id, version, (SheetState.SUBMITTED,))
    pack = kpi_reads.pack_of(part)
    to_state = SheetState.APPROVED if agree else SheetState.RETURNED
    step = transition(WorkflowKind.SHEET, sheet.state, to_state)
    before = _sheet_snapshot(sheet)
    result = Result.objects.select_for_update().get(participation=part, method=sheet.plan.kind)
    result_before = snapshot(result)
    transition(WorkflowKind.SHEET, result.state, to_state)
    now = clock.now()
    if agree:
        sheet.approved_by = result.approved_by = user_of(actor)
        sheet.approved_at = result.approved_at = now
    else:
        count = pack.rules.count_kpi if sheet.plan.kind == PlanKind.COUNT_KPI else None
        listed = count.return_reasons if count is not None else None
        code, _cite = check_return_reason(reason_code, reason_text, listed)
        sheet.return_reason = f"{code}: {reason_text.strip()}" if code else reason_text.strip()
        sheet.returned_at = now
    sheet.state = to_state
    result.state = to_state
    save_changed(result, actor=actor, before=result_before, body_id=part.period.body_id)
    _save(actor, sheet, before, note=step.cite.label())
    _hand_over(actor, part, f"kpisheet{sheet.pk}v{sheet.version}")
    return sheet
