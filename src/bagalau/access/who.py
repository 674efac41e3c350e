"""Who the user is: signed in or not, their employee, their grants, whom they manage.

Each helper is one small query or a filter to embed in one; ``scope`` and ``objects``
build the rules from them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from bagalau.access.actions import Action, roles_with
from bagalau.accounts.models import RoleAssignment
from bagalau.orgs.models import Assignment, Employee, Position
from bagalau.orgs.selectors import active_on

UserLike = AbstractBaseUser | AnonymousUser


def is_signed_in(user: UserLike) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_superuser(user: UserLike) -> bool:
    return is_signed_in(user) and bool(getattr(user, "is_superuser", False))


def user_id(user: UserLike) -> int:
    # Callers have checked ``_is_signed_in``; an anonymous user has no id to look up.
    if not isinstance(user, AbstractBaseUser) or user.pk is None:
        raise PermissionDenied
    return int(user.pk)


def own_employee_id(user: UserLike) -> int | None:
    """The employee linked to ``user``, by id (one small query)."""
    if not is_signed_in(user):
        return None
    rows = Employee.objects.filter(user_id=user_id(user)).values_list("pk", flat=True)
    return rows.first()


def granted_body_ids(user: UserLike, action: Action) -> QuerySet[RoleAssignment, int]:
    grants = RoleAssignment.objects.filter(user_id=user_id(user), role__in=roles_with(action))
    return grants.values_list("body_id", flat=True)


def working_body_ids(employee_id: int, today: date) -> QuerySet[Assignment, int]:
    return (
        Assignment.objects.filter(active_on(today), employee_id=employee_id)
        .values_list("position__body_id", flat=True)
        .distinct()
    )


def managed_positions(my_employee_id: int, today: date) -> Q:
    """Positions whose holders ``my_employee_id`` manages on ``today`` (as a filter)."""
    mine = Assignment.objects.filter(active_on(today), employee_id=my_employee_id).values(
        "position_id"
    )
    headed = Position.objects.filter(
        pk__in=mine, is_head_of_unit=True, department__isnull=False
    ).values("department_id")
    return Q(reports_to__in=mine) | Q(reports_to__reports_to__in=mine) | Q(department__in=headed)


def managed_employee_ids(
    my_employee_id: int, employee_ids: Collection[int], today: date
) -> set[int]:
    """Which of ``employee_ids`` ``my_employee_id`` manages on ``today``: one query."""
    positions = Position.objects.filter(managed_positions(my_employee_id, today)).values("pk")
    rows = Assignment.objects.filter(
        active_on(today), employee_id__in=list(employee_ids), position_id__in=positions
    ).values_list("employee_id", flat=True)
    return set(rows)
