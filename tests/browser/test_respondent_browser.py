"""The respondent journey in chromium: conditional questions appear and disappear at once,
"none of these" clears the other boxes, a whole questionnaire is answered by clicking, the
result page draws the radar, and the pages fit a 375 px phone."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pagefill import fill_profile
from playwright.sync_api import Page
from seed import WERKSTATT

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def answer_shown_questions(page: Page, rng: random.Random) -> None:
    """Click or type an answer for every question the page shows right now."""
    for question in page.locator(".question:visible").all():
        if not question.is_visible():  # an earlier answer may have hidden it meanwhile
            continue
        radios = question.locator("input[type=radio]")
        boxes = question.locator("input[type=checkbox]:not([data-exclusive])")
        if radios.count():
            radios.nth(rng.randrange(radios.count())).check()
        elif boxes.count():
            boxes.nth(rng.randrange(boxes.count())).check()
        elif question.locator("input.input-number").count():
            question.locator("input.input-number").fill("12")
        else:
            question.locator("textarea").fill("Mehr Schulung, bitte.")


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    """The shipped questionnaires, or the folder a test passes (``indirect`` parametrize)."""
    folder = getattr(request, "param", None)
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": folder} if folder else app_config


@pytest.mark.parametrize("app_config", [WERKSTATT], ids=["werkstatt"], indirect=True)
def test_conditional_questions_and_exclusive_boxes_react_at_once(
    app_config: dict[str, Any], live_server: Any, page: Page, page_errors: list[str]
) -> None:
    page.goto(live_server.url + "/werkstatt/start")
    fill_profile(page)
    ziele, geprueft = page.locator("#frage-ziele"), page.locator("#frage-ziele_geprueft")
    assert ziele.is_hidden() and geprueft.is_hidden()  # nothing chosen yet
    page.get_by_label("Ja", exact=True).first.check()
    assert ziele.is_visible() and geprueft.is_hidden()
    page.get_by_label("Nur mündlich").check()
    assert geprueft.is_visible()
    page.get_by_label("Nein", exact=True).first.check()  # ki_genutzt: no → the chain goes
    assert ziele.is_hidden() and geprueft.is_hidden()
    assert page.locator("#q_ziele-1").is_disabled()  # hidden answers are not sent
    page.locator("#q_ki_genutzt-0").check()
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/2")
    page.check("#q_datenquellen-0")
    page.check("#q_datenquellen-1")
    page.check("#q_datenquellen-2")  # "Keine davon" clears the others …
    assert not page.is_checked("#q_datenquellen-0") and not page.is_checked("#q_datenquellen-1")
    page.check("#q_datenquellen-0")  # … and another choice clears "Keine davon"
    assert not page.is_checked("#q_datenquellen-2")
    assert page_errors == []


def test_a_questionnaire_answered_by_clicking_shows_the_radar(
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    rng = random.Random(7)
    page.goto(live_server.url + "/")
    page.click("a[href='/ki-readiness/start']")
    fill_profile(page)
    while True:
        answer_shown_questions(page, rng)
        review = page.locator("button[value=review]")
        if review.count():
            review.click()
            page.wait_for_url("**/pruefen")
            page.click("button[value=finish]")
            break
        page.click("button[value=next]")
        page.wait_for_load_state()
    page.wait_for_url("**/ergebnis")
    wait_for_chart(page, ".chart")
    screenshot(page, "result")
    rows = page.locator("table.scores tbody tr").count()
    points = page.locator(".chart .polarlayer .trace.scatter .points path.point").count()
    rated = rows - page.locator("table.scores td.score", has_text="zu wenige Antworten").count()
    assert rows == 7 and points == rated + 1  # closed polygon; unrated dimensions are gaps
    assert page_errors == []


def test_pages_fit_a_phone_screen(
    live_server: Any,
    browser: Any,
    screenshot: Callable[[Page, str], Path],
    wait_for_chart: Callable[[Page, str], None],
) -> None:
    """Start, a page with error messages and the result page: no sideways scrolling."""
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    assert fits(phone)
    phone.click("a[href='/qualifizierung/start']")
    fill_profile(phone)
    phone.click("button[value=next]")  # nothing answered: the required question is named
    assert phone.locator(".error-summary").is_visible()
    screenshot(phone, "errors-375")
    assert fits(phone)
    rng = random.Random(3)
    while not phone.url.endswith("/ergebnis"):
        answer_shown_questions(phone, rng)
        phone.locator(
            "button[value=next], button[value=review], button[value=finish]"
        ).first.click()
        phone.wait_for_load_state()
    wait_for_chart(phone, ".chart")
    screenshot(phone, "result-375")
    assert fits(phone)
    context.close()


def fits(page: Page) -> bool:
    """The page is no wider than the phone's screen."""
    width, screen = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    return bool(width <= screen == PHONE["width"])
