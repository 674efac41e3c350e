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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.access import Action
from bagalau.core import clock
from bagalau.core.labels import cite_text
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.kpi import plan_services as plans
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.kpi.forms import (
    QUARTER_FIELDS,
    ChangeForm,
    KpiRowForm,
    KpiRowFormSet,
    VersionForm,
    typed_rows,
)
from bagalau.cycles.kpi.pages import kind_of, page_context, participation_for, ui_lang
from bagalau.cycles.models import KpiPlan, Participation, PlanKind, PlanState
from bagalau.cycles.repeats import plan_step_already_done
from bagalau.domain.calendar import format_date

PLAN_ACTIONS = {
    "agree": Action.AGREE_KPI_PLAN,
    "approve": Action.APPROVE_KPI_PLAN,
    "place": Action.AGREE_KPI_PLAN,  # HR agrees and places (004 p22)
}


def _own_plan(part: Participation, plan_id: int) -> None:
    """The plan named in the address must be this person's current one: permission was
    checked on the participation, so no other person's plan may be acted on through it."""
    plan = reads.current_plan(part, kind_of(part))
    if plan is None or plan.pk != plan_id:
        raise Http404(plan_id)


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
                | {f"planned_q{q}": v for q, v in item.planned_by_quarter.items()}
            )
    return rows + [{}] * max(0, count - len(rows))


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
    context = page_context(request, part)
    plan = reads.current_plan(part, context["kind"])
    rules = context["rules"]
    editable = plan is None or plan.state == PlanState.DRAFT
    changeable = plan is not None and plan.state in (PlanState.APPROVED, PlanState.PLACED)
    if formset is None and (editable or changeable):
        formset = KpiRowFormSet(initial=_rows_initial(plan, rules.count_max))
    if change is None and changeable and plan is not None:
        change = ChangeForm(
            initial={"version": plan.version}, grounds=rules.change_grounds, lang=ui_lang()
        )
    lang = ui_lang()
    codes = [f.code for f in rules.fields if f.code in reads.PLAN_FIELDS]
    columns = [f.name.get(lang) for f in rules.fields if f.code in reads.PLAN_FIELDS]
    span = reads.plan_span(part)
    yearly = context["kind"] == PlanKind.KPI and span.quarter == 0
    if yearly:  # a year's plan may set each quarter's planned value (ADR 0010)
        codes += list(QUARTER_FIELDS)
        columns += [str(KpiRowForm.base_fields[c].label) for c in QUARTER_FIELDS]
    kpi = reads.pack_of(part).rules.kpi
    items = list(plan.items.order_by("order")) if plan else []
    # The plan's table shows the quarters' columns only when the plan sets one.
    planned_by_quarter = any(v is not None for i in items for v in i.planned_by_quarter.values())
    shown = len(codes) - (len(QUARTER_FIELDS) if yearly and not planned_by_quarter else 0)
    context |= {
        "plan": plan,
        "plan_period": span.code,
        "yearly": yearly,
        "plan_period_cite": cite_text(kpi.plan_period.cite) if kpi and yearly else "",
        "columns": columns,
        "form_rows": [[form[c] for c in codes] for form in formset.forms] if formset else [],
        "shown_columns": columns[:shown],
        "item_rows": [_shown(i, codes[:shown]) for i in items],
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
    return [fields.get(c, "") for c in codes]


def _ground_name(grounds: Any, plan: KpiPlan | None, lang: str) -> str:
    code = plan.change_ground if plan else ""
    return next((g.name.get(lang) for g in grounds if g.code == code), code)


@login_required
@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, participation_for(request, pk, Action.VIEW_KPI))


@login_required
@require_POST
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator saves the draft; the domain checks the count and every field."""
    part = participation_for(request, pk, Action.DRAFT_KPI_PLAN)
    formset = KpiRowFormSet(request.POST)
    version = VersionForm(request.POST)
    if not (formset.is_valid() and version.is_valid()):
        return _plan_page(request, part, formset=formset, status=400)
    done = attempt(
        plans.do_draft_kpi_plan,
        actor=request.user,
        participation_id=part.pk,
        rows=typed_rows(formset),
        version=version.cleaned_data["version"],
    )
    if isinstance(done, Refusal):
        return _plan_page(request, part, formset=formset, error=done.message, status=done.status)
    messages.success(request, _("The KPI plan is saved as a draft."))
    return redirect("cycles:kpi_plan", pk=part.pk)


@login_required
@require_POST
def plan_step(request: HttpRequest, pk: int, plan_id: int, step: str) -> HttpResponse:
    """HR agrees or places, the superior manager (or the first head) approves."""
    if step not in PLAN_ACTIONS:
        raise Http404(step)
    part = participation_for(request, pk, PLAN_ACTIONS[step])
    _own_plan(part, plan_id)
    if repeated := plan_step_already_done(KpiPlan.objects.get(pk=plan_id), step):
        messages.info(request, repeated)
        return redirect("cycles:kpi_plan", pk=part.pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, part, status=400)
    version = form.cleaned_data["version"]

    def move() -> KpiPlan:
        ids = {"plan_id": plan_id, "version": version, "participation_id": part.pk}
        if step == "agree":
            return plans.do_agree_kpi_plan(actor=request.user, **ids)
        if step == "approve":
            return plans.do_approve_kpi_plan(actor=request.user, **ids)
        return plans.do_place_kpi_plan(actor=request.user, today=clock.today(), **ids)

    done = attempt(move)
    if isinstance(done, Refusal):
        return _plan_page(request, part, error=done.message, status=done.status)
    messages.success(request, _("The KPI plan is updated."))
    return redirect("cycles:kpi_plan", pk=part.pk)


@login_required
@require_POST
def plan_change(request: HttpRequest, pk: int, plan_id: int) -> HttpResponse:
    """R-KPI-CHANGE (004 p25): a new revision of an approved plan, with its ground."""
    part = participation_for(request, pk, Action.DRAFT_KPI_PLAN)
    _own_plan(part, plan_id)
    rules = reads.plan_rules(reads.pack_of(part), kind_of(part))
    formset = KpiRowFormSet(request.POST)
    change = ChangeForm(request.POST, grounds=rules.change_grounds, lang=ui_lang())
    if not (formset.is_valid() and change.is_valid()):
        return _plan_page(request, part, formset=formset, change=change, status=400)
    data = change.cleaned_data
    done = attempt(
        plans.do_change_kpi_plan,
        actor=request.user,
        plan_id=plan_id,
        version=data["version"],
        rows=typed_rows(formset),
        ground=data["ground"],
        reason=data["reason"],
        affects_kpis=data["affects_kpis"],
        participation_id=part.pk,
    )
    if isinstance(done, Refusal):
        # R-KPI-CHANGE's refusal is shown at its field; any other above the form.
        error = "" if change.refuse(done.error) else done.message
        return _plan_page(
            request, part, formset=formset, change=change, error=error, status=done.status
        )
    messages.success(request, _("A new version of the KPI plan is drafted."))
    return redirect("cycles:kpi_plan", pk=part.pk)
