"""Steps several browser tests take through the pages the same way."""

from __future__ import annotations

from playwright.sync_api import Page


def fill_profile(page: Page) -> None:
    """Answer the profile page (manufacturing, 10–49, Saxony, …) and wait for page 1."""
    page.select_option("#industry", "C")
    page.check("#size-1")
    page.select_option("#state", "DE-SN")
    page.check("#works_council-1")
    page.check("#role-0")
    page.click("button[type=submit]")
    page.wait_for_url("**/a/*/1")
