"""``bagalau demo``: the seed bodies with their staff and evaluation cycles, a login for
each person who evaluates or decides in them and for each role (DEBUG only), printed
with what each can try.

Used by ``make demo``. Running it again gives the same state: rows are matched by code
and IIN, the demo bodies' history is reset to the plan and the passwords to the ones
printed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod
from bagalau.demo.commission import AKTAU, build_aktau
from bagalau.demo.cycle import build_cycles
from bagalau.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, DemoLogin, reset_login
from bagalau.demo.seed import SEED_BODIES, plan_body
from bagalau.demo.sync import sync_body
from bagalau.demo.todo import waiting_by_user
from bagalau.orgs.models import Employee, StateBody

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "Command", "build_seed", "first_of_month"]


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
    help = "Create the demo bodies, staff, cycles and logins (DEBUG only); print the logins."
    _reset_login = staticmethod(reset_login)  # the browser tests build single bodies with it

    def handle(self, *args: Any, **options: Any) -> None:
        # Well-known passwords must never reach a real deployment.
        if not settings.DEBUG:
            raise CommandError("Demo data are created only when DEBUG is on.")
        today = clock.today()
        with transaction.atomic():
            bodies = build_seed(today)
            for login in DEMO_LOGINS:
                reset_login(login, bodies, today)
            build_cycles(bodies, today, hr=User.objects.get(username="hr"))
            build_aktau(bodies[AKTAU], today)
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
            with translation.override("en"):  # the console speaks the source language
                status = period.get_status_display()
            self.stdout.write(f"  {period.body.code:<32} {period.code:<8} {status}")
        self._print_logins(bodies)

    def _print_logins(self, bodies: dict[str, StateBody]) -> None:
        """One row per login, then what it can try, read from the data when it can be."""
        waiting = waiting_by_user(bodies.values())
        users = dict(
            User.objects.filter(username__in=[x.username for x in DEMO_LOGINS]).values_list(
                "username", "pk"
            )
        )
        columns = [(x.username, x.password, x.who, x.shown_body) for x in DEMO_LOGINS]
        header = ("login", "password", "role", "body")
        widths = [max(len(row[n]) for row in [header, *columns]) for n in range(3)]
        self.stdout.write("\nDemo logins (what each can try on the day the demo was built):")
        for row, login in zip([header, *columns], [None, *DEMO_LOGINS], strict=True):
            cells = [f"{cell:<{widths[n]}}" for n, cell in enumerate(row[:3])]
            self.stdout.write(f"  {'  '.join(cells)}  {row[3]}")
            if login is None:
                self.stdout.write(f"  {'  '.join('-' * w for w in widths)}  {'-' * 24}")
                continue
            for line in what_to_try(login, waiting.get(users.get(login.username, 0), [])):
                self.stdout.write(f"  {'':<{widths[0]}}  try: {line}")


def what_to_try(login: DemoLogin, waiting: list[str]) -> list[str]:
    """The steps waiting for the login's user, else what the login is there to show."""
    return waiting or [login.otherwise]
