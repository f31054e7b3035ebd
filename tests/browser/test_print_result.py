"""The result page on paper and on a phone: with print media the navigation, buttons, forms
and the personal link are hidden, text is black, links print without URLs, the radar and the
score table fit one A4 page and next steps are not split; at 375 px nothing scrolls sideways.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from reporthelp import completed_assessment

pytestmark = pytest.mark.browser

MM = 96 / 25.4  # CSS pixels per millimetre
A4_PRINTABLE = (round((210 - 2 * 14) * MM), round((297 - 2 * 15) * MM))  # the @page margins
HIDDEN_IN_PRINT = [".site-header nav", ".skip-link", ".resume-link", ".button", ".no-print"]


def display(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")


@pytest.fixture
def result_url(app: Flask, live_server: Any) -> str:
    token = completed_assessment(app, "ki-readiness", seed=3)
    return f"{live_server.url}/a/{token}/ergebnis"


def test_the_printed_result_page_shows_content_only(
    page: Page,
    result_url: str,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.set_viewport_size({"width": A4_PRINTABLE[0], "height": A4_PRINTABLE[1]})
    page.goto(result_url)
    wait_for_chart(page, ".chart")
    assert display(page, ".resume-link") == ["block"]  # on screen it is there
    page.emulate_media(media="print")
    screenshot(page, "print")
    for selector in HIDDEN_IN_PRINT:
        shown = display(page, selector)
        assert shown and set(shown) == {"none"}, selector
    assert set(display(page, "form, button, input, select, textarea")) <= {"none"}
    assert (
        page.locator("table.scores").is_visible()
        and page.locator(".chart .main-svg").first.is_visible()
    )
    colours = page.eval_on_selector_all(
        "h1, h2, .score-number, table.scores th, table.scores td, .next-steps p, main a",
        "els => [...new Set(els.map(e => getComputedStyle(e).color))]",
    )
    assert colours == ["rgb(0, 0, 0)"]
    url_suffix = page.eval_on_selector_all(
        "main a[href]", "els => els.map(e => getComputedStyle(e, '::after').content)"
    )
    assert set(url_suffix) <= {"none"}
    chart, table = (
        page.locator(".chart").bounding_box(),
        page.locator("table.scores").bounding_box(),
    )
    assert chart is not None and table is not None
    assert table["y"] + table["height"] - chart["y"] <= A4_PRINTABLE[1]  # chart and table: one page
    assert max(chart["width"], table["width"]) <= A4_PRINTABLE[0]
    breaks = page.eval_on_selector_all(
        ".next-steps li", "els => els.map(e => getComputedStyle(e).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}
    assert page_errors == []


def test_the_result_page_fits_a_phone(
    browser: Any,
    result_url: str,
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="de-DE")
    phone = context.new_page()
    phone.goto(result_url)
    wait_for_chart(phone, ".chart")
    screenshot(phone, "result-375")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    chart = phone.locator(".chart").bounding_box()
    assert chart is not None and chart["x"] >= 0 and chart["x"] + chart["width"] <= 375
    context.close()


def test_the_result_page_loads_nothing_from_another_host(
    page: Page,
    result_url: str,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
) -> None:
    """Offline behind a firewall: every request of the page (HTML, CSS, plotly, fonts) goes
    to the app itself. (The plotly bundle names a CDN for geo maps, which a radar never
    loads; the CSP would refuse it.)"""
    origin = result_url.split("/a/")[0]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(result_url)
    wait_for_chart(page, ".chart")
    page.wait_for_load_state("networkidle")
    assert any("plotly.min.js" in url for url in requested)
    assert [url for url in requested if not url.startswith((origin, "data:"))] == []
    assert page_errors == []
