"""A quarter of the Shakhtinsk maslikhat apparatus in the browser, on the demo's data.

The earlier quarters of the year are closed with approved results (the demo builds
them); the walk runs the current quarter by links only: HR opens it, the head of a unit
ranks the team from the start page and submits, the appointing official approves the
sheet, and the specialist reads the quarter score, the year's mean and their bands. The
head of apparatus's KPIs (the quarter opened through HR's service): the chair drafts the
plan, HR agrees, the chair approves, HR places it and enters the actuals, the chair
scores and, as the first head, agrees the sheet; the head reads the KPI score, the
year's KPI mean and their bands.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from bagalau.core import clock
from bagalau.cycles.models import Participation, Result, SheetState
from bagalau.cycles.periods.services import do_open_period
from bagalau.demo.cycle import HEAD_KPIS, quarter_of
from bagalau.orgs.models import Employee
from tests.e2e.cycle_world import open_period_page, shakhtinsk, sign_in
from tests.e2e.dialogs import click_and_confirm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEAM_SCORES = ("5", "4", "4", "5")  # quality, deadlines, independence, discipline: 4.50
KPI_ACTUALS = ("100", "80", "100")
KPI_SCORES = ("5", "3", "4")  # mean 4.00
BANDS = {
    "effective": "Функционалдық міндеттерін тиімді атқарады",
    "proper": "Функционалдық міндеттерін тиісті түрде атқарады",
    "satisfactory": "Функционалдық міндеттерін қанағаттанарлық түрде атқарады",
}


def two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def band_of(score: Decimal) -> str:
    return "effective" if score >= 4 else "proper" if score >= 3 else "satisfactory"


def earlier_scores(employee: Employee, method: str, year: int) -> list[Decimal]:
    """The approved scores of the year's closed quarters, as the demo left them."""
    rows = Result.objects.filter(
        participation__employee=employee,
        participation__period__year=year,
        participation__period__status="closed",
        method=method,
        state=SheetState.APPROVED,
    )
    return [r.score for r in rows if r.score is not None]


def expect_result(page: Page, quarter: str, annual: Decimal, year: int) -> None:
    expect(page.locator("main")).to_contain_text(f"Quarter score: {quarter}")
    expect(page.locator("main")).to_contain_text(f"Annual score {year}: {annual}")
    cards = page.locator("section.card")
    expect(cards.first).to_contain_text(BANDS[band_of(Decimal(quarter))])
    expect(cards.last).to_contain_text(BANDS[band_of(annual)])


def test_hr_opens_the_quarter_the_manager_ranks_the_team_the_reviewer_approves(
    page: Page,
) -> None:
    today = clock.today()
    current = quarter_of(today)
    body = shakhtinsk(today, open_current=False)
    specialist = Employee.objects.get(user__username="employee")
    earlier = earlier_scores(specialist, "ranking", today.year)
    assert len(earlier) == current.quarter - 1

    # HR opens the quarter from the body's periods page.
    sign_in(page, "hr")
    page.locator(f"a[href='{reverse('orgs:bodies')}']").first.click()
    page.locator(f"main a[href='{reverse('orgs:body', args=[body.code])}']").click()
    page.locator(f"main a[href='{reverse('cycles:periods', args=[body.code])}']").click()
    page.locator("input[name=year]").fill(str(today.year))
    page.locator("select[name=quarter]").select_option(str(current.quarter))
    page.get_by_role("button", name="Open the period").click()
    expect(page.locator(".messages")).to_contain_text(f"The period {current.code} is open.")
    assert Participation.objects.filter(period__quarter=current.quarter).count() > 20

    # The head of a unit finds the team on the start page, scores everyone, submits.
    sign_in(page, "manager")
    page.get_by_role("link", name=f"Evaluate my team for {current.code}").click()
    rows = page.locator("#ranking-team tbody tr")
    expect(rows.first).to_be_visible()
    for n in range(rows.count()):
        inputs = rows.nth(n).locator("input[name^=s-]")
        for k, score in enumerate(TEAM_SCORES):
            inputs.nth(k).fill(score)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#ranking-team")).to_contain_text("The draft is saved.")
    click_and_confirm(page, "Submit")
    expect(page.locator(".messages")).to_contain_text("The ranking sheet is submitted.")

    # The appointing official approves the sheet, found on the period page.
    sign_in(page, "appointing")
    open_period_page(page, body, current.code)
    manager = Employee.objects.get(user__username="manager")
    sheets = page.locator("table[aria-labelledby=sheets-heading] tr")
    sheets.filter(has_text=manager.full_name("ru")).get_by_role("link", name="Review").click()
    page.locator("select[name=decision]").select_option(SheetState.APPROVED)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("The decision is recorded.")

    # The specialist reads the quarter, the year's mean and both bands.
    sign_in(page, "employee")
    page.get_by_role("link", name=f"Evaluation result, {current.code}").click()
    annual = two(sum([*earlier, Decimal("4.50")], Decimal(0)) / (len(earlier) + 1))
    expect_result(page, "4.50", annual, today.year)


def test_the_heads_kpis_are_planned_scored_and_agreed(page: Page) -> None:
    today = clock.today()
    current = quarter_of(today)
    body = shakhtinsk(today, open_current=False)
    do_open_period(actor=User.objects.get(username="hr"), body=body, period=current)
    head = Employee.objects.get(user__username="head")
    earlier = earlier_scores(head, "kpi", today.year)
    part = Participation.objects.get(period__quarter=current.quarter, employee=head)
    plan_url = reverse("cycles:kpi_plan", args=[part.pk])

    # The plan is drawn up for the year (ADR 0010): in the year's first quarter the
    # chair drafts it, HR agrees, the chair approves, HR places it; later quarters are
    # evaluated against the plan placed then.
    if current.quarter == 1:
        plan_the_year(page, body, plan_url, current)
    else:
        sign_in(page, "chair")
        page.locator(f"#my-team a[href='{plan_url}']").click()
        expect(page.locator("main h1")).to_contain_text(str(current.year))
        expect(page.locator("main")).to_contain_text(
            f"The plan is drawn up for {current.year}; KPI achievement is evaluated each "
            f"quarter against it, now for {current.code}."
        )
        expect(page.locator("main h2").first).to_contain_text("placed in the system")

    # HR opens the quarter's sheet on the placed plan and enters the actuals.
    sign_in(page, "hr")
    page.goto(plan_url)
    page.get_by_role("link", name="KPI evaluation sheet").click()
    page.get_by_role("button", name="Open the evaluation sheet").click()
    actuals = page.locator("input[name^=actual_]")
    for n, value in enumerate(KPI_ACTUALS):
        actuals.nth(n).fill(value)
    page.get_by_role("button", name="Save the actual values").click()
    expect(page.locator(".messages")).to_contain_text("The actual values are saved.")

    # The chair scores, submits and, as the first head, agrees the sheet.
    sign_in(page, "chair")
    page.get_by_role("link", name="KPI evaluation sheet").first.click()
    marks = page.locator("[name^=mark_]")
    for n, value in enumerate(KPI_SCORES):
        marks.nth(n).fill(value)
    page.get_by_role("button", name="Save the scores").click()
    click_and_confirm(page, "Submit to the superior manager")
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The sheet is reviewed.")

    # The head reads the KPI score of the quarter, the year's mean and the bands.
    sign_in(page, "head")
    page.get_by_role("link", name=f"Evaluation result, {current.code}").click()
    annual = two(sum([*earlier, Decimal("4.00")], Decimal(0)) / (len(earlier) + 1))
    expect_result(page, "4.00", annual, today.year)


def plan_the_year(page: Page, body: Any, plan_url: str, current: Any) -> None:
    """The year's plan in its first quarter: drafted, agreed, approved and placed."""
    # The chair, the head's evaluator, drafts three KPIs from the start page.
    sign_in(page, "chair")
    page.locator(f"#my-team a[href='{plan_url}']").click()
    for n, (name, source, result) in enumerate(HEAD_KPIS):
        page.locator(f"[name=form-{n}-name]").fill(name)
        page.locator(f"[name=form-{n}-source]").fill(source)
        page.locator(f"[name=form-{n}-unit]").fill("%")
        page.locator(f"[name=form-{n}-planned_value]").fill("100")
        page.locator(f"[name=form-{n}-due]").fill(f"31.12.{current.year}")
        page.locator(f"[name=form-{n}-key_result]").fill(result)
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The KPI plan is saved as a draft.")

    # HR agrees the draft, reached from the head's row of the period page.
    sign_in(page, "hr")
    open_period_page(page, body, current.code)
    page.locator(f"#participations a[href='{plan_url}']").click()
    click_and_confirm(page, "Agree (HR)")
    expect(page.locator("main h2").first).to_contain_text("agreed by HR")

    # The chair, the first head, approves it from the start page.
    sign_in(page, "chair")
    page.locator(f"#my-team a[href='{plan_url}']").click()
    click_and_confirm(page, "Approve")
    expect(page.locator("main h2").first).to_contain_text("approved")

    # HR places it.
    sign_in(page, "hr")
    page.goto(plan_url)
    click_and_confirm(page, "Place in the system")
