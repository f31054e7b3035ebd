"""axe-core (WCAG 2.1 A/AA) on the pages behind a login: the consultant's list, clients,
one client with notes and action plan (also with form errors), an action item (with an
error), a shared result, the comparison radar, invitations (with a new link shown); the
programme's pages (team pages: ``test_axe_team.py``). German on a desktop, English on a
375 px phone. Serious or critical violations fail; all are printed with their selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axehelp import Audit
from flask import Flask
from playwright.sync_api import Page
from seed import HIGH, LOW, PASSWORD, WERKSTATT, client_with_two_shares, notes_and_items, population

ALL_DRAWN = """() => Array.from(document.querySelectorAll("[data-radar], [data-chart]")).every(
  (e) => e.dataset.radarReady === "true" || e.dataset.chartReady === "true")"""


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


def visit(page: Page, url: str, audit: Audit, label: str) -> None:
    """Open ``url``, wait until every chart of the page is drawn, then audit it."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (label, response)
    page.wait_for_function(ALL_DRAWN, timeout=15_000)
    audit.check(page, label)


def log_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_workspace_pages_have_no_serious_axe_violations(
    app: Flask, live_server: Any, page: Page, create_user: Callable[..., Any], lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    population(app, "werkstatt", [LOW, HIGH], 12)
    client = client_with_two_shares(app, "werkstatt", LOW, HIGH)
    consultant = create_user("consultant", centre="sachsen", password=PASSWORD)
    notes_and_items(app, client.id, consultant, "Schulung für das Büro planen")
    base, audit = live_server.url, Audit()
    log_in(page, base, consultant.email)
    page.goto(f"{base}/sprache/{lang}?next=/")
    consultant_pages(page, base, client.id, client.shares, audit)
    log_in(page, base, create_user("programme", password=PASSWORD).email)
    page.goto(f"{base}/sprache/{lang}?next=/")
    for label, path in (("programme", "/programm/"), ("programme items", "/programm/fragen")):
        visit(page, base + path, audit, label)
    audit.assert_clean()


def consultant_pages(
    page: Page, base: str, client_id: int, shares: tuple[int, int], audit: Audit
) -> None:
    client = f"{base}/berater/kunden/{client_id}"
    for label, url in (
        ("consultant list", f"{base}/berater/"),
        ("consultant clients", f"{base}/berater/kunden/"),
        ("consultant client with notes and plan", client),
        ("consultant shared result", f"{base}/berater/freigaben/{shares[1]}"),
        ("consultant comparison", f"{client}/vergleich?a={shares[0]}&b={shares[1]}"),
        ("consultant invitations", f"{base}/berater/einladungen"),
    ):
        visit(page, url, audit, label)
    page.click("form[action$='/berater/einladungen'] button[type=submit]")  # no client
    page.wait_for_selector(".error-summary")
    audit.check(page, "consultant invitations with an error")
    page.select_option("#client", str(client_id))
    page.click("form[action$='/berater/einladungen'] button[type=submit]")
    page.wait_for_selector("#invitation-link")
    audit.check(page, "consultant invitations with a new link")
    page.goto(client)
    page.click(".item-form button[type=submit]")  # no title: the form shows its error
    page.wait_for_selector(".error-summary")
    audit.check(page, "consultant client with a form error")
    page.goto(client)
    page.locator("a[href*='/massnahmen/']").first.click()
    page.wait_for_selector("form #title")
    page.fill("#title", "")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error-summary")
    audit.check(page, "consultant action item with an error")
