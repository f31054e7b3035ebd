"""The warm handover in chromium (issue 14, point 5): axe (WCAG 2.1 A/AA) on the result
page's centre box, the request form (also with an error), the page after the request and
the consultant's list and shared check with the request; German at 1280 px and English at
375 px. The request is filled in and sent with the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from axehelp import Audit
from flask import Flask
from playwright.sync_api import Page
from seed import LOW, PASSWORD, WERKSTATT, completed

ROOT = Path(__file__).resolve().parents[2]
PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "no"}
DRAWN = """() => Array.from(document.querySelectorAll("[data-radar], [data-chart]")).every(
  (e) => e.dataset.radarReady === "true" || e.dataset.chartReady === "true")"""
FOCUSED = "(s) => document.activeElement && document.activeElement.matches(s)"


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "questionnaires" / "_centres.yaml").read_text("utf-8"))
    for centre in data["centres"]:
        if centre["id"] == "sachsen":
            centre["contact"] = {
                "address": "Musterstraße 1\n01067 Dresden",
                "phone": "0351 000000",
                "email": "beratung@zz-sachsen.example",
                "web": "https://zz-sachsen.example",
            }
            centre["next_steps"] = {
                "de": "Wir melden uns binnen einer Woche.",
                "en": "We will call.",
            }
    path = tmp_path / "centres.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT, "ZZCHECK_CENTRES": str(path)}


def tab_to(page: Page, selector: str) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def request_by_keyboard(page: Page) -> None:
    """Message, "per E-Mail", address, consent, send: Tab, arrows, Space, Enter only."""
    tab_to(page, "#message")
    page.keyboard.press("Control+A")
    page.keyboard.type("Wie fangen wir an?")
    tab_to(page, "input[name=contact_way]")
    page.keyboard.press("ArrowDown")  # egal → per Telefon
    page.keyboard.press("ArrowDown")  # → per E-Mail
    assert page.evaluate("() => document.activeElement.value") == "email"
    tab_to(page, "#contact_detail")
    page.keyboard.type("chefin@betrieb.example")
    tab_to(page, "#consent")
    page.keyboard.press("Space")
    tab_to(page, "form.share-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_the_handover_pages_are_accessible_and_work_by_keyboard(
    app: Flask, live_server: Any, page: Page, create_user: Callable[..., Any], lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _id, token = completed(app, "werkstatt", LOW, PROFILE, datetime(2026, 11, 2, tzinfo=UTC))
    base, audit = live_server.url, Audit()
    page.goto(f"{base}/sprache/{lang}?next=/a/{token}/ergebnis")
    page.wait_for_function(DRAWN, timeout=15_000)
    assert page.locator("li.centre-box[data-centre=sachsen] dd").count() == 4
    audit.check(page, "result with centre box")
    page.goto(f"{base}/a/{token}/teilen")
    page.click("form.share-form button[type=submit]")  # no consent: the form with an error
    page.wait_for_selector(".error-summary")
    audit.check(page, "request form with error")
    request_by_keyboard(page)
    assert page.locator(".centre-next-steps").count() == 1
    audit.check(page, "after the request")
    consultant = create_user("consultant", centre="sachsen", password=PASSWORD)
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.fill("#email", consultant.email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/sprache/{lang}?next=/berater/")
    assert page.locator("tr.request-new .badge-new").count() == 1
    audit.check(page, "consultant list with a new request")
    page.click("tr.request-new th a")
    page.wait_for_function(DRAWN, timeout=15_000)
    assert "chefin@betrieb.example" in page.locator("section.advice-request").inner_text()
    audit.check(page, "consultant shared check with request")
    no_sideways = "() => document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_sideways)
    audit.assert_clean()
