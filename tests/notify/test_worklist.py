"""The start page's worklist (issue 11, item 1) on Shakhtinsk's 2024-Q1: each role finds
the steps it owes, overdue first, with the deadline and its paragraph, one click from
the page that takes it; a period that has not started gives nobody work."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.models import KpiPlan, RankingSheet
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.notify.worklist import Worklist, worklist
from tests.cycles.period_pages import EN, client_for_user
from tests.notify.world import Cycle, cycle

pytestmark = pytest.mark.django_db

JANUARY = date(2024, 1, 3)  # KPIs due 16.01.2024 (004 p22), evaluation by 10.04.2024


def steps(found: Worklist) -> list[tuple[str, str, str, str]]:
    return [(i.step, i.who, i.due, i.status) for i in found.items]


def plan(c: Cycle, state: str) -> KpiPlan:
    return KpiPlan.objects.create(
        employee=c.head, body=c.body, year=2024, quarter=0, evaluator=c.chair, state=state
    )


def test_the_evaluator_scores_the_team_and_the_chair_drafts_the_plan() -> None:
    c = cycle()
    head = worklist(c.user(c.head), today=JANUARY)
    assert steps(head) == [
        (
            "score the team's ranking sheet and submit it",
            "my team",
            "10.04.2024",
            "pending",
        )
    ]
    assert head.items[0].url == reverse("cycles:ranking_team", args=[c.period.pk, c.head.pk])
    assert "paragraph 4" in head.items[0].cite and head.count == 1

    chair = worklist(c.user(c.chair), today=JANUARY)
    assert [(i.step, i.due, i.url) for i in chair.items] == [
        (
            "draft the individual work plan with KPIs",
            "16.01.2024",
            reverse("cycles:kpi_plan", args=[c.part(c.head).pk]),
        )
    ]
    # Staff owe nothing until their result is approved; HR and the official nothing yet.
    assert worklist(c.user(c.staff[0]), today=JANUARY).count == 0
    assert worklist(c.hr, today=JANUARY).count == 0
    assert worklist(c.official, today=JANUARY).count == 0


def test_hr_sees_the_overdue_plan_it_owes_counted_for_its_body() -> None:
    c = cycle()
    plan(c, "draft")
    found = worklist(c.hr, today=date(2024, 2, 23))  # 38 days after 16.01.2024
    assert found.items == [] and found.count == 1
    [body] = found.bodies
    assert (body.period, body.role, body.total, body.overdue) == ("2024-Q1", "HR service", 1, 1)
    [step] = body.steps
    assert (step.step, step.due, step.status, step.overdue_days) == (
        "agree the KPI plan (HR)",
        "16.01.2024",
        "overdue",
        38,
    )
    assert step.url == reverse("cycles:kpi_plan", args=[c.part(c.head).pk])
    assert body.dashboard_url == reverse("notify:dashboard", args=[c.body.code, "2024-Q1"])
    # the next step is the chair's, as the first head (001 p44-45), once HR agrees
    KpiPlan.objects.update(state="agreed")
    chair = worklist(c.user(c.chair), today=date(2024, 2, 23))
    assert [i.step for i in chair.items] == ["approve the KPI plan"]
    assert worklist(c.hr, today=date(2024, 2, 23)).count == 0


def test_the_appointing_official_finds_the_sheet_to_approve() -> None:
    c = cycle()
    sheet = RankingSheet.objects.create(period=c.period, evaluator=c.head, state="submitted")
    found = worklist(c.official, today=date(2024, 4, 8))
    [body] = found.bodies
    assert body.role == "appointing official" and body.total == 1  # one sheet, not per person
    [step] = body.steps
    assert step.step == "approve or return the team's ranking sheet"
    assert step.url == reverse("cycles:ranking_review", args=[sheet.pk])
    assert step.status == "due_soon"  # 10.04.2024 is 2 working days after 08.04
    assert worklist(c.user(c.head), today=date(2024, 4, 8)).count == 0


def test_overdue_first_and_a_period_not_started_gives_no_work(clock_at: object) -> None:
    c = cycle()
    do_open_period(actor=c.hr, body=c.body, period=Period(2024, 2))
    do_open_period(actor=c.hr, body=c.body, period=Period(2024, 3))  # starts 01.07.2024
    found = worklist(c.user(c.head), today=date(2024, 4, 15))
    assert [(i.period, i.status) for i in found.items] == [
        ("2024-Q1", "overdue"),
        ("2024-Q2", "pending"),
    ]
    clock_at(date(2024, 4, 15))  # type: ignore[operator]
    page = client_for_user(c.user(c.head))
    html = page.get(reverse("home"), headers=EN).content.decode()
    assert "Evaluate my team for 2024-Q1" in html and "2024-Q3" not in html


def test_a_commission_member_is_told_what_the_page_will_hold() -> None:
    c = cycle()
    member = User.objects.create_user("member", password="pw-for-tests-only")
    RoleAssignment.objects.create(user=member, body=c.body, role=Role.COMMISSION_MEMBER)
    found = worklist(member, today=JANUARY)
    assert found.only_commission and found.count == 0
    html = client_for_user(member).get(reverse("home"), headers=EN).content.decode()
    assert 'id="commission-home"' in html and "Nothing is waiting for you now." in html
    assert not worklist(c.hr, today=JANUARY).only_commission


def test_the_home_page_shows_the_steps_and_the_count(clock_at: object) -> None:
    c = cycle()
    plan(c, "draft")
    clock_at(date(2024, 2, 23))  # type: ignore[operator]
    html = client_for_user(c.hr).get(reverse("home"), headers=EN).content.decode()
    assert "Agree the KPI plan (HR)" in html and "16.01.2024" in html and "38 days" in html
    assert 'aria-label="1 step waits for you">1</span>' in html
    answer = client_for_user(c.hr).get(reverse("notify:work_count"))
    assert answer.json()["count"] == 1 and answer["Cache-Control"].startswith("max-age=0")


def test_the_count_is_only_for_a_signed_in_user() -> None:
    from django.test import Client

    answer = Client().get(reverse("notify:work_count"))
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_an_approved_result_of_a_closed_period_waits_for_its_familiarization() -> None:
    """Familiarization follows the final result (004 p11): a closed period still owes it."""
    from bagalau.cycles.models import PeriodStatus, Result

    c = cycle()
    staff = c.staff[0]
    part = c.part(staff)
    RankingSheet.objects.create(period=c.period, evaluator=part.evaluator, state="approved")
    Result.objects.create(participation=part, method="ranking", state="approved")
    type(c.period).objects.filter(pk=c.period.pk).update(status=PeriodStatus.CLOSED)
    found = worklist(c.user(staff), today=date(2024, 4, 15))
    assert [(i.step, i.url) for i in found.items] == [
        ("get acquainted with the evaluation result", reverse("cycles:result", args=[part.pk]))
    ]
    # A colleague with no approved result owes nothing in the closed period.
    assert worklist(c.user(c.staff[1]), today=date(2024, 4, 15)).count == 0
