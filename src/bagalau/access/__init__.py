"""The one place that decides "may user U do action A on object O" (R-CONFIDENTIAL).

Every view and API endpoint asks ``require``/``can`` (one object) or ``bodies_for`` /
``employee_ids_for`` / ``participation_ids_for`` (lists); nothing else decides access.
The modules: ``actions`` (the actions and what each role gives), ``who`` (the signed-in
user, their grants and the people they manage), ``scope`` (the rows a user may list, in
a fixed number of queries), ``objects`` (one object: ``can``/``require``), ``roles``
(granting roles and logins, MANAGE_ROLES, with its separation of duties: nobody changes
their own roles or login; the approving roles are the administrator's to grant).

The layer: ``access`` reads the tables of ``orgs``, ``accounts`` and ``cycles`` and is
asked by every view, API endpoint and ``access_*`` selector; the tables, services and
selectors of ``orgs``, ``accounts`` and ``audit`` never ask it (see ``pyproject.toml``).

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

from bagalau.access.actions import (
    EMPLOYEE_BODY_ACTIONS,
    EVALUATOR_ACTIONS,
    KPI_ACTIONS,
    KPI_MANAGER_ACTIONS,
    RESULT_READ_ACTIONS,
    ROLE_ACTIONS,
    SELF_ACTIONS,
    Action,
    roles_with,
)
from bagalau.access.objects import Target, can, kpi_approver_id, require
from bagalau.access.scope import (
    allowed_anywhere,
    bodies_for,
    employee_ids_for,
    participation_ids_for,
    participations_for,
)
from bagalau.access.who import UserLike

__all__ = [
    "EMPLOYEE_BODY_ACTIONS",
    "EVALUATOR_ACTIONS",
    "KPI_ACTIONS",
    "KPI_MANAGER_ACTIONS",
    "RESULT_READ_ACTIONS",
    "ROLE_ACTIONS",
    "SELF_ACTIONS",
    "Action",
    "Target",
    "UserLike",
    "allowed_anywhere",
    "bodies_for",
    "can",
    "employee_ids_for",
    "kpi_approver_id",
    "participation_ids_for",
    "participations_for",
    "require",
    "roles_with",
]
