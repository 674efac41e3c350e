"""Atyrau region akimat, 2023, chapter 6 (No. 105): a specialist on social leave in 2022
is evaluated by the count of KPIs fully achieved (001 p43-54), in the browser.

The demo opened the year on 03.07.2023, while the chapter acted. The direct manager
drafts the five KPIs of the individual work plan (app. 9), HR agrees, the superior
manager approves, HR places the plan and opens the sheet (app. 10), the manager marks
four of five achieved and submits, the superior manager agrees, and the employee reads
"proper" in the words of p49.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bagalau.core import clock
from bagalau.cycles.models import Participation, Result
from bagalau.orgs.models import Employee
from tests.e2e.cycle_world import atyrau, follow_row_link, open_period_page, sign_in
from tests.e2e.dialogs import click_and_confirm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KPIS = [
    ("Бюджеттік бағдарламалардың орындалуын талдау", "Облыстың даму жоспары, 3.2", "%", "100"),
    ("Мемлекеттік сатып алу жоспарын мерзімінде бекіту", "Облыс әкімдігінің қаулысы", "%", "100"),
    ("Азаматтардың өтініштерін мерзімінде қарау", "Әкім мен «А» корпусы келісімі, 4", "%", "100"),
    ("Бюджеттік есептілікті уақтылы ұсыну", "Облыстың даму жоспары, 3.5", "есеп", "12"),
    ("Ішкі бақылау ұсынымдарын орындау", "Ішкі аудит жоспары, 2.1", "%", "100"),
]
MARKS = ("yes", "yes", "no", "yes", "yes")  # four of five fully achieved: "proper" (p49)


def test_a_specialist_on_leave_in_2022_is_evaluated_by_count_of_kpis(page: Page) -> None:
    body = atyrau(clock.today())
    employee = Employee.objects.get(user__username="atyrau-employee")
    part = Participation.objects.get(period__year=2023, employee=employee)
    assert "count_kpi" in part.methods
    plan_url = reverse("cycles:kpi_plan", args=[part.pk])
    sheet_url = reverse("cycles:kpi_sheet", args=[part.pk])

    # The direct manager drafts the five KPIs from the start page.
    sign_in(page, "atyrau-manager")
    page.locator(f"#my-team a[href='{plan_url}']").click()
    for n, (name, source, unit, planned) in enumerate(KPIS):
        page.locator(f"[name=form-{n}-name]").fill(name)
        page.locator(f"[name=form-{n}-source]").fill(source)
        page.locator(f"[name=form-{n}-unit]").fill(unit)
        page.locator(f"[name=form-{n}-planned_value]").fill(planned)
        page.locator(f"[name=form-{n}-due]").fill("30.11.2023")
        page.locator(f"[name=form-{n}-key_result]").fill("Толық орындалды")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".messages")).to_contain_text("The KPI plan is saved as a draft.")

    # HR agrees it from the employee's row of the period page.
    sign_in(page, "atyrau-hr")
    open_period_page(page, body, "2023")
    follow_row_link(page, plan_url)
    click_and_confirm(page, "Agree (HR)")

    # The superior manager approves it from the start page.
    sign_in(page, "atyrau-superior")
    page.locator(f"#my-team a[href='{plan_url}']").click()
    click_and_confirm(page, "Approve")
    expect(page.locator("main h2").first).to_contain_text("approved")

    # HR places the plan (the page HR found before) and opens the evaluation sheet.
    sign_in(page, "atyrau-hr")
    page.goto(plan_url)
    click_and_confirm(page, "Place in the system")
    page.get_by_role("link", name="KPI evaluation sheet").click()
    page.get_by_role("button", name="Open the evaluation sheet").click()

    # The manager marks each KPI achieved or not and submits.
    sign_in(page, "atyrau-manager")
    page.locator(f"#my-team a[href='{sheet_url}']").click()
    marks = page.locator("select[name^=mark_]")
    expect(marks).to_have_count(5)
    for n, mark in enumerate(MARKS):
        marks.nth(n).select_option(mark)
    page.get_by_role("button", name="Save the scores").click()
    click_and_confirm(page, "Submit to the superior manager")
    expect(page.locator(".messages")).to_contain_text("The sheet is submitted")

    # The superior manager agrees the sheet.
    sign_in(page, "atyrau-superior")
    page.locator(f"#my-team a[href='{sheet_url}']").click()
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The sheet is reviewed.")

    # The employee reads the result of the year: four of five, "proper" (p49).
    sign_in(page, "atyrau-employee")
    page.get_by_role("link", name="Evaluation result, 2023").click()
    main = page.locator("main")
    expect(main).to_contain_text("Result for 2023")
    expect(main).to_contain_text("KPIs fully achieved: 4 of 5")
    expect(main).to_contain_text("Функционалдық міндеттерді тиісті түрде орындайды")
    expect(main).to_contain_text("Надлежащим образом исполняет функциональные обязанности")
    result = Result.objects.get(participation=part)
    assert (result.method, result.band, result.state) == ("count_kpi", "proper", "approved")
