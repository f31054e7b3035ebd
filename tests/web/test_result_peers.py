"""The peer comparison on the result page: a second radar polygon and a table with the mean
of comparable companies, only for a group of at least k others (issue 5)."""

from __future__ import annotations

import json
import statistics

import pytest
from assessmentrows import Row, insert_rows
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from webpage import parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry

QUESTIONNAIRES = WERKSTATT


def add_peers(app: Flask, rows: list[Row]) -> list[Row]:
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        return insert_rows(db.session, loaded, rows)


def test_result_page_compares_with_the_same_industry_and_size(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    peers = add_peers(
        app,
        [
            Row(industry="C", size="10-49", scores={"strategie": 20.0 + 10 * i, "daten": 80.0})
            for i in range(6)
        ],
    )
    add_peers(app, [Row(industry="F", size="1-9")] * 6)
    page = parse(respondent.client.get(f"/a/{completed}/ergebnis").data)
    section = page.find("section", class_="peers")
    assert section is not None
    assert "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte" in section.text
    assert "6 andere Betriebe" in section.text
    script = page.by_id("peers-data")
    assert script is not None
    _own, group = json.loads(script.text)["data"]
    assert group["name"] == "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte (n = 6)"
    expected = statistics.fmean(r.scores["strategie"] or 0 for r in peers)
    assert group["r"][0] == pytest.approx(expected) == 45.0
    table = section.find("table")
    assert table is not None
    assert "Strategie & Ziele 50 45 Daten 79,2 80" in table.text  # own, then the peers


def test_no_comparison_without_k_peers(app: Flask, respondent: Respondent, completed: str) -> None:
    add_peers(app, [Row(industry="C", size="10-49")] * 3)
    page = parse(respondent.client.get(f"/a/{completed}/ergebnis").data)
    assert page.find("section", class_="peers") is None
    assert page.by_id("peers-data") is None
