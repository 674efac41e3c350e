"""One object: may user U do action A on this body, employee or participation?

``require`` raises ``PermissionDenied`` (HTTP 403) where ``can`` says no.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied

from bagalau.access.actions import (
    EMPLOYEE_BODY_ACTIONS,
    EVALUATOR_ACTIONS,
    KPI_ACTIONS,
    RESULT_READ_ACTIONS,
    SELF_ACTIONS,
    Action,
)
from bagalau.access.scope import employee_ids_for
from bagalau.access.who import (
    UserLike,
    granted_body_ids,
    is_signed_in,
    is_superuser,
    managed_employee_ids,
    own_employee_id,
    working_body_ids,
)
from bagalau.core import clock
from bagalau.cycles.models import Participation
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Assignment, Employee, StateBody
from bagalau.orgs.selectors import active_on

Target = StateBody | Employee | Participation


def _can_on_body(user: UserLike, action: Action, body: StateBody, today: date) -> bool:
    if granted_body_ids(user, action).filter(body_id=body.pk).exists():
        return True
    if action not in EMPLOYEE_BODY_ACTIONS:
        return False
    employee_id = own_employee_id(user)
    return (
        employee_id is not None
        and working_body_ids(employee_id, today).filter(position__body_id=body.pk).exists()
    )


def can(user: UserLike, action: Action, obj: Target, *, today: date | None = None) -> bool:
    """May ``user`` do ``action`` on ``obj`` (a state body or an employee) on ``today``?"""
    if is_superuser(user):
        return True
    if not is_signed_in(user):
        return False
    day = today or clock.today()
    if isinstance(obj, StateBody):
        return _can_on_body(user, action, obj, day)
    if isinstance(obj, Employee):
        return obj.pk in employee_ids_for(user, action, [obj.pk], today=day)
    if isinstance(obj, Participation) and action in KPI_ACTIONS:
        return _can_on_kpi(user, action, obj, day)
    if isinstance(obj, Participation):
        return _can_on_participation(user, action, obj, day)
    raise TypeError(f"no permission rule for {type(obj).__name__}")


def _can_on_participation(
    user: UserLike, action: Action, participation: Participation, day: date
) -> bool:
    """R-CONFIDENTIAL (004 p15, p20) on one person's evaluation in one period."""
    my_id = own_employee_id(user)
    if action in EVALUATOR_ACTIONS:
        return my_id is not None and my_id == participation.evaluator_id
    if action in SELF_ACTIONS:
        return my_id is not None and my_id == participation.employee_id
    if granted_body_ids(user, action).filter(body_id=participation.period.body_id).exists():
        return True
    if action not in RESULT_READ_ACTIONS or my_id is None:
        return False
    if my_id in (participation.employee_id, participation.evaluator_id):
        return True
    return bool(managed_employee_ids(my_id, [participation.employee_id], day))


def kpi_approver_id(evaluator_id: int | None, day: date) -> int | None:
    """Who approves a KPI plan and reviews the sheet (001 p44-45, p50-51): the superior
    manager, i.e. the holder on ``day`` of the position the evaluator's position reports
    to; where it reports to none, the evaluator is the first head and approves it."""
    if evaluator_id is None:
        return None
    mine = Assignment.objects.filter(active_on(day), employee_id=evaluator_id).order_by("kind")
    above = mine.values_list("position__reports_to_id", flat=True).first()
    if not mine.exists():
        return None
    if above is None:
        return evaluator_id
    holders = Assignment.objects.filter(active_on(day), position_id=above).order_by("kind")
    return holders.values_list("employee_id", flat=True).first()


def _can_on_kpi(user: UserLike, action: Action, participation: Participation, day: date) -> bool:
    """KPI plans and sheets of one person in one period (R-KPI-PLAN, 004 p22; 001 p44-53).

    HR of the body agrees and places plans, enters actuals and views (its role); the
    evaluator recorded on the participation drafts and scores; the superior manager (or
    the first head) approves and reviews, both read on the period's last day, as when
    the evaluator was recorded. The person sees their own plan and sheet, and so do
    their managers by the structure on ``day`` (R-CONFIDENTIAL: the department head).
    """
    period = participation.period
    if granted_body_ids(user, action).filter(body_id=period.body_id).exists():
        return True
    my_id = own_employee_id(user)
    if my_id is None:
        return False
    evaluator = participation.evaluator_id
    if action in (Action.DRAFT_KPI_PLAN, Action.SCORE_KPI):
        return my_id == evaluator
    approver = kpi_approver_id(evaluator, Period(period.year, period.quarter).end)
    if action in (Action.APPROVE_KPI_PLAN, Action.REVIEW_KPI_SHEET):
        return my_id == approver
    if action != Action.VIEW_KPI:
        return False
    return my_id in (participation.employee_id, evaluator, approver) or bool(
        managed_employee_ids(my_id, [participation.employee_id], day)
    )


def require(user: UserLike, action: Action, obj: Target, *, today: date | None = None) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless ``can`` allows it."""
    if not can(user, action, obj, today=today):
        raise PermissionDenied(action.value)
