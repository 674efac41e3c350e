"""Pages of KPI plans and sheets (R-KPI-PLAN, R-KPI-SCORE; Atyrau 001 ch. 6).

Each view parses the request, asks ``bagalau.access`` (nothing else
decides access), calls one service, and renders. A refused save shows the translated
reason with its citation and keeps what the user typed on the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.access import Action, can, require
from bagalau.core import clock
from bagalau.core.labels import cite_text, code_label, name_lang
from bagalau.core.messages import error_message
from bagalau.cycles import selectors_kpi as reads
from bagalau.cycles import services_kpi as plans
from bagalau.cycles import services_kpi_sheet as sheets
from bagalau.cycles.forms_kpi import (
    ActualsForm,
    ChangeForm,
    KpiRowFormSet,
    ReviewForm,
    ScoresForm,
    VersionForm,
    typed_rows,
)
from bagalau.cycles.models import KpiPlan, Participation, PlanKind, PlanState
from bagalau.cycles.selectors_results import band_names, cite_from
from bagalau.domain.calendar import format_date
from bagalau.domain.deadlines import Deadline
from bagalau.domain.errors import DomainError, ErrorCode

PLAN_ACTIONS = {
    "agree": Action.AGREE_KPI_PLAN,
    "approve": Action.APPROVE_KPI_PLAN,
    "place": Action.AGREE_KPI_PLAN,  # HR agrees and places (004 p22)
}


def _ui_lang() -> str:
    return (translation.get_language() or "ru")[:2]


def _participation(request: HttpRequest, pk: int, action: Action) -> Participation:
    try:
        part = reads.participation(pk)
    except Participation.DoesNotExist:
        raise Http404(pk) from None
    require(request.user, action, part)
    return part


def _kind(part: Participation) -> PlanKind:
    try:
        return reads.kpi_kind(part)
    except DomainError:
        raise Http404(part.pk) from None


def _own_plan(part: Participation, plan_id: int) -> None:
    """The plan named in the address must be this person's current one: permission was
    checked on the participation, so no other person's plan may be acted on through it."""
    plan = reads.current_plan(part, _kind(part))
    if plan is None or plan.pk != plan_id:
        raise Http404(plan_id)


def _status(err: DomainError) -> int:
    return 409 if err.code is ErrorCode.STALE_VERSION else 400


def _rows_initial(plan: KpiPlan | None, count: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if plan is not None:
        for item in plan.items.order_by("order"):
            rows.append(
                {
                    "name": item.name,
                    "source": item.source,
                    "unit": item.unit,
                    "planned_value": item.planned_value,
                    "due": item.due,
                    "key_result": item.key_result,
                }
            )
    return rows + [{}] * max(0, count - len(rows))


def _context(request: HttpRequest, part: Participation) -> dict[str, Any]:
    kind = _kind(part)
    rules = reads.plan_rules(reads.pack_of(part), kind)
    user = request.user
    return {
        "part": part,
        "kind": kind,
        "method": code_label(kind.value),
        "rules": rules,
        "lang": _ui_lang(),
        "person": part.employee.full_name(name_lang()),
        "evaluator": part.evaluator.full_name(name_lang()) if part.evaluator else "",
        "can": {
            "draft": can(user, Action.DRAFT_KPI_PLAN, part),
            "agree": can(user, Action.AGREE_KPI_PLAN, part),
            "approve": can(user, Action.APPROVE_KPI_PLAN, part),
            "actuals": can(user, Action.ENTER_KPI_ACTUALS, part),
            "score": can(user, Action.SCORE_KPI, part),
            "review": can(user, Action.REVIEW_KPI_SHEET, part),
        },
    }


# -- the plan -----------------------------------------------------------------------


def _plan_page(
    request: HttpRequest,
    part: Participation,
    *,
    formset: Any = None,
    change: ChangeForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = _context(request, part)
    plan = reads.current_plan(part, context["kind"])
    rules = context["rules"]
    editable = plan is None or plan.state == PlanState.DRAFT
    changeable = plan is not None and plan.state in (PlanState.APPROVED, PlanState.PLACED)
    if formset is None and (editable or changeable):
        formset = KpiRowFormSet(initial=_rows_initial(plan, rules.count_max))
    if change is None and changeable and plan is not None:
        change = ChangeForm(
            initial={"version": plan.version}, grounds=rules.change_grounds, lang=_ui_lang()
        )
    lang = _ui_lang()
    codes = [f.code for f in rules.fields if f.code in reads.PLAN_FIELDS]
    context |= {
        "plan": plan,
        "columns": [f.name.get(lang) for f in rules.fields if f.code in reads.PLAN_FIELDS],
        "form_rows": [[form[c] for c in codes] for form in formset.forms] if formset else [],
        "item_rows": [_shown(i, codes) for i in plan.items.order_by("order")] if plan else [],
        "ground_name": _ground_name(rules.change_grounds, plan, lang),
        "history": list(reads.plans_of(part, context["kind"]).exclude(pk=getattr(plan, "pk", 0))),
        "editable": editable,
        "changeable": changeable,
        "formset": formset,
        "change": change,
        "version": plan.version if plan else 0,
        "error": error,
    }
    return render(request, "cycles/kpi_plan.html", context, status=status)


def _shown(item: Any, codes: list[str]) -> list[str]:
    """A KPI of the plan as the page shows it (dates as dd.mm.yyyy)."""
    fields = reads.item_fields(item) | {"due": format_date(item.due) if item.due else ""}
    return [fields[c] for c in codes]


def _ground_name(grounds: Any, plan: KpiPlan | None, lang: str) -> str:
    code = plan.change_ground if plan else ""
    return next((g.name.get(lang) for g in grounds if g.code == code), code)


@login_required
@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, _participation(request, pk, Action.VIEW_KPI))


@login_required
@require_POST
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator saves the draft; the domain checks the count and every field."""
    part = _participation(request, pk, Action.DRAFT_KPI_PLAN)
    formset = KpiRowFormSet(request.POST)
    version = VersionForm(request.POST)
    if not (formset.is_valid() and version.is_valid()):
        return _plan_page(request, part, formset=formset, status=400)
    try:
        plans.do_draft_kpi_plan(
            actor=request.user,
            participation_id=part.pk,
            rows=typed_rows(formset),
            version=version.cleaned_data["version"],
        )
    except DomainError as err:
        return _plan_page(
            request, part, formset=formset, error=error_message(err), status=_status(err)
        )
    messages.success(request, _("The KPI plan is saved as a draft."))
    return redirect("cycles:kpi_plan", pk=part.pk)


@login_required
@require_POST
def plan_step(request: HttpRequest, pk: int, plan_id: int, step: str) -> HttpResponse:
    """HR agrees or places, the superior manager (or the first head) approves."""
    if step not in PLAN_ACTIONS:
        raise Http404(step)
    part = _participation(request, pk, PLAN_ACTIONS[step])
    _own_plan(part, plan_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, part, status=400)
    version = form.cleaned_data["version"]
    try:
        if step == "agree":
            plans.do_agree_kpi_plan(actor=request.user, plan_id=plan_id, version=version)
        elif step == "approve":
            plans.do_approve_kpi_plan(actor=request.user, plan_id=plan_id, version=version)
        else:
            plans.do_place_kpi_plan(
                actor=request.user, plan_id=plan_id, version=version, today=clock.today()
            )
    except DomainError as err:
        return _plan_page(request, part, error=error_message(err), status=_status(err))
    messages.success(request, _("The KPI plan is updated."))
    return redirect("cycles:kpi_plan", pk=part.pk)


@login_required
@require_POST
def plan_change(request: HttpRequest, pk: int, plan_id: int) -> HttpResponse:
    """R-KPI-CHANGE (004 p25): a new revision of an approved plan, with its ground."""
    part = _participation(request, pk, Action.DRAFT_KPI_PLAN)
    _own_plan(part, plan_id)
    rules = reads.plan_rules(reads.pack_of(part), _kind(part))
    formset = KpiRowFormSet(request.POST)
    change = ChangeForm(request.POST, grounds=rules.change_grounds, lang=_ui_lang())
    if not (formset.is_valid() and change.is_valid()):
        return _plan_page(request, part, formset=formset, change=change, status=400)
    data = change.cleaned_data
    try:
        plans.do_change_kpi_plan(
            actor=request.user,
            plan_id=plan_id,
            version=data["version"],
            rows=typed_rows(formset),
            ground=data["ground"],
            reason=data["reason"],
            affects_kpis=data["affects_kpis"],
        )
    except DomainError as err:
        error = error_message(err)
        return _plan_page(
            request, part, formset=formset, change=change, error=error, status=_status(err)
        )
    messages.success(request, _("A new version of the KPI plan is drafted."))
    return redirect("cycles:kpi_plan", pk=part.pk)


# -- the sheet ----------------------------------------------------------------------


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
    context = _context(request, part)
    sheet = reads.sheet_of(part)
    plan = reads.current_plan(part, context["kind"])
    lines = list(sheet.lines.select_related("item").order_by("item__order")) if sheet else []
    counted = context["kind"] == PlanKind.COUNT_KPI
    result = reads.result_of(part, context["kind"])
    editable = sheet is not None and sheet.state in ("draft", "returned")
    if sheet is not None and editable:
        initial = {"version": sheet.version}
        actuals = actuals or ActualsForm(initial=initial, lines=lines)
        scores = scores or ScoresForm(initial=initial, lines=lines, counted=counted)
    if sheet is not None and sheet.state == "submitted":
        review = review or ReviewForm(
            initial={"version": sheet.version},
            reasons=context["rules"].return_reasons,
            lang=_ui_lang(),
        )
    context |= {
        "sheet": sheet,
        "resubmit_by": _deadline_view(reads.resubmit_deadline(part, sheet)),
        "plan": plan,
        "can_open": plan is not None and plan.state == PlanState.PLACED,
        "rows": [
            {
                "line": line,
                "planned": reads.plain_number(line.item.planned_value),
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
        "error": error,
    }
    return render(request, "cycles/kpi_sheet.html", context, status=status)


@login_required
@require_GET
def sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _sheet_page(request, _participation(request, pk, Action.VIEW_KPI))


@login_required
@require_POST
def sheet_open(request: HttpRequest, pk: int) -> HttpResponse:
    part = _participation(request, pk, Action.ENTER_KPI_ACTUALS)
    try:
        sheets.do_open_kpi_sheet(actor=request.user, participation_id=part.pk)
    except DomainError as err:
        return _sheet_page(request, part, error=error_message(err), status=_status(err))
    return redirect("cycles:kpi_sheet", pk=part.pk)


def _lines_of(part: Participation) -> list[Any]:
    sheet = reads.sheet_of(part)
    if sheet is None:
        raise Http404(part.pk)
    return list(sheet.lines.select_related("item").order_by("item__order"))


@login_required
@require_POST
def sheet_actuals(request: HttpRequest, pk: int) -> HttpResponse:
    """HR enters the pre-calculated actual values (R-KPI-PLAN, 004 p22)."""
    part = _participation(request, pk, Action.ENTER_KPI_ACTUALS)
    sheet = reads.sheet_of(part)
    form = ActualsForm(request.POST, lines=_lines_of(part))
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, actuals=form, status=400)
    try:
        sheets.do_enter_kpi_actuals(
            actor=request.user,
            sheet_id=sheet.pk,
            version=form.cleaned_data["version"],
            actuals=form.actuals(),
            today=clock.today(),
        )
    except DomainError as err:
        return _sheet_page(
            request, part, actuals=form, error=error_message(err), status=_status(err)
        )
    messages.success(request, _("The actual values are saved."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_scores(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator saves the scores (R-KPI-SCORE, 004 p27); each is checked at once."""
    part = _participation(request, pk, Action.SCORE_KPI)
    sheet = reads.sheet_of(part)
    counted = _kind(part) == PlanKind.COUNT_KPI
    form = ScoresForm(request.POST, lines=_lines_of(part), counted=counted)
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, scores=form, status=400)
    version = form.cleaned_data["version"]
    marks: dict[str, Any] = {"achieved": form.achieved()} if counted else {"scores": form.marks()}
    try:
        sheets.do_score_kpi_sheet(actor=request.user, sheet_id=sheet.pk, version=version, **marks)
    except DomainError as err:
        return _sheet_page(
            request, part, scores=form, error=error_message(err), status=_status(err)
        )
    messages.success(request, _("The scores are saved."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The superior manager agrees the sheet or returns it with a reason (001 p52-53)."""
    part = _participation(request, pk, Action.REVIEW_KPI_SHEET)
    sheet = reads.sheet_of(part)
    rules = reads.plan_rules(reads.pack_of(part), _kind(part))
    form = ReviewForm(request.POST, reasons=rules.return_reasons, lang=_ui_lang())
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, review=form, status=400)
    data = form.cleaned_data
    try:
        sheets.do_review_kpi_sheet(
            actor=request.user,
            sheet_id=sheet.pk,
            version=data["version"],
            agree=data["agree"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
        )
    except DomainError as err:
        return _sheet_page(
            request, part, review=form, error=error_message(err), status=_status(err)
        )
    messages.success(request, _("The sheet is reviewed."))
    return redirect("cycles:kpi_sheet", pk=part.pk)


@login_required
@require_POST
def sheet_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator submits the scored sheet; the domain computes the result."""
    part = _participation(request, pk, Action.SCORE_KPI)
    sheet = reads.sheet_of(part)
    form = VersionForm(request.POST)
    if sheet is None or not form.is_valid():
        return _sheet_page(request, part, status=400)
    try:
        sheets.do_submit_kpi_sheet(
            actor=request.user, sheet_id=sheet.pk, version=form.cleaned_data["version"]
        )
    except DomainError as err:
        return _sheet_page(request, part, error=error_message(err), status=_status(err))
    messages.success(request, _("The sheet is submitted to the superior manager."))
    return redirect("cycles:kpi_sheet", pk=part.pk)
