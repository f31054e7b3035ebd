"""A whole questionnaire with the keyboard alone: from the start page through the company
profile and every section (radio groups, checkboxes, a select, a number field, a text area)
to the result, with Tab, Shift+Tab, Space, the arrow keys and Enter only – never a click.

After every key press the focused element must show a focus indicator (a computed outline
or box-shadow). The skip link is the first Tab stop and moves the focus to the main content.
The test questionnaire ``werkstatt`` has every widget type and conditional questions, which
appear while the keyboard answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page
from seed import WERKSTATT

MAX_TABS = 40
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "",
    value: e.value || "", text: (e.textContent || "").trim().slice(0, 40),
    visible: outline || s.boxShadow !== "none",
  };
}"""


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


@dataclass
class Keyboard:
    """Presses keys on ``page`` and checks after each one that the focus is visible."""

    page: Page
    trail: list[str] = field(default_factory=list)
    invisible: list[str] = field(default_factory=list)

    def press(self, key: str) -> dict[str, Any] | None:
        self.page.keyboard.press(key)
        focused: dict[str, Any] | None = self.page.evaluate(FOCUS)
        if focused is not None:
            name = f"{focused['tag']}#{focused['id'] or focused['name'] or focused['text']}"
            self.trail.append(f"{key} → {name}")
            if not focused["visible"]:
                self.invisible.append(f"{self.page.url}: {name}")
        return focused

    def tab_to(self, selector: str, key: str = "Tab") -> None:
        """Tab (or Shift+Tab) until the focused element matches ``selector``."""
        for _ in range(MAX_TABS):
            self.press(key)
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{key} never reached {selector}: {self.trail[-MAX_TABS:]}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def follow(self, url_pattern: str) -> None:
        """Enter on a link or button that loads ``url_pattern`` (no focus check in between)."""
        self.trail.append("Enter → (new page)")
        with self.page.expect_navigation(url=url_pattern):
            self.page.keyboard.press("Enter")


def test_a_whole_questionnaire_with_the_keyboard_alone(
    live_server: Any,
    page: Page,
    page_errors: list[str],
    wait_for_chart: Callable[[Page, str], None],
) -> None:
    keys = Keyboard(page)
    page.goto(live_server.url + "/")
    skip_link_moves_focus_to_main(page, keys)
    keys.tab_to("a[href='/werkstatt/start']")
    keys.follow("**/werkstatt/start")
    profile_by_keyboard(page, keys)
    first_section_by_keyboard(page, keys)
    second_section_by_keyboard(page, keys)
    third_section_by_keyboard(page, keys)
    wait_for_chart(page, ".chart")
    assert page.locator("h1").inner_text() == "Ihr Ergebnis"
    assert page.locator("table.scores tbody tr").count() == 2
    tab_through_the_whole_page(page, keys)
    assert keys.invisible == [], "focus without a visible indicator:\n" + "\n".join(keys.invisible)
    # the page sent with a missing answer comes back with status 400, nothing else may fail
    assert [e for e in page_errors if "status of 400" not in e] == []


def skip_link_moves_focus_to_main(page: Page, keys: Keyboard) -> None:
    first = keys.press("Tab")
    assert first is not None and "skip-link" in page.evaluate("document.activeElement.className")
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # shown on screen when focused
    keys.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def profile_by_keyboard(page: Page, keys: Keyboard) -> None:
    """Select: arrow keys; radio groups: Space on the first, arrows to move on; Enter on
    the submit button."""
    keys.tab_to("#industry")
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    keys.tab_to("input[name=size]")
    keys.press("Space")
    keys.press("ArrowDown")  # moves to and selects the second size class
    keys.tab_to("#state")
    for _ in range(3):
        keys.press("ArrowDown")
    keys.tab_to("input[name=works_council]")
    keys.press("Space")  # "yes": the works-council question will be asked
    keys.tab_to("input[name=role]")
    keys.press("Space")
    keys.tab_to("button[type=submit]")
    keys.follow("**/a/*/1")


def first_section_by_keyboard(page: Page, keys: Keyboard) -> None:
    """yes/no, a single choice and a scale; two conditional questions appear on the way."""
    assert page.locator("#frage-ziele").is_hidden()
    keys.tab_to("#q_ki_genutzt-0")
    keys.press("Space")  # "Ja" shows the question about goals at once
    keys.tab_to("input[name=q_ziele]")
    keys.press("Space")
    keys.press("ArrowDown")
    keys.press("ArrowDown")  # "Ja, schriftlich" shows the follow-up question
    assert page.locator("#q_ziele-2").is_checked()
    keys.tab_to("input[name=q_ziele_geprueft]")
    keys.press("Space")
    keys.tab_to("input[name=q_plan]")
    keys.press("Space")
    keys.press("ArrowRight")
    keys.tab_to("button[value=next]")
    keys.tab_to("input[name=q_plan]", key="Shift+Tab")  # back into the scale …
    assert page.evaluate("document.activeElement.checked")  # … onto its chosen option
    keys.tab_to("button[value=next]")
    keys.follow("**/a/*/2")


def second_section_by_keyboard(page: Page, keys: Keyboard) -> None:
    """Checkboxes and a number field; Enter in the field sends the page forward."""
    keys.tab_to("#q_datenquellen-0")
    keys.press("Space")
    keys.press("Tab")
    keys.press("Space")
    assert page.locator("#q_datenquellen-1").is_checked()
    keys.tab_to("#q_anteil_digital")
    keys.type("40")
    keys.follow("**/a/*/3")  # Enter in the field: implicit submission by "Weiter"


def third_section_by_keyboard(page: Page, keys: Keyboard) -> None:
    """A required scale sent empty first (the error summary takes the focus), then a scale,
    checkboxes, the works-council question and a text area."""
    keys.tab_to("button[value=review]")
    keys.follow("**/a/*/3")
    page.wait_for_selector(".error-summary")
    keys.tab_to(".error-summary a")
    keys.press("Enter")  # the summary's link leads to the question
    assert page.evaluate("document.activeElement.id") == "q_ordnung-0"
    keys.press("Space")
    keys.press("ArrowDown")
    assert page.locator("#q_ordnung-1").is_checked()
    keys.tab_to("input[name=q_schulungsbedarf]")
    keys.press("Space")
    keys.tab_to("input[name=q_betriebsrat_informiert]")
    keys.press("Space")
    keys.tab_to("#q_anmerkung")
    keys.type("Mehr Zeit zum Ausprobieren.")
    keys.tab_to("button[value=review]")
    keys.follow("**/pruefen")
    # the summary: a change link per answer, reachable and named, then "Auswerten"
    keys.tab_to("a[href*='uebersicht=1']")
    assert page.evaluate("document.activeElement.textContent").startswith("Antwort ändern")
    keys.tab_to("button[value=finish]")
    keys.follow("**/ergebnis")


def tab_through_the_whole_page(page: Page, keys: Keyboard) -> None:
    """Every Tab stop of the result page, from the skip link until the focus comes back to
    it (or leaves the document)."""
    page.evaluate("document.activeElement.blur()")
    keys.press("Tab")
    assert "skip-link" in page.evaluate("document.activeElement.className")
    stops = 0
    while stops < 80:
        focused = keys.press("Tab")
        if focused is None or "skip-link" in page.evaluate("document.activeElement.className"):
            break
        stops += 1
    assert stops >= 10, keys.trail[-stops:]  # header, share, downloads, delete, link, footer
