"""The demo's logins: one per person who has a step in the demo cycles, and one per role.

Each login names its role and body for the printed list; where the person is an
employee it names the position whose holder on the demo day signs in with it. What
each login can try is read from the data (``bagalau.demo.todo``); ``otherwise`` is
printed only when nothing is waiting for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.demo.commission import AKTAU
from bagalau.demo.cycle import ATYRAU, SHAKHTINSK
from bagalau.demo.seed import SEED_BODIES
from bagalau.orgs.models import Assignment, Employee, StateBody
from bagalau.orgs.selectors import active_on

DEMO_PASSWORD = "bagalau-demo"  # noqa: S105 - printed on purpose, DEBUG only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    who: str  # the role, as the printed list names it
    otherwise: str = ""  # what to try when nothing is waiting for this login
    superuser: bool = False
    role: Role | None = None
    role_bodies: tuple[str, ...] = (SHAKHTINSK,)
    employee: str = ""  # position code whose current holder is this user
    body: str = SHAKHTINSK  # the body of that position, and the body printed

    @property
    def shown_body(self) -> str:
        if self.superuser:
            return "every body"
        if self.role is not None and len(self.role_bodies) > 1:
            return "every seed body"
        return self.role_bodies[0] if self.role is not None and not self.employee else self.body


DEMO_LOGINS = (
    DemoLogin(
        "admin",
        "admin",
        "administrator (superuser)",
        "open any page, and the admin site at /admin/",
        superuser=True,
    ),
    DemoLogin(
        "hr",
        DEMO_PASSWORD,
        "HR service",
        "open the current quarter's dashboard from the body's periods",
        role=Role.HR,
        employee="hr-02",
    ),
    DemoLogin(
        "appointing",
        DEMO_PASSWORD,
        "appointing official",
        "approve the ranking sheets and the schedule once they are submitted to you",
        role=Role.APPOINTING_OFFICIAL,
    ),
    DemoLogin(
        "commission",
        DEMO_PASSWORD,
        "commission member",
        "open the body's page (the commission's sittings are not kept in the system yet)",
        role=Role.COMMISSION_MEMBER,
    ),
    DemoLogin(
        "auditor",
        DEMO_PASSWORD,
        "auditor, read only",
        "read any seed body's staff, periods and audit trail, without changing anything",
        role=Role.AUDITOR,
        role_bodies=tuple(s.code for s in SEED_BODIES),
    ),
    DemoLogin(
        "manager",
        DEMO_PASSWORD,
        "head of the org-control unit",
        "read the results of your team",
        employee="org-control-head",
    ),
    DemoLogin(
        "hr-head",
        DEMO_PASSWORD,
        "head of the HR unit",
        "read the results of your team",
        employee="hr-head",
    ),
    DemoLogin(
        "finance-head",
        DEMO_PASSWORD,
        "acting head of the finance unit",
        "read your team's ranking sheet, submitted and awaiting the appointing official",
        employee="finance-head",
    ),
    DemoLogin(
        "employee",
        DEMO_PASSWORD,
        "specialist of the org-control unit",
        "read your results and the year's mean",
        employee="org-control-04",
    ),
    DemoLogin(
        "head",
        DEMO_PASSWORD,
        "head of apparatus, evaluated by KPI",
        "read your KPI plan for the year and each quarter's KPI sheet",
        employee="head",
    ),
    DemoLogin(
        "chair",
        DEMO_PASSWORD,
        "maslikhat chair, the head's evaluator",
        "score the head's KPIs once HR enters the quarter's actual values",
        employee="chair",
    ),
    DemoLogin(
        "atyrau-hr",
        DEMO_PASSWORD,
        "HR service (year 2023, chapter 6)",
        "agree the count-based KPI plan once atyrau-manager drafts it, then place it",
        role=Role.HR,
        role_bodies=(ATYRAU,),
        body=ATYRAU,
    ),
    DemoLogin(
        "atyrau-manager",
        DEMO_PASSWORD,
        "head of the finance unit",
        "mark the count-based KPIs once HR opens the sheets",
        employee="finance-head",
        body=ATYRAU,
    ),
    DemoLogin(
        "atyrau-superior",
        DEMO_PASSWORD,
        "head of apparatus, the superior manager",
        "agree the count-based KPI sheets once they are submitted",
        employee="head",
        body=ATYRAU,
    ),
    DemoLogin(
        "atyrau-employee",
        DEMO_PASSWORD,
        "specialist of the finance unit, on social leave in 2022",
        "read your count-based KPI plan as it is drafted and approved",
        employee="finance-03",
        body=ATYRAU,
    ),
    DemoLogin(
        "aktau-hr",
        DEMO_PASSWORD,
        "HR service (written familiarization, 000 p41)",
        "record a written familiarization, or a refusal act with two witnesses, and print it",
        role=Role.HR,
        role_bodies=(AKTAU,),
        employee="hr-02",
        body=AKTAU,
    ),
    DemoLogin(
        "aktau-employee",
        DEMO_PASSWORD,
        "specialist of the finance unit",
        "read your result; it is acknowledged in writing, with HR",
        employee="finance-03",
        body=AKTAU,
    ),
)


def reset_login(login: DemoLogin, bodies: dict[str, StateBody], today: date) -> User:
    """The login as printed: its password, its roles only, its person on ``today``."""
    user = User.objects.filter(username=login.username).first() or User(username=login.username)
    user.is_staff = user.is_superuser = login.superuser
    user.is_active = True
    user.set_password(login.password)
    user.save()
    RoleAssignment.objects.filter(user=user).exclude(role=login.role or "").delete()
    if login.role is not None:
        for code in login.role_bodies:
            RoleAssignment.objects.get_or_create(user=user, body=bodies[code], role=login.role)
    if login.employee:
        holder = (
            Assignment.objects.filter(
                active_on(today),
                position__body=bodies[login.body],
                position__code=login.employee,
            )
            .select_related("employee")
            .first()
        )
        if holder is not None:
            Employee.objects.filter(user=user).exclude(pk=holder.employee_id).update(user=None)
            holder.employee.user = user
            holder.employee.save(update_fields=["user"])
    return user
