"""Ranking pages: the evaluator's team page, the review of a submitted sheet, HR's
paper entry with its scan, and the scan itself (never a public URL).

Each view parses, asks ``require`` (nothing else decides access), calls one service or
selector, renders. The team page saves without a reload through htmx and works as a
plain form without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from bagalau.access import Action, require
from bagalau.audit.services import record_scores_view
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import located_message
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.models import EvaluationPeriod, RankingSheet, SheetState
from bagalau.cycles.periods.selectors import access_participation
from bagalau.cycles.ranking import services as ranking
from bagalau.cycles.ranking.forms import PaperSheetForm, ReviewForm
from bagalau.cycles.ranking.selectors import (
    access_scan,
    access_sheet_for_review,
    log_team_view,
    sheet_parameters,
    team_page,
)
from bagalau.cycles.repeats import sheet_already_submitted
from bagalau.orgs.models import Employee


def _is_htmx(request: HttpRequest) -> bool:
    """A partial update asked by htmx (the page works without it)."""
    return bool(getattr(request, "htmx", False))


def _entries(request: HttpRequest, codes: list[str]) -> list[ranking.EntryInput]:
    """The posted rows: ``row`` lists the participations, ``s-<id>-<code>`` the scores."""
    rows = []
    for raw in request.POST.getlist("row"):
        if not raw.isdigit():
            continue
        pid = int(raw)
        scores = {code: request.POST.get(f"s-{pid}-{code}", "") for code in codes}
        rows.append(ranking.EntryInput(pid, scores, request.POST.get(f"c-{pid}", "")[:2000]))
    return rows


def _cell_errors(refusal: Refusal | None) -> dict[tuple[object, object], str]:
    """Each refused cell's message, keyed by (participation id, parameter code); an
    error of a whole row has the code None."""
    if refusal is None:
        return {}
    return {
        (err.params.get("participation_id"), err.params.get("field")): located_message(err)
        for err in refusal.errors
    }


def _team_context(
    request: HttpRequest,
    period: EvaluationPeriod,
    evaluator: Employee,
    posted: list[ranking.EntryInput] | None = None,
    refusal: Refusal | None = None,
    *,
    note: str = "ranking team page",
) -> dict[str, Any]:
    """The team sheet as a page shows it; showing it with its scores is logged."""
    rules = ranking.ranking_rules(period)[1]
    page = team_page(period.pk, evaluator.pk)
    log_team_view(request.user, page, body_id=period.body_id, note=note)
    typed = {e.participation_id: e for e in posted or []}
    errors = _cell_errors(refusal)
    rows, summary = [], []
    for row in page.rows:
        pid = row.participation.pk
        mine = typed.get(pid)
        saved = row.entry.scores if row.entry else {}
        cells = []
        for code, label in sheet_parameters(rules, name_lang()):
            field, error = f"s-{pid}-{code}", errors.get((pid, code), "")
            value = mine.scores.get(code, "") if mine else saved.get(code, "")
            cells.append({"code": code, "label": label, "field": field, "error": error,
                          "value": value})  # fmt: skip
            if error:
                summary.append({"field": field, "message": error})
        rows.append({
            "row": row,
            "name": row.participation.employee.full_name(name_lang()),
            "scores": [(cell["code"], cell["value"], cell["label"]) for cell in cells],
            "cells": cells,
            "row_error": errors.get((pid, None), ""),
            "comment": mine.comment if mine else (row.entry.comment if row.entry else ""),
        })  # fmt: skip
    return {
        "error_summary": summary,
        "period": period,
        "evaluator": evaluator,
        "evaluator_name": evaluator.full_name(name_lang()),
        "page": page,
        "rows": rows,
        "parameters": sheet_parameters(rules, name_lang()),
        "scale": rules.scale.value,
        "unverified": [n for n, c in (("aggregation", rules.aggregation),) if c.unverified],
    }


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, period_id: int, evaluator_id: int) -> HttpResponseBase:
    """R-RANK (004 p28-32): the evaluator scores the whole team on one page."""
    period = get_object_or_404(EvaluationPeriod, pk=period_id)
    evaluator = get_object_or_404(Employee, pk=evaluator_id)
    require(request.user, Action.SCORE_RANKING, evaluator, today=clock.today())
    template = "cycles/ranking_team_form.html" if _is_htmx(request) else "cycles/ranking_team.html"
    if request.method == "GET":
        return render(
            request, "cycles/ranking_team.html", _team_context(request, period, evaluator)
        )
    if request.POST.get("do") == "submit" and (
        repeated := sheet_already_submitted(
            RankingSheet.objects.filter(period=period, evaluator=evaluator).first()
        )
    ):
        messages.info(request, repeated)
        url = reverse("cycles:ranking_team", args=[period.pk, evaluator.pk])
        return HttpResponseClientRedirect(url) if _is_htmx(request) else redirect(url)
    codes = [c for c, _n in sheet_parameters(ranking.ranking_rules(period)[1], name_lang())]
    posted = _entries(request, codes)
    raw_version = request.POST.get("version", "0").strip() or "0"
    # a version the page never sent (tampered, cut) is refused as stale: reload and retry
    version = int(raw_version) if raw_version.isdigit() and len(raw_version) < 10 else -1

    def save() -> RankingSheet:
        sheet = ranking.do_save_ranking_sheet(
            actor=request.user, period_id=period.pk, evaluator_id=evaluator.pk,
            entries=posted, version=version,
        )  # fmt: skip
        if request.POST.get("do") == "submit":
            ranking.do_submit_ranking_sheet(
                actor=request.user, sheet_id=sheet.pk, version=sheet.version
            )
        return sheet

    done = attempt(save)
    if isinstance(done, Refusal):
        context = _team_context(request, period, evaluator, posted, done) | {
            "error": done.message,
            "error_row": done.error.params.get("participation_id"),
        }
        if done.stale:
            context["stale"] = True  # typed values stay on the form; the version does not move
        # htmx swaps only a 2xx answer: the refusal is shown in the form it replaces
        return render(request, template, context, status=200 if _is_htmx(request) else done.status)
    url = reverse("cycles:ranking_team", args=[period.pk, evaluator.pk])
    if request.POST.get("do") == "submit":
        messages.success(request, _("The ranking sheet is submitted."))
        return HttpResponseClientRedirect(url) if _is_htmx(request) else redirect(url)
    if _is_htmx(request):
        context = _team_context(request, period, evaluator) | {"saved": True}
        return render(request, template, context)
    messages.success(request, _("The draft is saved."))
    return redirect(url)


@login_required
@require_GET
def my_team(request: HttpRequest, period_id: int) -> HttpResponse:
    employee = Employee.objects.filter(user_id=int(request.user.pk or 0)).first()
    if employee is None:
        return render(request, "cycles/ranking_none.html", status=404)
    return redirect("cycles:ranking_team", period_id, employee.pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """Approve or return a submitted sheet (APPROVE_RESULT on the body)."""
    sheet, results = access_sheet_for_review(request.user, sheet_id, today=clock.today())
    form = ReviewForm(request.POST or None, initial={"version": sheet.version})
    error = ""
    if request.method == "POST" and form.is_valid():
        done = attempt(
            ranking.do_review_ranking_sheet,
            actor=request.user,
            sheet_id=sheet.pk,
            to_state=form.cleaned_data["decision"],
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
        if isinstance(done, Refusal):
            error = done.message
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("cycles:ranking_review", sheet.pk)
    context = _team_context(request, sheet.period, sheet.evaluator, note="ranking review page") | {
        "sheet": sheet,
        "form": form,
        "error": error,
        "can_decide": sheet.state == SheetState.SUBMITTED,
    }
    for row in context["rows"]:
        row["result"] = results.get(row["row"].participation.pk)
    return render(request, "cycles/ranking_review.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, participation_id: int) -> HttpResponse:
    """R-METHODS (004 p3): HR enters a signed paper sheet and attaches its scan."""
    participation = access_participation(
        request.user, Action.ENTER_PAPER_SHEET, participation_id, today=clock.today()
    )
    rules = ranking.ranking_rules(participation.period)[1]
    parameters = sheet_parameters(rules, name_lang())
    sheet = RankingSheet.objects.filter(
        period=participation.period, evaluator_id=participation.evaluator_id
    ).first()
    entry = getattr(participation, "ranking_entry", None)
    initial: dict[str, Any] = {"version": sheet.version if sheet else 0}
    if entry is not None:
        initial |= {f"score_{k}": v for k, v in entry.scores.items()} | {"comment": entry.comment}
    form = PaperSheetForm(
        request.POST or None, request.FILES or None, parameters=parameters, initial=initial
    )
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("scan")
        scan = ranking.ScanFile(upload.name or "scan", upload.read()) if upload else None
        done = attempt(
            ranking.do_enter_paper_ranking,
            actor=request.user,
            participation_id=participation.pk,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            scan=scan,
            version=form.cleaned_data["version"],
        )
        if isinstance(done, Refusal):
            error = done.message
        else:
            messages.success(request, _("The paper sheet is entered."))
            return redirect("cycles:ranking_paper", participation.pk)
    if entry is not None:
        record_scores_view(
            actor=request.user, obj=sheet or entry, body_id=participation.period.body_id,
            shown=[participation.pk], note="paper sheet page",
        )  # fmt: skip
    context = {
        "participation": participation,
        "name": participation.employee.full_name(name_lang()),
        "form": form,
        "error": error,
        "entry": entry,
    }
    return render(request, "cycles/ranking_paper.html", context, status=400 if error else 200)


@login_required
@require_GET
def scan(request: HttpRequest, participation_id: int) -> FileResponse:
    """The scan of a paper sheet, sent only to those who may see the result."""
    entry = access_scan(request.user, participation_id, today=clock.today())
    handle = entry.scan.open("rb")
    found = ranking.scan_type(handle.read(16))
    handle.seek(0)
    content_type = found[1] if found else "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    extension = found[0] if found else "bin"
    response["Content-Disposition"] = f'inline; filename="sheet-{participation_id}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
