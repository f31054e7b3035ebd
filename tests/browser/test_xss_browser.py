"""Cross-site scripting in chromium: the hostile questionnaire and hostile typed text go
through the respondent's pages (result with radar and hover label, share form, downloads),
the consultant's pages (client with notes, shared result, comparison radar) and the
programme's charts; ``window.__xss`` stays undefined, no dialog opens, and the charts show
the payloads as text.

The context runs with ``bypass_csp``: the Content-Security-Policy would block an injected
inline script anyway, so this proves that escaping alone keeps the payloads inert (the CSP
is tested on its own in ``test_csp_browser.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from pagefill import fill_profile
from playwright.sync_api import Page
from seed import PASSWORD, client_with_two_shares, notes_and_items, population
from xsshelp import COMPANY, CONTACT, FREE_TEXT, HOSTILE, NOTE, SCRIPT, SHORT

WEAK = {"wahl": "nein", "mehrere": ["keins"], "skala": "nie", "anzahl": 10}
STRONG = {"wahl": "ja", "mehrere": ["a", "b"], "wenn": "yes", "skala": "immer", "anzahl": 80}
INJECTED = """() => ({
  xss: window.__xss,
  handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
  links: Array.from(document.querySelectorAll("a[href]")).filter(
    (a) => a.href.trim().toLowerCase().startsWith("javascript:")).length,
  images: document.querySelectorAll("img").length,
})"""
SAFE = {"xss": None, "handlers": 0, "links": 0, "images": 0}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "bypass_csp": True, "accept_downloads": True}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": HOSTILE}


@pytest.fixture
def inert(page: Page) -> Iterator[Callable[[str], None]]:
    """``inert(name)`` asserts that nothing ran on the current page; dialogs are recorded
    (and dismissed) for the whole test."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    checked: list[str] = []

    def check(name: str) -> None:
        page.wait_for_timeout(100)  # an onerror of a broken image would have fired
        assert page.evaluate(INJECTED) == SAFE, name
        assert dialogs == [], name
        checked.append(name)

    yield check
    assert dialogs == [] and checked


def wait_for_charts(page: Page) -> int:
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll("[data-radar], [data-chart]")).every(
          (e) => e.getAttribute("data-radar-ready") || e.getAttribute("data-chart-ready"))""",
        timeout=15_000,
    )
    return int(page.locator("[data-radar], [data-chart]").count())


def test_nothing_runs_on_the_respondent_pages(
    live_server: Any, page: Page, inert: Callable[[str], None]
) -> None:
    page.goto(live_server.url + "/")
    inert("start")
    page.click("a.button[href='/boese/start']")
    fill_profile(page)
    inert("section 1")
    page.check("#q_wahl-1")  # shows the conditional question at once
    page.check("#q_wenn-0")
    page.check("#q_mehrere-0")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/2")
    page.check("#q_skala-1")
    page.fill("#q_anzahl", "60")
    page.fill("#q_frei", FREE_TEXT)
    inert("section 2")
    page.click("button[value=review]")
    page.wait_for_url("**/pruefen")
    inert("summary")
    page.click("button[value=finish]")
    page.wait_for_url("**/ergebnis")
    assert wait_for_charts(page) >= 1
    ticks = " ".join(page.locator(".angularaxistick text").all_text_contents())
    assert SCRIPT in ticks  # the dimension title, as text in the chart
    assert SCRIPT in hover_label(page)  # the level name, as text in the hover label
    inert("result")
    downloads(page, inert)
    share(page, inert)


def hover_label(page: Page) -> str:
    box = page.locator(".polarlayer .trace .point").first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = page.locator(".hoverlayer .hovertext").first
    label.wait_for(timeout=5_000)
    return str(label.text_content())


def downloads(page: Page, inert: Callable[[str], None]) -> None:
    """The JSON and CSV links download files; the page stays the result page."""
    result_url = page.url
    for suffix in ("json", "csv"):
        with page.expect_download() as info:
            page.click(f"a[href$='export.{suffix}']")
        download = info.value
        assert download.suggested_filename.endswith("." + suffix)
        body = Path(download.path()).read_text(encoding="utf-8-sig")
        assert f"Freitext {SCRIPT}" in body  # the data as typed (JSON/CSV quote the rest)
        assert page.url == result_url
        inert(f"after the {suffix} download")


def share(page: Page, inert: Callable[[str], None]) -> None:
    page.goto(page.url.replace("/ergebnis", "/teilen"))
    page.fill("#company_name", COMPANY)
    page.fill("#contact_person", CONTACT)
    page.check("#consent")
    page.click("form.share-form button[type=submit]")
    page.wait_for_load_state()
    assert COMPANY in page.locator("main").inner_text()
    inert("share page")


def test_nothing_runs_on_the_consultant_and_programme_pages(
    app: Flask,
    live_server: Any,
    page: Page,
    inert: Callable[[str], None],
    create_user: Callable[..., Any],
) -> None:
    population(app, "boese", [WEAK, STRONG], 12)
    author = create_user("consultant", centre="sachsen", password=PASSWORD)
    client = client_with_two_shares(
        app, "boese", WEAK, STRONG, name=f"Kunde {SHORT}", company=COMPANY, contact=CONTACT
    )
    notes_and_items(app, client.id, author, NOTE)
    log_in(page, live_server.url, author.email)
    base = live_server.url + "/berater"
    for path in ("/", "/kunden/", f"/kunden/{client.id}", "/einladungen"):
        page.goto(base + path)
        inert(path)
    page.goto(base + f"/kunden/{client.id}")
    assert f"Notiz {SCRIPT}" in page.locator("main").inner_text()  # shown as text
    page.goto(base + f"/freigaben/{client.shares[0]}")
    assert wait_for_charts(page) == 1
    inert("shared result")
    page.goto(base + f"/kunden/{client.id}/vergleich?a={client.shares[0]}&b={client.shares[1]}")
    assert wait_for_charts(page) == 1
    assert page.locator("#comparison-chart .polarlayer .trace.scatter").count() == 2
    assert SCRIPT in " ".join(page.locator(".angularaxistick text").all_text_contents())
    inert("comparison")
    page.context.clear_cookies()
    log_in(page, live_server.url, create_user("programme", password=PASSWORD).email)
    for path in ("/programm/", "/programm/fragen"):
        page.goto(live_server.url + path)
        wait_for_charts(page)
        inert(path)


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()
