"""Reads for accounts: the sign-in lockout, and who holds which role in a body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet

from bagalau.accounts.models import LoginAttempt, RoleAssignment
from bagalau.orgs.models import Assignment, Employee, StateBody

# Five failures within fifteen minutes lock the username until the oldest of them
# is fifteen minutes old.
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)


def normalize_username(username: str) -> str:
    # Case and spaces vary between tries; one counter per person, not per spelling.
    return username.strip().lower()[:150]


def locked_until(*, username: str, now: datetime) -> datetime | None:
    """When ``username`` may try again, or None when it is not locked at ``now``."""
    recent = (
        LoginAttempt.objects.filter(
            username=normalize_username(username), at__gt=now - LOCKOUT_WINDOW
        )
        .order_by("-at")
        .values_list("at", flat=True)[:LOCKOUT_FAILURES]
    )
    times = list(recent)
    if len(times) < LOCKOUT_FAILURES:
        return None
    return times[-1] + LOCKOUT_WINDOW


@dataclass(frozen=True)
class RoleHolder:
    user: User
    employee: Employee | None
    roles: list[RoleAssignment]


def role_holders(body: StateBody) -> list[RoleHolder]:
    """Users with a role in ``body``, each with their roles: two queries in all."""
    grants = RoleAssignment.objects.filter(body=body).order_by("role")
    users = (
        User.objects.filter(role_assignments__body=body)
        .distinct()
        .select_related("employee")
        .prefetch_related(Prefetch("role_assignments", queryset=grants, to_attr="body_roles"))
        .order_by("username")
    )
    return [RoleHolder(u, getattr(u, "employee", None), u.body_roles) for u in users]


def body_employees(body: StateBody) -> QuerySet[Employee]:
    """Everyone who has (or had) an assignment in ``body``, with their login if any."""
    in_body = Assignment.objects.filter(position__body=body).values("employee_id")
    return Employee.objects.filter(pk__in=in_body).select_related("user")


def body_users(body: StateBody) -> QuerySet[User]:
    """Active logins of the body's employees and of those holding a role in it."""
    of_employees = body_employees(body).filter(user__isnull=False).values("user_id")
    with_roles = RoleAssignment.objects.filter(body=body).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=of_employees) | Q(pk__in=with_roles))
        .order_by("username")
    )
