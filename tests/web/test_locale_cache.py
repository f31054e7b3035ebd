"""The page language is negotiated once per request (templates ask for it dozens of times),
yet follows a language switch within the request and never leaks into another request."""

from __future__ import annotations

import pytest
from flask import Flask, session
from journeyhelp import PAGE1, PAGE2, PAGE3, WERKSTATT, Respondent
from webpage import parse

from zzcheck import i18n
from zzcheck.i18n import select_locale

QUESTIONNAIRES = WERKSTATT


def test_the_result_page_negotiates_its_language_once(
    respondent: Respondent, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = respondent.start("werkstatt")
    for number, page in ((1, PAGE1), (2, PAGE2)):
        respondent.submit(token, number, page)
    assert respondent.submit(token, 3, PAGE3, action="finish").status_code == 303
    calls: list[object] = []
    negotiate = i18n._negotiate
    monkeypatch.setattr(
        i18n, "_negotiate", lambda chosen: calls.append(chosen) or negotiate(chosen)
    )
    page = respondent.client.get(f"/a/{token}/ergebnis", headers={"Accept-Language": "en"})
    assert parse(page.data).find("html").get("lang") == "en"  # type: ignore[union-attr]
    assert calls == [None]


def test_a_switch_within_the_request_counts_at_once(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en-US,en;q=0.9"}):
        assert select_locale() == "en"
        session["lang"] = "de"
        assert select_locale() == "de"
        session.pop("lang")
        assert select_locale() == "en"


def test_a_longer_lived_app_context_does_not_carry_the_language_over(app: Flask) -> None:
    """Requests made inside one app context share ``g``: the browser's header still decides."""
    client = app.test_client()
    with app.app_context():
        english = parse(client.get("/", headers={"Accept-Language": "en"}).data)
        german = parse(client.get("/", headers={"Accept-Language": "de"}).data)
    assert english.find("html").get("lang") == "en"  # type: ignore[union-attr]
    assert german.find("html").get("lang") == "de"  # type: ignore[union-attr]
