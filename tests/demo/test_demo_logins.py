"""The demo as a newcomer meets it: every step someone owes has a login to take it, the
printed list says what each login can try, every role finds work waiting in the current
quarter, and a body with written familiarization has an approved result to refuse."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, Familiarization, Result
from bagalau.demo.commission import AKTAU, commission_year
from bagalau.demo.cycle import quarter_of
from bagalau.demo.logins import DEMO_LOGINS
from bagalau.demo.todo import _Owners
from bagalau.domain.methodology import FamiliarizationMode
from bagalau.domain.progress import Owner, Step
from bagalau.notify.selectors import progress_rows
from bagalau.orgs.models import Employee
from bagalau.packs import registry
from tests.conftest import ClockAt

pytestmark = pytest.mark.django_db

# A login's row, then its "try:" lines, as the command prints them.
ROW = re.compile(r"^  (\S+) +(\S+) +.+$")
TRY = re.compile(r"^ {4,}try: (.+)$")


def printed_logins(text: str) -> dict[str, list[str]]:
    """Login -> its "try" lines, from the printed table."""
    found: dict[str, list[str]] = {}
    table = text.split("Demo logins", 1)[1].splitlines()[3:]
    current = ""
    for line in table:
        if tried := TRY.match(line):
            found[current].append(tried.group(1))
        elif row := ROW.match(line):
            current = row.group(1)
            found[current] = []
    return found


def run_demo() -> str:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo", stdout=out)
    return out.getvalue()


def test_every_step_has_a_login_and_every_login_something_to_try() -> None:
    text = run_demo()
    tried = printed_logins(text)
    assert list(tried) == [x.username for x in DEMO_LOGINS]
    assert all(lines and all(line.strip() for line in lines) for lines in tried.values()), tried

    # Whoever evaluates or decides on a step of the demo's evaluations can sign in to
    # take it (the people evaluated are shown by one login each, not all); the only
    # steps left without a login are the approvals of results by methods the system
    # keeps no sheet for (Atyrau's 360 of 2023).
    periods = list(EvaluationPeriod.objects.select_related("body"))
    rows = progress_rows(periods, today=clock.today(), soon=3)
    owners = _Owners(rows)
    deciding = [r for r in rows if r.progress.owner not in (None, Owner.EMPLOYEE)]
    orphans = [r for r in deciding if not owners.of(r)]
    assert {(r.progress.step, tuple(r.participation.methods)) for r in orphans} <= {
        (Step.APPROVE_RESULT, ("survey360",))
    }
    evaluators = {r.participation.evaluator for r in rows if r.progress.owner is Owner.EVALUATOR}
    assert evaluators and all(e is not None and e.user is not None for e in evaluators)

    # Each role has work waiting in the current quarter of the demo day.
    quarter = quarter_of(clock.today())
    current = quarter.code
    # The head's plan is the year's (ADR 0010): HR agrees it in the year's first quarter
    # and enters the quarter's actual values in the later ones.
    hr_step = ("agree", "KPI plan") if quarter.quarter == 1 else ("enter", "actual KPI values")
    assert any(all(w in t for w in hr_step) and current in t for t in tried["hr"]), tried["hr"]
    assert any(
        t.startswith("approve the ranking sheet") and current in t for t in tried["appointing"]
    )
    assert any(t.startswith("approve") and "KPI plan" in t for t in tried["atyrau-superior"])
    for evaluator in ("manager", "hr-head", "head"):
        assert tried[evaluator][0].startswith("score your team of"), tried[evaluator]
    assert tried["employee"][0].startswith("acknowledge your result for")
    assert tried["atyrau-manager"][0].startswith("draft ")

    # Each signs in with the printed password, through the sign-in form, to a start page.
    for login in DEMO_LOGINS:
        client = Client()
        form = {"username": login.username, "password": login.password}
        assert client.post("/login/", form).status_code == 302, login.username
        assert client.get("/").status_code == 200, login.username


def test_the_written_familiarization_body_has_a_result_to_refuse() -> None:
    run_demo()
    year = commission_year(clock.today())
    person = Employee.objects.get(user__username="aktau-employee")
    result = Result.objects.get(
        participation__employee=person,
        participation__period__body__code=AKTAU,
        participation__period__year=year.year,
    )
    assert result.state == "approved"
    assert not Familiarization.objects.filter(result=result).exists()
    rules = registry().pack(result.participation.period.pack_id).rules.familiarization
    assert rules is not None and rules.mode.value is FamiliarizationMode.WRITTEN
    hr = User.objects.get(username="aktau-hr")
    assert RoleAssignment.objects.filter(user=hr, role=Role.HR, body__code=AKTAU).exists()
    client = Client()
    client.force_login(hr)
    url = reverse("cycles:familiarization_refusal", args=[result.pk])
    assert client.get(url).status_code == 200
    one, two = Employee.objects.filter(
        assignments__position__body__code=AKTAU, assignments__end__isnull=True
    ).exclude(pk__in=[person.pk, hr.employee.pk])[:2]  # type: ignore[union-attr]
    done = client.post(
        url,
        {"on": clock.today().strftime("%d.%m.%Y"), "act_number": "1", "witness_one": one.pk,
         "witness_two": two.pk, "version": result.version},
    )  # fmt: skip
    act_url = reverse("cycles:refusal_act", args=[result.pk])
    assert done.status_code == 302 and done["Location"] == act_url
    act = client.get(act_url).content.decode()
    assert person.full_name("ru") in act and one.full_name("ru") in act


def test_the_demo_built_in_a_first_quarter_has_last_years_fourth(clock_at: ClockAt) -> None:
    """In January the earlier quarter is the last of the year before; the suite may run at
    20:30 UTC, already the next day in Almaty, so the day is taken in Almaty."""
    clock_at(datetime.combine(date(2027, 1, 14), time(20, 30), tzinfo=ZoneInfo("UTC")))
    text = run_demo()
    assert clock.today() == date(2027, 1, 15)
    periods = EvaluationPeriod.objects.filter(body__code="shakhtinsk-maslikhat")
    assert sorted(periods.values_list("year", "quarter", "status")) == [
        (2026, 4, "closed"),
        (2027, 1, "open"),
    ]
    tried = printed_logins(text)
    assert tried["employee"] == ["acknowledge your result for 2026-Q4"]
    assert EvaluationPeriod.objects.filter(body__code=AKTAU, year=2026, quarter=0).exists()
