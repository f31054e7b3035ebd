"""Reflow at 320 CSS pixels (WCAG 1.4.10: 1280 px at 400 % zoom): no page kind scrolls
sideways; only a table may scroll inside its own box. The pages are reached by the same
walks as the axe tests (``test_axe_respondent.py``, ``test_axe_workspace.py``), with a
checker in place of axe. Also: the login form's fields are as tall as every other form's
(they were unstyled, about 21 px), and no page logs a console error, the favicon included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page
from seed import HIGH, LOW, PASSWORD, WERKSTATT, client_with_two_shares, notes_and_items, population
from test_axe_respondent import OTHER_PAGES, answer_with_errors, result_and_after
from test_axe_workspace import consultant_pages, log_in, visit

WIDTH = 320
WIDER_THAN_VIEWPORT = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .filter((e) => !e.closest(".table-scroll") || e.matches(".table-scroll"))
    .slice(0, 5)
    .map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className) : "")
      + " " + Math.round(e.getBoundingClientRect().right) + "px");
}"""


@dataclass
class Reflow:
    """Duck-types ``axehelp.Audit``: the axe walks call ``check`` on every page."""

    pages: list[str] = field(default_factory=list)
    overflowing: dict[str, list[str]] = field(default_factory=dict)

    def check(self, page: Page, label: str) -> None:
        self.pages.append(label)
        wide = page.evaluate(WIDER_THAN_VIEWPORT)
        if wide or page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            self.overflowing[label] = wide

    def assert_clean(self) -> None:
        print(f"reflow {len(self.pages)} pages at {WIDTH} px:", ", ".join(self.pages))
        assert self.overflowing == {}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_page_scrolls_sideways_at_320_px(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    create_user: Callable[..., Any],
    lang: str,
) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    population(app, "werkstatt", [LOW, HIGH], 12)  # the peer comparison on the result
    client = client_with_two_shares(app, "werkstatt", LOW, HIGH)
    consultant = create_user("consultant", centre="sachsen", password=PASSWORD)
    notes_and_items(app, client.id, consultant, "Digitalisierungsstrategie für das Büro planen")
    base, reflow = live_server.url, Reflow()
    page.goto(f"{base}/sprache/{lang}?next=/")
    reflow.check(page, "start")
    answer_with_errors(page, base, reflow)  # type: ignore[arg-type]
    result_and_after(page, base, reflow)  # type: ignore[arg-type]
    for label, path in OTHER_PAGES:
        page.goto(base + path)
        reflow.check(page, label)
    page.goto(base + "/login")
    reflow.check(page, "login")
    log_in(page, base, consultant.email)
    page.goto(f"{base}/sprache/{lang}?next=/")
    consultant_pages(page, base, client.id, client.shares, reflow)  # type: ignore[arg-type]
    log_in(page, base, create_user("programme", password=PASSWORD).email)
    page.goto(f"{base}/sprache/{lang}?next=/")
    for label, path in (("programme", "/programm/"), ("programme items", "/programm/fragen")):
        visit(page, base + path, reflow, label)  # type: ignore[arg-type]
    reflow.assert_clean()
    assert len(reflow.pages) >= 25
    expected = ("status of 400", "/gibt-es-nicht")  # the forms sent with errors, the 404 page
    assert [e for e in page_errors if not any(x in e for x in expected)] == []


def test_login_fields_are_styled_like_other_fields(live_server: Any, page: Page) -> None:
    page.goto(live_server.url + "/werkstatt/start")
    other = page.locator("select").first.bounding_box()
    page.goto(live_server.url + "/login")
    heights = [page.locator(f"#{name}").bounding_box() for name in ("email", "password")]
    assert other is not None and all(box is not None for box in heights)
    tall = [round(box["height"]) for box in heights if box]
    assert tall[0] == tall[1] >= 40 and abs(tall[0] - other["height"]) <= 4, (tall, other)


def test_no_console_error_for_the_favicon(live_server: Any, page: Page) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.querySelector('link[rel=icon]').href").endswith(".svg")
    response = page.request.get(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert failed == []
