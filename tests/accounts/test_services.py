"""Role and login services: each change is audited; each refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from bagalau.access.roles import (
    do_create_login,
    do_deactivate_login,
    do_grant_role,
    do_revoke_role,
)
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.accounts.services import AccountRefused
from bagalau.audit.models import AuditRecord
from bagalau.orgs.models import Employee
from tests.accounts.factory import World


def _state() -> tuple[object, ...]:
    return (
        sorted(RoleAssignment.objects.values_list("user_id", "body_id", "role")),
        sorted(User.objects.values_list("pk", "username", "is_active")),
        sorted(Employee.objects.values_list("pk", "user_id")),
        AuditRecord.objects.count(),
    )


@contextmanager
def changes_nothing() -> Iterator[None]:
    before = _state()
    yield
    assert _state() == before


def test_grant_role_writes_the_audit_record(world: World) -> None:
    hr, colleague = world.users["hr"], world.users["colleague"]
    grant = do_grant_role(actor=hr, user=colleague, body=world.body_a, role=Role.AUDITOR)
    record = AuditRecord.objects.get()
    assert (record.actor, record.action, record.body_id) == (hr, "create", world.body_a.pk)
    assert record.object_type == "accounts.roleassignment"
    assert record.before is None
    assert record.after is not None
    assert record.after["user_id"] == colleague.pk
    assert record.after["role"] == "auditor"
    assert record.after["granted_by_id"] == hr.pk
    assert grant.granted_by == hr


def test_revoke_role_writes_before_and_removes_the_role(world: World) -> None:
    hr, auditor = world.users["hr"], world.users["auditor"]
    do_revoke_role(actor=hr, user=auditor, body=world.body_a, role=Role.AUDITOR)
    assert not RoleAssignment.objects.filter(user=auditor).exists()
    record = AuditRecord.objects.get()
    assert record.action == "delete"
    assert record.before is not None
    assert (record.before["user_id"], record.before["role"]) == (auditor.pk, "auditor")
    assert record.after is None


Refusal = Callable[[World], object]

REFUSALS: dict[str, tuple[Refusal, type[Exception]]] = {
    "HR grants in another body": (
        lambda w: do_grant_role(
            actor=w.users["hr"], user=w.users["colleague"], body=w.body_b, role=Role.HR
        ),
        PermissionDenied,
    ),
    "an auditor grants": (
        lambda w: do_grant_role(
            actor=w.users["auditor"], user=w.users["auditor"], body=w.body_a, role=Role.HR
        ),
        PermissionDenied,
    ),
    "a role held already": (
        lambda w: do_grant_role(
            actor=w.users["hr"], user=w.users["auditor"], body=w.body_a, role=Role.AUDITOR
        ),
        AccountRefused,
    ),
    "HR revokes their own HR role": (
        lambda w: do_revoke_role(
            actor=w.users["hr"], user=w.users["hr"], body=w.body_a, role=Role.HR
        ),
        AccountRefused,
    ),
    "HR revokes in another body": (
        lambda w: do_revoke_role(
            actor=w.users["hr"], user=w.users["hr_other"], body=w.body_b, role=Role.HR
        ),
        PermissionDenied,
    ),
    "a role not held": (
        lambda w: do_revoke_role(
            actor=w.users["hr"], user=w.users["colleague"], body=w.body_a, role=Role.HR
        ),
        AccountRefused,
    ),
    "a login for another body's employee": (
        lambda w: do_create_login(
            actor=w.users["hr"], employee=_without_login(w.other_body_employee),
            body=w.body_a, username="new", password=None,
        ),
        AccountRefused,
    ),
    "a second login": (
        lambda w: do_create_login(
            actor=w.users["hr"], employee=w.employee, body=w.body_a, username="new", password=None
        ),
        AccountRefused,
    ),
    "a taken username": (
        lambda w: do_create_login(
            actor=w.users["hr"], employee=_without_login(w.employee), body=w.body_a,
            username="Colleague", password=None,
        ),
        AccountRefused,
    ),
    "a weak password": (
        lambda w: do_create_login(
            actor=w.users["hr"], employee=_without_login(w.employee), body=w.body_a,
            username="new", password="123",
        ),
        AccountRefused,
    ),
    "deactivating oneself": (
        lambda w: do_deactivate_login(actor=w.users["hr"], user=w.users["hr"], body=w.body_a),
        AccountRefused,
    ),
    "deactivating another body's employee": (
        lambda w: do_deactivate_login(
            actor=w.users["hr"], user=w.users["other_body_employee"], body=w.body_a
        ),
        AccountRefused,
    ),
    "deactivating an administrator": (
        lambda w: do_deactivate_login(
            actor=w.users["hr"], user=_employ_root(w), body=w.body_a
        ),
        AccountRefused,
    ),
    "deactivating in another body": (
        lambda w: do_deactivate_login(
            actor=w.users["hr"], user=w.users["other_body_employee"], body=w.body_b
        ),
        PermissionDenied,
    ),
}  # fmt: skip


def _without_login(employee: Employee) -> Employee:
    Employee.objects.filter(pk=employee.pk).update(user=None)
    employee.refresh_from_db()
    return employee


def _employ_root(world: World) -> User:
    root = world.users["superuser"]
    Employee.objects.filter(pk=world.colleague.pk).update(user=root)
    return root


@pytest.mark.parametrize("name", REFUSALS)
def test_refused_actions_change_nothing(world: World, name: str) -> None:
    call, error = REFUSALS[name]
    # Arrange first (some refusals prepare data), then check nothing else moves.
    with pytest.raises(error), changes_nothing():
        call(world)


def test_refusal_messages_say_what_to_do(world: World) -> None:
    with pytest.raises(AccountRefused) as err:
        do_revoke_role(
            actor=world.users["hr"], user=world.users["hr"], body=world.body_a, role=Role.HR
        )
    assert "Ask another HR officer" in str(err.value.message)


def test_a_second_hr_may_revoke_the_first(world: World) -> None:
    second = world.users["colleague"]
    do_grant_role(actor=world.users["hr"], user=second, body=world.body_a, role=Role.HR)
    do_revoke_role(actor=second, user=world.users["hr"], body=world.body_a, role=Role.HR)
    assert not RoleAssignment.objects.filter(user=world.users["hr"]).exists()


def test_create_login_links_the_employee_and_audits_without_the_password(world: World) -> None:
    employee = _without_login(world.employee)
    user, initial = do_create_login(
        actor=world.users["hr"],
        employee=employee,
        body=world.body_a,
        username="asel",
        password=None,
    )
    employee.refresh_from_db()
    assert employee.user == user
    assert user.check_password(initial)
    assert len(initial) >= 12
    created, linked = AuditRecord.objects.order_by("id")
    assert created.object_type == "auth.user"
    assert created.after is not None
    assert "password" not in created.after
    assert initial not in str(created.after)
    assert (linked.object_type, linked.before, linked.after) == (
        "orgs.employee", {"user_id": None}, {"user_id": user.pk},
    )  # fmt: skip


def test_create_login_with_a_password_set_by_hr(world: World) -> None:
    employee = _without_login(world.employee)
    user, initial = do_create_login(
        actor=world.users["hr"], employee=employee, body=world.body_a,
        username="asel", password="Zhuldyz-2025-kokteu",
    )  # fmt: skip
    assert initial == "Zhuldyz-2025-kokteu"
    assert user.check_password(initial)


def test_deactivate_login_is_audited(world: World) -> None:
    colleague = world.users["colleague"]
    do_deactivate_login(actor=world.users["hr"], user=colleague, body=world.body_a)
    colleague.refresh_from_db()
    assert colleague.is_active is False
    record = AuditRecord.objects.get()
    assert (record.action, record.before, record.after) == (
        "update", {"is_active": True}, {"is_active": False},
    )  # fmt: skip
