"""Separation of duties on roles and logins: nobody changes their own roles or login,
the roles that approve HR's work are the administrator's to grant, and HR cannot
deactivate the login of those who approve its work. Each refusal says why in the
user's language and changes nothing; what is allowed is audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bagalau.access.roles import do_deactivate_login, do_grant_role, do_revoke_role
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.accounts.services import AccountRefused
from bagalau.audit.models import AuditRecord
from bagalau.orgs.models import Employee
from tests.accounts.factory import World
from tests.accounts.test_services import changes_nothing

SELF_GRANT = "You cannot grant a role to yourself."
APPROVING = "only an administrator grants or removes these roles"
APPROVER_LOGIN = "only an administrator can deactivate their login"

Refusal = Callable[[World], object]
REFUSALS: dict[str, tuple[Refusal, str]] = {
    "HR grants itself the appointing official's role": (
        lambda w: do_grant_role(actor=w.users["hr"], user=w.users["hr"], body=w.body_a,
                                role=Role.APPOINTING_OFFICIAL),
        SELF_GRANT,
    ),
    "HR grants itself the auditor's role": (
        lambda w: do_grant_role(actor=w.users["hr"], user=w.users["hr"], body=w.body_a,
                                role=Role.AUDITOR),
        SELF_GRANT,
    ),
    "an administrator grants a role to themselves": (
        lambda w: do_grant_role(actor=w.users["superuser"], user=w.users["superuser"],
                                body=w.body_a, role=Role.HR),
        SELF_GRANT,
    ),
    "HR grants a colleague the appointing official's role": (
        lambda w: do_grant_role(actor=w.users["hr"], user=w.users["colleague"], body=w.body_a,
                                role=Role.APPOINTING_OFFICIAL),
        APPROVING,
    ),
    "HR grants a colleague the commission role": (
        lambda w: do_grant_role(actor=w.users["hr"], user=w.users["colleague"], body=w.body_a,
                                role=Role.COMMISSION_MEMBER),
        APPROVING,
    ),
    "HR removes the appointing official's role": (
        lambda w: do_revoke_role(actor=w.users["hr"], user=w.users["appointing"],
                                 body=w.body_a, role=Role.APPOINTING_OFFICIAL),
        APPROVING,
    ),
    "the auditor removes their own role": (
        lambda w: do_revoke_role(actor=_hr(w, "auditor"), user=w.users["auditor"],
                                 body=w.body_a, role=Role.AUDITOR),
        "You cannot remove your own role.",
    ),
    "an administrator removes their own HR role": (
        lambda w: do_revoke_role(actor=_hr(w, "superuser"), user=w.users["superuser"],
                                 body=w.body_a, role=Role.HR),
        "You cannot remove your own HR role",
    ),
    "HR deactivates the appointing official's login": (
        lambda w: do_deactivate_login(actor=w.users["hr"], user=_employ(w, "appointing"),
                                      body=w.body_a),
        APPROVER_LOGIN,
    ),
    "HR deactivates a commission member's login": (
        lambda w: do_deactivate_login(actor=w.users["hr"], user=_employ(w, "commission"),
                                      body=w.body_a),
        APPROVER_LOGIN,
    ),
}  # fmt: skip


def _hr(world: World, who: str) -> User:
    """``who`` also holds HR in body A, so only the rule under test can refuse."""
    RoleAssignment.objects.get_or_create(user=world.users[who], body=world.body_a, role=Role.HR)
    return world.users[who]


def _employ(world: World, who: str) -> User:
    """``who`` is the login of an employee of body A (HR's to manage otherwise)."""
    Employee.objects.filter(pk=world.colleague.pk).update(user=world.users[who])
    return world.users[who]


@pytest.mark.parametrize("name", REFUSALS)
def test_each_refusal_changes_nothing_and_says_why(world: World, name: str) -> None:
    call, message = REFUSALS[name]
    with pytest.raises(AccountRefused) as err, changes_nothing(), translation.override("en"):
        call(world)
    assert message in str(err.value.message)


def test_the_refusals_are_translated(world: World) -> None:
    with pytest.raises(AccountRefused) as err:
        do_grant_role(actor=world.users["hr"], user=world.users["hr"], body=world.body_a,
                      role=Role.HR)  # fmt: skip
    for lang, text in (("ru", "Нельзя назначить роль самому себе"),
                       ("kk", "Өзіңізге рөл беруге болмайды")):  # fmt: skip
        with translation.override(lang):
            assert text in str(err.value.message)


def test_the_administrator_grants_and_removes_the_appointing_official(world: World) -> None:
    root, colleague = world.users["superuser"], world.users["colleague"]
    do_grant_role(actor=root, user=colleague, body=world.body_a, role=Role.APPOINTING_OFFICIAL)
    do_revoke_role(actor=root, user=colleague, body=world.body_a, role=Role.APPOINTING_OFFICIAL)
    records = AuditRecord.objects.order_by("pk")
    assert [(r.actor, r.action, r.object_type) for r in records] == [
        (root, "create", "accounts.roleassignment"),
        (root, "delete", "accounts.roleassignment"),
    ]


def test_hr_grants_hr_and_the_auditor_to_others(world: World) -> None:
    hr, colleague = world.users["hr"], world.users["colleague"]
    do_grant_role(actor=hr, user=colleague, body=world.body_a, role=Role.HR)
    do_grant_role(actor=hr, user=colleague, body=world.body_a, role=Role.AUDITOR)
    assert set(RoleAssignment.objects.filter(user=colleague).values_list("role", flat=True)) == {
        Role.HR,
        Role.AUDITOR,
    }


def test_the_administrator_deactivates_the_appointing_official(world: World) -> None:
    user = _employ(world, "appointing")
    do_deactivate_login(actor=world.users["superuser"], user=user, body=world.body_a)
    user.refresh_from_db()
    assert not user.is_active
    assert AuditRecord.objects.get().after == {"is_active": False}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_roles_page_shows_the_refusal_in_the_users_language(world: World, lang: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(world.users["hr"])
    url = reverse("accounts:grant_role", kwargs={"code": world.body_a.code})
    data = {"user": world.users["hr"].pk, "role": Role.APPOINTING_OFFICIAL}
    with changes_nothing():
        page = client.post(url, data, follow=True)
    expected = {"kk": "Өзіңізге рөл беруге болмайды", "ru": "Нельзя назначить роль самому себе"}
    assert expected[lang] in page.content.decode()
