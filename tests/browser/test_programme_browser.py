"""The programme page in chromium: every chart is drawn by the local bundle (radar, boxes,
lines, bars), without JavaScript errors, also on a phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import authhelp
import pytest
from assessmentrows import Row, insert_rows
from flask import Flask
from playwright.sync_api import Page

from zzcheck.extensions import db
from zzcheck.registry import current_registry

CHART_TIMEOUT_MS = 15_000


@pytest.fixture
def population(app: Flask) -> None:
    rows = [
        Row(
            state=state,
            size=size,
            overall=30.0 + i,
            completed_at=datetime(2025, month, 3, tzinfo=UTC),
        )
        for state in ("DE-BY", "DE-SN")
        for size in ("1-9", "10-49")
        for month in (2, 5)
        for i in range(8)  # 16 per group: quartiles (3·k) and so a box for each
    ]
    with app.app_context():
        loaded = current_registry().get("ki-readiness")
        assert loaded is not None
        insert_rows(db.session, loaded, rows)


def log_in(page: Page, live_server: Any, user: Any) -> None:
    page.goto(live_server.url_for("auth.login"))
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", authhelp.PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 360])
def test_all_charts_are_drawn(
    page: Page,
    live_server: Any,
    create_user: Callable[..., Any],
    population: None,
    page_errors: list[str],
    screenshot: Callable[[Page, str], Path],
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, create_user("programme"))
    page.goto(
        live_server.url_for("programme.index", questionnaire="ki-readiness", by="state", by2="size")
    )
    page.wait_for_selector(
        '[data-radar="fig-radar"][data-radar-ready="true"]', timeout=CHART_TIMEOUT_MS
    )
    page.wait_for_selector('[data-radar="fig-radar"] .polarlayer .trace', timeout=CHART_TIMEOUT_MS)
    for chart, trace in (("fig-box", ".boxlayer .trace"), ("fig-trend", ".scatterlayer .trace"),
                         ("fig-states", ".barlayer .trace")):  # fmt: skip
        page.wait_for_selector(
            f'[data-chart="{chart}"][data-chart-ready="true"]', timeout=CHART_TIMEOUT_MS
        )
        assert page.locator(f'[data-chart="{chart}"] {trace}').count() >= 1, chart
    assert page.locator('[data-chart="fig-box"] .boxlayer .box').count() == 4  # 2 states × 2 sizes
    screenshot(page, f"programme-{width}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, "the page scrolls sideways (tables scroll inside their own box)"
    assert page_errors == []
