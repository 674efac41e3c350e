"""HR closes a period (R-PERIODS, 004 p4): one POST from the period's page starts the
close in the background; the page then shows its progress, which polls itself."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.access import Action, require
from bagalau.core import clock
from bagalau.core.messages import error_message
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.close.selectors import close_run_of
from bagalau.cycles.close.services import do_start_close
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.cycles.periods.selectors import period_of
from bagalau.cycles.periods.views import period_page
from bagalau.domain.errors import DomainError
from bagalau.jobs.models import TaskRun
from bagalau.jobs.pages import render_run
from bagalau.jobs.services import do_retry_run
from bagalau.orgs.models import StateBody


class ClosePeriodForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _period(request: HttpRequest, code: str, period: str) -> tuple[StateBody, EvaluationPeriod]:
    body = get_object_or_404(StateBody, code=code)
    require(request.user, Action.CLOSE_PERIOD, body)
    opened = period_of(body, period)
    if opened is None:
        raise Http404(period)
    return body, opened


def _run(opened: EvaluationPeriod) -> TaskRun:
    run = close_run_of(opened)
    if run is None:
        raise Http404
    return run


@login_required
@require_POST
def close(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body, opened = _period(request, code, period)
    form = ClosePeriodForm(request.POST)
    if not form.is_valid():
        return period_page(request, body, opened, close_error=_("Reload the page."), status=400)
    done = attempt(
        do_start_close,
        actor=request.user,
        period_id=opened.pk,
        version=form.cleaned_data["version"],
        today=clock.today(),
    )
    if isinstance(done, Refusal):
        opened.refresh_from_db()
        return period_page(request, body, opened, close_error=done.message, status=done.status)
    messages.info(
        request,
        _("The period %(period)s is being closed; you may leave this page and come back.")
        % {"period": opened.code},
    )
    return redirect("cycles:period", code=body.code, period=opened.code)


@login_required
@require_GET
def progress(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The close's progress; once it is done, htmx reloads the page to show the period
    closed."""
    body, opened = _period(request, code, period)
    run = _run(opened)
    response = render_run(
        request,
        run,
        poll_url=request.path,
        retry_url=reverse("cycles:period_close_retry", args=[body.code, opened.code]),
        context={"body": body, "period": opened},
    )
    if getattr(request, "htmx", False) and run.finished and opened.status != PeriodStatus.CLOSING:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def retry(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body, opened = _period(request, code, period)
    try:
        do_retry_run(run_id=_run(opened).pk, actor=request.user)  # type: ignore[arg-type]
    except DomainError as err:
        messages.error(request, error_message(err))
    return redirect("cycles:period", code=body.code, period=opened.code)
