"""``bagalau demo`` and ``bagalau demo-data``: DEBUG only, idempotent, realistic counts."""

from __future__ import annotations

import sys
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.test import override_settings

from bagalau import cli
from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core.demo_seed import SEED_BODIES
from bagalau.domain.people import parse_iin
from bagalau.orgs.models import Absence, Assignment, Dismissal, Employee, StateBody
from bagalau.orgs.selectors import managers_on
from bagalau.packs import registry

pytestmark = pytest.mark.django_db


def state() -> dict[str, object]:
    return {
        "bodies": sorted(StateBody.objects.values_list("code", "parent__code", "methodology_code")),
        "employees": sorted(Employee.objects.values_list("iin", "last_name_kk", "user__username")),
        "assignments": sorted(
            Assignment.objects.values_list(
                "employee__iin", "position__body__code", "position__code", "kind", "start", "end"
            )
        ),
        "absences": sorted(Absence.objects.values_list("employee__iin", "kind", "start", "end")),
        "dismissals": sorted(Dismissal.objects.values_list("employee__iin", "body__code", "date")),
        "roles": sorted(RoleAssignment.objects.values_list("user__username", "body__code", "role")),
    }


@override_settings(DEBUG=True)
def test_demo_is_idempotent_and_realistic() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    first = state()
    call_command("demo", stdout=StringIO())
    assert state() == first
    counts = dict(
        StateBody.objects.annotate(
            people=Count("positions__assignments__employee", distinct=True)
        ).values_list("code", "people")
    )
    assert len(counts) == len(SEED_BODIES) == 7
    assert all(20 <= n <= 60 for n in counts.values()), counts
    assert Dismissal.objects.count() == 1
    assert Assignment.objects.filter(kind="acting", end__isnull=True).count() == 7
    known = {b.code for b in registry().bodies()}
    assert set(StateBody.objects.values_list("methodology_code", flat=True)) <= known
    for iin in Employee.objects.values_list("iin", flat=True):
        parse_iin(iin)
    text = out.getvalue()
    for username in ("admin", "hr", "appointing", "commission", "auditor", "manager", "employee"):
        assert f"\n  {username} " in text


@override_settings(DEBUG=True)
def test_demo_logins_have_their_roles_and_people() -> None:
    call_command("demo", stdout=StringIO())
    hr = User.objects.get(username="hr")
    assert hr.check_password("bagalau-demo")
    assert RoleAssignment.objects.get(user=hr).role == Role.HR
    assert User.objects.get(username="admin").is_superuser
    employee = Employee.objects.get(user__username="employee")
    managers = managers_on(employee, __import__("datetime").date.today())
    assert managers.direct == Employee.objects.get(user__username="manager")
    assert managers.superior is not None
    assert Employee.objects.filter(~Q(user=None)).count() == 3


def test_demo_refuses_without_debug() -> None:
    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())
    assert not StateBody.objects.exists()


@override_settings(DEBUG=True)
def test_demo_data_builds_and_replaces_a_synthetic_dataset() -> None:
    out = StringIO()
    call_command("demo_data", employees=500, bodies=10, stdout=out)
    assert "500 employees, 10 bodies" in out.getvalue()
    assert " s\n" in out.getvalue()
    call_command("demo_data", employees=300, bodies=4, stdout=StringIO())
    assert StateBody.objects.filter(code__startswith="synthetic-").count() == 4
    assert Employee.objects.count() == 300
    assert Assignment.objects.count() == 300
    assert len(set(Employee.objects.values_list("iin", flat=True))) == 300


def test_cli_accepts_demo_data_with_a_hyphen(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(sys, "argv", ["bagalau", "demo-data", "--employees", "5"])
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", seen.append
    )
    cli.main()
    assert seen == [["bagalau", "demo_data", "--employees", "5"]]
