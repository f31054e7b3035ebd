"""The result page's radar is in the HTML (the server-drawn SVG of the PDF): without
JavaScript the chart is there, visible and as wide as the phone allows; with JavaScript
plotly (loaded with ``defer``) replaces it with the interactive chart, and the page has no
console error (CSP included: the SVG uses no inline style)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from seed import HIGH, WERKSTATT, completed

PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "no"}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


def result_url(app: Any, live_server: Any) -> str:
    _id, token = completed(app, "werkstatt", HIGH, PROFILE, datetime(2026, 11, 2, tzinfo=UTC))
    return f"{live_server.url}/a/{token}/ergebnis"


def test_without_javascript_the_drawn_radar_is_shown(
    app: Any, live_server: Any, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(result_url(app, live_server))
    radar = page.locator("[data-radar=radar-data] svg.radar")
    assert radar.count() == 1 and radar.is_visible()
    box = radar.bounding_box()
    assert box is not None and 250 <= box["width"] <= 360 and box["height"] > 200
    assert page.locator("[data-radar=radar-data] svg.radar polygon").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_with_javascript_plotly_replaces_it(
    app: Any, live_server: Any, page: Page, page_errors: list[str]
) -> None:
    page.goto(result_url(app, live_server))
    page.wait_for_selector('[data-radar-ready="true"] .polarlayer .trace', timeout=15_000)
    assert page.locator("[data-radar=radar-data] svg.radar").count() == 0
    assert page_errors == []
