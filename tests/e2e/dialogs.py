"""Clicking a button that asks first: the page's confirmation dialog, then its answer."""

from __future__ import annotations

from playwright.sync_api import Page, expect

OK = "Yes, continue"


def click_and_confirm(page: Page, button: str) -> None:
    """Click ``button``, see the question appear and answer it with the dialog's OK."""
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name=OK).click()
