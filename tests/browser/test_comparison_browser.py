"""The consultant's comparison view in chromium: after logging in through the form, the
overlay radar draws two polar traces (before and after) from the local bundle, without
errors and without inline scripts, and the page fits a phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page
from seed import WERKSTATT

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment
from zzcheck.storage.clients import create_client
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import share_assessment

pytestmark = pytest.mark.browser

PASSWORD = "ein-langes-test-passwort"
BEFORE = {"ki_genutzt": "no", "plan": "kein", "datenquellen": ["keine"], "ordnung": "nie"}
AFTER = {
    "ki_genutzt": "yes",
    "ziele": "schriftlich",
    "plan": "konkret",
    "datenquellen": ["auftraege", "lager"],
    "ordnung": "meist",
}


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT}


def shared_check(app: Flask, answers: dict[str, object], client_id: int, day: datetime) -> int:
    """A completed check, shared with Sachsen and filed under the client; its share id."""
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        assessment, _token = start_assessment(db.session, loaded, {"state": "DE-SN"})
        save_page(db.session, assessment, answers, [], 3)
        complete_assessment(db.session, assessment)
        db.session.get(Assessment, assessment.id).completed_at = day  # type: ignore[union-attr]
        centres = current_registry().centres
        share = share_assessment(
            db.session, assessment, "sachsen", CONSENT.version, "de", centres=centres
        )
        share.client_id = client_id
        db.session.commit()
        return share.id


def test_the_comparison_draws_two_traces(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    create_user: Callable[..., Any],
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    user = create_user("consultant", centre="sachsen", password=PASSWORD)
    with app.app_context():
        client_id = create_client(db.session, "sachsen", "Formenbau Ost").id
        db.session.commit()
    older = shared_check(app, BEFORE, client_id, datetime(2026, 3, 2, 10, tzinfo=UTC))
    newer = shared_check(app, AFTER, client_id, datetime(2026, 9, 15, 10, tzinfo=UTC))
    page.goto(live_server.url + f"/berater/kunden/{client_id}")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(f"**/berater/kunden/{client_id}")
    assert page.input_value("#vergleich-a") == str(older)
    assert page.input_value("#vergleich-b") == str(newer)
    page.click(".compare-form button[type=submit]")
    page.wait_for_url("**/vergleich?a=*")
    wait_for_chart(page, "#comparison-chart")
    traces = page.locator("#comparison-chart .polarlayer .trace.scatter")
    assert traces.count() == 2
    legend = page.locator("#comparison-chart .legend .traces").all_text_contents()
    assert legend == ["Vorher: Check vom 02.03.2026", "Nachher: Check vom 15.09.2026"]
    inline = page.locator("script:not([src]):not([type='application/json'])").count()
    assert inline == 0
    screenshot(page, "desktop")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    wait_for_chart(page, "#comparison-chart")
    assert page.locator("#comparison-chart .polarlayer .trace.scatter").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "phone")
    assert page_errors == []
