"""Roles per body and logins for employees: who may act in a body (MANAGE_ROLES).

Every role and login change checks the actor's right itself (a service is a boundary
as much as a view is), runs in one transaction and writes its audit record in it.
A refusal raises before anything is written, so it changes nothing. These live in
``access`` rather than ``accounts`` because the right they check is access's to decide.

Separation of duties (the one who does the work is not the one who approves it):

* nobody grants a role to themselves, removes their own role or deactivates their own
  login, an administrator included (an administrator's own account is managed by
  another administrator, in the admin);
* the roles that approve or decide on HR's work, the appointing official (approves the
  schedule and the results, 004 p10) and the commission or calibration member, are
  granted and removed by an administrator only, never by the body's HR;
* HR grants and removes the HR role (a body's HR service has several officers) and
  the auditor's read-only role, creates logins, and deactivates the login of anyone
  but an administrator and a holder of an approving role in any body (only an
  administrator deactivates those);
* every grant, removal and deactivation is in the audit trail with who, when, before
  and after.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bagalau.access.actions import Action
from bagalau.access.objects import require
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.accounts.selectors import body_employees
from bagalau.accounts.services import USER_AUDIT_EXCLUDE, AccountRefused
from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.orgs.models import Employee, StateBody

# The roles that approve or decide on HR's work: an administrator grants them.
APPROVING_ROLES = frozenset({Role.APPOINTING_OFFICIAL, Role.COMMISSION_MEMBER})

_APPROVING_ROLE_REFUSAL = _(
    "The appointing official and the commission members approve HR's work, so only an "
    "administrator grants or removes these roles. Ask the administrator."
)


def _check_separation(actor: User, user: User, role: Role, *, granting: bool) -> None:
    """Refuse a change of one's own roles and an approving role changed by non-admins."""
    if user.pk == actor.pk:
        if granting:
            raise AccountRefused(
                _("You cannot grant a role to yourself. Ask another HR officer of the "
                  "body or an administrator.")
            )  # fmt: skip
        raise AccountRefused(
            _(
                "You cannot remove your own HR role in this body. Ask another HR "
                "officer of the body or an administrator."
            )
            if role == Role.HR
            else _("You cannot remove your own role. Ask an administrator.")
        )
    if role in APPROVING_ROLES and not actor.is_superuser:
        raise AccountRefused(_APPROVING_ROLE_REFUSAL)


def do_grant_role(*, actor: User, user: User, body: StateBody, role: Role) -> RoleAssignment:
    require(actor, Action.MANAGE_ROLES, body)
    _check_separation(actor, user, role, granting=True)
    with transaction.atomic():
        if not user.is_active:
            raise AccountRefused(_("This login is deactivated; roles cannot be granted to it."))
        if RoleAssignment.objects.filter(user=user, body=body, role=role).exists():
            raise AccountRefused(_("This user already has this role in this body."))
        grant = RoleAssignment.objects.create(user=user, body=body, role=role, granted_by=actor)
        record_change(
            actor=actor,
            action=AuditAction.CREATE,
            obj=grant,
            after=snapshot(grant),
            body_id=body.pk,
        )
    return grant


def do_revoke_role(*, actor: User, user: User, body: StateBody, role: Role) -> None:
    require(actor, Action.MANAGE_ROLES, body)
    with transaction.atomic():
        grant = (
            RoleAssignment.objects.select_for_update()
            .filter(user=user, body=body, role=role)
            .first()
        )
        if grant is None:
            raise AccountRefused(_("This user does not have this role in this body."))
        # Also keeps HR from locking themselves out of the body they administer.
        _check_separation(actor, user, role, granting=False)
        before = snapshot(grant)
        record_change(
            actor=actor, action=AuditAction.DELETE, obj=grant, before=before, body_id=body.pk
        )
        grant.delete()


def _check_new_login(employee: Employee, body: StateBody, username: str) -> None:
    if not body_employees(body).filter(pk=employee.pk).exists():
        raise AccountRefused(_("This person is not an employee of this body."))
    if employee.user_id is not None:
        raise AccountRefused(_("This employee already has a login."))
    if not username or User.objects.filter(username__iexact=username).exists():
        raise AccountRefused(_("This username is taken or empty. Choose another one."))


def _initial_password(password: str | None, user: User) -> str:
    chosen = password or secrets.token_urlsafe(12)
    try:
        validate_password(chosen, user)
    except ValidationError as err:
        raise AccountRefused(" ".join(err.messages)) from None
    return chosen


def do_create_login(
    *, actor: User, employee: Employee, body: StateBody, username: str, password: str | None
) -> tuple[User, str]:
    """A login for ``employee``; returns it with the initial password, to be shown once.

    Without ``password`` a random one is generated.
    """
    require(actor, Action.MANAGE_ROLES, body)
    username = username.strip()
    with transaction.atomic():
        employee = Employee.objects.select_for_update().get(pk=employee.pk)
        _check_new_login(employee, body, username)
        user = User(
            username=username,
            email=employee.email,
            first_name=employee.first_name_ru[:150],
            last_name=employee.last_name_ru[:150],
        )
        initial = _initial_password(password, user)
        user.set_password(initial)
        user.save()
        before = snapshot(employee)
        employee.user = user
        employee.save(update_fields=["user"])
        after_user = snapshot(user, exclude=USER_AUDIT_EXCLUDE)
        record_change(
            actor=actor, action=AuditAction.CREATE, obj=user, after=after_user, body_id=body.pk
        )
        record_change(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=employee,
            before={"user_id": before["user_id"]},
            after={"user_id": user.pk},
            body_id=body.pk,
        )
    return user, initial


def _login_reaches_beyond(user: User, body: StateBody) -> bool:
    """True when HR of ``body`` has no say over ``user``'s login."""
    if body_employees(body).filter(user=user).exists():
        return False
    roles = RoleAssignment.objects.filter(user=user)
    return not roles.filter(body=body).exists() or roles.exclude(body=body).exists()


def do_deactivate_login(*, actor: User, user: User, body: StateBody) -> None:
    """Stop ``user`` signing in; their history and audit trail stay."""
    require(actor, Action.MANAGE_ROLES, body)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.pk == actor.pk:
            raise AccountRefused(_("You cannot deactivate your own login."))
        if user.is_superuser and not actor.is_superuser:
            raise AccountRefused(_("Only an administrator can deactivate an administrator."))
        approving = RoleAssignment.objects.filter(user=user, role__in=APPROVING_ROLES)
        if not actor.is_superuser and approving.exists():
            raise AccountRefused(
                _(
                    "This person is an appointing official or a commission member, who "
                    "approve HR's work: only an administrator can deactivate their login."
                )
            )
        if _login_reaches_beyond(user, body):
            raise AccountRefused(
                _("This login is used outside this body. Ask an administrator to deactivate it.")
            )
        if not user.is_active:
            raise AccountRefused(_("This login is already deactivated."))
        user.is_active = False
        user.save(update_fields=["is_active"])
        record_change(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            before={"is_active": True},
            after={"is_active": False},
            body_id=body.pk,
        )
