"""axe-core (WCAG 2.1 A/AA) on every kind of page a respondent sees, German on a desktop and
English on a 375 px phone (where tables may scroll sideways and the layout reflows):
start, profile (also with errors), the section pages with every widget type (each also with
a validation error shown), the result with radar and peer comparison, share (form with an
error, then the share status), delete and deleted, an invitation, 404, login with an error,
the privacy page and the Leichte-Sprache pages. Any serious or critical violation fails;
all violations are printed with their target selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axehelp import Audit
from flask import Flask
from playwright.sync_api import Page
from seed import HIGH, LOW, PASSWORD, WERKSTATT, client_with_two_shares, population

from zzcheck.extensions import db
from zzcheck.storage.invitations import create_invitation

CHART_TIMEOUT_MS = 15_000
OTHER_PAGES = [
    ("privacy", "/datenschutz"),
    ("404", "/gibt-es-nicht"),
    ("easy", "/leichte-sprache"),
    ("easy privacy", "/leichte-sprache/datenschutz"),
    ("easy result", "/leichte-sprache/ergebnis"),
]


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


@pytest.fixture
def invitation(app: Flask, create_user: Callable[..., Any]) -> str:
    """An invitation link token of centre Sachsen (for the invitation pages)."""
    author = create_user("consultant", centre="sachsen", password=PASSWORD)
    client = client_with_two_shares(app, "werkstatt", LOW, HIGH)
    with app.app_context():
        created = create_invitation(db.session, "sachsen", client.id, author.id)
        assert created is not None
        db.session.commit()
        return created[1]


@pytest.mark.parametrize(
    ("lang", "width"), [("de", 1280), ("en", 375)], ids=["de-desktop", "en-phone"]
)
def test_respondent_pages_have_no_serious_axe_violations(
    app: Flask, live_server: Any, page: Page, invitation: str, lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    population(app, "werkstatt", [LOW, HIGH], 12)  # enough for the peer comparison
    base, audit = live_server.url, Audit()
    page.goto(f"{base}/sprache/{lang}?next=/")
    audit.check(page, "start")
    answer_with_errors(page, base, audit)
    result_and_after(page, base, audit)
    invited = [("invitation", f"/einladung/{invitation}"),
               ("invited profile", f"/einladung/{invitation}/werkstatt")]  # fmt: skip
    for label, path in [*OTHER_PAGES, *invited]:
        page.goto(base + path)
        audit.check(page, label)
    login_with_error(page, base, audit)
    audit.assert_clean()


def answer_with_errors(page: Page, base: str, audit: Audit) -> None:
    """Profile and the three section pages, each first sent incomplete or wrong."""
    page.goto(base + "/werkstatt/start")
    audit.check(page, "profile")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    audit.check(page, "profile with errors")
    fill_profile(page)
    page.click("button[value=next]")  # required yes/no question left out
    page.wait_for_selector(".error-summary")
    audit.check(page, "section 1 (yesno, single, scale) with an error")
    page.check("#q_ki_genutzt-0")
    page.check("#q_ziele-2")  # shows the chained conditional question
    audit.check(page, "section 1 answered, conditions shown")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/2")
    page.fill("#q_anteil_digital", "viel")  # not a number
    page.click("button[value=next]")
    page.wait_for_selector(".error-summary")
    audit.check(page, "section 2 (multi, number) with errors")
    page.check("#q_datenquellen-0")
    page.fill("#q_anteil_digital", "60")
    page.click("button[value=next]")
    page.wait_for_url("**/a/*/3")
    page.click("button[value=review]")  # required scale question left out
    page.wait_for_selector(".error-summary")
    audit.check(page, "section 3 (scale, multi, text) with an error")
    page.check("#q_ordnung-2")
    page.fill("textarea", "Mehr Zeit zum Ausprobieren.")


def fill_profile(page: Page) -> None:
    page.select_option("#industry", "C")
    page.check("#size-1")
    page.select_option("#state", "DE-SN")
    page.check("#works_council-0")
    page.check("#role-0")
    page.click("button[type=submit]")
    page.wait_for_url("**/a/*/1")


def result_and_after(page: Page, base: str, audit: Audit) -> None:
    """Result (radar and peer radar drawn), share form with an error, share status,
    delete confirmation, deleted."""
    page.click("button[value=review]")
    page.wait_for_url("**/pruefen")
    audit.check(page, "summary of the answers")
    page.click("button[value=finish]")
    page.wait_for_url("**/ergebnis")
    page.wait_for_selector('[data-radar-ready="true"] .polarlayer .trace', timeout=CHART_TIMEOUT_MS)
    assert page.locator(".peers").count() == 1
    audit.check(page, "result")
    token = page.url.split("/a/")[1].split("/")[0]
    page.goto(f"{base}/a/{token}/teilen")
    audit.check(page, "share")
    page.click(".share-form button[type=submit]")  # consent not given
    page.wait_for_selector(".error-summary")
    audit.check(page, "share with an error")
    page.check("#consent")
    page.click(".share-form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/a/{token}/teilen")
    assert page.locator(".share-status").count() == 1
    audit.check(page, "share status")
    page.goto(f"{base}/a/{token}/loeschen")
    audit.check(page, "delete confirmation")
    page.click("button.button-danger")
    page.wait_for_load_state()
    audit.check(page, "deleted")


def login_with_error(page: Page, base: str, audit: Audit) -> None:
    page.goto(base + "/login")
    audit.check(page, "login")
    page.fill("#email", "niemand@example.org")
    page.fill("#password", "falsch-falsch-falsch")
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector("#login-error")
    audit.check(page, "login with an error")
