"""The one place that decides "may user U do action A on object O" (R-CONFIDENTIAL).

Every view and API endpoint asks ``require``/``can`` (one object) or ``bodies_for`` /
``employee_ids_for`` / ``participation_ids_for`` (lists); nothing else decides access.

Who may do what:

* a superuser may do everything; an inactive or anonymous user nothing;
* roles granted per body (``RoleAssignment``) give a fixed set of actions on the body
  and on every employee who has (or had) an assignment in it — HR everything but
  approving the schedule it draws up (HR alone closes a period, CLOSE_PERIOD: once
  every sheet is approved the results are computed and the period takes no change),
  the auditor reads and exports only, the
  appointing official views and approves the schedule, a commission member views the
  body only (later issues extend these sets); an employee does not see a period's list
  of participants (results are confidential, R-CONFIDENTIAL);
* relational roles are derived from the structure on ``today`` (never stored): an
  employee may view their own employee page; the holders of the position the
  employee's position reports to (direct manager), of the position above that
  (superior manager) and of a head-of-unit position in the employee's department
  (department head) may view it. A colleague in the same department may not;
* every employee may view the body they work in and its structure. The structure page
  shows names and positions only — never IIN, e-mail, phone or absences, which are
  behind VIEW_EMPLOYEE / VIEW_STAFF_LIST.

"Works in" and "holds a position" mean an assignment active on ``today`` of any kind
(main, acting, combined): an acting head manages the unit while acting. Body roles on
an employee follow every body the employee ever had an assignment in, because HR keeps
the records of former staff too.

Evaluation results are confidential (R-CONFIDENTIAL, 004 p15, p20). On a participation
(one person in one period) VIEW_RESULT and VIEW_SCAN are allowed to the person
themselves, the evaluator recorded on it, their managers by the structure on ``today``
(direct, superior, department head), and HR and the appointing official of the body
through their roles; never to a colleague. SCORE_RANKING and AWARD_BONUS belong to the
evaluator (the direct manager) alone, on their own team: no body role gives them.
KPI plans and sheets (R-KPI-PLAN, 004 p22; 001 p44-53): the recorded evaluator drafts
and scores, the superior manager (or the first head) approves and reviews, HR agrees,
places and enters actuals; the person may view their own; a colleague never.
Familiarization (R-FAMILIARIZE, 004 p11; 000 p41) and the application against a result
(R-DISAGREE, 004 p12): ACKNOWLEDGE_RESULT and SUBMIT_DISAGREEMENT belong to the evaluated
person alone, on their own participation (no body role gives them, not even HR's);
RECORD_FAMILIARIZATION (how an absent employee was notified, a written signature, a
refusal act with its witnesses) is HR's of the body, on the body and on a participation.
The refusal act is read like the result itself (VIEW_RESULT).
The cycle's dashboard (VIEW_CYCLE_DASHBOARD: who is done, pending, overdue, per
department, and the step each person's evaluation waits for, never a score) belongs to
HR, the appointing official and the auditor of the body through their roles.

``today`` is a parameter: views pass ``clock.today()`` at the boundary, tests pass a date.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.models import Participation
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Assignment, Employee, Position, StateBody
from bagalau.orgs.selectors import active_on

UserLike = AbstractBaseUser | AnonymousUser
Target = StateBody | Employee | Participation


class Action(StrEnum):
    VIEW_BODY = "view_body"
    VIEW_STRUCTURE = "view_structure"
    VIEW_STAFF_LIST = "view_staff_list"
    VIEW_EMPLOYEE = "view_employee"
    EDIT_EMPLOYEE = "edit_employee"
    IMPORT_STAFF = "import_staff"
    EXPORT_STAFF = "export_staff"
    MANAGE_ROLES = "manage_roles"
    VIEW_AUDIT = "view_audit"
    # the evaluation cycle: periods and their schedule (R-SCHEDULE, R-CONFIDENTIAL)
    OPEN_PERIOD = "open_period"
    VIEW_PERIOD = "view_period"
    PLAN_SCHEDULE = "plan_schedule"
    APPROVE_SCHEDULE = "approve_schedule"
    CLOSE_PERIOD = "close_period"
    # the evaluation cycle: ranking sheets, bonus points, results (R-RANK, R-CONFIDENTIAL)
    SCORE_RANKING = "score_ranking"
    ENTER_PAPER_SHEET = "enter_paper_sheet"
    VIEW_SCAN = "view_scan"
    AWARD_BONUS = "award_bonus"
    VIEW_RESULT = "view_result"
    APPROVE_RESULT = "approve_result"
    # the evaluation cycle: KPI plans and sheets (R-KPI-PLAN, R-KPI-SCORE, R-CONFIDENTIAL)
    DRAFT_KPI_PLAN = "draft_kpi_plan"
    AGREE_KPI_PLAN = "agree_kpi_plan"
    APPROVE_KPI_PLAN = "approve_kpi_plan"
    ENTER_KPI_ACTUALS = "enter_kpi_actuals"
    SCORE_KPI = "score_kpi"
    REVIEW_KPI_SHEET = "review_kpi_sheet"
    VIEW_KPI = "view_kpi"
    # the evaluation cycle: familiarization and disagreement (R-FAMILIARIZE, R-DISAGREE)
    ACKNOWLEDGE_RESULT = "acknowledge_result"
    SUBMIT_DISAGREEMENT = "submit_disagreement"
    RECORD_FAMILIARIZATION = "record_familiarization"
    # the evaluation cycle: progress of every evaluation, without scores (R-CONFIDENTIAL)
    VIEW_CYCLE_DASHBOARD = "view_cycle_dashboard"


_READ_ONLY = frozenset(
    {
        Action.VIEW_BODY,
        Action.VIEW_STRUCTURE,
        Action.VIEW_STAFF_LIST,
        Action.VIEW_EMPLOYEE,
        Action.VIEW_AUDIT,
        Action.EXPORT_STAFF,
        Action.VIEW_PERIOD,
        Action.VIEW_CYCLE_DASHBOARD,
    }
)

# Only the evaluator on their own team (004 p31; 002 p18: "тікелей басшымен балл қойылады").
EVALUATOR_ACTIONS = frozenset({Action.SCORE_RANKING, Action.AWARD_BONUS})
# What the evaluated person and their managers may do on a participation (R-CONFIDENTIAL).
RESULT_READ_ACTIONS = frozenset({Action.VIEW_RESULT, Action.VIEW_SCAN})
# KPI plans and sheets; the managers' own acts among them are given by no body role.
KPI_ACTIONS = frozenset(
    {
        Action.DRAFT_KPI_PLAN,
        Action.AGREE_KPI_PLAN,
        Action.APPROVE_KPI_PLAN,
        Action.ENTER_KPI_ACTUALS,
        Action.SCORE_KPI,
        Action.REVIEW_KPI_SHEET,
        Action.VIEW_KPI,
    }
)
KPI_MANAGER_ACTIONS = frozenset(
    {Action.DRAFT_KPI_PLAN, Action.SCORE_KPI, Action.APPROVE_KPI_PLAN, Action.REVIEW_KPI_SHEET}
)
# The evaluated person's own acts on their result (004 p11-12): nobody acts for them.
SELF_ACTIONS = frozenset({Action.ACKNOWLEDGE_RESULT, Action.SUBMIT_DISAGREEMENT})

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    # R-SCHEDULE (004 p10): HR draws up the schedule, the appointing official approves it.
    Role.HR: frozenset(Action)
    - {Action.APPROVE_SCHEDULE}
    - EVALUATOR_ACTIONS
    - KPI_MANAGER_ACTIONS
    - SELF_ACTIONS,
    Role.AUDITOR: _READ_ONLY,
    Role.APPOINTING_OFFICIAL: frozenset(
        {
            Action.VIEW_BODY,
            Action.VIEW_STRUCTURE,
            Action.VIEW_STAFF_LIST,
            Action.VIEW_EMPLOYEE,
            Action.VIEW_PERIOD,
            Action.VIEW_CYCLE_DASHBOARD,
            Action.APPROVE_SCHEDULE,
        }
    )
    | RESULT_READ_ACTIONS
    | {Action.APPROVE_RESULT},
    Role.COMMISSION_MEMBER: frozenset({Action.VIEW_BODY}),
}

# What working in a body gives by itself (names and positions only, see the docstring).
EMPLOYEE_BODY_ACTIONS = frozenset({Action.VIEW_BODY, Action.VIEW_STRUCTURE})


def roles_with(action: Action) -> list[Role]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]


def _is_signed_in(user: UserLike) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _is_superuser(user: UserLike) -> bool:
    return _is_signed_in(user) and bool(getattr(user, "is_superuser", False))


def _user_id(user: UserLike) -> int:
    # Callers have checked ``_is_signed_in``; an anonymous user has no id to look up.
    if not isinstance(user, AbstractBaseUser) or user.pk is None:
        raise PermissionDenied
    return int(user.pk)


def _own_employee_id(user: UserLike) -> int | None:
    """The employee linked to ``user``, by id (one small query)."""
    if not _is_signed_in(user):
        return None
    rows = Employee.objects.filter(user_id=_user_id(user)).values_list("pk", flat=True)
    return rows.first()


def _granted_body_ids(user: UserLike, action: Action) -> QuerySet[RoleAssignment, int]:
    grants = RoleAssignment.objects.filter(user_id=_user_id(user), role__in=roles_with(action))
    return grants.values_list("body_id", flat=True)


def _working_body_ids(employee_id: int, today: date) -> QuerySet[Assignment, int]:
    return (
        Assignment.objects.filter(active_on(today), employee_id=employee_id)
        .values_list("position__body_id", flat=True)
        .distinct()
    )


def bodies_for(user: UserLike, action: Action, *, today: date | None = None) -> QuerySet[StateBody]:
    """Bodies on which ``user`` may do ``action``, as one query for list pages."""
    if _is_superuser(user):
        return StateBody.objects.all()
    if not _is_signed_in(user):
        return StateBody.objects.none()
    condition = Q(pk__in=_granted_body_ids(user, action))
    if action in EMPLOYEE_BODY_ACTIONS:
        employee_id = _own_employee_id(user)
        if employee_id is not None:
            condition |= Q(pk__in=_working_body_ids(employee_id, today or clock.today()))
    return StateBody.objects.filter(condition)


def _managed_positions(my_employee_id: int, today: date) -> Q:
    """Positions whose holders ``my_employee_id`` manages on ``today`` (as a filter)."""
    mine = Assignment.objects.filter(active_on(today), employee_id=my_employee_id).values(
        "position_id"
    )
    headed = Position.objects.filter(
        pk__in=mine, is_head_of_unit=True, department__isnull=False
    ).values("department_id")
    return Q(reports_to__in=mine) | Q(reports_to__reports_to__in=mine) | Q(department__in=headed)


def _managed_employee_ids(
    my_employee_id: int, employee_ids: Collection[int], today: date
) -> set[int]:
    """Which of ``employee_ids`` ``my_employee_id`` manages on ``today``: one query."""
    positions = Position.objects.filter(_managed_positions(my_employee_id, today)).values("pk")
    rows = Assignment.objects.filter(
        active_on(today), employee_id__in=list(employee_ids), position_id__in=positions
    ).values_list("employee_id", flat=True)
    return set(rows)


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
    if _is_superuser(user):
        return wanted
    if not _is_signed_in(user) or not wanted:
        return set()
    allowed = _employee_ids_in_bodies(wanted, _granted_body_ids(user, action))
    if action == Action.VIEW_EMPLOYEE:
        allowed |= _relational_view(user, wanted - allowed, today)
    if action in EVALUATOR_ACTIONS:
        my_id = _own_employee_id(user)
        allowed |= {my_id} & wanted if my_id is not None else set()
    return allowed


def _relational_view(user: UserLike, employee_ids: set[int], today: date) -> set[int]:
    my_id = _own_employee_id(user)
    if my_id is None or not employee_ids:
        return set()
    allowed = {my_id} & employee_ids
    rest = employee_ids - allowed
    if rest:
        allowed |= _managed_employee_ids(my_id, rest, today)
    return allowed


def _can_on_body(user: UserLike, action: Action, body: StateBody, today: date) -> bool:
    if _granted_body_ids(user, action).filter(body_id=body.pk).exists():
        return True
    if action not in EMPLOYEE_BODY_ACTIONS:
        return False
    employee_id = _own_employee_id(user)
    return (
        employee_id is not None
        and _working_body_ids(employee_id, today).filter(position__body_id=body.pk).exists()
    )


def can(user: UserLike, action: Action, obj: Target, *, today: date | None = None) -> bool:
    """May ``user`` do ``action`` on ``obj`` (a state body or an employee) on ``today``?"""
    if _is_superuser(user):
        return True
    if not _is_signed_in(user):
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
    my_id = _own_employee_id(user)
    if action in EVALUATOR_ACTIONS:
        return my_id is not None and my_id == participation.evaluator_id
    if action in SELF_ACTIONS:
        return my_id is not None and my_id == participation.employee_id
    if _granted_body_ids(user, action).filter(body_id=participation.period.body_id).exists():
        return True
    if action not in RESULT_READ_ACTIONS or my_id is None:
        return False
    if my_id in (participation.employee_id, participation.evaluator_id):
        return True
    return bool(_managed_employee_ids(my_id, [participation.employee_id], day))


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
    if _granted_body_ids(user, action).filter(body_id=period.body_id).exists():
        return True
    my_id = _own_employee_id(user)
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
        _managed_employee_ids(my_id, [participation.employee_id], day)
    )


def require(user: UserLike, action: Action, obj: Target, *, today: date | None = None) -> None:
    """Raise ``PermissionDenied`` (HTTP 403) unless ``can`` allows it."""
    if not can(user, action, obj, today=today):
        raise PermissionDenied(action.value)


def participations_for(user: UserLike, action: Action, *, today: date) -> QuerySet[Participation]:
    """Participations on which ``user`` may do ``action`` (a result read), as one query
    for list endpoints: the same rule as ``can`` on one participation (R-CONFIDENTIAL)."""
    if action not in RESULT_READ_ACTIONS:
        raise ValueError(f"no list rule for {action.value}")
    if _is_superuser(user):
        return Participation.objects.all()
    if not _is_signed_in(user):
        return Participation.objects.none()
    condition = Q(period__body_id__in=_granted_body_ids(user, action))
    my_id = _own_employee_id(user)
    if my_id is not None:
        positions = Position.objects.filter(_managed_positions(my_id, today)).values("pk")
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
    if _is_superuser(user):
        return {a: {p.pk for p in rows} for a in actions}
    if not _is_signed_in(user) or not rows:
        return {a: set() for a in actions}
    grants = RoleAssignment.objects.filter(user_id=_user_id(user)).values_list("role", "body_id")
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
    my_id = _own_employee_id(user)
    if my_id is None:
        return by_role
    related = _related_rows(my_id, set(actions), rows, today)
    return {a: by_role[a] | related.get(a, set()) for a in actions}


def _related_rows(
    my_id: int, actions: set[Action], rows: list[Participation], today: date
) -> dict[Action, set[int]]:
    """What ``my_id`` may do on the rows as the person, the evaluator, the KPI approver
    or a manager by the structure on ``today`` (``_can_on_participation``, ``_can_on_kpi``)."""
    evaluated = {p.pk for p in rows if p.evaluator_id == my_id}
    approver = _approver_rows(my_id, rows) if actions & _APPROVER_KPI_VIEW else set()
    managed: set[int] = set()
    if actions & (RESULT_READ_ACTIONS | {Action.VIEW_KPI}):
        ids = _managed_employee_ids(my_id, {p.employee_id for p in rows}, today)
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
