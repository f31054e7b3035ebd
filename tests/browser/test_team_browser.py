"""Team mode in chromium: a respondent answers through the pages (with JavaScript on); the
owner's campaign page shows only the count while open, and after the owner closes it draws
the radar with one polar trace per shown role group from the local bundle, without errors or
inline scripts, in the one-column layout of every page, on a desktop and a phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import teamhelp
from flask import Flask
from playwright.sync_api import Page
from teamhelp import answer_all, open_campaign, owner_check

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": teamhelp.TEAM}


def test_a_respondent_answers_and_the_campaign_radar_shows_the_groups(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    owner_id, owner_token = owner_check(app)
    campaign_id, token = open_campaign(app, owner_id)
    answer_all(app, campaign_id, teamhelp.PEOPLE[:11])  # without the IT answer
    page.goto(f"{live_server.url}/team/{token}")
    page.check("input[name=role][value=it]")
    page.check("input[name=area][value=none]")
    page.click("form.team-join button[type=submit]")
    page.wait_for_url(f"**/team/{token}/1")
    assert page.locator("#resume-url").count() == 0
    page.check("input[name=q_info_frueh][value=immer]")
    page.check("input[name=q_br_informiert][value=yes]")
    page.click("button[value=next]")
    page.wait_for_url(f"**/team/{token}/2")
    page.check("input[name=q_geraete][value=sehr_gut]")
    page.click("button[value=finish]")
    page.wait_for_url(f"**/team/{token}/danke")
    assert "Danke für Ihre Antworten" in page.text_content("main")  # type: ignore[operator]

    page.goto(f"{live_server.url}/a/{owner_token}/team/{campaign_id}")
    assert "12 Antworten abgeschlossen" in page.text_content(".team-count")  # type: ignore[operator]
    assert page.locator("#team-chart-1").count() == 0  # open: no figures
    page.click("form.team-close button[type=submit]")
    wait_for_chart(page, "#team-chart-1")
    assert "12 Antworten abgeschlossen" in page.text_content(".team-count")  # type: ignore[operator]
    main, result = page.locator("main").bounding_box(), page.locator(".team-part").bounding_box()
    assert main is not None and result is not None and main["width"] <= 52 * 16 + 1
    traces = page.locator("#team-chart-1 .polarlayer .trace.scatter")
    assert traces.count() == 2
    legend = page.locator("#team-chart-1 .legend .traces").all_text_contents()
    assert legend == ["Geschäftsführung/Leitung (3 Antworten)", "Beschäftigte (6 Antworten)"]
    inline = page.locator("script:not([src]):not([type='application/json'])").count()
    assert inline == 0
    screenshot(page, "desktop")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    wait_for_chart(page, "#team-chart-1")
    assert page.locator("#team-chart-1 .polarlayer .trace.scatter").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "phone")
    assert page_errors == []
