"""The permission rules as a table: subject x object x action -> allowed or not."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.access import Action, bodies_for, can, employee_ids_for, require
from bagalau.cycles.models import Participation
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Assignment, Employee, StateBody
from tests.accounts.factory import World

TODAY = date(2025, 3, 1)
A = Action
ALL = frozenset(Action)
READ = frozenset(
    {
        A.VIEW_BODY,
        A.VIEW_STRUCTURE,
        A.VIEW_STAFF_LIST,
        A.VIEW_EMPLOYEE,
        A.VIEW_AUDIT,
        A.EXPORT_STAFF,
        A.VIEW_PERIOD,
        A.VIEW_CYCLE_DASHBOARD,
    }
)
APPOINTING = frozenset(
    {
        A.VIEW_BODY,
        A.VIEW_STRUCTURE,
        A.VIEW_STAFF_LIST,
        A.VIEW_EMPLOYEE,
        A.VIEW_PERIOD,
        A.VIEW_CYCLE_DASHBOARD,
        A.APPROVE_SCHEDULE,
    }
) | {A.VIEW_RESULT, A.VIEW_SCAN, A.APPROVE_RESULT}
# R-SCHEDULE (004 p10): HR draws up the schedule, only the appointing official approves it.
HR = ALL - {A.APPROVE_SCHEDULE} - {A.SCORE_RANKING, A.AWARD_BONUS}  # the evaluator's own acts
# KPI: drafting and scoring are the evaluator's, approving and reviewing the superior's
HR = HR - {A.DRAFT_KPI_PLAN, A.SCORE_KPI, A.APPROVE_KPI_PLAN, A.REVIEW_KPI_SHEET}
# familiarization: acknowledging and applying are the evaluated person's own acts only
HR = HR - {A.ACKNOWLEDGE_RESULT, A.SUBMIT_DISAGREEMENT}
WORKS_HERE = frozenset({A.VIEW_BODY, A.VIEW_STRUCTURE})
VIEW_PAGE = frozenset({A.VIEW_EMPLOYEE})
NONE: frozenset[Action] = frozenset()
BODY_ACTIONS = frozenset(Action) - {A.VIEW_EMPLOYEE, A.EDIT_EMPLOYEE}
EMPLOYEE_ACTIONS = frozenset({A.VIEW_EMPLOYEE, A.EDIT_EMPLOYEE})

# subject -> (body A, body B, the employee in A, the employee in B): allowed actions.
TABLE: dict[str, tuple[frozenset[Action], ...]] = {
    "anonymous": (NONE, NONE, NONE, NONE),
    "superuser": (ALL, ALL, ALL, ALL),
    "hr": (HR, NONE, HR, NONE),
    "hr_other": (NONE, HR, NONE, HR),
    "auditor": (READ, NONE, READ, NONE),
    "appointing": (APPOINTING, NONE, APPOINTING, NONE),
    "commission": (frozenset({A.VIEW_BODY}), NONE, NONE, NONE),
    "employee": (WORKS_HERE, NONE, VIEW_PAGE, NONE),
    "colleague": (WORKS_HERE, NONE, NONE, NONE),
    "direct_manager": (WORKS_HERE, NONE, VIEW_PAGE, NONE),
    "superior_manager": (WORKS_HERE, NONE, VIEW_PAGE, NONE),
    "department_head": (WORKS_HERE, NONE, VIEW_PAGE, NONE),
    "other_body_employee": (NONE, WORKS_HERE, NONE, VIEW_PAGE),
}
OBJECTS = ("body_a", "body_b", "employee", "other_body_employee")


def _subject(world: World, name: str) -> User | AnonymousUser:
    return AnonymousUser() if name == "anonymous" else world.users[name]


def _cases() -> list[tuple[str, int, Action]]:
    cases = []
    for subject in TABLE:
        for index, obj in enumerate(OBJECTS):
            actions = BODY_ACTIONS if obj.startswith("body") else EMPLOYEE_ACTIONS
            cases += [(subject, index, action) for action in sorted(actions)]
    return cases


@pytest.mark.parametrize(("subject", "index", "action"), _cases())
def test_permission_table(world: World, subject: str, index: int, action: Action) -> None:
    obj: StateBody | Employee = getattr(world, OBJECTS[index])
    expected = action in TABLE[subject][index]
    assert can(_subject(world, subject), action, obj, today=TODAY) is expected


def test_require_raises_permission_denied(world: World) -> None:
    require(world.users["hr"], A.EDIT_EMPLOYEE, world.employee, today=TODAY)
    with pytest.raises(PermissionDenied):
        require(world.users["auditor"], A.EDIT_EMPLOYEE, world.employee, today=TODAY)


def test_a_colleague_cannot_see_another_employee(world: World) -> None:
    colleague = world.users["colleague"]
    assert not can(colleague, A.VIEW_EMPLOYEE, world.employee, today=TODAY)
    assert not can(colleague, A.VIEW_STAFF_LIST, world.body_a, today=TODAY)


def test_the_employee_cannot_see_their_managers_page(world: World) -> None:
    assert not can(world.users["employee"], A.VIEW_EMPLOYEE, world.direct_manager, today=TODAY)


def test_relations_follow_the_date(world: World) -> None:
    before = date(2019, 12, 31)
    assert not can(world.users["direct_manager"], A.VIEW_EMPLOYEE, world.employee, today=before)
    assert not can(world.users["employee"], A.VIEW_BODY, world.body_a, today=before)


def test_a_former_manager_loses_access(world: World) -> None:
    Assignment.objects.filter(employee=world.direct_manager).update(end=date(2024, 12, 31))
    assert can(
        world.users["direct_manager"], A.VIEW_EMPLOYEE, world.employee, today=date(2024, 12, 31)
    )
    assert not can(world.users["direct_manager"], A.VIEW_EMPLOYEE, world.employee, today=TODAY)


def test_deactivated_hr_may_do_nothing(world: World) -> None:
    hr = world.users["hr"]
    hr.is_active = False
    hr.save()
    assert not can(hr, A.VIEW_BODY, world.body_a, today=TODAY)
    assert not bodies_for(hr, A.VIEW_BODY, today=TODAY).exists()


@pytest.mark.parametrize(
    ("subject", "action", "expected"),
    [
        ("superuser", A.MANAGE_ROLES, {"aktau", "kentau"}),
        ("hr", A.MANAGE_ROLES, {"aktau"}),
        ("auditor", A.VIEW_AUDIT, {"aktau"}),
        ("auditor", A.IMPORT_STAFF, set()),
        ("colleague", A.VIEW_STRUCTURE, {"aktau"}),
        ("colleague", A.VIEW_STAFF_LIST, set()),
        ("other_body_employee", A.VIEW_BODY, {"kentau"}),
        ("anonymous", A.VIEW_BODY, set()),
    ],
)
def test_bodies_for(world: World, subject: str, action: Action, expected: set[str]) -> None:
    found = bodies_for(_subject(world, subject), action, today=TODAY)
    assert {b.code for b in found} == expected


def test_employee_ids_for_decides_a_list_at_once(world: World) -> None:
    every = list(Employee.objects.values_list("pk", flat=True))
    manager = world.users["direct_manager"]
    with CaptureQueriesContext(connection) as few:
        allowed = employee_ids_for(manager, A.VIEW_EMPLOYEE, every[:2], today=TODAY)
    with CaptureQueriesContext(connection) as many:
        allowed = employee_ids_for(manager, A.VIEW_EMPLOYEE, every, today=TODAY)
    assert len(few) == len(many) == 3
    # The chief specialist manages the specialist and the colleague, and sees themself.
    assert allowed == {world.employee.pk, world.colleague.pk, world.direct_manager.pk}
    assert employee_ids_for(world.users["hr"], A.EDIT_EMPLOYEE, every, today=TODAY) == (
        set(every) - {world.other_body_employee.pk}
    )


# --- familiarization on a participation (R-FAMILIARIZE 004 p11, R-DISAGREE 004 p12) -------

SELF_ONLY = {"employee", "superuser"}
FAMILIARIZATION_TABLE: dict[Action, set[str]] = {
    # the evaluated person's own acts: never a manager, never HR or the appointing official
    A.ACKNOWLEDGE_RESULT: SELF_ONLY,
    A.SUBMIT_DISAGREEMENT: SELF_ONLY,
    # HR of the body records how the person was told, or the refusal act
    A.RECORD_FAMILIARIZATION: {"hr", "superuser"},
}


@pytest.mark.parametrize("action", sorted(FAMILIARIZATION_TABLE))
@pytest.mark.parametrize("subject", sorted(TABLE))
def test_familiarization_actions_on_the_employees_participation(
    world: World, subject: str, action: Action
) -> None:
    period = do_open_period(actor=world.users["hr"], body=world.body_a, period=Period(2024, 1))
    participation = Participation.objects.select_related("period").get(
        period=period, employee=world.employee
    )
    expected = subject in FAMILIARIZATION_TABLE[action]
    assert can(_subject(world, subject), action, participation, today=TODAY) is expected
