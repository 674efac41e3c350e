"""The bonus-point page of one person in one period (Almaty 002 p17-18): the awards
are read as a result is (R-CONFIDENTIAL) and recorded by the evaluator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.access import Action, can
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.bonus.forms import BonusForm
from bagalau.cycles.bonus.selectors import bonus_page
from bagalau.cycles.bonus.services import do_award_bonus, do_withdraw_bonus
from bagalau.cycles.periods.selectors import access_participation
from bagalau.orgs.models import Employee

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
            done = attempt(
                do_award_bonus,
                actor=request.user,
                participation_id=participation.pk,
                points=points,
                activity=activity,
                evidence=form.cleaned_data["evidence"],
                awarded_by=manager,
            )
            if isinstance(done, Refusal):
                error = done.message
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
    done = attempt(
        do_withdraw_bonus, actor=request.user, participation_id=participation.pk, award_id=award_id
    )
    if isinstance(done, Refusal):
        messages.error(request, done.message)
    return redirect("cycles:bonus", participation.pk)
