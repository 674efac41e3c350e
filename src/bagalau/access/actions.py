"""The actions a user may be allowed, and what each role per body gives (R-CONFIDENTIAL).

The rules themselves are written in ``bagalau.access``' docstring.
"""

from __future__ import annotations

from enum import StrEnum

from bagalau.accounts.models import Role


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
