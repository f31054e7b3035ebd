"""Comparing two assessments of one client: the overlay's two traces, the change per
dimension as numbers (checked against the scoring engine), the newer one's next steps;
refusals for pairs that cannot be compared or are not the client's."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from centrehelp import BERLIN, HIGH, LOW, MID, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from webpage import json_script, parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.scoring import score
from zzcheck.scoring.report import display_score
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import withdraw_share


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """``werkstatt`` plus a copy with another id, to try comparing across questionnaires."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    source = Path(WERKSTATT) / "werkstatt.yaml"
    shutil.copy(source, folder / "werkstatt.yaml")
    text = source.read_text(encoding="utf-8").replace("id: werkstatt\n", "id: werkstatt-zwei\n", 1)
    (folder / "werkstatt-zwei.yaml").write_text(text, encoding="utf-8")
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}


def expected_scores(app: Flask, answers: dict[str, object]) -> dict[str, float | None]:
    """Rounded dimension scores straight from the scoring engine (no storage involved)."""
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        result = score(loaded.questionnaire, answers)
    return {d.id: display_score(d.score) for d in result.dimensions} | {
        "overall": display_score(result.overall)
    }


def cells(page: str, dimension: str) -> list[str]:
    row = parse(page).find("tr", data_dimension=dimension)
    assert row is not None, dimension
    return [cell.text for cell in row.find_all("td")]


def german(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def test_the_comparison_shows_both_checks_the_changes_and_the_next_steps(
    app: Flask, consultant: FlaskClient
) -> None:
    client_id = new_client(app, SACHSEN, "Formenbau Ost")
    older = shared(
        app, completed(app, MID, datetime(2026, 3, 2, 9, tzinfo=UTC))[0], client_id=client_id
    )
    newer = shared(
        app, completed(app, HIGH, datetime(2026, 9, 15, 9, tzinfo=UTC))[0], client_id=client_id
    )
    before, after = expected_scores(app, MID), expected_scores(app, HIGH)
    response = consultant.get(f"/berater/kunden/{client_id}/vergleich?a={newer}&b={older}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for dimension in ("strategie", "daten", "overall"):
        old, new = before[dimension], after[dimension]
        assert old is not None and new is not None and new > old
        delta = display_score(new - old)
        assert delta is not None
        assert cells(page, dimension) == [german(old), german(new), "+" + german(delta)]
    figure = json_script(parse(page), "comparison-data")
    assert [trace["name"] for trace in figure["data"]] == [
        "Vorher: Check vom 02.03.2026",
        "Nachher: Check vom 15.09.2026",
    ]
    assert figure["data"][0]["r"] == [before["strategie"], before["daten"], before["strategie"]]
    assert figure["data"][1]["r"] == [after["strategie"], after["daten"], after["strategie"]]
    assert "Ablage vereinheitlichen" in page  # a next step of the newer check
    assert "Werkzeuge erfassen" not in page


def test_the_chart_data_route_gives_the_same_figure(app: Flask, consultant: FlaskClient) -> None:
    client_id = new_client(app, SACHSEN, "Formenbau West")
    a = shared(app, completed(app, LOW)[0], client_id=client_id)
    b = shared(app, completed(app, HIGH)[0], client_id=client_id)
    response = consultant.get(f"/berater/kunden/{client_id}/vergleich.json?a={a}&b={b}")
    assert response.status_code == 200
    data = response.get_json()
    assert len(data["data"]) == 2
    assert data["data"][0]["r"][:2] == [0.0, 0.0] and data["data"][1]["r"][:2] == [100.0, 100.0]


def test_the_client_page_proposes_the_two_newest_of_one_questionnaire(
    app: Flask, consultant: FlaskClient
) -> None:
    client_id = new_client(app, SACHSEN, "Vorschlag KG")
    first = shared(
        app, completed(app, LOW, datetime(2026, 1, 1, tzinfo=UTC))[0], client_id=client_id
    )
    second = shared(
        app, completed(app, MID, datetime(2026, 2, 1, tzinfo=UTC))[0], client_id=client_id
    )
    third = shared(
        app, completed(app, HIGH, datetime(2026, 3, 1, tzinfo=UTC))[0], client_id=client_id
    )
    page = parse(consultant.get(f"/berater/kunden/{client_id}").data)
    chosen = {
        name: page.by_id(f"vergleich-{name}").find("option", selected="").get("value")  # type: ignore[union-attr]
        for name in ("a", "b")
    }
    assert chosen == {"a": str(second), "b": str(third)}
    assert first != second


def test_pairs_that_cannot_be_compared_are_explained(app: Flask, consultant: FlaskClient) -> None:
    client_id = new_client(app, SACHSEN, "Vergleich GmbH")
    a = shared(app, completed(app, LOW)[0], client_id=client_id)
    other = completed(app, HIGH, questionnaire_id="werkstatt-zwei")[0]
    b = shared(app, other, client_id=client_id)
    url = f"/berater/kunden/{client_id}/vergleich"
    different = consultant.get(f"{url}?a={a}&b={b}")
    assert different.status_code == 400
    assert "nur zwei Checks desselben Fragebogens" in different.get_data(as_text=True)
    same = consultant.get(f"{url}?a={a}&b={a}")
    assert same.status_code == 400
    assert "zwei verschiedene Checks" in same.get_data(as_text=True)
    for query in ("", "?a=1", f"?a={a}&b=x", f"?a=-1&b={a}"):
        assert consultant.get(url + query).status_code == 400, query


def test_shares_not_of_this_client_or_centre_are_not_found(
    app: Flask, consultant: FlaskClient
) -> None:
    client_id = new_client(app, SACHSEN, "Eigen")
    other_client = new_client(app, SACHSEN, "Anderer Kunde")
    berlin_client = new_client(app, BERLIN, "Berlin")
    own_id = completed(app, LOW)[0]
    own = shared(app, own_id, client_id=client_id)
    mine = shared(app, completed(app, HIGH)[0], client_id=client_id)
    elsewhere = shared(app, completed(app, HIGH)[0], client_id=other_client)
    foreign = shared(app, completed(app, HIGH)[0], centre=BERLIN, client_id=berlin_client)
    url = f"/berater/kunden/{client_id}/vergleich"
    assert consultant.get(f"{url}?a={own}&b={mine}").status_code == 200
    assert consultant.get(f"{url}?a={own}&b={elsewhere}").status_code == 404
    assert consultant.get(f"{url}?a={own}&b={foreign}").status_code == 404
    assert consultant.get(f"{url}.json?a={own}&b={foreign}").status_code == 404
    berlin_url = f"/berater/kunden/{berlin_client}/vergleich"
    assert consultant.get(f"{berlin_url}?a={foreign}&b={own}").status_code == 404
    with app.app_context():
        withdraw_share(db.session, db.session.get(Assessment, own_id))
        db.session.commit()
    assert consultant.get(f"{url}?a={own}&b={mine}").status_code == 404
