"""HR closes a period (R-PERIODS, 004 p4): one POST from the period's page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.access import Action, require
from bagalau.core import clock
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.periods.selectors import period_of
from bagalau.cycles.periods.views import period_page
from bagalau.orgs.models import StateBody


class ClosePeriodForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


@login_required
@require_POST
def close(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body = get_object_or_404(StateBody, code=code)
    require(request.user, Action.CLOSE_PERIOD, body)
    opened = period_of(body, period)
    if opened is None:
        raise Http404(period)
    form = ClosePeriodForm(request.POST)
    if not form.is_valid():
        return period_page(request, body, opened, close_error=_("Reload the page."), status=400)
    done = attempt(
        do_close_period,
        actor=request.user,
        period_id=opened.pk,
        version=form.cleaned_data["version"],
        today=clock.today(),
    )
    if isinstance(done, Refusal):
        opened.refresh_from_db()
        return period_page(request, body, opened, close_error=done.message, status=done.status)
    messages.success(request, _("The period %(period)s is closed.") % {"period": opened.code})
    return redirect("cycles:period", code=body.code, period=opened.code)
