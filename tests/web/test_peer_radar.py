"""The peer comparison on the result page carries its radar in the HTML (the PDF's SVG):
two lines, the respondent's and the group's, through the table's rounded numbers; plotly
replaces it when JavaScript runs (``tests/browser/test_static_radar_browser.py``)."""

from __future__ import annotations

from assessmentrows import Row
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from test_result_peers import add_peers
from webpage import parse

from zzcheck.report.svg import GEOMETRY, axis_angle, polar_point

QUESTIONNAIRES = WERKSTATT


def test_the_peer_comparison_carries_the_drawn_radar(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    scores = {"strategie": 40.0, "daten": 80.0}
    add_peers(app, [Row(industry="C", size="10-49", scores=scores)] * 10)
    response = respondent.client.get(f"/a/{completed}/ergebnis")
    page = parse(response.data)
    assert page.find("section", class_="peers") is not None
    chart = page.find(data_radar="radar-data")  # one radar: own result and peer group
    assert chart is not None and chart.get("role") == "img"
    svg = chart.find("svg", class_="radar")
    assert svg is not None
    polygons = svg.find_all("polygon")
    assert len(svg.find_all("g", class_="trace")) == 2 and len(polygons) == 2
    expected = [
        polar_point(score, axis_angle(i, 2), GEOMETRY.centre, GEOMETRY.radius)
        for i, score in enumerate((40.0, 80.0))
    ]
    drawn = [tuple(float(n) for n in p.split(",")) for p in polygons[1].attrs["points"].split()]
    assert drawn == [(round(x, 2), round(y, 2)) for x, y in expected]
    assert chart.find("p") is None and b"style=" not in response.data
