"""``bagalau demo``: the seed bodies with their staff, and one login per role (DEBUG only).

Used by ``make demo``. Running it again gives the same state: rows are matched by code
and IIN, the demo bodies' history is reset to the plan and the passwords to the ones
printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod
from bagalau.demo.cycle import ATYRAU, SHAKHTINSK, build_cycles
from bagalau.demo.seed import SEED_BODIES, plan_body
from bagalau.demo.sync import sync_body
from bagalau.orgs.models import Assignment, Employee, StateBody
from bagalau.orgs.selectors import active_on

HR_BODY = SHAKHTINSK
DEMO_PASSWORD = "bagalau-demo"  # noqa: S105 - printed on purpose, DEBUG only


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    who: str
    superuser: bool = False
    role: Role | None = None
    role_bodies: tuple[str, ...] = (HR_BODY,)
    employee: str = ""  # position code whose current holder is this user
    body: str = HR_BODY  # the body of that position


DEMO_LOGINS = (
    DemoLogin("admin", "admin", "administrator (superuser)", superuser=True),
    DemoLogin(
        "hr",
        DEMO_PASSWORD,
        "HR service of the Shakhtinsk maslikhat apparatus",
        role=Role.HR,
        employee="hr-02",
    ),
    DemoLogin(
        "appointing",
        DEMO_PASSWORD,
        "appointing official (Shakhtinsk)",
        role=Role.APPOINTING_OFFICIAL,
    ),
    DemoLogin(
        "commission", DEMO_PASSWORD, "commission member (Shakhtinsk)", role=Role.COMMISSION_MEMBER
    ),
    DemoLogin(
        "auditor",
        DEMO_PASSWORD,
        "auditor, read only (every seed body)",
        role=Role.AUDITOR,
        role_bodies=tuple(s.code for s in SEED_BODIES),
    ),
    DemoLogin(
        "manager",
        DEMO_PASSWORD,
        "head of a unit (Shakhtinsk): ranks the team from the start page",
        employee="org-control-head",
    ),
    DemoLogin(
        "employee",
        DEMO_PASSWORD,
        "a specialist of that unit (Shakhtinsk): reads their results",
        employee="org-control-04",
    ),
    DemoLogin(
        "head",
        DEMO_PASSWORD,
        "head of apparatus (Shakhtinsk): evaluated by KPI, ranks the heads of units",
        employee="head",
    ),
    DemoLogin(
        "chair",
        DEMO_PASSWORD,
        "maslikhat chair (Shakhtinsk): drafts, approves and scores the head's KPIs",
        employee="chair",
    ),
    DemoLogin(
        "atyrau-hr",
        DEMO_PASSWORD,
        "HR service of the Atyrau region akimat (year 2023, chapter 6)",
        role=Role.HR,
        role_bodies=(ATYRAU,),
    ),
    DemoLogin(
        "atyrau-manager",
        DEMO_PASSWORD,
        "head of the finance unit (Atyrau): drafts and marks the count-based KPIs",
        employee="finance-head",
        body=ATYRAU,
    ),
    DemoLogin(
        "atyrau-superior",
        DEMO_PASSWORD,
        "head of apparatus (Atyrau): approves the plans and agrees the sheets",
        employee="head",
        body=ATYRAU,
    ),
    DemoLogin(
        "atyrau-employee",
        DEMO_PASSWORD,
        "a specialist of that unit (Atyrau), on social leave in 2022",
        employee="finance-03",
        body=ATYRAU,
    ),
)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def build_seed(today: date) -> dict[str, StateBody]:
    """Create or update the seed bodies with their structure and staff; returns them by code."""
    ref = first_of_month(today)
    bodies: dict[str, StateBody] = {}
    for index, spec in enumerate(SEED_BODIES):
        bodies[spec.code] = sync_body(plan_body(spec, index, ref), bodies.get(spec.parent))
    return bodies


class Command(BaseCommand):
    help = "Create the demo bodies, staff and one login per role (DEBUG only); print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        # Well-known passwords must never reach a real deployment.
        if not settings.DEBUG:
            raise CommandError("Demo data are created only when DEBUG is on.")
        today = clock.today()
        with transaction.atomic():
            bodies = build_seed(today)
            for login in DEMO_LOGINS:
                self._reset_login(login, bodies, today)
            build_cycles(bodies, today, hr=User.objects.get(username="hr"))
        counts = {
            code: Employee.objects.filter(assignments__position__body=body).distinct().count()
            for code, body in bodies.items()
        }
        self.stdout.write("Demo bodies (employees):")
        for code, count in counts.items():
            self.stdout.write(f"  {code:<32} {count:>3}")
        self.stdout.write("\nEvaluation periods:")
        periods = EvaluationPeriod.objects.filter(body__in=bodies.values()).select_related("body")
        for period in periods.order_by("body__code", "year", "quarter"):
            self.stdout.write(
                f"  {period.body.code:<32} {period.code:<8} {period.get_status_display()}"
            )
        self._print_logins()

    def _print_logins(self) -> None:
        width = max(len(x.username) for x in DEMO_LOGINS)
        pwidth = max(len(x.password) for x in DEMO_LOGINS)
        self.stdout.write("\nDemo logins:")
        self.stdout.write(f"  {'username':<{width}}  {'password':<{pwidth}}  who")
        self.stdout.write(f"  {'-' * width}  {'-' * pwidth}  {'-' * 40}")
        for login in DEMO_LOGINS:
            self.stdout.write(
                f"  {login.username:<{width}}  {login.password:<{pwidth}}  {login.who}"
            )

    @staticmethod
    def _reset_login(login: DemoLogin, bodies: dict[str, StateBody], today: date) -> None:
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
