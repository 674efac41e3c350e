"""Result and bonus-point pages of one person in one period.

Results are read only through ``access_result`` (R-CONFIDENTIAL: permission checked,
every view logged); bonus points are recorded by the evaluator (the direct manager).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.access import Action, can
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import error_message
from bagalau.cycles.forms_ranking import BonusForm
from bagalau.cycles.models import SheetState
from bagalau.cycles.selectors_familiarize import familiarization_panels
from bagalau.cycles.selectors_results import (
    access_participation,
    access_result,
    annual_mean,
    bonus_page,
    result_view,
)
from bagalau.cycles.services_results import do_award_bonus, do_withdraw_bonus
from bagalau.domain.errors import DomainError
from bagalau.orgs.models import Employee
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


NO_GIVER = gettext_noop(
    "Only an employee's account can award bonus points: the award names its giver."
)


@login_required
@require_http_methods(["GET", "POST"])
def bonus(request: HttpRequest, participation_id: int) -> HttpResponse:
    """Almaty 002 p17-18: the activities rewarded in the period and their total."""
    today = clock.today()
    # Reading needs what a result needs (R-CONFIDENTIAL); recording is the evaluator's.
    action = Action.AWARD_BONUS if request.method == "POST" else Action.VIEW_RESULT
    participation = access_participation(request.user, action, participation_id, today=today)
    lang = name_lang()
    data = bonus_page(participation, lang)
    may_award = can(request.user, Action.AWARD_BONUS, participation, today=today)
    form = BonusForm(request.POST or None, levels=data["levels"] or [])
    error = ""
    if request.method == "POST" and form.is_valid():
        points, activity = form.points_and_activity()
        manager = Employee.objects.filter(user_id=int(request.user.pk or 0)).first()
        if manager is None:  # a superuser without a person: the award names its giver
            error = _(NO_GIVER)
        else:
            try:
                do_award_bonus(
                    actor=request.user, participation_id=participation.pk, points=points,
                    activity=activity, evidence=form.cleaned_data["evidence"],
                    awarded_by=manager,
                )  # fmt: skip
            except DomainError as err:
                error = error_message(err)
            else:
                messages.success(request, _("The bonus points are recorded."))
                return redirect("cycles:bonus", participation.pk)
    context = data | {
        "participation": participation,
        "name": participation.employee.full_name(lang),
        "form": form,
        "error": error,
        "may_award": may_award,
    }
    return render(request, "cycles/bonus_page.html", context, status=400 if error else 200)


@login_required
@require_POST
def bonus_withdraw(request: HttpRequest, participation_id: int, award_id: int) -> HttpResponse:
    participation = access_participation(
        request.user, Action.AWARD_BONUS, participation_id, today=clock.today()
    )
    try:
        do_withdraw_bonus(actor=request.user, participation_id=participation.pk, award_id=award_id)
    except DomainError as err:
        messages.error(request, error_message(err))
    return redirect("cycles:bonus", participation.pk)
