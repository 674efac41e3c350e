"""Result and bonus-point pages of one person in one period.

Results are read only through ``access_result`` (R-CONFIDENTIAL: permission checked,
every view logged); bonus points are recorded by the evaluator (the direct manager).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bagalau.access import Action, can
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import error_message
from bagalau.cycles.familiarization.selectors import familiarization_panels
from bagalau.cycles.models import SheetState
from bagalau.cycles.results.selectors import access_result, annual_mean, result_view
from bagalau.packs import registry

# R-PERIODS (004 p4): the year's KPI and ranking scores are the means of the quarters.
QUARTER_MEAN_METHODS = ("ranking", "kpi")


@login_required
@require_GET
def result(request: HttpRequest, participation_id: int) -> HttpResponse:
    """The person's results of the period with the "why", and the year's mean so far."""
    today = clock.today()
    participation, results = access_result(request.user, participation_id, today=today)
    pack = registry().pack(participation.period.pack_id)
    lang = name_lang()
    views = [result_view(r, pack, lang) for r in results]
    quarterly = participation.period.quarter > 0
    annuals = [
        annual_mean(participation, pack, r.method)
        for r in results
        if quarterly and r.method in QUARTER_MEAN_METHODS
    ]
    context = {
        "participation": participation,
        "name": participation.employee.full_name(lang),
        "results": views,
        "annuals": [(a, error_message(a.error) if a.error else "") for a in annuals],
        "approved": SheetState.APPROVED,
        "can_scan": any(v.on_paper for v in views)
        and can(request.user, Action.VIEW_SCAN, participation),
        "familiarization": familiarization_panels(
            request.user, participation, results, today=today
        ),
    }
    return render(request, "cycles/result_detail.html", context)
