"""``bagalau demo``: create the demo logins and print them (used by ``make demo``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# (username, password, is superuser, who it is); more roles join as their apps arrive.
DEMO_LOGINS = [
    ("admin", "admin", True, "administrator"),
]


class Command(BaseCommand):
    help = "Create the demo logins (DEBUG only) and print them."

    def handle(self, *args: Any, **options: Any) -> None:
        # Well-known passwords must never reach a real deployment.
        if not settings.DEBUG:
            raise CommandError("Demo logins are created only when DEBUG is on.")
        with transaction.atomic():
            for username, password, superuser, _role in DEMO_LOGINS:
                self._reset_login(username, password, superuser=superuser)
        self.stdout.write("Demo logins (username / password):")
        for username, password, _superuser, role in DEMO_LOGINS:
            self.stdout.write(f"  {username} / {password}  ({role})")

    @staticmethod
    def _reset_login(username: str, password: str, *, superuser: bool) -> None:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.is_staff = user.is_superuser = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
