"""Issue 14 in chromium, with the shipped KI-Readiness-Check: result → first steps → a plan
with a date (first a date in the past, refused) → the calendar file downloaded and parsed →
"Check wiederholen" → the follow-up's result with the before/after radar (two polar traces,
the earlier one dashed). axe on the plan page (also with an error), the repeat page and the
result with before/after, German at 1280 px and English at 375 px."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from axehelp import Audit
from flask import Flask
from icalendar import Calendar
from playwright.sync_api import Page
from seed import completed

from zzcheck.extensions import db
from zzcheck.storage.assessments import complete_assessment, find_assessment, save_page
from zzcheck.web.plan_form import owner_today

pytestmark = pytest.mark.browser

PROFILE = {
    "industry": "C",
    "size": "10-49",
    "state": "DE-TH",
    "works_council": "no",
    "role": "owner",
}
ANSWERS: dict[str, Any] = {  # three first steps (as in tests/web/test_plan_recheck.py)
    "ki_nutzung": "einzelne",
    "ki_bereiche": ["personal"],
    "ziele": "nein",
    "nutzen_messen": "zahl_gemessen",
    "ablaeufe_beschrieben": "meiste_aktuell",
    "daten_ablage": "software",
    "it_betreuung": "fest_betreut",
    "it_geraete": "buero",
    "chat_konten": "firma",
    "ki_verantwortlich": "nein",
    "ki_kompetenz": "je_aufgabe",
    "personendaten": "woechentlich",  # a duty of priority 1: personal data in prompts
}


def test_result_plan_calendar_and_repeated_check(
    app: Flask,
    live_server: Any,
    page: Page,
    page_errors: list[str],
    tmp_path: Path,
    wait_for_chart: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    _id, token = completed(app, "ki-readiness", ANSWERS, PROFILE, datetime.now(UTC))
    base, audit = live_server.url, Audit()
    page.goto(f"{base}/a/{token}/ergebnis")
    assert page.locator(".first-steps h3").count() == 3
    page.click("text=Plan für die ersten Schritte machen")
    page.wait_for_url("**/plan")
    audit.check(page, "plan")
    past = (owner_today() - timedelta(days=3)).isoformat()
    due = owner_today() + timedelta(days=45)
    page.get_by_label("Schritt 1: Wer kümmert sich?").fill("Werkstattleitung")
    page.get_by_label("Schritt 1: Bis wann?").fill(past)
    page.click("form.plan-form button[type=submit]")
    assert "Vergangenheit" in page.locator(".error-summary").inner_text()
    audit.check(page, "plan with an error")
    page.get_by_label("Schritt 1: Bis wann?").fill(due.isoformat())
    page.click("form.plan-form button[type=submit]")
    page.wait_for_url("**/ergebnis#plan-titel")
    assert "Werkstattleitung" in page.locator("table.owner-plan").inner_text()

    with page.expect_download() as download:
        page.click("a[href$='/plan.ics']")
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    assert token not in saved.read_text(encoding="utf-8")
    events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert due in [event["dtstart"].dt for event in events]
    assert any("wiederholen" in str(event["summary"]) for event in events)

    page.click("a.button:has-text('Check wiederholen')")
    page.wait_for_url("**/wiederholen")
    audit.check(page, "repeat")
    page.click("form.repeat-form button[type=submit]")
    page.wait_for_url("**/a/*/1")
    new_token = page.url.split("/a/")[1].split("/")[0]
    assert new_token != token
    _finish(app, new_token, {**ANSWERS, "ki_nutzung": "regelmaessig"})
    page.goto(f"{base}/a/{new_token}/ergebnis")
    wait_for_chart(page, "#followup-chart")
    assert page.locator("#followup-chart .polarlayer .trace").count() == 2
    assert page.locator("section.before-after tbody tr").count() >= 7
    screenshot(page, "before-after")
    audit.check(page, "result with before/after")

    page.goto(f"{base}/sprache/en?next=/a/{new_token}/ergebnis")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base}/a/{new_token}/ergebnis")
    wait_for_chart(page, "#followup-chart")
    assert page.locator("#vorher-nachher").inner_text() == "Before and after"
    audit.check(page, "result with before/after, English, 375 px")
    page.goto(f"{base}/a/{token}/plan")
    audit.check(page, "plan, English, 375 px")
    page.goto(f"{base}/a/{token}/wiederholen")
    audit.check(page, "repeat, English, 375 px")
    audit.assert_clean()
    refused = "status of 400"  # the plan with a date in the past, as intended
    assert [error for error in page_errors if refused not in error] == []


def _finish(app: Flask, token: str, answers: dict[str, Any]) -> None:
    with app.app_context():
        assessment = find_assessment(db.session, token)
        assert assessment is not None
        save_page(db.session, assessment, answers, [], 7)
        complete_assessment(db.session, assessment)
        db.session.commit()
