"""Demo bodies for the browser flows, built by the demo's own code, and the walk helpers.

Only the bodies a flow needs are built (a few seconds, not the whole demo); the logins
are the demo's, so the flows run exactly what a visitor of ``make demo`` runs.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from playwright.sync_api import Page, expect

from bagalau.demo.cycle import build_atyrau, build_shakhtinsk
from bagalau.demo.management.commands.demo import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    Command,
    first_of_month,
)
from bagalau.demo.seed import SEED_BODIES, plan_body
from bagalau.demo.sync import sync_body
from bagalau.orgs.models import StateBody


def demo_body(code: str, today: date) -> StateBody:
    """One seed body with its staff, and the demo logins that belong to it."""
    index, spec = next((n, s) for n, s in enumerate(SEED_BODIES) if s.code == code)
    body = sync_body(plan_body(spec, index, first_of_month(today)), None)
    bodies = {code: body}
    for login in DEMO_LOGINS:
        role_here = login.role is not None and set(login.role_bodies) <= {code}
        person_here = login.role is None and login.employee and login.body == code
        if role_here or person_here:
            Command._reset_login(login, bodies, today)
    return body


def shakhtinsk(today: date, *, open_current: bool) -> StateBody:
    body = demo_body("shakhtinsk-maslikhat", today)
    build_shakhtinsk(body, today, open_current=open_current)
    return body


def atyrau(today: date) -> StateBody:
    body = demo_body("atyrau-region-akimat", today)
    build_atyrau(body)
    return body


def sign_in(page: Page, username: str) -> None:
    """Sign out whoever is signed in, then sign in through the login form."""
    page.context.clear_cookies()
    page.goto("/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".logout-form")).to_be_visible()


def open_period_page(page: Page, body: StateBody, period: str) -> None:
    """From the start page to the period, by links only."""
    page.goto("/")
    page.locator(f"a[href='{reverse('orgs:bodies')}']").first.click()
    page.locator(f"main a[href='{reverse('orgs:body', args=[body.code])}']").click()
    page.locator(f"main a[href='{reverse('cycles:periods', args=[body.code])}']").click()
    page.locator(f"main a[href='{reverse('cycles:period', args=[body.code, period])}']").click()
    expect(page.locator("h1")).to_have_text(f"Period {period}")


def follow_row_link(page: Page, href: str) -> None:
    """Click a person's link on the period page, turning its pages until it shows."""
    link = page.locator(f"#participations a[href='{href}']")
    while link.count() == 0:
        page.locator("#participations a[rel=next]").click()
        expect(page.locator("#participations a[rel=prev]")).to_be_visible()
    link.click()
