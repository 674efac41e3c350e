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
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, KpiPlan, Participation, Result
from bagalau.demo.cycle import earlier_quarters, quarter_of
from bagalau.demo.seed import SEED_BODIES
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
        "periods": sorted(
            EvaluationPeriod.objects.values_list("body__code", "year", "quarter", "status")
        ),
        "results": sorted(
            Result.objects.values_list(
                "participation__employee__iin",
                "participation__period__quarter",
                "method",
                "score",
                "band",
                "state",
            )
        ),
        "plans": sorted(KpiPlan.objects.values_list("employee__iin", "year", "quarter", "state")),
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
    for username in ("head", "chair", "atyrau-hr", "atyrau-manager", "atyrau-employee"):
        assert f"\n  {username} " in text
    assert "\n  atyrau-region-akimat             2023     open" in text


@override_settings(DEBUG=True)
def test_demo_logins_have_their_roles_and_people() -> None:
    call_command("demo", stdout=StringIO())
    hr = User.objects.get(username="hr")
    assert hr.check_password("bagalau-demo")
    assert RoleAssignment.objects.get(user=hr).role == Role.HR
    assert User.objects.get(username="admin").is_superuser
    employee = Employee.objects.get(user__username="employee")
    managers = managers_on(employee, clock.today())
    assert managers.direct == Employee.objects.get(user__username="manager")
    assert managers.superior is not None
    assert Employee.objects.filter(~Q(user=None)).count() == 12


@override_settings(DEBUG=True)
def test_demo_runs_a_cycle_up_to_the_current_quarter() -> None:
    """Shakhtinsk: the earlier quarters of the year closed with approved ranking and KPI
    results, the current quarter open; the head's plan for the year (ADR 0010) drafted by
    the chair in its first quarter, placed in the quarters before a later one;
    Atyrau: 2023 opened while chapter 6 acted, its absentees of 2022 on count-based KPI."""
    call_command("demo", stdout=StringIO())
    today = clock.today()
    current = quarter_of(today)
    periods = EvaluationPeriod.objects.filter(body__code="shakhtinsk-maslikhat")
    assert sorted(periods.values_list("year", "quarter", "status")) == [
        *((p.year, p.quarter, "closed") for p in earlier_quarters(current)),
        (current.year, current.quarter, "open"),
    ]
    earlier = Result.objects.filter(participation__period__status="closed")
    assert set(earlier.values_list("state", flat=True)) <= {"approved"}
    assert {"ranking", "kpi"} <= set(
        earlier.values_list("method", flat=True)
    ) or current.quarter == 1
    head = Employee.objects.get(user__username="head")
    plan = KpiPlan.objects.get(employee=head, year=today.year, quarter=0)
    assert plan.state == ("draft" if current.quarter == 1 else "placed")
    assert plan.items.count() == 3
    assert Participation.objects.get(
        period__quarter=current.quarter, period__body__code="shakhtinsk-maslikhat", employee=head
    ).evaluator == Employee.objects.get(user__username="chair")
    atyrau = EvaluationPeriod.objects.get(body__code="atyrau-region-akimat")
    assert (atyrau.year, atyrau.quarter, atyrau.pack_id) == (2023, 0, "atyrau-2023-105")
    counted = [
        p for p in atyrau.participations.select_related("evaluator") if "count_kpi" in p.methods
    ]
    assert len(counted) == 2
    assert {p.evaluator.user.username for p in counted} == {"atyrau-manager"}  # type: ignore[union-attr]


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
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    cli.main()
    assert seen == [["bagalau", "demo_data", "--employees", "5"]]
