"""Focus order follows the reading order (WCAG 2.4.3, 1.3.2): on the profile form with
errors, a section page with errors and a back button, the result page, the Leichte-Sprache
page and the login, the Tab key visits exactly the tabbable elements in document order
(one stop per radio group), and each stop lies below the previous one or to its right on
the same line – what a sighted keyboard user reads is what the focus follows."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Page
from seed import WERKSTATT

TABBABLE = """() => {
  const seen = new Set();
  return Array.from(document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex]"))
    .filter((e) => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0
      && getComputedStyle(e).visibility !== "hidden" && e.type !== "hidden")
    .filter((e) => {
      if (e.type !== "radio") return true;
      const group = document.querySelectorAll(`input[type=radio][name="${e.name}"]`);
      const checked = Array.from(group).find((r) => r.checked);
      return e === (checked || group[0]);
    })
    .map((e) => e.outerHTML.slice(0, 120));
}"""
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return {html: e.outerHTML.slice(0, 120), top: r.top + scrollY, bottom: r.bottom + scrollY,
          left: r.left, right: r.right};
}"""


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


def tab_stops(page: Page) -> list[dict[str, Any]]:
    """Every element the Tab key reaches, from the skip link (the first element; focused
    directly, as a page may autofocus a field) until the focus wraps or leaves the page."""
    page.focus(".skip-link")
    stops: list[dict[str, Any]] = [page.evaluate(FOCUSED)]
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["html"] == stops[0]["html"]):
            return stops
        stops.append(focused)
    raise AssertionError("the Tab key never came back to the start")


def out_of_reading_order(stops: list[dict[str, Any]]) -> list[str]:
    """Pairs where the next stop is above the previous one, or left of it on its line."""
    wrong = []
    for before, after in itertools.pairwise(stops[1:]):  # the skip link shows at the top left
        same_line = after["top"] < before["bottom"] and before["top"] < after["bottom"]
        ok = after["left"] > before["left"] if same_line else after["top"] >= before["bottom"] - 1
        if not ok:
            wrong.append(f"{before['html']}\n   → {after['html']}")
    return wrong


def assert_reading_order(page: Page, label: str) -> None:
    stops = tab_stops(page)
    expected = page.evaluate(TABBABLE)
    assert [s["html"] for s in stops] == expected, label
    assert len(stops) >= 5, label
    wrong = out_of_reading_order(stops)
    assert wrong == [], f"{label}: focus moves against the reading order:\n" + "\n".join(wrong)


def test_focus_follows_the_reading_order(live_server: Any, page: Page) -> None:
    base = live_server.url
    page.goto(base + "/werkstatt/start")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_reading_order(page, "profile with errors")
    page.select_option("#industry", "C")
    page.check("#size-1")
    page.select_option("#state", "DE-SN")
    page.check("#works_council-0")
    page.check("#role-0")
    page.click("button[type=submit]")
    page.wait_for_url("**/a/*/1")
    page.check("#q_ki_genutzt-1")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/2")
    page.click("button[value=next]")  # the required checkboxes left empty
    page.wait_for_selector(".error-summary")
    assert_reading_order(page, "section with errors and a back button")
    page.check("#q_datenquellen-2")
    page.click("button[value=next]")
    page.check("#q_ordnung-0")
    page.click("button[value=review]")
    page.wait_for_url("**/pruefen")
    assert_reading_order(page, "summary of the answers")
    page.click("button[value=finish]")
    page.wait_for_url("**/ergebnis")
    page.wait_for_selector('[data-radar-ready="true"]')
    assert_reading_order(page, "result")
    for label, path in (("Leichte Sprache", "/leichte-sprache"), ("login", "/login")):
        page.goto(base + path)
        assert_reading_order(page, label)
