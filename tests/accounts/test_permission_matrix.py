"""Every role x every page and endpoint x own/other's object, through HTTP (R-CONFIDENTIAL).

The expected outcomes follow the rules written in ``bagalau.access``, not
what the views happen to do. Every URL pattern of the project must have an entry in
``PAGES`` (or be listed in ``SKIPPED`` with the reason), so a new page cannot escape the
matrix: ``test_every_url_pattern_is_in_the_matrix`` fails naming it.

The world (``tests.accounts.factory``) is built once for the module inside a transaction
that is rolled back at the end; each test runs in a savepoint of it, so a request that
does change data (an allowed POST) leaves nothing behind for the next test.

Targets: bodies are ``body_a`` (where every subject but ``hr_other`` works or holds a
role: their own) and ``body_b`` (the other body). Employees are ``employee`` (the
evaluated person), ``colleague`` (same department of body A) and ``other_body_employee``
(body B). Pages without an object have the single target ``none``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.models import (
    BonusAward,
    EvaluationPeriod,
    Familiarization,
    Participation,
    RankingEntry,
    RankingSheet,
    Result,
    ScheduleItem,
)
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.notify.models import NoticeKind, Notification
from bagalau.orgs.models import AbsenceKind, Employee, ImportJob, ImportStatus, StateBody
from tests.accounts.factory import World, build_world

# --- subjects and targets ---------------------------------------------------------------

ROLES = (
    "anonymous",
    "employee",
    "colleague",
    "direct_manager",
    "superior_manager",
    "department_head",
    "hr",
    "appointing",
    "commission",
    "auditor",
    "hr_other",
    "superuser",
)
BODIES = ("body_a", "body_b")
EMPLOYEES = ("employee", "colleague", "other_body_employee")
NO_OBJECT = ("none",)
WORKERS_IN_A = ("employee", "colleague", "direct_manager", "superior_manager", "department_head")

# --- who may, per the rules in permissions' docstring: role -> targets allowed ------------

Rule = dict[str, frozenset[str]]


def _rule(**allowed: Sequence[str]) -> Rule:
    """Superusers may do everything; anyone not named (anonymous included) nothing."""
    rule = {role: frozenset(targets) for role, targets in allowed.items()}
    rule["superuser"] = frozenset((*BODIES, *EMPLOYEES, *NO_OBJECT))
    return rule


ALL_TARGETS = frozenset((*BODIES, *EMPLOYEES, *NO_OBJECT))
# Public pages (home, methodology packs): no personal data, anonymous visitors too.
PUBLIC: Rule = {role: ALL_TARGETS for role in ROLES}
# Signed in is enough: the page filters its own content per user, or holds no data.
SIGNED_IN: Rule = {role: ALL_TARGETS for role in ROLES if role != "anonymous"}
# VIEW_BODY / VIEW_STRUCTURE: body roles but the commission member (VIEW_BODY only), and
# everyone working in the body.
VIEW_STRUCTURE = _rule(
    **{role: ["body_a"] for role in WORKERS_IN_A},
    hr=["body_a"],
    appointing=["body_a"],
    auditor=["body_a"],
    hr_other=["body_b"],
)
# VIEW_STAFF_LIST: HR, the auditor and the appointing official of the body; not its staff.
VIEW_STAFF_LIST = _rule(
    hr=["body_a"], appointing=["body_a"], auditor=["body_a"], hr_other=["body_b"]
)
# EXPORT_STAFF: HR and the auditor ("reads and exports only").
EXPORT_STAFF = _rule(hr=["body_a"], auditor=["body_a"], hr_other=["body_b"])
# IMPORT_STAFF, MANAGE_ROLES and any other change: HR of the body only.
HR_OF_BODY = _rule(hr=["body_a"], hr_other=["body_b"])
# VIEW_EMPLOYEE: oneself; the direct manager (the "chief" both report to), the superior
# manager (the deputy above) and the head of their department; the body roles that carry
# VIEW_EMPLOYEE. Never a colleague of the same department, never another body's HR.
VIEW_EMPLOYEE = _rule(
    employee=["employee"],
    colleague=["colleague"],
    direct_manager=["employee", "colleague"],
    superior_manager=["employee", "colleague"],
    department_head=["employee", "colleague"],
    hr=["employee", "colleague"],
    appointing=["employee", "colleague"],
    auditor=["employee", "colleague"],
    hr_other=["other_body_employee"],
)
# EDIT_EMPLOYEE: HR of a body the person works (or worked) in; a manager may not.
EDIT_EMPLOYEE = _rule(hr=["employee", "colleague"], hr_other=["other_body_employee"])
# VIEW_AUDIT: HR and the auditor, on their body; ?body= narrows to one body.
VIEW_AUDIT = _rule(hr=["none", "body_a"], auditor=["none", "body_a"], hr_other=["none", "body_b"])
# VIEW_PERIOD: HR, the auditor and the appointing official of the body; never its staff
# ("an employee does not see a period's list of participants").
VIEW_PERIOD = _rule(hr=["body_a"], appointing=["body_a"], auditor=["body_a"], hr_other=["body_b"])
# CLOSE_PERIOD: HR of the body alone, not the appointing official nor the auditor.
CLOSE_PERIOD = _rule(hr=["body_a"], hr_other=["body_b"])
# VIEW_CYCLE_DASHBOARD: HR, the auditor and the appointing official of the body.
VIEW_CYCLE_DASHBOARD = _rule(
    hr=["body_a"], appointing=["body_a"], auditor=["body_a"], hr_other=["body_b"]
)
# APPROVE_SCHEDULE: the appointing official alone, not HR who draws the schedule up.
APPROVE_SCHEDULE = _rule(appointing=["body_a"])
# VIEW_RESULT / VIEW_SCAN on a participation: the person, the evaluator recorded on it
# (the direct manager here), the managers by the structure, HR and the appointing
# official of the body. Never a colleague; not the auditor (reads the staff data only).
VIEW_RESULT = _rule(
    employee=["employee"],
    colleague=["colleague"],
    direct_manager=["employee", "colleague"],
    superior_manager=["employee", "colleague"],
    department_head=["employee", "colleague"],
    hr=["employee", "colleague"],
    appointing=["employee", "colleague"],
    hr_other=["other_body_employee"],
)
# SCORE_RANKING / AWARD_BONUS: the evaluator (the direct manager) alone, on their own
# team; no body role gives them. Targets of the team page: body_a is the direct
# manager's team in body A's period, body_b a team in body B's period.
AWARD_BONUS = _rule(direct_manager=["employee", "colleague"])
SCORE_RANKING = _rule(direct_manager=["body_a"])
# KPI plans and sheets (the API's endpoints): VIEW_KPI as VIEW_RESULT but for the
# appointing official; the evaluator (the direct manager) drafts and scores, the superior
# manager (above the evaluator) approves and reviews, HR agrees, places, enters actuals.
VIEW_KPI = _rule(
    employee=["employee"],
    colleague=["colleague"],
    direct_manager=["employee", "colleague"],
    superior_manager=["employee", "colleague"],
    department_head=["employee", "colleague"],
    hr=["employee", "colleague"],
    hr_other=["other_body_employee"],
)
KPI_EVALUATOR = _rule(direct_manager=["employee", "colleague"])
KPI_APPROVER = _rule(superior_manager=["employee", "colleague"])
KPI_HR = _rule(hr=["employee", "colleague"], hr_other=["other_body_employee"])
# ENTER_PAPER_SHEET: HR of the body.
ENTER_PAPER_SHEET = _rule(hr=["employee", "colleague"], hr_other=["other_body_employee"])
# APPROVE_RESULT on the body: HR and the appointing official.
APPROVE_RESULT = _rule(hr=["body_a"], appointing=["body_a"], hr_other=["body_b"])
# ACKNOWLEDGE_RESULT / SUBMIT_DISAGREEMENT (004 p11-12): the evaluated person alone, on
# their own result; no body role, not even HR, acts for them.
OWN_RESULT = _rule(employee=["employee"], colleague=["colleague"])
# RECORD_FAMILIARIZATION: HR of the body (recorded means, signature, refusal act).
RECORD_FAMILIARIZATION = HR_OF_BODY
RECORD_FAMILIARIZATION_OF_PERSON = _rule(
    hr=["employee", "colleague"], hr_other=["other_body_employee"]
)

# --- the fixture world ------------------------------------------------------------------


@dataclass
class Matrix:
    world: World
    sessions: dict[str, str]  # role -> session key of a signed-in client
    jobs: dict[str, ImportJob]  # body target -> an import job of that body
    revocable: dict[str, tuple[User, Role]]  # body target -> a role to revoke there
    periods: dict[str, EvaluationPeriod]  # body target -> an open period of that body
    participations: dict[str, Participation]  # employee target -> theirs in the period
    sheets: dict[str, RankingSheet]  # body target -> a submitted ranking sheet there
    awards: dict[str, BonusAward]  # employee target -> a bonus award to withdraw
    notice: Notification  # a notice to the employee

    def body(self, target: str) -> StateBody:
        return {"body_a": self.world.body_a, "body_b": self.world.body_b}[target]

    def person(self, target: str) -> Employee:
        person: Employee = getattr(self.world, target)
        return person

    def body_of(self, target: str) -> StateBody:
        """The body a target employee works in."""
        return self.world.body_b if target == "other_body_employee" else self.world.body_a

    def user_of(self, target: str) -> User:
        user = self.person(target).user
        assert user is not None
        return user


@pytest.fixture(scope="module")
def matrix(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Matrix]:
    """One world for the whole module, rolled back at its end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media: Path = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast, MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        yield _build_matrix()
        transaction.set_rollback(True)


def _build_matrix() -> Matrix:
    world = build_world()
    # Personal data the colleague must never see anywhere.
    Employee.objects.filter(pk=world.employee.pk).update(
        phone="+7 701 555 44 33", email="employee.private@example.kz"
    )
    world.employee.refresh_from_db()
    jobs = {
        target: ImportJob.objects.create(
            body=body, file_names="staff.xlsx", status=ImportStatus.CHECKED
        )
        for target, body in (("body_a", world.body_a), ("body_b", world.body_b))
    }
    other_user = world.other_body_employee.user
    assert other_user is not None
    RoleAssignment.objects.create(user=other_user, body=world.body_b, role=Role.AUDITOR)
    periods = {
        target: do_open_period(actor=hr, body=body, period=Period.parse("2024-Q1"))
        for target, body, hr in (
            ("body_a", world.body_a, world.users["hr"]),
            ("body_b", world.body_b, world.users["hr_other"]),
        )
    }
    participations, sheets, awards = _results(world, periods)
    sessions = {}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(world.users[role])
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Matrix(
        world=world,
        sessions=sessions,
        jobs=jobs,
        revocable={
            "body_a": (world.users["auditor"], Role.AUDITOR),
            "body_b": (other_user, Role.AUDITOR),
        },
        periods=periods,
        participations=participations,
        sheets=sheets,
        awards=awards,
        notice=Notification.objects.create(
            recipient=world.users["employee"],
            kind=NoticeKind.STEP_WAITING,
            key="matrix-notice",
            period=periods["body_a"],
            participation=participations["employee"],
            params={"step": "familiarize", "pack": periods["body_a"].pack_id},
        ),
    )


def _results(
    world: World, periods: dict[str, EvaluationPeriod]
) -> tuple[dict[str, Participation], dict[str, RankingSheet], dict[str, BonusAward]]:
    """A submitted ranking sheet per body; for each target person a paper entry with its
    scan, a result and a bonus award."""
    evaluators = {"body_a": world.direct_manager, "body_b": world.other_body_employee}
    sheets = {
        target: RankingSheet.objects.create(
            period=periods[target], evaluator=evaluators[target], state="submitted"
        )
        for target in BODIES
    }
    participations, awards = {}, {}
    for target in EMPLOYEES:
        body = "body_b" if target == "other_body_employee" else "body_a"
        person: Employee = getattr(world, target)
        participation = Participation.objects.get(period=periods[body], employee=person)
        participations[target] = participation
        entry = RankingEntry(
            sheet=sheets[body], participation=participation, scores={}, on_paper=True
        )
        entry.scan.save("sheet.pdf", ContentFile(b"%PDF-1.4 confidential"), save=False)
        entry.save()
        result = Result.objects.create(
            participation=participation, method="ranking", score=Decimal("4.5")
        )
        # A refusal act (000 p41) for the act's page; witnesses need not be right here.
        Familiarization.objects.create(
            result=result, channel="written", at=result.computed_at, refused=True,
            witness_one=world.colleague, witness_two=world.direct_manager,
        )  # fmt: skip
        awards[target] = BonusAward.objects.create(
            participation=participation,
            points=1,
            activity=0,
            evidence="order 1",
            awarded_by=evaluators[body],
        )
    return participations, sheets, awards


@pytest.fixture
def world_db(matrix: Matrix, db: None) -> Matrix:
    """The module's world, inside this test's own savepoint."""
    return matrix


def client_for(matrix: Matrix, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[role]
    return client


# --- the table of pages -------------------------------------------------------------------

Args = Callable[[Matrix, str], dict[str, Any]]


def _none(m: Matrix, t: str) -> dict[str, Any]:
    return {}


def _code(m: Matrix, t: str) -> dict[str, Any]:
    return {"code": m.body(t).code}


def _pk(m: Matrix, t: str) -> dict[str, Any]:
    return {"pk": m.person(t).pk}


def _job(m: Matrix, t: str) -> dict[str, Any]:
    return {"code": m.body(t).code, "job_id": m.jobs[t].pk}


def _revoke(m: Matrix, t: str) -> dict[str, Any]:
    user, role = m.revocable[t]
    return {"code": m.body(t).code, "user_id": user.pk, "role": role.value}


def _deactivate(m: Matrix, t: str) -> dict[str, Any]:
    person = "employee" if t == "body_a" else "other_body_employee"
    return {"code": m.body(t).code, "user_id": m.user_of(person).pk}


def _body_filter(m: Matrix, t: str) -> dict[str, Any]:
    return {} if t == "none" else {"body": m.body(t).code}


def _period(m: Matrix, t: str) -> dict[str, Any]:
    return {"code": m.body(t).code, "period": m.periods[t].code}


def _schedule_item(m: Matrix, t: str) -> dict[str, Any]:
    item = ScheduleItem.objects.filter(schedule__period=m.periods[t]).order_by("pk").first()
    assert item is not None
    return _period(m, t) | {"item": item.pk}


def _open_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"year": "2024", "quarter": "2"}


def _plan_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"planned": "01.04.2024", "version": str(m.periods[t].schedule.version)}


def _move_data(to_state: str) -> Args:
    def data(m: Matrix, t: str) -> dict[str, Any]:
        return {"to_state": to_state, "version": str(m.periods[t].schedule.version)}

    return data


def _close_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"version": str(m.periods[t].version)}


def _participation(m: Matrix, t: str) -> dict[str, Any]:
    return {"participation_id": m.participations[t].pk}


def _award(m: Matrix, t: str) -> dict[str, Any]:
    return _participation(m, t) | {"award_id": m.awards[t].pk}


def _sheet(m: Matrix, t: str) -> dict[str, Any]:
    return {"sheet_id": m.sheets[t].pk}


def _team(m: Matrix, t: str) -> dict[str, Any]:
    sheet = m.sheets[t]
    return {"period_id": sheet.period_id, "evaluator_id": sheet.evaluator_id}


def _notice(m: Matrix, t: str) -> dict[str, Any]:
    return {"notice_id": m.notice.pk}


def _api_part(m: Matrix, t: str) -> dict[str, Any]:
    return {"pk": m.participations[t].pk}


def _api_period(m: Matrix, t: str) -> dict[str, Any]:
    return {"period_id": m.periods[t].pk}


def _api_open(m: Matrix, t: str) -> dict[str, Any]:
    return {"body": m.body(t).code, "period": "2024-Q2"}


def _version(m: Matrix, t: str) -> dict[str, Any]:
    return {"version": 1}


def _api_sheet_version(m: Matrix, t: str) -> dict[str, Any]:
    return {"version": m.sheets[t].version}


def _api_decision(m: Matrix, t: str) -> dict[str, Any]:
    return _api_sheet_version(m, t) | {"decision": "approved"}


def _api_award_id(m: Matrix, t: str) -> dict[str, Any]:
    return _api_part(m, t) | {"award_id": m.awards[t].pk}


def _api_award(m: Matrix, t: str) -> dict[str, Any]:
    return {"points": 1, "activity": 0, "evidence": "order 2"}


def _period_a(m: Matrix, t: str) -> dict[str, Any]:
    return {"period_id": m.periods["body_a"].pk}


def _period_id(m: Matrix, t: str) -> dict[str, Any]:
    return {"period_id": m.periods[t].pk}


def _result(m: Matrix, t: str) -> dict[str, Any]:
    result = Result.objects.get(participation=m.participations[t])
    return {"result_id": result.pk}


def _version_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"version": "1"}


def _disagreement_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"text": "I disagree with the score."}


def _record_data(m: Matrix, t: str) -> dict[str, Any]:
    prefix = f"r{_result(m, t)['result_id']}"
    return {f"{prefix}-channel": "sms", f"{prefix}-on": "01.04.2024", f"{prefix}-version": "1"}


def _refusal_data(m: Matrix, t: str) -> dict[str, Any]:
    witnesses = (m.world.colleague, m.world.direct_manager)
    return {"on": "01.04.2024", "witness_one": witnesses[0].pk, "witness_two": witnesses[1].pk}


def _edit_data(m: Matrix, t: str) -> dict[str, Any]:
    person = m.person(t)
    names = ("iin", "last_name_kk", "first_name_kk", "last_name_ru", "first_name_ru", "email")
    data = {f"employee-{n}": getattr(person, n) for n in names}
    return data | {"employee-phone": "+7 777 000 00 01"}


def _absence_data(m: Matrix, t: str) -> dict[str, Any]:
    return {
        "absence-kind": AbsenceKind.LABOUR_LEAVE.value,
        "absence-start": "03.02.2025",
        "absence-end": "07.02.2025",
    }


def _dismissal_data(m: Matrix, t: str) -> dict[str, Any]:
    return {
        "dismissal-body": str(m.body_of(t).pk),
        "dismissal-day": "28.02.2025",
        "dismissal-basis": "own wish",
    }


def _grant_data(m: Matrix, t: str) -> dict[str, Any]:
    person = "employee" if t == "body_a" else "other_body_employee"
    return {"user": str(m.user_of(person).pk), "role": Role.COMMISSION_MEMBER.value}


def _login_data(m: Matrix, t: str) -> dict[str, Any]:
    return {"employee": "", "username": "new-login", "password": ""}


# What a KPI endpoint answers past the permission check to people evaluated by ranking:
# the rule's refusal (400), or no plan or sheet to act on (404).
KPI_OK = (200, 400, 404)


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, with its namespace
    method: str  # "GET", or "POST" (the API: also "PUT", "DELETE") for changes
    targets: tuple[str, ...]
    rule: Rule
    args: Args = _none  # URL kwargs per target
    query: Args = _none  # GET query per target
    data: Args = _none  # POST body per target
    variant: str = ""  # tells apart two entries of one URL and method
    why: str = field(default="")
    ok: tuple[int, ...] = ()  # what "allowed" answers, when not the usual (see test_matrix)

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")

    @property
    def id(self) -> str:
        variant = f":{self.variant}" if self.variant else ""
        return f"{self.name}[{self.method}{variant}]"

    def url(self, m: Matrix, target: str) -> str:
        return reverse(self.name, kwargs=self.args(m, target))


PAGES: tuple[Page, ...] = (
    # web: public
    Page("home", "GET", NO_OBJECT, PUBLIC),
    Page("packs", "GET", NO_OBJECT, PUBLIC),
    Page("pack", "GET", NO_OBJECT, PUBLIC, args=lambda m, t: {"pack_id": "typical-2025"}),
    # orgs: bodies and people
    Page("orgs:bodies", "GET", NO_OBJECT, SIGNED_IN, why="lists bodies_for(VIEW_BODY) only"),
    Page("orgs:body", "GET", BODIES, VIEW_STRUCTURE, args=_code),
    Page("orgs:staff", "GET", BODIES, VIEW_STAFF_LIST, args=_code),
    Page("orgs:employee", "GET", EMPLOYEES, VIEW_EMPLOYEE, args=_pk),
    Page("orgs:employee_edit", "POST", EMPLOYEES, EDIT_EMPLOYEE, args=_pk, data=_edit_data),
    Page("orgs:absence_add", "POST", EMPLOYEES, EDIT_EMPLOYEE, args=_pk, data=_absence_data),
    Page("orgs:dismissal_add", "POST", EMPLOYEES, EDIT_EMPLOYEE, args=_pk, data=_dismissal_data),
    # orgs: staff import and export
    Page("orgs:import_template", "GET", NO_OBJECT, SIGNED_IN, why="a blank workbook, no data"),
    Page("orgs:import_upload", "GET", BODIES, HR_OF_BODY, args=_code),
    Page("orgs:import_upload", "POST", BODIES, HR_OF_BODY, args=_code),
    Page("orgs:import_job", "GET", BODIES, HR_OF_BODY, args=_job),
    Page("orgs:import_apply", "POST", BODIES, HR_OF_BODY, args=_job),
    Page("orgs:import_retry", "POST", BODIES, HR_OF_BODY, args=_job),
    Page("orgs:import_report", "GET", BODIES, HR_OF_BODY, args=_job),
    Page("orgs:import_issues", "GET", BODIES, HR_OF_BODY, args=_job),
    Page("orgs:export_staff", "GET", BODIES, EXPORT_STAFF, args=_code),
    # accounts: roles and logins
    Page("accounts:roles", "GET", BODIES, HR_OF_BODY, args=_code),
    Page("accounts:grant_role", "POST", BODIES, HR_OF_BODY, args=_code, data=_grant_data),
    Page("accounts:revoke_role", "POST", BODIES, HR_OF_BODY, args=_revoke),
    Page("accounts:create_login", "POST", BODIES, HR_OF_BODY, args=_code, data=_login_data),
    Page("accounts:deactivate_login", "POST", BODIES, HR_OF_BODY, args=_deactivate),
    # audit
    Page("audit:list", "GET", ("none", *BODIES), VIEW_AUDIT, query=_body_filter),
    # cycles: periods and their schedule
    Page("cycles:periods", "GET", BODIES, VIEW_PERIOD, args=_code),
    Page("cycles:periods", "POST", BODIES, HR_OF_BODY, args=_code, data=_open_data),
    Page("cycles:period", "GET", BODIES, VIEW_PERIOD, args=_period),
    Page("cycles:schedule", "GET", BODIES, VIEW_PERIOD, args=_period),
    Page("cycles:schedule_plan", "POST", BODIES, HR_OF_BODY, args=_schedule_item, data=_plan_data),
    Page(
        "cycles:schedule_move",
        "POST",
        BODIES,
        HR_OF_BODY,
        args=_period,
        data=_move_data("submitted"),
        variant="submit",
        why="submitting: PLAN_SCHEDULE",
    ),
    Page(
        "cycles:schedule_move",
        "POST",
        BODIES,
        APPROVE_SCHEDULE,
        args=_period,
        data=_move_data("approved"),
        variant="approve",
        why="approving: APPROVE_SCHEDULE",
    ),
    Page("cycles:period_close", "POST", BODIES, CLOSE_PERIOD, args=_period, data=_close_data),
    # no close was started in the matrix's world: allowed users find no run (404)
    Page("cycles:period_close_progress", "GET", BODIES, CLOSE_PERIOD, args=_period, ok=(404,)),
    Page("cycles:period_close_retry", "POST", BODIES, CLOSE_PERIOD, args=_period, ok=(404,)),
    # cycles: ranking sheets, paper sheets and scans, results, bonus points
    Page(
        "cycles:ranking_mine",
        "GET",
        NO_OBJECT,
        SIGNED_IN,
        args=_period_a,
        ok=(302, 404),
        why="redirects to the user's own team page (404 without an employee)",
    ),
    Page("cycles:ranking_team", "GET", BODIES, SCORE_RANKING, args=_team),
    Page("cycles:ranking_team", "POST", BODIES, SCORE_RANKING, args=_team),
    Page("cycles:ranking_review", "GET", BODIES, APPROVE_RESULT, args=_sheet),
    Page("cycles:ranking_review", "POST", BODIES, APPROVE_RESULT, args=_sheet),
    Page("cycles:ranking_paper", "GET", EMPLOYEES, ENTER_PAPER_SHEET, args=_participation),
    Page("cycles:ranking_paper", "POST", EMPLOYEES, ENTER_PAPER_SHEET, args=_participation),
    Page("cycles:ranking_scan", "GET", EMPLOYEES, VIEW_RESULT, args=_participation),
    Page("cycles:result", "GET", EMPLOYEES, VIEW_RESULT, args=_participation),
    Page("cycles:bonus", "GET", EMPLOYEES, VIEW_RESULT, args=_participation),
    Page("cycles:bonus", "POST", EMPLOYEES, AWARD_BONUS, args=_participation),
    Page("cycles:bonus_withdraw", "POST", EMPLOYEES, AWARD_BONUS, args=_award),
    # cycles: familiarization, the application against a result, the refusal act
    Page("cycles:familiarization_list", "GET", BODIES, RECORD_FAMILIARIZATION, args=_period_id),
    Page(
        "cycles:result_acknowledge", "POST", EMPLOYEES, OWN_RESULT, args=_result, data=_version_data
    ),
    Page(
        "cycles:disagreement_submit",
        "POST",
        EMPLOYEES,
        OWN_RESULT,
        args=_result,
        data=_disagreement_data,
    ),
    Page(
        "cycles:familiarization_record",
        "POST",
        EMPLOYEES,
        RECORD_FAMILIARIZATION_OF_PERSON,
        args=_result,
        data=_record_data,
    ),
    Page(
        "cycles:familiarization_refusal",
        "GET",
        EMPLOYEES,
        RECORD_FAMILIARIZATION_OF_PERSON,
        args=_result,
    ),
    Page(
        "cycles:familiarization_refusal",
        "POST",
        EMPLOYEES,
        RECORD_FAMILIARIZATION_OF_PERSON,
        args=_result,
        data=_refusal_data,
    ),
    Page("cycles:refusal_act", "GET", EMPLOYEES, VIEW_RESULT, args=_result),
    # notify: the user's own notices, and the cycle's dashboard
    Page("notify:list", "GET", NO_OBJECT, SIGNED_IN, why="lists the user's own notices only"),
    Page(
        "notify:read",
        "POST",
        NO_OBJECT,
        SIGNED_IN,
        args=_notice,
        why="marks only the user's own notice; another's is left unread (tests/notify)",
    ),
    Page("notify:read_all", "POST", NO_OBJECT, SIGNED_IN, why="the user's own notices only"),
    Page(
        "notify:language",
        "POST",
        NO_OBJECT,
        SIGNED_IN,
        data=lambda m, t: {"language": "kk"},
        why="the user's own e-mail language",
    ),
    Page("notify:dashboard", "GET", BODIES, VIEW_CYCLE_DASHBOARD, args=_period),
    Page("notify:work_count", "GET", NO_OBJECT, SIGNED_IN, why="counts the user's own steps only"),
    # the REST API (JSON; unauthenticated: 401). KPI endpoints answer 400 past the
    # permission check: the matrix's people are ranked, not evaluated by KPI.
    Page("api:schema", "GET", NO_OBJECT, PUBLIC, why="the OpenAPI document: no data"),
    Page("api:docs", "GET", NO_OBJECT, PUBLIC, why="Swagger UI page: no data"),
    Page("api:periods", "GET", NO_OBJECT, SIGNED_IN, why="lists bodies_for(VIEW_PERIOD) only"),
    Page("api:periods", "POST", BODIES, HR_OF_BODY, data=_api_open),
    Page("api:period", "GET", BODIES, VIEW_PERIOD, args=_api_period),
    Page("api:period_participations", "GET", BODIES, VIEW_PERIOD, args=_api_period),
    Page("api:kpi_plan", "GET", EMPLOYEES, VIEW_KPI, args=_api_part, ok=KPI_OK),
    Page("api:kpi_plan", "PUT", EMPLOYEES, KPI_EVALUATOR, args=_api_part, data=_version, ok=KPI_OK),
    Page("api:kpi_plan_agree", "POST", EMPLOYEES, KPI_HR, args=_api_part, data=_version, ok=KPI_OK),
    Page(
        "api:kpi_plan_approve",
        "POST",
        EMPLOYEES,
        KPI_APPROVER,
        args=_api_part,
        data=_version,
        ok=KPI_OK,
    ),
    Page("api:kpi_plan_place", "POST", EMPLOYEES, KPI_HR, args=_api_part, data=_version, ok=KPI_OK),
    Page(
        "api:kpi_plan_change",
        "POST",
        EMPLOYEES,
        KPI_EVALUATOR,
        args=_api_part,
        data=_version,
        ok=KPI_OK,
    ),
    Page("api:kpi_sheet", "GET", EMPLOYEES, VIEW_KPI, args=_api_part, ok=KPI_OK),
    Page("api:kpi_sheet_open", "POST", EMPLOYEES, KPI_HR, args=_api_part, ok=KPI_OK),
    Page(
        "api:kpi_sheet_actuals", "POST", EMPLOYEES, KPI_HR, args=_api_part, data=_version, ok=KPI_OK
    ),
    Page(
        "api:kpi_sheet_marks",
        "POST",
        EMPLOYEES,
        KPI_EVALUATOR,
        args=_api_part,
        data=_version,
        ok=KPI_OK,
    ),
    Page(
        "api:kpi_sheet_submit",
        "POST",
        EMPLOYEES,
        KPI_EVALUATOR,
        args=_api_part,
        data=_version,
        ok=KPI_OK,
    ),
    Page(
        "api:kpi_sheet_review",
        "POST",
        EMPLOYEES,
        KPI_APPROVER,
        args=_api_part,
        data=_version,
        ok=KPI_OK,
    ),
    Page("api:ranking_team", "GET", BODIES, SCORE_RANKING, args=_team),
    Page("api:ranking_team", "PUT", BODIES, SCORE_RANKING, args=_team, data=_api_sheet_version),
    Page(
        "api:ranking_team_submit",
        "POST",
        BODIES,
        SCORE_RANKING,
        args=_team,
        data=_api_sheet_version,
    ),
    Page("api:ranking_sheet", "GET", BODIES, APPROVE_RESULT, args=_sheet),
    Page("api:ranking_sheet", "POST", BODIES, APPROVE_RESULT, args=_sheet, data=_api_decision),
    Page("api:results", "GET", NO_OBJECT, SIGNED_IN, why="lists participations_for(VIEW_RESULT)"),
    Page("api:result", "GET", EMPLOYEES, VIEW_RESULT, args=_api_part),
    Page("api:bonus", "GET", EMPLOYEES, VIEW_RESULT, args=_api_part),
    Page("api:bonus", "POST", EMPLOYEES, AWARD_BONUS, args=_api_part, data=_api_award),
    Page("api:bonus_award", "DELETE", EMPLOYEES, AWARD_BONUS, args=_api_award_id),
    Page("api:familiarization", "GET", EMPLOYEES, VIEW_RESULT, args=_result),
    Page(
        "api:familiarization_acknowledge",
        "POST",
        EMPLOYEES,
        OWN_RESULT,
        args=_result,
        data=lambda m, t: {"version": 1},
    ),
    Page(
        "api:familiarization_record",
        "POST",
        EMPLOYEES,
        RECORD_FAMILIARIZATION_OF_PERSON,
        args=_result,
        data=lambda m, t: {"version": 1, "channel": "sms", "on": "2024-04-01"},
    ),
    Page(
        "api:familiarization_refusal",
        "POST",
        EMPLOYEES,
        RECORD_FAMILIARIZATION_OF_PERSON,
        args=_result,
        data=lambda m, t: {
            "version": 1,
            "on": "2024-04-01",
            "witness_ids": [m.world.colleague.pk, m.world.direct_manager.pk],
        },
    ),
    Page("api:disagreement", "POST", EMPLOYEES, OWN_RESULT, args=_result, data=_disagreement_data),
)

# URL patterns outside the matrix, and why (route prefix or URL name -> reason).
SKIPPED_PREFIXES = {
    "admin/": "Django admin: staff only, guarded by its own site permissions",
    "i18n/": "set_language: public, changes only the visitor's own language cookie",
    "static/": "static files (DEBUG only): public assets, no data",
    "participations/<int:pk>/kpi/": "KPI plan and sheet pages: every role and action, "
    "allowed and refused, in tests/cycles/test_kpi_views.py (the matrix's people are "
    "ranked, not evaluated by KPI)",
    "jobs/": "a background run's page and its retry: only the user who started the run "
    "and superusers, others 404, in tests/jobs/test_pages.py",
}
SKIPPED_NAMES = {
    "login": "the sign-in page is public by nature",
    "logout": "ends the caller's own session only",
}


def _walk(
    patterns: Sequence[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, qualified name) of every URL pattern, recursively."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        else:
            yield route, f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {route}>"


def _project_patterns() -> dict[str, str]:
    """Qualified name -> route, for every pattern not skipped."""
    found = {}
    for route, name in _walk(get_resolver().url_patterns):
        if any(route.startswith(prefix) for prefix in SKIPPED_PREFIXES):
            continue
        if name in SKIPPED_NAMES:
            continue
        found[name] = route
    return found


def test_every_url_pattern_is_in_the_matrix() -> None:
    patterns = _project_patterns()
    covered = {page.name for page in PAGES}
    missing = sorted(f"{name} ({route})" for name, route in patterns.items() if name not in covered)
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"
    stale = sorted(covered - set(patterns))
    assert not stale, f"matrix entries without a URL pattern: {stale}"


# --- outcomes -----------------------------------------------------------------------------


def expected(page: Page, role: str, target: str) -> str:
    if target in page.rule.get(role, frozenset()):
        return "allowed"
    return "login" if role == "anonymous" else "refused"


def _cases() -> list[Any]:
    return [
        pytest.param(page, role, target, outcome, id=f"{page.id}-{role}-{target}-{outcome}")
        for page in PAGES
        for target in page.targets
        for role in ROLES
        for outcome in [expected(page, role, target)]
    ]


# Data a refused request must leave exactly as it was.
SNAPSHOT_APPS = ("accounts", "orgs", "audit", "cycles", "core", "notify")
SNAPSHOT_SKIP_FIELDS = {"last_login"}


def _snapshot_queries() -> list[str]:
    models = [User] + [
        m for label in SNAPSHOT_APPS for m in apps.get_app_config(label).get_models()
    ]
    queries = []
    for model in models:
        meta = model._meta
        columns = [
            connection.ops.quote_name(f.column)
            for f in meta.concrete_fields
            if f.name not in SNAPSHOT_SKIP_FIELDS
        ]
        table = connection.ops.quote_name(meta.db_table)
        pk = connection.ops.quote_name(meta.pk.column)
        queries.append(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {pk}")
    return queries


def snapshot() -> list[list[tuple[Any, ...]]]:
    """Every row of every table of the project's apps (raw SQL: this runs hundreds of times)."""
    with connection.cursor() as cursor:
        rows = []
        for query in _snapshot_queries():
            cursor.execute(query)
            rows.append(cursor.fetchall())
        return rows


def _request(client: Client, page: Page, matrix: Matrix, target: str) -> HttpResponseBase:
    url = page.url(matrix, target)
    if page.is_api and page.method != "GET":
        send = {"POST": client.post, "PUT": client.put, "DELETE": client.delete}[page.method]
        return send(url, page.data(matrix, target), content_type="application/json")
    if page.method == "POST":
        return client.post(url, page.data(matrix, target))
    return client.get(url, page.query(matrix, target))


def _is_login_redirect(response: HttpResponseBase) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("login") + "?next="
    )


@pytest.mark.parametrize(("page", "role", "target", "outcome"), _cases())
def test_matrix(world_db: Matrix, page: Page, role: str, target: str, outcome: str) -> None:
    client = client_for(world_db, role)
    before = snapshot() if page.method != "GET" and outcome != "allowed" else None
    response = _request(client, page, world_db, target)
    status = response.status_code
    if outcome == "login" and page.is_api:
        assert status == 401, status
    elif outcome == "login":
        assert _is_login_redirect(response), status
    elif outcome == "refused":
        assert status == 403, status
    elif page.ok:
        assert status in page.ok, status
    elif page.method == "GET":
        assert status == 200, status
    else:
        # Past the permission check: done (302/200, 201 created by the API), or the
        # form's or the rules' own answer (400, 409 for a stale version).
        assert status in (200, 201, 302, 400, 409), status
        assert not _is_login_redirect(response)
    if before is not None:
        assert snapshot() == before, "a refused request changed data"


# --- the colleague, explicitly ------------------------------------------------------------


def test_employee_sees_own_page(world_db: Matrix) -> None:
    person = world_db.world.employee
    response = client_for(world_db, "employee").get(reverse("orgs:employee", args=[person.pk]))
    assert response.status_code == 200
    assert person.iin in response.content.decode()


def test_colleague_cannot_see_the_employees_page(world_db: Matrix) -> None:
    person = world_db.world.employee
    response = client_for(world_db, "colleague").get(reverse("orgs:employee", args=[person.pk]))
    assert response.status_code == 403
    assert person.iin not in response.content.decode()


def test_colleague_finds_no_data_of_the_employee_anywhere(world_db: Matrix) -> None:
    """Every GET page the colleague may open, with every target: no IIN, e-mail or phone."""
    person = world_db.world.employee
    secrets = [s for s in (person.iin, person.email, person.phone) if s]
    assert len(secrets) == 3
    client = client_for(world_db, "colleague")
    opened = 0
    for page in PAGES:
        if page.method != "GET":
            continue
        for target in page.targets:
            response = _request(client, page, world_db, target)
            if target == "employee":
                assert response.status_code == 403, page.id
            if response.status_code != 200 or response.streaming:
                continue
            opened += 1
            content = response.content.decode(errors="replace")
            leaked = [s for s in secrets if s in content]
            assert not leaked, f"{page.id} with {target} shows {leaked}"
    assert opened >= 5  # home, packs, a pack, the body list, body A's structure, ...


def test_colleague_cannot_change_the_employees_data(world_db: Matrix) -> None:
    client = client_for(world_db, "colleague")
    before = snapshot()
    for page in PAGES:
        if page.method == "POST" and page.targets == EMPLOYEES:
            response = _request(client, page, world_db, "employee")
            assert response.status_code == 403, page.id
    assert snapshot() == before


def test_the_snapshot_sees_a_change(world_db: Matrix) -> None:
    """The "changed nothing" check has teeth: an allowed POST does change the snapshot."""
    page = next(p for p in PAGES if p.name == "orgs:absence_add")
    before = snapshot()
    response = _request(client_for(world_db, "hr"), page, world_db, "employee")
    assert response.status_code == 302
    assert snapshot() != before


def test_the_body_list_shows_only_bodies_the_user_may_view(world_db: Matrix) -> None:
    body_a, body_b = world_db.world.body_a, world_db.world.body_b
    for role, shown, hidden in (("colleague", body_a, body_b), ("hr_other", body_b, body_a)):
        content = client_for(world_db, role).get(reverse("orgs:bodies")).content.decode()
        assert reverse("orgs:body", args=[shown.code]) in content, role
        assert reverse("orgs:body", args=[hidden.code]) not in content, role
