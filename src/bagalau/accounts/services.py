"""Account actions: the sign-in failure counter (read by ``throttle``), and what role
and login changes share.

Granting roles and creating or deactivating logins is ``bagalau.access.roles``: it
checks MANAGE_ROLES, which is access's to decide, and this app sits below access.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils.functional import Promise

from bagalau.accounts.models import LoginAttempt
from bagalau.accounts.throttle import kept_for, normalize_username

log = logging.getLogger("bagalau.accounts")

# The password hash never goes into the audit trail, nor does the last sign-in time.
USER_AUDIT_EXCLUDE = ("password", "last_login")


class AccountRefused(Exception):
    """A role or login change that the rules refuse; ``message`` says what to do instead."""

    def __init__(self, message: Promise | str) -> None:
        super().__init__(str(message))
        self.message = message


def do_record_login_failure(*, username: str, address: str | None, now: datetime) -> None:
    """Count one failed sign-in; also drops failures too old to matter for anyone."""
    key = normalize_username(username)
    with transaction.atomic():
        LoginAttempt.objects.filter(at__lte=now - kept_for()).delete()
        LoginAttempt.objects.create(username=key, at=now, address=address)
    # The password tried is never logged, only who and from where.
    log.warning("failed sign-in for username %r from %s", key, address or "unknown address")


def do_clear_login_failures(*, username: str) -> None:
    LoginAttempt.objects.filter(username=normalize_username(username)).delete()
