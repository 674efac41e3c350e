"""In the browser: a team page with four bad cells shows four messages at their fields
(each input aria-invalid and pointing at its message); the submit asks in a dialog,
Cancel leaves the sheet a draft, OK submits it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bagalau.cycles.models import RankingSheet
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.test_ranking_services import open_quarter, team_ids
from tests.e2e.conftest import LogIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODES = ("quality", "deadlines", "independence", "discipline")


def fill(page: Page, rows: dict[int, list[str]]) -> None:
    for pid, values in rows.items():
        for code, value in zip(CODES, values, strict=True):
            page.locator(f"input[name=s-{pid}-{code}]").fill(value)


def test_four_bad_cells_four_messages_then_the_submit_dialog(page: Page, log_in: LogIn) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    assert org.head.user is not None
    log_in(page, org.head.user.username, "pw-for-tests-only")
    page.goto(reverse("cycles:ranking_team", args=[period.pk, org.head.pk]))

    fill(page, {a: ["9", "x", "4", "4"], b: ["3", "3.5", "-1", "3"]})
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".field-error")).to_have_count(4)
    invalid = page.locator("input[aria-invalid=true]")
    expect(invalid).to_have_count(4)
    for n in range(4):
        field = invalid.nth(n)
        message = page.locator(f"#{field.get_attribute('aria-describedby')}")
        expect(message).to_be_visible()
        expect(message).to_contain_text("Маман")  # the employee's name, not a key
    expect(page.locator(".error-summary li")).to_have_count(4)
    expect(page.locator(f"input[name=s-{a}-deadlines]")).to_have_value("x")

    fill(page, {a: ["5", "4", "4", "4"], b: ["3", "3", "3", "3"]})
    page.get_by_role("button", name="Submit").click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Submit the sheet?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    assert not RankingSheet.objects.filter(state="submitted").exists()

    page.get_by_role("button", name="Submit").click()
    page.locator("dialog.confirm-dialog").get_by_role("button", name="Yes, continue").click()
    expect(page.locator(".messages")).to_contain_text("The ranking sheet is submitted.")
    assert RankingSheet.objects.get().state == "submitted"
