"""The summary of answers and the personal-link page in chromium (issue 14, points 4, 7, 9),
on the shipped KI-Readiness-Check: axe in German at 1280 px and English at 375 px, the first
question above the fold on a 375×667 phone, the copy button, no sideways scrolling, radio
groups with an error marked by a border, and no CSP or script errors."""

from __future__ import annotations

from typing import Any

import pytest
from axehelp import Audit
from pagefill import fill_profile
from playwright.sync_api import BrowserContext, Page

PHONE = {"width": 375, "height": 667}
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def start(page: Page, base: str, lang: str = "de") -> str:
    """Profile of the KI-Readiness-Check; returns the token (on page 1)."""
    page.goto(f"{base}/sprache/{lang}?next=/ki-readiness/start")
    fill_profile(page)
    return page.url.split("/a/")[1].split("/")[0]


def answer_first_page(page: Page) -> None:
    for question in page.locator(".question:visible").all():
        radios = question.locator("input[type=radio]")
        boxes = question.locator("input[type=checkbox]:not([data-exclusive])")
        if radios.count():
            radios.first.check()
        elif boxes.count():
            boxes.first.check()


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_summary_and_link_page_pass_axe_and_fit(
    live_server: Any, page: Page, page_errors: list[str], lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    base, audit = live_server.url, Audit()
    token = start(page, base, lang)
    answer_first_page(page)
    page.click("button[value=later]")
    page.wait_for_url("**/gespeichert")
    assert page.locator(".resume-qr svg").count() == 1
    audit.check(page, "personal link page")
    assert page.evaluate(FITS), "the link page scrolls sideways"
    page.goto(f"{base}/a/{token}/pruefen")
    assert page.locator(".review-row").count() > 10
    audit.check(page, "summary of the answers")
    assert page.evaluate(FITS), "the summary scrolls sideways"
    page.goto(f"{base}/a/{token}/1")
    assert page.evaluate(FITS), "page 1 scrolls sideways"
    audit.assert_clean()
    assert page_errors == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_first_question_is_above_the_fold_on_a_phone(
    live_server: Any, page: Page, lang: str
) -> None:
    page.set_viewport_size(PHONE)
    start(page, live_server.url, lang)
    legend = page.locator(".question legend, .question .field > label").first
    box = legend.bounding_box()
    assert box is not None
    print(f"{lang}: first legend from {box['y']:.0f} to {box['y'] + box['height']:.0f} px of 667")
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert page.evaluate(FITS)


def test_copy_button_copies_the_link(
    live_server: Any, context: BrowserContext, page: Page, page_errors: list[str]
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.set_viewport_size(PHONE)
    token = start(page, live_server.url)
    page.click("button[value=later]")
    page.wait_for_url("**/gespeichert")
    button = page.locator("button.copy-button")
    assert button.is_visible() and button.text_content() == "Link kopieren"
    button.click()
    page.wait_for_function("document.querySelector('.copy-button').textContent === 'Kopiert'")
    assert page.locator(".copy-status").text_content() == "Kopiert"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/a/{token}")
    assert page.evaluate(FITS)
    assert page_errors == []


def test_without_javascript_the_link_can_be_selected(live_server: Any, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    token = start(page, live_server.url)
    page.click("button[value=later]")
    page.wait_for_url("**/gespeichert")
    assert page.locator("button.copy-button").is_hidden()
    field = page.locator("#resume-link-field")
    assert field.get_attribute("readonly") is not None
    assert field.input_value().endswith(f"/a/{token}")
    context.close()


def test_radio_group_with_an_error_has_a_border(live_server: Any, page: Page) -> None:
    start(page, live_server.url)
    page.click("button[value=next]")  # required questions left out
    page.wait_for_selector(".error-summary")
    group = page.locator("fieldset.choices.has-error").first
    style = group.evaluate(
        "(e) => { const s = getComputedStyle(e); return [s.borderLeftWidth, s.borderLeftStyle]; }"
    )
    assert style == ["4px", "solid"]
    icon = group.locator(".error-message").evaluate(
        "(e) => getComputedStyle(e, '::before').content"
    )
    assert "⚠" in icon
