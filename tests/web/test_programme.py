"""The programme area /programm/: access by role, the aggregate page (numbers computed here
from the stored rows; small groups hidden in tables, charts and downloads; k never lowered by
a request), its CSV/XLSX downloads and the item statistics page."""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Callable
from typing import Any

import pytest
from assessmentrows import Row, insert_rows
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from webpage import Element, parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry

PAGES = ["/programm/", "/programm/fragen", "/programm/export.csv", "/programm/export.xlsx"]


@pytest.fixture
def staff(
    client: FlaskClient, create_user: Callable[..., Any], login: Callable[..., Any]
) -> FlaskClient:
    login(client, create_user("programme"))
    return client


@pytest.fixture
def population(app: Flask) -> list[Row]:
    """Bavaria 8 (overall 40 … 47), Saxony 3 (hidden), Berlin 6 (hidden to protect Saxony)."""
    rows = (
        [
            Row(state="DE-BY", overall=40.0 + i, scores={"strategie": 10.0 * i, "daten": 50.0})
            for i in range(8)
        ]
        + [Row(state="DE-SN", overall=97.0)] * 3
        + [Row(state="DE-BE", overall=71.0)] * 6
    )
    with app.app_context():
        loaded = current_registry().get("ki-readiness")
        assert loaded is not None
        return insert_rows(db.session, loaded, rows)


def table_rows(page: Element, table_id: str) -> dict[str, list[str]]:
    table = page.by_id(table_id)
    assert table is not None, table_id
    body = table.find("tbody")
    assert body is not None
    rows = [
        [cell.text for cell in tr.iter() if cell.tag in ("th", "td")] for tr in body.find_all("tr")
    ]
    return {cells[0]: cells[1:] for cells in rows}


def figure(page: Element, element_id: str) -> dict[str, Any]:
    script = page.by_id(element_id)
    assert script is not None, element_id
    return json.loads(script.text)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/programm/")


@pytest.mark.parametrize("path", PAGES)
def test_consultants_are_refused(
    client: FlaskClient, create_user: Callable[..., Any], login: Callable[..., Any], path: str
) -> None:
    login(client, create_user("consultant"))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("role", ["programme", "admin"])
def test_programme_staff_and_admins_get_in(
    client: FlaskClient, create_user: Callable[..., Any], login: Callable[..., Any], role: str
) -> None:
    login(client, create_user(role))
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers["Cache-Control"]


def test_the_page_shows_the_numbers_and_hides_small_groups(
    staff: FlaskClient, population: list[Row]
) -> None:
    response = staff.get("/programm/?questionnaire=ki-readiness&by=state&measure=strategie")
    assert response.status_code == 200
    page = parse(response.data)
    overview = table_rows(page, "table-overview")
    bavaria = population[:8]
    mean = statistics.fmean(r.overall or 0 for r in bavaria)
    # 8 companies: the mean only, quartiles from 3·k = 15 (issue 13)
    assert overview["Bayern"] == ["8", f"{mean:.1f}".replace(".", ","), "–", "–", "–"]
    assert overview["Sachsen"] == ["ausgeblendet", "–", "–", "–", "–"]
    assert overview["Berlin"] == ["ausgeblendet", "–", "–", "–", "–"]
    assert overview["Insgesamt"][0] == "17"
    dimensions = table_rows(page, "table-dimensions")
    assert dimensions["Bayern"][1] == "35,0"  # strategie: mean of 0, 10 … 70
    assert page.by_id("fig-box") is None  # no group large enough for a box
    for figure_id in ("fig-radar", "fig-states"):
        text = json.dumps(figure(page, figure_id), ensure_ascii=False)
        assert "Bayern" in text
        assert "Sachsen" not in text and "Berlin" not in text and "97" not in text


def test_box_plot_is_drawn_from_quantiles_only(
    app: Flask, staff: FlaskClient, population: list[Row]
) -> None:
    """Bavaria grows to 16 (quartiles from 3·k = 15), Berlin to 56 (percentiles from 50),
    Saxony to 5 (shown, the mean only)."""
    with app.app_context():
        loaded = current_registry().get("ki-readiness")
        assert loaded is not None
        more = [Row(state="DE-BY", scores={"strategie": 80.0 + 2 * i}) for i in range(8)]
        more += [Row(state="DE-BE", scores={"strategie": float(i)}) for i in range(50)]
        more += [Row(state="DE-SN", overall=97.0)] * 2
        insert_rows(db.session, loaded, more)
    page = parse(staff.get("/programm/?questionnaire=ki-readiness&by=state&measure=strategie").data)
    (trace,) = figure(page, "fig-box")["data"]
    assert trace["type"] == "box" and trace["boxpoints"] is False
    assert "x" not in trace  # no single scores
    assert trace["y"] == ["Bayern", "Berlin"]  # Saxony (5): no box
    # Bavaria 0, 10 … 70, 80, 82 … 94: quartiles, whiskers at the box (no percentiles)
    assert (trace["q1"][0], trace["median"][0], trace["q3"][0]) == (37.5, 75.0, 86.5)
    assert (trace["lowerfence"][0], trace["upperfence"][0]) == (37.5, 86.5)
    # Berlin six times 40, then 0 … 49: the 10th and 90th percentile are the whiskers
    assert (trace["lowerfence"][1], trace["upperfence"][1]) == (5.5, 43.5)


def test_no_request_parameter_lowers_k(staff: FlaskClient, population: list[Row]) -> None:
    lower = "k=1&min_group_size=1&ZZCHECK_MIN_GROUP_SIZE=1&k_anonymity=0"
    url = f"/programm/?questionnaire=ki-readiness&by=state&{lower}"
    overview = table_rows(parse(staff.get(url).data), "table-overview")
    assert overview["Sachsen"][0] == "ausgeblendet"
    csv_rows = {
        row["Bundesland"]: row
        for row in read_csv(staff.get(url.replace("/?", "/export.csv?")).data)
    }
    assert csv_rows["Sachsen"]["n"] == ""


def test_a_configured_k_below_3_counts_as_3(
    app: Flask, staff: FlaskClient, population: list[Row]
) -> None:
    app.config["ZZCHECK_MIN_GROUP_SIZE"] = 1
    overview = table_rows(
        parse(staff.get("/programm/?questionnaire=ki-readiness&by=state").data), "table-overview"
    )
    assert overview["Sachsen"][0] == "3"  # k = 3: Saxony's 3 may be shown now
    assert "3" in parse(staff.get("/programm/").data).text


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_downloads_hold_the_same_aggregate(staff: FlaskClient, population: list[Row]) -> None:
    response = staff.get("/programm/export.csv?questionnaire=ki-readiness&by=state&by2=size")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # once, not twice
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="zzcheck-ki-readiness-state-size-'
    )
    rows = read_csv(response.data)
    bavaria = next(
        r
        for r in rows
        if r["Bundesland"] == "Bayern" and r["Beschäftigte"] == "10 bis 49 Beschäftigte"
    )
    assert bavaria["n"] == "8" and bavaria["Gesamtergebnis: Mittelwert"] == "43,5"
    assert bavaria["Versionen"] == "1.1"
    xlsx = staff.get("/programm/export.xlsx?questionnaire=ki-readiness&by=state")
    assert xlsx.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(xlsx.data))["Daten"]
    by_state = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_state["Bayern"][3] == 8 and by_state["Sachsen"][3] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("by=colour", "Not a valid choice"),
        ("by=state&by2=centre", "Bundesland und Zukunftszentrum"),
        ("by=centre&state=DE-BY", "Der Filter ist feiner als die Gruppierung"),
        ("by=state&period=2031-13", "Not a valid choice"),
    ],
)
def test_invalid_choices_are_refused_with_a_message(
    staff: FlaskClient, query: str, message: str
) -> None:
    response = staff.get(f"/programm/?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert staff.get(f"/programm/export.csv?{query}").status_code == 400


def test_filters_and_period_choices(staff: FlaskClient, population: list[Row]) -> None:
    page = parse(staff.get("/programm/?questionnaire=ki-readiness&by=size&state=DE-BY").data)
    overview = table_rows(page, "table-overview")
    assert overview["10 bis 49 Beschäftigte"][0] == "8"
    period = page.by_id("period")
    assert period is not None
    assert [o.get("value") for o in period.find_all("option")] == ["", "2025", "2025-Q2", "2025-05"]
    trend = table_rows(page, "table-trend")
    assert trend["2025-Q2"][0] == "8"


def test_the_item_statistics_page(staff: FlaskClient, population: list[Row]) -> None:
    page = parse(staff.get("/programm/fragen?questionnaire=ki-readiness").data)
    assert "17 abgeschlossene Checks der Version 1.1" in page.text
    version = page.by_id("version")
    assert version is not None and len(version.find_all("option")) == 1
    alpha = page.find("span", data_alpha="strategie")
    assert alpha is not None and alpha.text == "nicht berechenbar"  # no answers stored


def test_the_centre_filter_offers_the_regional_centres_only(
    staff: FlaskClient, population: list[Row]
) -> None:
    """The sector centre covers an industry, not a region: no group of the geography."""
    page = parse(staff.get("/programm/?questionnaire=ki-readiness").data)
    select = page.by_id("centre")
    assert select is not None
    offered = [o.get("value") for o in select.find_all("option")]
    assert "nord" in offered and "bayern-baden-wuerttemberg" in offered
    assert "sozial-und-pflegewirtschaft" not in offered
    assert len([value for value in offered if value]) == 11
    by_centre = table_rows(
        parse(staff.get("/programm/?questionnaire=ki-readiness&by=centre").data), "table-overview"
    )
    assert by_centre["Zukunftszentrum Bayern und Baden-Württemberg"][0] == "8"
