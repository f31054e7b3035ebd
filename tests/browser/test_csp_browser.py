"""The Content-Security-Policy in chromium: every kind of page – start, profile, section,
result with its radar, share, privacy, 404, login, the consultant's list, client, shared
result and comparison radar, the programme's charts – loads and draws without a single
violation report (``securitypolicyviolation`` events and console errors both count).

The policy has no ``unsafe-inline`` and no ``unsafe-eval``: the charts draw only because the
plotly bundle is eval-free, its CSS is a file and radar.js is a file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from pagefill import fill_profile
from playwright.sync_api import Page
from seed import PASSWORD, WERKSTATT, client_with_two_shares, population

from zzcheck.web.security import CONTENT_SECURITY_POLICY

LOW = {"ki_genutzt": "no", "plan": "kein", "datenquellen": ["keine"], "ordnung": "nie"}
MID = {
    "ki_genutzt": "yes",
    "ziele": "muendlich",
    "plan": "ideen",
    "datenquellen": ["lager"],
    "anteil_digital": 40,
    "ordnung": "manchmal",
}
HIGH = {
    "ki_genutzt": "yes",
    "ziele": "schriftlich",
    "ziele_geprueft": "yes",
    "plan": "konkret",
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 80,
    "ki_tools_daten": "yes",
    "ordnung": "immer",
}
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""
CHARTS = "[data-radar], [data-chart]"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


@pytest.fixture
def watched(page: Page, page_errors: list[str]) -> Callable[[], list[str]]:
    """Install the violation recorder; the returned function gives the current page's
    violations and the console errors since its last call (a 404 page's own "Failed to
    load resource" for the document itself is expected there, and left out)."""
    page.add_init_script(RECORD_VIOLATIONS)

    def seen() -> list[str]:
        found = [*page.evaluate("window.__csp || []"), *page_errors]
        page_errors.clear()
        return [e for e in found if "status of 404" not in e or "gibt-es-nicht" not in e]

    return seen


ALL_DRAWN = """() => Array.from(document.querySelectorAll("[data-radar], [data-chart]")).every(
  (e) => e.getAttribute("data-radar-ready") === "true"
    || e.getAttribute("data-chart-ready") === "true"
)"""


def draw_all(page: Page) -> int:
    """Wait until every chart of the page is drawn (radars with their polar trace); how
    many there are."""
    page.wait_for_function(ALL_DRAWN, timeout=15_000)
    radars = page.locator("[data-radar]").count()
    assert page.locator("[data-radar] .polarlayer .trace").count() >= radars
    page.wait_for_timeout(200)  # a late violation report would have arrived by now
    return int(page.locator(CHARTS).count())


def visit(page: Page, url: str, seen: Callable[[], list[str]], log: dict[str, Any]) -> None:
    response = page.goto(url)
    assert response is not None and response.headers["content-security-policy"] == (
        CONTENT_SECURITY_POLICY
    )
    log[url] = (response.status, draw_all(page), seen())


def test_no_page_violates_the_policy(
    app: Flask,
    live_server: Any,
    page: Page,
    watched: Callable[[], list[str]],
    create_user: Callable[..., Any],
) -> None:
    population(app, "werkstatt", [LOW, MID, HIGH], 24)
    client = client_with_two_shares(app, "werkstatt", LOW, HIGH)
    user = create_user("consultant", centre="sachsen", password=PASSWORD)
    staff = create_user("programme", password=PASSWORD)
    log: dict[str, Any] = {}
    base = live_server.url

    token = respondent_pages(page, base, watched, log)
    for path in ("/", "/datenschutz", "/gibt-es-nicht", f"/a/{token}/teilen", "/login"):
        visit(page, base + path, watched, log)
    log_in(page, base, user.email)
    for path in (
        "/berater/",
        "/berater/kunden/",
        f"/berater/kunden/{client.id}",
        f"/berater/freigaben/{client.shares[1]}",
        f"/berater/kunden/{client.id}/vergleich?a={client.shares[0]}&b={client.shares[1]}",
    ):
        visit(page, base + path, watched, log)
    log_out_and_in(page, base, staff.email)
    for path in ("/programm/", "/programm/fragen"):
        visit(page, base + path, watched, log)

    violations = {url: found for url, (_s, _c, found) in log.items() if found}
    assert violations == {}
    charts = {url.removeprefix(base): count for url, (_s, count, _v) in log.items() if count}
    assert charts[f"/a/{token}/ergebnis"] >= 1
    assert charts[f"/berater/freigaben/{client.shares[1]}"] == 1
    assert any(path.startswith(f"/berater/kunden/{client.id}/vergleich") for path in charts)
    assert charts["/programm/"] >= 2  # radar and cartesian charts both drew
    statuses = {url.removeprefix(base): status for url, (status, _c, _v) in log.items()}
    assert statuses["/gibt-es-nicht"] == 404
    assert all(status == 200 for path, status in statuses.items() if path != "/gibt-es-nicht")


def respondent_pages(
    page: Page, base: str, seen: Callable[[], list[str]], log: dict[str, Any]
) -> str:
    """Start, profile, all three sections (with the conditional-question script at work),
    then the result with its radar: the resume token."""
    page.goto(base + "/werkstatt/start")
    log["profile"] = (200, 0, seen())
    fill_profile(page)
    token = page.url.split("/a/")[1].split("/")[0]
    page.check("#q_ki_genutzt-0")  # shows the conditional question at once
    page.check("#q_ziele-1")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/2")
    page.check("#q_datenquellen-0")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/3")
    page.check("#q_ordnung-2")
    log["sections"] = (200, 0, seen())
    page.click("button[value=review]")
    page.wait_for_url("**/pruefen")
    log[page.url] = (200, 0, seen())
    page.click("button[value=finish]")
    page.wait_for_url("**/ergebnis")
    page.locator(".polarlayer .trace").first.wait_for(timeout=15_000)
    hover_first_point(page)  # the hover label draws too
    log[page.url] = (200, draw_all(page), seen())
    return token


def hover_first_point(page: Page) -> None:
    """Move the mouse onto the radar's first point: plotly draws its hover label."""
    box = page.locator(".polarlayer .trace .point").first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".hoverlayer .hovertext").first.wait_for(timeout=5_000)


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


def log_out_and_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, email)
