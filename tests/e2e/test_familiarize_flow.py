"""The specialist acknowledges the quarter's approved result in the browser (R-FAMILIARIZE,
004 p11): found from the start page, "I have read the result", the time recorded."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod, Familiarization, Result
from bagalau.demo.cycle import quarter_of, rank_everyone
from bagalau.orgs.models import Employee
from tests.e2e.cycle_world import shakhtinsk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_employee_acknowledges_the_approved_result(page: Page) -> None:
    today = clock.today()
    current = quarter_of(today)
    body = shakhtinsk(today, open_current=True)
    opened = EvaluationPeriod.objects.get(body=body, year=current.year, quarter=current.quarter)
    rank_everyone(opened, current)  # every team's sheet scored and approved
    specialist = Employee.objects.get(user__username="employee")
    result = Result.objects.get(
        participation__period=opened, participation__employee=specialist, method="ranking"
    )
    assert result.state == "approved"

    sign_in(page, "employee")
    page.get_by_role("link", name=f"Evaluation result, {current.code}").click()
    panel = page.locator(f"section[aria-labelledby=familiarization-{result.pk}]")
    expect(panel).to_contain_text("Not yet made acquainted with this result.")
    panel.get_by_role("button", name="I have read the result").click()

    expect(page.locator(".messages")).to_contain_text(
        "Your familiarization with the result is recorded."
    )
    day = timezone.localdate().strftime("%d.%m.%Y")
    expect(panel).to_contain_text(f"Made acquainted on {day} (in the system).")
    expect(panel.get_by_role("button", name="I have read the result")).to_have_count(0)
    record = Familiarization.objects.get(result=result)
    assert (record.channel, record.recorded_by.username, record.refused) == (  # type: ignore[union-attr]
        "system", "employee", False,
    )  # fmt: skip
