"""PDF reports are limited per client address (issue 13, point 7): a report costs a worker
0.2 to 1.2 s, so asking for it in a loop got 429 after ``ZZCHECK_PDF_RENDERS`` reports in 10
minutes, while other addresses, and the result page itself, go on."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from journeyhelp import WERKSTATT

QUESTIONNAIRES = WERKSTATT
LIMIT = 3


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_PDF_RENDERS": LIMIT}


def test_a_report_in_a_loop_is_stopped_for_that_address_only(app: Flask, completed: str) -> None:
    looping = app.test_client()
    looping.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    url = f"/a/{completed}/bericht.pdf"
    for _ in range(5):  # refused requests make no report and are not counted
        assert looping.get(f"/a/{'x' * 32}/bericht.pdf").status_code == 404
    for _ in range(LIMIT):
        report = looping.get(url)
        assert report.status_code == 200 and report.data.startswith(b"%PDF")
    refused = looping.get(url)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    assert "viele PDF-Berichte erstellt" in refused.text
    assert looping.get(f"/a/{completed}/ergebnis").status_code == 200  # the page still works
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert other.get(url).status_code == 200


def test_every_pdf_route_is_refused_at_the_limit(app: Flask) -> None:
    """Walks the URL map: at the limit, every ``.pdf`` route answers 429 before its view runs
    (no render, no database lookup of the report)."""
    app.config["ZZCHECK_PDF_RENDERS"] = 0
    client = app.test_client()
    pdf_rules = [rule.rule for rule in app.url_map.iter_rules() if rule.rule.endswith(".pdf")]
    assert len(pdf_rules) >= 4
    for rule in pdf_rules:
        url = re.sub(r"<int:\w+>", "1", re.sub(r"<\w+>", "x" * 32, rule))
        assert client.get(url).status_code == 429, rule


def test_the_refusal_is_in_english_on_an_english_page(app: Flask, completed: str) -> None:
    app.config["ZZCHECK_PDF_RENDERS"] = 0
    refused = app.test_client().get(
        f"/a/{completed}/bericht.pdf", headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 429
    assert "Many PDF reports were made from your connection just now." in refused.text
