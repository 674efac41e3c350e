"""Every role's work in one place, in the browser on the demo's data (issue 11, item 1):
each demo login finds what waits for it on the start page and one click opens the page
that does it; a sheet the manager submits reaches the appointing official as a notice
and as a line of the worklist."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bagalau.core import clock
from bagalau.cycles.models import Participation
from bagalau.demo.cycle import quarter_of
from bagalau.orgs.models import Employee
from tests.e2e.cycle_world import shakhtinsk, sign_in
from tests.e2e.dialogs import click_and_confirm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCORE_TEAM = "Score the team's ranking sheet and submit it"
REVIEW_SHEET = "Approve or return the team's ranking sheet"
TEAM_SCORES = ("5", "4", "4", "5")


def test_each_demo_role_finds_its_waiting_steps(page: Page) -> None:
    today = clock.today()
    current = quarter_of(today)
    shakhtinsk(today, open_current=True)
    # The head's plan is drawn up for the year (ADR 0010): in its first quarter the draft
    # awaits HR's agreement; later the year's plan is placed and HR owes the actuals.
    hr_step, hr_page = ("Agree the KPI plan (HR)", r"/kpi/plan/$")
    if current.quarter > 1:
        hr_step, hr_page = ("Enter the actual values of the KPIs", r"/kpi/sheet/$")

    sign_in(page, "manager")
    work = page.locator("#my-work")
    work.get_by_role("link", name=SCORE_TEAM).click()
    manager = Employee.objects.get(user__username="manager")
    team = Participation.objects.filter(
        evaluator=manager, period__year=current.year, period__quarter=current.quarter
    )
    period_id = team.values_list("period_id", flat=True).first()
    expect(page).to_have_url(
        re.compile(reverse("cycles:ranking_team", args=[period_id, manager.pk]))
    )
    expect(page.locator("#ranking-team")).to_be_visible()

    sign_in(page, "head")  # ranks the heads of units
    expect(page.locator("#my-work")).to_contain_text(SCORE_TEAM)

    sign_in(page, "hr")  # owes a step of the head's KPIs, counted for the body
    work = page.locator("#my-work")
    expect(work).to_contain_text(f"{current.code}")
    work.get_by_role("link", name=hr_step).click()
    expect(page).to_have_url(re.compile(hr_page))
    expect(page.locator("main h1")).to_be_visible()

    sign_in(page, "commission")
    expect(page.locator("#commission-home")).to_contain_text("Nothing is waiting for you now.")

    sign_in(page, "employee")  # reads their earlier quarters' scores and bands
    results = page.locator("#my-results")
    expect(results).to_contain_text("Ranking:")
    expect(results).to_contain_text("approved")
    results.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/result/$"))


def test_the_appointing_official_is_told_of_a_submitted_sheet(page: Page) -> None:
    today = clock.today()
    shakhtinsk(today, open_current=True)

    sign_in(page, "manager")
    page.locator("#my-work").get_by_role("link", name=SCORE_TEAM).click()
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

    sign_in(page, "appointing")
    work = page.locator("#my-work")
    expect(work).to_contain_text(REVIEW_SHEET)
    waiting = page.locator("#my-work-title .badge").inner_text()  # the demo's own sheet too
    # The header counts the steps on every page, the notices page included.
    page.get_by_role("link", name=re.compile("^Notices")).click()
    expect(page.locator(".main-nav [data-work-count]")).to_have_text(waiting)
    expect(page.locator("main")).to_contain_text(REVIEW_SHEET.lower())
    # The notice of the manager's sheet opens its review (the worklist's link leads to
    # the dashboard's list when, as in the demo, more than one sheet waits).
    page.locator("main tbody tr").first.get_by_role("link").click()
    expect(page.locator("select[name=decision]")).to_be_visible()
    page.goto("/")
    page.locator("#my-work").get_by_role("link", name=REVIEW_SHEET).click()
    expect(page.locator("main")).to_contain_text(REVIEW_SHEET.lower())
