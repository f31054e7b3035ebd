"""Personal team codes in chromium: axe-core (WCAG 2.1 A/AA) on every new page – the opening
form with its code counts, the sheet, typing a code (also wrong), the role step with a role
fixed by the code, more codes, the campaign page – in German on a desktop and in English on
a 375 px phone; the sheet on paper (only the slips, each whole, two to a row, QR codes drawn
under the CSP without any console error); and a respondent who types their code and starts
with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from axehelp import Audit
from flask import Flask
from playwright.sync_api import Page
from seed import completed

from zzcheck.registry import current_registry

TEAM = str(Path(__file__).resolve().parents[1] / "web" / "questionnaires_team")
PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}
MAX_TABS = 40


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": TEAM}


@pytest.fixture
def owner_token(app: Flask) -> str:
    with app.app_context():
        loaded = current_registry().get("teamcheck")
        assert loaded is not None
        answers = {
            q.id: q.options[0].id
            for q in loaded.questionnaire.questions
            if q.required and q.options
        }
    _id, token = completed(app, "teamcheck", answers, PROFILE, datetime(2026, 11, 2, tzinfo=UTC))
    return token


def open_code_campaign(page: Page, base: str, owner_token: str) -> list[str]:
    """The owner opens a campaign with 1 works-council code and 2 free ones; the codes."""
    page.goto(f"{base}/a/{owner_token}/team")
    assert page.is_checked("input[name=access][value=codes]")
    page.fill("#codes_works_council", "1")
    page.fill("#codes_any", "2")
    page.click("form.team-open button[type=submit]")
    page.wait_for_selector(".code-slip")
    return [code.strip() for code in page.locator(".slip-code").all_inner_texts()]


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_the_code_pages_have_no_serious_axe_violations(
    live_server: Any,
    page: Page,
    owner_token: str,
    page_errors: list[str],
    lang: str,
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    base, audit = live_server.url, Audit()
    page.goto(f"{base}/sprache/{lang}?next=/a/{owner_token}/team")
    audit.check(page, "owner: opening form with code counts")
    page.fill("#codes_any", "0")
    page.click("form.team-open button[type=submit]")
    page.wait_for_selector(".error-summary")
    audit.check(page, "owner: opening form, no codes asked for")
    codes = open_code_campaign(page, base, owner_token)
    audit.check(page, "owner: the sheet")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.goto(f"{base}/team/code")
    audit.check(page, "respondent: type the code")
    page.fill("#code", "ABCDE-FGHJK")
    page.click("form.team-code button[type=submit]")
    page.wait_for_selector(".error-message")
    audit.check(page, "respondent: an unknown code")
    page.fill("#code", codes[-1])  # the works council's: the role is fixed (free ones come first)
    page.click("form.team-code button[type=submit]")
    page.wait_for_selector("form.team-join")
    audit.check(page, "respondent: role step")
    page.goto(f"{base}/a/{owner_token}/team")
    page.locator(f"a[href^='/a/{owner_token}/team/']").first.click()
    page.wait_for_selector(".team-access")
    audit.check(page, "owner: campaign page with codes issued and used")
    page.click(".team-access a")
    page.wait_for_selector("form.team-more-codes")
    audit.check(page, "owner: more codes")
    audit.assert_clean()
    refused_forms = "status of 400"  # the two pages with an error answer 400, by design
    assert [e for e in page_errors if refused_forms not in e] == []


def test_the_sheet_prints_one_whole_slip_per_code(
    live_server: Any,
    page: Page,
    owner_token: str,
    page_errors: list[str],
    screenshot: Callable[[Page, str], Path],
) -> None:
    codes = open_code_campaign(page, live_server.url, owner_token)
    assert len(codes) == 3
    assert page.locator(".code-slip svg.qr path").count() == 3  # drawn, not blocked by the CSP
    screenshot(page, "screen")
    page.emulate_media(media="print")
    screenshot(page, "print")
    hidden = page.eval_on_selector_all(
        ".site-header, .site-footer, .sheet-notes",
        "els => els.map(e => getComputedStyle(e).display)",
    )
    assert set(hidden) == {"none"}
    slips = page.locator(".code-slip")
    assert slips.count() == 3
    styles = page.eval_on_selector_all(
        ".code-slip",
        "els => els.map(e => [getComputedStyle(e).breakInside, getComputedStyle(e).borderTopStyle])",
    )
    assert styles == [["avoid", "dashed"]] * 3  # never split, with a cut line
    first, second = slips.nth(0).bounding_box(), slips.nth(1).bounding_box()
    assert first is not None and second is not None
    assert first["y"] == second["y"] and second["x"] > first["x"]  # two to a row
    qr = page.locator(".code-slip svg.qr").first.bounding_box()
    assert qr is not None and qr["width"] >= 110  # ≥ 3 cm: a phone reads it from the slip
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert page_errors == []


def tab_to(page: Page, selector: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_respondent_starts_with_a_code_by_keyboard_alone(
    live_server: Any, page: Page, owner_token: str, browser: Any
) -> None:
    codes = open_code_campaign(page, live_server.url, owner_token)
    context = browser.new_context(locale="de-DE")
    respondent = context.new_page()
    respondent.goto(f"{live_server.url}/team/code")
    tab_to(respondent, "#code")
    respondent.keyboard.type(codes[1].lower().replace("-", " "))  # as typed from the slip
    with respondent.expect_navigation():
        respondent.keyboard.press("Enter")
    assert respondent.locator("form.team-join").count() == 1
    tab_to(respondent, "input[name=role]")
    respondent.keyboard.press("Space")
    tab_to(respondent, "form.team-join button[type=submit]")
    with respondent.expect_navigation(url="**/team/*/1"):
        respondent.keyboard.press("Enter")
    context.close()
