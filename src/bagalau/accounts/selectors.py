"""Reads for accounts: who holds which role in a body (the sign-in throttle is
``throttle``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet

from bagalau.accounts.models import RoleAssignment
from bagalau.orgs.models import Assignment, Employee, StateBody


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
