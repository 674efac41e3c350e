"""Pages of evaluation periods: a body's periods, who is evaluated and how, the schedule.

Each view parses the request, asks ``bagalau.access`` (nothing else
decides access), reads through ``selectors`` or calls one service, renders.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.access import Action, can, participation_ids_for, require
from bagalau.core import clock
from bagalau.core.export import table_response
from bagalau.core.labels import cite_text, code_label, name_lang
from bagalau.core.listing import ListQuery, export_format
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.close.selectors import close_run_of
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
    PeriodStatus,
    ScheduleItem,
    ScheduleState,
)
from bagalau.cycles.periods import services
from bagalau.cycles.periods.forms import MoveScheduleForm, OpenPeriodForm, PlanItemForm
from bagalau.cycles.periods.participant_table import EXPORT_HEADER, export_rows, participant_spec
from bagalau.cycles.periods.period_table import PERIOD_SPEC, export_row, period_row
from bagalau.cycles.periods.selectors import (
    method_cites,
    participations_of,
    period_counts,
    period_of,
    periods_of,
    ranking_sheets_of,
    schedule_items,
)
from bagalau.domain.deadlines import find_rule
from bagalau.domain.errors import DomainError
from bagalau.domain.law import Cite
from bagalau.domain.methodology import DeadlineRule, Method, Pack
from bagalau.jobs.models import RunKind
from bagalau.jobs.pages import progress_context
from bagalau.jobs.selectors import RunRow, runs_for
from bagalau.orgs.models import StateBody
from bagalau.packs import registry


def _ui_lang() -> str:
    """The page's language for the packs' texts, which exist in all three languages."""
    return (translation.get_language() or "ru")[:2]


def _body_and_period(code: str, period: str) -> tuple[StateBody, EvaluationPeriod]:
    body = get_object_or_404(StateBody, code=code)
    opened = period_of(body, period)
    if opened is None:
        raise Http404(period)
    return body, opened


# -- the body's periods -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def periods(request: HttpRequest, code: str) -> HttpResponse:
    """GET lists the periods; POST (HR) opens a quarter or a year."""
    body = get_object_or_404(StateBody, code=code)
    require(request.user, Action.VIEW_PERIOD, body)
    if request.method != "POST":
        initial = {"year": clock.today().year, "quarter": "1"}
        return _periods_page(request, body, OpenPeriodForm(initial=initial))
    require(request.user, Action.OPEN_PERIOD, body)
    form = OpenPeriodForm(request.POST)
    if not form.is_valid():
        return _periods_page(request, body, form, status=400)
    # The year is checked by the domain too (BAD_PERIOD): inside the attempt.
    opened = attempt(
        lambda: services.do_open_period(actor=request.user, body=body, period=form.period())
    )
    if isinstance(opened, Refusal):
        return _periods_page(request, body, form, error=opened.message, status=opened.status)
    messages.success(request, _("The period %(period)s is open.") % {"period": opened.code})
    return redirect("cycles:period", code=body.code, period=opened.code)


def _periods_page(
    request: HttpRequest,
    body: StateBody,
    form: OpenPeriodForm,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    lang = name_lang()
    listing = ListQuery.parse(request, PERIOD_SPEC)
    searched = listing.apply(periods_of(body))
    fmt = export_format(request)
    if fmt is not None and request.method == "GET":
        header = [str(c.label) for c in PERIOD_SPEC.columns]
        rows_out = (export_row(p) for p in searched)
        return table_response(fmt, f"periods-{body.code}", header, rows_out)
    page = listing.paginate(searched)
    rows = [period_row(p) for p in page]
    context = {
        "body": body,
        "body_name": body.name(lang),
        "periods": rows,
        **listing.context(page),
        "form": form if can(request.user, Action.OPEN_PERIOD, body) else None,
        "error": error,
        # HR sees the body's closes with their outcome, including those that failed.
        "close_runs": _close_runs(body, list(EvaluationPeriod.objects.filter(body=body)))
        if can(request.user, Action.CLOSE_PERIOD, body)
        else None,
    }
    return render(request, "cycles/period_list.html", context, status=status)


def _close_runs(body: StateBody, periods: list[EvaluationPeriod]) -> list[RunRow]:
    """The body's closes, each linked to its period's page (which shows its progress)."""
    codes = {p.pk: p.code for p in periods}
    rows = []
    for row in runs_for(body.pk, RunKind.CLOSE_PERIOD):
        code = codes.get(int(row.run.params.get("period_id", 0)))
        url = reverse("cycles:period", args=[body.code, code]) if code else ""
        rows.append(replace(row, what=code or "", url=url))
    return rows


# -- one period: who is evaluated and how -------------------------------------------


@login_required
@require_GET
def period(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body, opened = _body_and_period(code, period)
    require(request.user, Action.VIEW_PERIOD, body)
    fmt = export_format(request)
    if fmt is not None:
        lang = name_lang()
        listing = ListQuery.parse(request, participant_spec(lang))
        rows = listing.apply(participations_of(opened, lang))
        name = f"participants-{body.code}-{opened.code}"
        return table_response(fmt, name, [str(h) for h in EXPORT_HEADER], export_rows(rows, lang))
    return period_page(request, body, opened)


def period_page(
    request: HttpRequest,
    body: StateBody,
    opened: EvaluationPeriod,
    *,
    close_error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The period's page; with the close form for HR while it is open (R-PERIODS)."""
    lang = name_lang()
    pack = registry().pack(opened.pack_id)
    cites = method_cites(pack, "quarter" if opened.quarter else "year")
    listing = ListQuery.parse(request, participant_spec(lang))
    page = listing.paginate(listing.apply(participations_of(opened, lang)))
    counts = period_counts(opened)
    shown = list(page)
    for row in shown:
        row.period = opened  # the page's period: no query per row
    links = participation_ids_for(request.user, ROW_ACTIONS, shown, today=clock.today())
    reviewer = can(request.user, Action.APPROVE_RESULT, body)
    closer = can(request.user, Action.CLOSE_PERIOD, body)
    context = {
        "body": body,
        "body_name": body.name(lang),
        "period": opened,
        "pack_title": pack.title.get(_ui_lang()),
        "schedule_state": opened.schedule.get_state_display(),
        "total": counts.total,
        "by_status": [
            (label, counts.by_status.get(value, 0)) for value, label in ParticipationStatus.choices
        ],
        "by_method": [
            (code_label(method), number) for method, number in sorted(counts.by_method.items())
        ],
        "rows": [_participation_row(p, lang, cites) | _row_links(p, links) for p in shown],
        "page": page,
        **listing.context(page),
        "sheets": ranking_sheets_of(opened, lang) if reviewer else [],
        "can_close": opened.status == PeriodStatus.OPEN and closer,
        "can_familiarize": can(
            request.user, Action.RECORD_FAMILIARIZATION, body, today=clock.today()
        ),
        "close_error": close_error,
    }
    run = close_run_of(opened) if closer else None
    if run is not None:
        poll = reverse("cycles:period_close_progress", args=[body.code, opened.code])
        retry = reverse("cycles:period_close_retry", args=[body.code, opened.code])
        context["close_run"] = progress_context(run, poll_url=poll, retry_url=retry)
    partial = bool(getattr(request, "htmx", False)) and not close_error
    template = "cycles/period_participations.html" if partial else "cycles/period_detail.html"
    return render(request, template, context, status=status)


ROW_ACTIONS = (Action.VIEW_KPI, Action.VIEW_RESULT, Action.ENTER_PAPER_SHEET)
KPI_METHODS = frozenset({Method.KPI.value, Method.COUNT_KPI.value})


def _row_links(row: Participation, allowed: dict[Action, set[int]]) -> dict[str, Any]:
    """Which of the person's pages this user may open from the row (links decided in bulk)."""
    evaluated = row.status != ParticipationStatus.NOT_EVALUATED
    kpi = evaluated and bool(KPI_METHODS & set(row.methods))
    return {
        "pk": row.pk,
        "kpi": kpi and row.pk in allowed[Action.VIEW_KPI],
        "result": evaluated and row.pk in allowed[Action.VIEW_RESULT],
        "bonus": Method.BONUS_POINTS.value in row.methods and row.pk in allowed[Action.VIEW_RESULT],
        "paper": evaluated
        and row.period.status == PeriodStatus.OPEN  # a closed period takes no entry
        and Method.RANKING.value in row.methods
        and row.pk in allowed[Action.ENTER_PAPER_SHEET],
    }


def _cite(data: dict[str, Any]) -> Cite:
    """A citation stored as JSON when the period was opened."""
    restated = data.get("restated_in")
    return Cite(
        act=data["act"],
        paragraph=data.get("paragraph", ""),
        quote=data.get("quote", ""),
        via_typical=bool(data.get("via_typical")),
        restated_in=_cite(restated) if restated else None,
        borrowed=bool(data.get("borrowed")),
    )


def _participation_row(
    row: Participation, lang: str, cites: dict[str, tuple[Cite, ...]]
) -> dict[str, Any]:
    return {
        "name": row.employee.full_name(lang),
        "position": row.position.title(lang),
        "category": row.position.category,
        "status": row.status,
        "status_label": row.get_status_display(),
        "methods": [
            {"label": code_label(m), "cites": [cite_text(c) for c in cites.get(m, ())]}
            for m in row.methods
        ],
        "reasons": [
            {
                "label": code_label(r["code"]),
                "cite": cite_text(_cite(r["cite"])),
                "unverified": r.get("unverified", False),
            }
            for r in row.reasons
        ],
        "unverified": bool(row.unverified),
    }


# -- the schedule (R-SCHEDULE) --------------------------------------------------------


@login_required
@require_GET
def schedule(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body, opened = _body_and_period(code, period)
    require(request.user, Action.VIEW_PERIOD, body)
    return _schedule_page(request, body, opened)


@login_required
@require_POST
def schedule_plan(request: HttpRequest, code: str, period: str, item: int) -> HttpResponse:
    """HR plans one step on a date not later than its legal deadline."""
    body, opened = _body_and_period(code, period)
    require(request.user, Action.PLAN_SCHEDULE, body)
    step = get_object_or_404(ScheduleItem, pk=item, schedule__period=opened)
    form = PlanItemForm(request.POST)
    entered = {step.pk: request.POST.get("planned", "")[:20]}
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _schedule_page(request, body, opened, error=error, entered=entered, status=400)
    done = attempt(
        services.do_plan_schedule_item,
        actor=request.user,
        item_id=step.pk,
        planned=form.cleaned_data["planned"],
        version=form.cleaned_data["version"],
    )
    if isinstance(done, Refusal):
        return _refused(request, body, opened, done, entered)
    messages.success(request, _("The planned date is saved."))
    return redirect("cycles:schedule", code=body.code, period=opened.code)


@login_required
@require_POST
def schedule_move(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """HR submits the schedule; the appointing official approves it or sends it back."""
    body, opened = _body_and_period(code, period)
    form = MoveScheduleForm(request.POST)
    if not form.is_valid():
        require(request.user, Action.VIEW_PERIOD, body)
        return _schedule_page(request, body, opened, error=_("Reload the page."), status=400)
    to_state = form.cleaned_data["to_state"]
    submitting = to_state == ScheduleState.SUBMITTED
    require(request.user, Action.PLAN_SCHEDULE if submitting else Action.APPROVE_SCHEDULE, body)
    moved = attempt(
        services.do_move_schedule,
        actor=request.user,
        schedule_id=opened.schedule.pk,
        to_state=to_state,
        version=form.cleaned_data["version"],
    )
    if isinstance(moved, Refusal):
        return _refused(request, body, opened, moved)
    done = {
        ScheduleState.SUBMITTED: _("The schedule is submitted for approval."),
        ScheduleState.APPROVED: _("The schedule is approved."),
        ScheduleState.DRAFT: _("The schedule is returned to HR for changes."),
    }
    messages.success(request, done[ScheduleState(to_state)])
    return redirect("cycles:schedule", code=body.code, period=opened.code)


def _refused(
    request: HttpRequest,
    body: StateBody,
    opened: EvaluationPeriod,
    refused: Refusal,
    entered: dict[int, str] | None = None,
) -> HttpResponse:
    """The page as it is now, with the reason and the user's input kept."""
    opened.schedule.refresh_from_db()
    return _schedule_page(
        request, body, opened, error=refused.message, entered=entered, status=refused.status
    )


def _schedule_page(
    request: HttpRequest,
    body: StateBody,
    opened: EvaluationPeriod,
    *,
    error: str = "",
    entered: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = name_lang()
    plan = opened.schedule
    pack = registry().pack(opened.pack_id)
    draft = plan.state == ScheduleState.DRAFT
    context = {
        "body": body,
        "body_name": body.name(lang),
        "period": opened,
        "schedule": plan,
        "schedule_state": plan.get_state_display(),
        "rows": [_item_row(i, pack, _ui_lang(), entered or {}) for i in schedule_items(plan)],
        "can_plan": draft and can(request.user, Action.PLAN_SCHEDULE, body),
        "can_approve": plan.state == ScheduleState.SUBMITTED
        and can(request.user, Action.APPROVE_SCHEDULE, body),
        "error": error,
    }
    return render(request, "cycles/schedule_detail.html", context, status=status)


def _item_row(item: ScheduleItem, pack: Pack, lang: str, entered: dict[int, str]) -> dict[str, Any]:
    rule: DeadlineRule | None
    try:
        rule = find_rule(pack, item.rule_id)
    except DomainError:
        rule = None
    return {
        "item": item,
        "name": rule.name.get(lang) if rule else item.rule_id,
        "cite": cite_text(rule.cite) if rule else "",
        "unverified": bool(rule and rule.unverified),
        "planned": entered.get(item.pk) or item.planned.strftime("%d.%m.%Y"),
        "error": item.pk in entered,
    }
