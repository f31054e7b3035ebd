"""axe-core (WCAG 2.1 A/AA) on the team-campaign pages, driven through the pages like a user:
the owner opens a campaign from the result page (form, then the new link), an employee joins
(the join form, also with its error), answers a section (with an error) and sees the thanks;
the owner's campaign page and the consultant's campaign list and campaign page. Serious or
critical violations fail; all are printed with their target selectors. Like the other axe
tests it runs twice: German on a desktop, English on a 375 px phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from axehelp import Audit
from flask import Flask
from playwright.sync_api import Page
from seed import PASSWORD, completed

from zzcheck.registry import current_registry

ALL_DRAWN = """() => Array.from(document.querySelectorAll("[data-radar], [data-chart]")).every(
  (e) => e.dataset.radarReady === "true" || e.dataset.chartReady === "true")"""

TEAM = str(Path(__file__).resolve().parents[1] / "web" / "questionnaires_team")
PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": TEAM}


def answers_for(app: Flask) -> dict[str, object]:
    """The first option of every required question of ``teamcheck`` (the owner's check)."""
    with app.app_context():
        loaded = current_registry().get("teamcheck")
        assert loaded is not None
        questions = loaded.questionnaire.questions
        return {q.id: q.options[0].id for q in questions if q.required and q.options}


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_team_pages_have_no_serious_axe_violations(
    app: Flask,
    live_server: Any,
    page: Page,
    create_user: Callable[..., Any],
    lang: str,
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _id, token = completed(
        app, "teamcheck", answers_for(app), PROFILE, datetime(2026, 11, 2, tzinfo=UTC)
    )
    base, audit = live_server.url, Audit()
    page.goto(f"{base}/sprache/{lang}?next=/a/{token}/team")
    audit.check(page, "owner: campaigns with the opening form")
    page.check("input[name=access][value=link]")
    page.click("form.team-open button[type=submit]")
    link = page.locator(".new-link a").first
    link.wait_for()
    audit.check(page, "owner: the new campaign link")
    href = link.get_attribute("href") or ""
    employee_pages(page, href, audit)
    for number in range(1, 6):  # enough answers for the results to be shown
        answer_in_a_new_browser(page, href, number)
    page.goto(f"{base}/a/{token}/team")
    page.locator(f"a[href^='/a/{token}/team/']").first.click()
    page.wait_for_url(f"**/a/{token}/team/*")
    audit.check(page, "owner: open campaign page (counts only)")
    page.click("form.team-close button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_function(ALL_DRAWN, timeout=15_000)
    assert page.locator("[data-radar], [data-chart]").count() >= 1  # results, not a wait notice
    audit.check(page, "owner: campaign page with results")
    consultant = create_user("consultant", centre="sachsen", password=PASSWORD)
    page.goto(base + "/login")
    page.fill("#email", consultant.email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.goto(base + "/berater/team/")
    audit.check(page, "consultant: team campaigns")
    audit.assert_clean()


def answer_in_a_new_browser(page: Page, link: str, number: int) -> None:
    """Another person (own cookies) joins – as management for an even ``number``, else as
    an employee: with the first person, three of each – and answers everything."""
    assert page.context.browser is not None
    context = page.context.browser.new_context(locale="de-DE")
    other = context.new_page()
    other.goto(link)
    roles = other.locator("input[name=role]")
    roles.nth(number % 2).check()
    for area in other.locator("input[name=area]").all()[:1]:
        area.check()
    other.click("form.team-join button[type=submit]")
    other.wait_for_url("**/team/*/1")
    answer_all(other)
    assert other.url.endswith("/danke"), other.url
    context.close()


def answer_all(page: Page) -> None:
    """The first option of every question on every section, until the thanks page."""
    for _ in range(10):
        for group in page.locator("fieldset.choices").all():
            group.locator("input").first.check()
        button = page.locator("button[value=next], button[value=finish]").first
        if not button.count():
            return
        button.click()
        page.wait_for_load_state()


def employee_pages(page: Page, link: str, audit: Audit) -> None:
    """Join (first without a role), a section sent incomplete, the rest, the thanks."""
    page.goto(link)
    audit.check(page, "employee: join")
    page.click("form.team-join button[type=submit]")
    page.wait_for_selector(".error-message")
    audit.check(page, "employee: join with an error")
    page.locator("input[name=role]").first.check()
    for area in page.locator("input[name=area]").all()[:1]:
        area.check()
    page.click("form.team-join button[type=submit]")
    page.wait_for_url("**/team/*/1")
    audit.check(page, "employee: first section")
    for _ in range(10):
        button = page.locator("button[value=next], button[value=finish]").first
        if not button.count():
            break
        button.click()
        page.wait_for_load_state()
        if page.locator(".error-message").count():
            audit.check(page, "employee: section with an error")
            for question in page.locator(".has-error").all():
                question.locator("input").first.check()
            page.locator("button[value=next], button[value=finish]").first.click()
            page.wait_for_load_state()
    assert page.url.endswith("/danke"), page.url
    audit.check(page, "employee: thanks")
