"""Pages of the KPI evaluation sheet (R-KPI-SCORE; Atyrau 001 ch. 6): HR's actuals, the
evaluator's scores, the superior manager's review. A refused save shows the translated
reason with its citation and keeps what the user typed on the page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.access import Action, can
from bagalau.audit.services import record_scores_view
from bagalau.core import clock
from bagalau.core.labels import cite_text
from bagalau.core.messages import error_message
from bagalau.core.outcomes import Refusal, attempt
from bagalau.core.rulelabels import rule_label
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.kpi import sheet_services as sheets
from bagalau.cycles.kpi.forms import (
    ActualsForm,
    ReviewForm,
    ScoresForm,
    VersionForm,
)
from bagalau.cycles.kpi.pages import kind_of, page_context, participation_for, ui_lang
from bagalau.cycles.models import Participation, PlanKind, PlanState
from bagalau.cycles.repeats import sheet_already_submitted
from bagalau.cycles.results.cites import cite_from
from bagalau.cycles.results.selectors import band_names
from bagalau.domain.deadlines import Deadline


def _deadline_view(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {"due": deadline.due, "cite": cite_text(deadline.cite)}


def _sheet_page(
    request: HttpRequest,
    part: Participation,
    *,
    actuals: ActualsForm | None = None,
    scores: ScoresForm | None = None,
    review: ReviewForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = page_context(request, part)
    sheet = reads.sheet_of(part)
    plan = reads.current_plan(part, context["kind"])
    lines = list(sheet.lines.select_related("item").order_by("item__order")) if sheet else []
    counted = context["kind"] == PlanKind.COUNT_KPI
    result = reads.result_of(part, context["kind"])
    editable = sheet is not None and sheet.state in ("draft", "returned")
    if sheet is not None:  # its values, percents and marks are confidential
        record_scores_view(
            actor=request.user, obj=sheet, body_id=part.period.body_id,
            shown=[part.pk], note="KPI sheet page",
        )  # fmt: skip
    if sheet is not None and editable:
        initial = {"version": sheet.version}
        actuals = actuals or ActualsForm(
            initial=initial, lines=lines, planned=_planned(part, lines)
        )
        scores = scores or ScoresForm(initial=initial, lines=lines, counted=counted)
    if sheet is not None and sheet.state == "submitted":
        review = review or ReviewForm(
            initial={"version": sheet.version},
            reasons=context["rules"].return_reasons,
            lang=ui_lang(),
        )
    context |= {
        "sheet": sheet,
        "resubmit_by": _deadline_view(reads.resubmit_deadline(part, sheet)),
        "plan": plan,
        "can_open": plan is not None and plan.state == PlanState.PLACED,
        "rows": [
            {
                "line": line,
                "planned": reads.plain_number(reads.planned_in(line.item, part)),
                "actual_value": reads.plain_number(line.actual_value),
                "actual": actuals[f"actual_{line.pk}"] if actuals else None,
                "mark": scores[f"mark_{line.pk}"] if scores else None,
            }
            for line in lines
        ],
        "counted": counted,
        "editable": editable,
        "actuals": actuals,
        "scores": scores,
        "review": review,
        "result": result,
        "band_names": band_names(reads.pack_of(part), result.band, result.method) if result else {},
        "can_result": result is not None and can(request.user, Action.VIEW_RESULT, part),
        "result_cites": [cite_text(cite_from(c)) for c in result.cites] if result else [],
        "result_unverified": [rule_label(str(u)) for u in result.unverified] if result else [],
        "error": error,
    }
    return render(request, "cycles/kpi_sheet.html", context, status=status)


@login_required
@require_GET
def sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _sheet_page(request, participation_for(request, pk, Action.VIEW_KPI))


@login_required
@require_POST
def sheet_open(request: HttpRequest, pk: int) -> HttpResponse:
    part = participation_for(request, pk, Action.ENTER_KPI_ACTUALS)
    done = attempt(sheets.do_open_kpi_sheet, actor=request.user, participation_id=part.pk)
    if isinstance(done, Refusal):
        return _sheet_page(request, part, error=done.message, status=done.status)
    return redirect("cycles:kpi_sheet", pk=part.pk)


def _planned(part: Participation, lines: list[Any]) -> dict[int, Decimal | None]:
    return {line.pk: reads.planned_in(line.item, part) for line in lines}


def _lines_of(part: Participation) -> list[Any]:
    sheet = reads.sheet_of(part)
    if sheet is None:
        raise Http404(part.pk)
    return list(sheet.lines.select_related("item").order_by("item__order"))


@login_required
@require_POST
def sheet_actuals(request: HttpRequest, pk: int) -> HttpResponse:
    """HR enters the pre-calculated actual values (R-KPI-PLAN, 004 p22)."""
    part = participation_for(request, pk, Action.ENTER_KPI_ACTUALS)
    sheet = reads.sheet_of(part)
    lines = _lines_of(part)
    form = ActualsForm(request.POST, lines=lines, planned=_planned(part, lines))
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, actuals=form, status=400)
    done = attempt(
        sheets.do_enter_kpi_actuals,
        actor=request.user,
        sheet_id=sheet.pk,
        version=form.cleaned_data["version"],
        actuals=form.actuals(),
        today=clock.today(),
    )
    if isinstance(done, Refusal):
        return _sheet_page(request, part, actuals=form, error=done.message, status=done.status)
    messages.success(request, _("The actual values are saved."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_scores(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator saves the scores (R-KPI-SCORE, 004 p27); each is checked at once."""
    part = participation_for(request, pk, Action.SCORE_KPI)
    sheet = reads.sheet_of(part)
    counted = kind_of(part) == PlanKind.COUNT_KPI
    form = ScoresForm(request.POST, lines=_lines_of(part), counted=counted)
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, scores=form, status=400)
    version = form.cleaned_data["version"]
    marks: dict[str, Any] = {"achieved": form.achieved()} if counted else {"scores": form.marks()}
    done = attempt(
        sheets.do_score_kpi_sheet, actor=request.user, sheet_id=sheet.pk, version=version, **marks
    )
    if isinstance(done, Refusal):
        at_fields = [e for e in done.errors if f"mark_{e.params.get('line')}" in form.fields]
        for err in at_fields:
            form.add_error(f"mark_{err.params['line']}", error_message(err))
        error = "" if len(at_fields) == len(done.errors) else done.message
        return _sheet_page(request, part, scores=form, error=error, status=done.status)
    messages.success(request, _("The scores are saved."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The superior manager agrees the sheet or returns it with a reason (001 p52-53)."""
    part = participation_for(request, pk, Action.REVIEW_KPI_SHEET)
    sheet = reads.sheet_of(part)
    rules = reads.plan_rules(reads.pack_of(part), kind_of(part))
    form = ReviewForm(request.POST, reasons=rules.return_reasons, lang=ui_lang())
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, review=form, status=400)
    data = form.cleaned_data
    done = attempt(
        sheets.do_review_kpi_sheet,
        actor=request.user,
        sheet_id=sheet.pk,
        version=data["version"],
        agree=data["agree"],
        reason_code=data["reason_code"],
        reason_text=data["reason_text"],
    )
    if isinstance(done, Refusal):
        return _sheet_page(request, part, review=form, error=done.message, status=done.status)
    messages.success(request, _("The sheet is reviewed."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator submits the scored sheet; the domain computes the result."""
    part = participation_for(request, pk, Action.SCORE_KPI)
    sheet = reads.sheet_of(part)
    form = VersionForm(request.POST)
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, status=400)
    if repeated := sheet_already_submitted(sheet):
        messages.info(request, repeated)
        return redirect("cycles:kpi_sheet", pk=part.pk)
    done = attempt(
        sheets.do_submit_kpi_sheet,
        actor=request.user,
        sheet_id=sheet.pk,
        version=form.cleaned_data["version"],
    )
    if isinstance(done, Refusal):
        return _sheet_page(request, part, error=done.message, status=done.status)
    messages.success(request, _("The sheet is submitted to the superior manager."))
    return redirect("cycles:kpi_sheet", pk=part.pk)
