"""The peer comparison on the result page: the published mean of comparable companies from
the daily snapshot as the radar's second line and a column of the score table (one radar, one
table), only for a group of at least 10 (issues 5, 13 and 14); the PDF shows it too."""

from __future__ import annotations

import io
import json
import statistics

from assessmentrows import Row, insert_rows
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from pypdf import PdfReader
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
    [script] = [s for s in page.find_all("script") if s.get("type") == "application/json"]
    assert script.get("id") == "radar-data"  # one radar: own result and peer group
    _own, group = json.loads(script.text)["data"]
    name = "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte (mindestens 10 Betriebe)"
    assert group["name"] == name
    exact = statistics.fmean(r.scores["strategie"] or 0 for r in peers)
    assert exact == 42.5 and group["r"][0] in (40.0, 45.0)  # on the 5-point grid
    [table] = page.find_all("table")  # one table: the scores with the peer column
    header = [th.text for th in table.find("thead").find_all("th")]
    assert header == ["Bereich", "Punkte", "Stufe", "Beantwortet", "Vergleichsgruppe"]
    rows = {
        row.get("data-dimension"): [cell.text for cell in row.find_all("td")]
        for row in table.find_all("tr")
        if row.get("data-dimension")
    }
    assert rows["strategie"][0] == "50" and rows["strategie"][-1] == str(int(group["r"][0]))
    assert rows["daten"][0] == "79,2" and rows["daten"][-1] == "80"
    # the PDF report shows the same comparison: a column named after the group
    pdf = respondent.client.get(f"/a/{completed}/bericht.pdf")
    assert pdf.status_code == 200
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split()
    )
    assert "Verarbeitendes Gewerbe, 10 bis 49 Beschäftigte (mindestens 10 Betriebe)" in text


def test_no_comparison_without_ten_peers(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    add_peers(app, [Row(industry="C", size="10-49")] * 9)
    page = parse(respondent.client.get(f"/a/{completed}/ergebnis").data)
    assert page.find("section", class_="peers") is None
    header = [th.text for th in page.find("table").find("thead").find_all("th")]
    assert "Vergleichsgruppe" not in header
