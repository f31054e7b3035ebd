"""The peer comparison on the result page: a second radar polygon and a table with the
published mean of comparable companies from the daily snapshot, only for a group of at least
10 (issues 5 and 13)."""

from __future__ import annotations

import json
import statistics

from assessmentrows import Row, insert_rows
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from webpage import parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry

QUESTIONNAIRES = WERKSTATT
CAPTION = "Ihre Punkte und der Durchschnitt der Vergleichsgruppe (0 bis 100)"


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
            Row(industry="C", size="10-49", scores={"strategie": 20.0 + 5 * i, "daten": 80.0})
            for i in range(10)
        ],
    )
    add_peers(app, [Row(industry="F", size="1-9")] * 10)
    page = parse(respondent.client.get(f"/a/{completed}/ergebnis").data)
    section = page.find("section", class_="peers")
    assert section is not None
    assert "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte" in section.text
    assert "mindestens 10 Betriebe" in section.text  # a band, never the exact n
    assert "weniger als 5 Punkte" in section.text
    script = page.by_id("peers-data")
    assert script is not None
    _own, group = json.loads(script.text)["data"]
    name = "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte (mindestens 10 Betriebe)"
    assert group["name"] == name
    exact = statistics.fmean(r.scores["strategie"] or 0 for r in peers)
    assert exact == 42.5 and group["r"][0] in (40.0, 45.0)  # on the 5-point grid
    table = section.find("table")
    assert table is not None
    text = table.text
    assert text in (
        f"{CAPTION} Bereich Ihr Ergebnis Vergleichsgruppe Strategie & Ziele 50 40 Daten 79,2 80",
        f"{CAPTION} Bereich Ihr Ergebnis Vergleichsgruppe Strategie & Ziele 50 45 Daten 79,2 80",
    ), text  # own (exact), then the peers (the own check, just done, is not yet among them)


def test_no_comparison_without_ten_peers(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    add_peers(app, [Row(industry="C", size="10-49")] * 9)
    page = parse(respondent.client.get(f"/a/{completed}/ergebnis").data)
    assert page.find("section", class_="peers") is None
    assert page.by_id("peers-data") is None
