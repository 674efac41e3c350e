"""The rows a user may list: bodies, employees, participations (R-CONFIDENTIAL).

Each answer is the same as ``objects.can`` gives row by row, in a fixed number of
queries however many rows are asked about, so a list page decides every row at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Exists, Q, QuerySet

from bagalau.access.actions import (
    EMPLOYEE_BODY_ACTIONS,
    EVALUATOR_ACTIONS,
    RESULT_READ_ACTIONS,
    ROLE_ACTIONS,
    Action,
)
from bagalau.access.who import (
    UserLike,
    granted_body_ids,
    is_signed_in,
    is_superuser,
    managed_employee_ids,
    managed_positions,
    own_employee_id,
    user_id,
    working_body_ids,
)
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.models import Participation
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Assignment, Position, StateBody
from bagalau.orgs.selectors import active_on


def bodies_for(user: UserLike, action: Action, *, today: date | None = None) -> QuerySet[StateBody]:
    """Bodies on which ``user`` may do ``action``, as one query for list pages."""
    if is_superuser(user):
        return StateBody.objects.all()
    if not is_signed_in(user):
        return StateBody.objects.none()
    condition = Q(pk__in=granted_body_ids(user, action))
    if action in EMPLOYEE_BODY_ACTIONS:
        employee_id = own_employee_id(user)
        if employee_id is not None:
            condition |= Q(pk__in=working_body_ids(employee_id, today or clock.today()))
    return StateBody.objects.filter(condition)


def _employee_ids_in_bodies(
    employee_ids: Collection[int], body_ids: QuerySet[RoleAssignment, int]
) -> set[int]:
    rows = Assignment.objects.filter(
        employee_id__in=list(employee_ids), position__body_id__in=body_ids
    ).values_list("employee_id", flat=True)
    return set(rows)


def employee_ids_for(
    user: UserLike, action: Action, employee_ids: Iterable[int], *, today: date
) -> set[int]:
    """The subset of ``employee_ids`` on which ``user`` may do ``action``.

    A fixed number of queries however many ids are asked about, so a list page can
    decide every row's link at once.
    """
    wanted = set(employee_ids)
    if is_superuser(user):
        return wanted
    if not is_signed_in(user) or not wanted:
        return set()
    allowed = _employee_ids_in_bodies(wanted, granted_body_ids(user, action))
    if action == Action.VIEW_EMPLOYEE:
        allowed |= _relational_view(user, wanted - allowed, today)
    if action in EVALUATOR_ACTIONS:
        my_id = own_employee_id(user)
        allowed |= {my_id} & wanted if my_id is not None else set()
    return allowed


def _relational_view(user: UserLike, employee_ids: set[int], today: date) -> set[int]:
    my_id = own_employee_id(user)
    if my_id is None or not employee_ids:
        return set()
    allowed = {my_id} & employee_ids
    rest = employee_ids - allowed
    if rest:
        allowed |= managed_employee_ids(my_id, rest, today)
    return allowed


def participations_for(user: UserLike, action: Action, *, today: date) -> QuerySet[Participation]:
    """Participations on which ``user`` may do ``action`` (a result read), as one query
    for list endpoints: the same rule as ``can`` on one participation (R-CONFIDENTIAL)."""
    if action not in RESULT_READ_ACTIONS:
        raise ValueError(f"no list rule for {action.value}")
    if is_superuser(user):
        return Participation.objects.all()
    if not is_signed_in(user):
        return Participation.objects.none()
    condition = Q(period__body_id__in=granted_body_ids(user, action))
    my_id = own_employee_id(user)
    if my_id is not None:
        positions = Position.objects.filter(managed_positions(my_id, today)).values("pk")
        managed = Assignment.objects.filter(active_on(today), position_id__in=positions)
        condition |= (
            Q(employee_id=my_id)
            | Q(evaluator_id=my_id)
            | Q(employee_id__in=managed.values("employee_id"))
        )
    return Participation.objects.filter(condition)


# -- many participations at once (list pages) ---------------------------------------

_EVALUATOR_KPI = frozenset({Action.DRAFT_KPI_PLAN, Action.SCORE_KPI})
_APPROVER_KPI = frozenset({Action.APPROVE_KPI_PLAN, Action.REVIEW_KPI_SHEET})
_APPROVER_KPI_VIEW = _APPROVER_KPI | {Action.VIEW_KPI}


def participation_ids_for(
    user: UserLike,
    actions: Collection[Action],
    participations: Sequence[Participation],
    *,
    today: date,
) -> dict[Action, set[int]]:
    """For each of ``actions``, the ids of ``participations`` on which ``user`` may do
    it: the same answer as ``can`` gives row by row, in a fixed number of queries (one
    more per distinct period end for the KPI approver), so a list page decides every
    row's links at once. ``period`` must be loaded on the rows."""
    rows = list(participations)
    if is_superuser(user):
        return {a: {p.pk for p in rows} for a in actions}
    if not is_signed_in(user) or not rows:
        return {a: set() for a in actions}
    grants = RoleAssignment.objects.filter(user_id=user_id(user)).values_list("role", "body_id")
    granted: dict[Action, set[int]] = {a: set() for a in actions}
    for role, body_id in grants:
        for action in ROLE_ACTIONS.get(Role(role), frozenset()) & set(actions):
            granted[action].add(body_id)
    by_role = {
        a: set() if a in EVALUATOR_ACTIONS else {p.pk for p in rows if p.period.body_id in ids}
        for a, ids in granted.items()
    }
    if all(len(ids) == len(rows) for ids in by_role.values()):
        return by_role
    my_id = own_employee_id(user)
    if my_id is None:
        return by_role
    related = _related_rows(my_id, set(actions), rows, today)
    return {a: by_role[a] | related.get(a, set()) for a in actions}


def _related_rows(
    my_id: int, actions: set[Action], rows: list[Participation], today: date
) -> dict[Action, set[int]]:
    """What ``my_id`` may do on the rows as the person, the evaluator, the KPI approver
    or a manager by the structure on ``today`` (as ``objects.can`` decides on one)."""
    evaluated = {p.pk for p in rows if p.evaluator_id == my_id}
    approver = _approver_rows(my_id, rows) if actions & _APPROVER_KPI_VIEW else set()
    managed: set[int] = set()
    if actions & (RESULT_READ_ACTIONS | {Action.VIEW_KPI}):
        ids = managed_employee_ids(my_id, {p.employee_id for p in rows}, today)
        managed = {p.pk for p in rows if p.employee_id in ids or p.employee_id == my_id}
    found: dict[Action, set[int]] = {}
    for action in actions:
        if action in EVALUATOR_ACTIONS or action in _EVALUATOR_KPI:
            found[action] = evaluated
        elif action in _APPROVER_KPI:
            found[action] = approver
        elif action == Action.VIEW_KPI:
            found[action] = evaluated | approver | managed
        elif action in RESULT_READ_ACTIONS:
            found[action] = evaluated | managed
    return found


def _approver_rows(my_id: int, rows: list[Participation]) -> set[int]:
    """Rows whose KPI approver (``kpi_approver_id`` on the period's last day) is ``my_id``."""
    by_day: dict[date, list[Participation]] = {}
    for row in rows:
        end = Period(row.period.year, row.period.quarter).end
        by_day.setdefault(end, []).append(row)
    found: set[int] = set()
    for day, group in by_day.items():
        approvers = _approvers_on({p.evaluator_id for p in group if p.evaluator_id}, day)
        found |= {p.pk for p in group if p.evaluator_id and approvers.get(p.evaluator_id) == my_id}
    return found


def _approvers_on(evaluator_ids: set[int], day: date) -> dict[int, int]:
    """Evaluator id -> who approves their KPI plans on ``day`` (two queries)."""
    above: dict[int, int | None] = {}
    mine = (
        Assignment.objects.filter(active_on(day), employee_id__in=evaluator_ids)
        .order_by("employee_id", "kind")
        .values_list("employee_id", "position__reports_to_id")
    )
    for employee_id, reports_to in mine:
        above.setdefault(employee_id, reports_to)
    holders: dict[int, int] = {}
    rows = (
        Assignment.objects.filter(active_on(day), position_id__in={a for a in above.values() if a})
        .order_by("position_id", "kind")
        .values_list("position_id", "employee_id")
    )
    for position_id, employee_id in rows:
        holders.setdefault(position_id, employee_id)
    return {
        evaluator: (evaluator if position is None else holders[position])
        for evaluator, position in above.items()
        if position is None or position in holders
    }


def allowed_anywhere(
    user: UserLike, actions: Collection[Action], *, today: date | None = None
) -> frozenset[Action]:
    """Those of ``actions`` the user may do on at least one body: the header shows a
    link only where it leads to a page the user may open. One query (a role per body
    role, and whether the user works in a body on ``today``)."""
    wanted = frozenset(actions)
    if is_superuser(user):
        return wanted
    if not is_signed_in(user):
        return frozenset()
    uid = user_id(user)
    flags = {
        role.value: Exists(RoleAssignment.objects.filter(user_id=uid, role=role)) for role in Role
    }
    works = Assignment.objects.filter(active_on(today or clock.today()), employee__user_id=uid)
    row = (
        User.objects.filter(pk=uid)
        .annotate(works_in_a_body=Exists(works), **flags)
        .values("works_in_a_body", *flags)
        .first()
    ) or {}
    held = [role for role in Role if row.get(role.value)]
    found = {a for a in wanted if any(a in ROLE_ACTIONS.get(role, ()) for role in held)}
    if row.get("works_in_a_body"):
        found |= wanted & EMPLOYEE_BODY_ACTIONS
    return frozenset(found)
