"""The result page (levels, explanation, next steps, legal status, radar data), its
stability after a questionnaire edit, the downloads (JSON, CSV) and deletion."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from journeyhelp import NASTY_TEXT, PAGE1, PAGE2, PAGE3, PROFILE, WERKSTATT, Respondent
from resultcheck import assert_result_page
from webpage import form_of, json_script

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.scoring import score
from zzcheck.storage.models import Answer, Assessment, DimensionScore, ScoreSummary

QUESTIONNAIRES = WERKSTATT
ANSWERS = {
    "ki_genutzt": "yes",
    "ziele": "muendlich",
    "ziele_geprueft": "no",
    "plan": "ideen",
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 40,
    "ki_tools_daten": "yes",
    "ordnung": "meist",
    "schulungsbedarf": ["produktion"],
    "anmerkung": NASTY_TEXT,
}


def test_result_page_shows_numbers_levels_steps_and_legal_status(
    respondent, completed, questionnaire_of_app
) -> None:
    questionnaire = questionnaire_of_app("werkstatt")
    root = respondent.get(f"/a/{completed}/ergebnis")
    expected = score(questionnaire, ANSWERS, PROFILE)
    assert_result_page(root, expected)
    # strategie: yes 1, muendlich 1/2, no 0, ideen 1/2 → 50;
    # daten (weight 2): 2/2, 1/2, yes, meist 2/3 → 79.2
    cells = {
        row.get("data-dimension"): [c.text for c in row.find_all("td")]
        for row in root.find_all("tr")
        if row.get("data-dimension")
    }
    assert cells == {
        "strategie": ["50", "Anwender", "4 von 4"],
        "daten": ["79,2", "Anwender", "4 von 4"],
    }
    assert root.find(class_="score-number").text == "69,4"  # (50 + 2 · 79.17) / 3
    levels = root.find("dl", class_="levels").text
    assert "Einsteiger (ab 0 Punkten) Sie stehen am Anfang." in levels
    assert "Anwender (ab 50 Punkten) KI ist im Alltag angekommen." in levels
    assert root.find(class_="explanation").text.startswith(
        "So wird gerechnet: Jede Antwort zählt 0 bis 100 %"
    )
    by_area = root.find(class_="steps-by-area")
    assert [h3.text for h3 in by_area.find_all("h3")] == ["Daten"]  # the step's area
    steps = by_area.find("ul", class_="next-steps").find_all("li")
    assert [s.find("h4").text for s in steps] == ["Ablage vereinheitlichen"]
    assert steps[0].find(class_="meta").text == "Priorität: mittel"
    assert root.find(class_="legal-status").text == "Rechtsstand: 11/2026"
    assert "Produktion KI-Grundkompetenz" in root.find("dl", class_="needs").text


def test_result_page_embeds_the_radar_without_inline_script(respondent, completed) -> None:
    root = respondent.get(f"/a/{completed}/ergebnis")
    figure = json_script(root, "radar-data")
    trace = figure["data"][0]
    assert trace["type"] == "scatterpolar" and trace["r"] == [50.0, 79.2, 50.0]
    assert figure["layout"]["polar"]["radialaxis"]["range"] == [0, 100]
    assert root.find("div", data_radar="radar-data").get("role") == "img"
    scripts = root.find_all("script")
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/json"]
    sources = [s.get("src") for s in scripts if s.get("src")]
    assert (
        sources[0].startswith("/static/vendor/plotly.min.js?v=")
        and sources[1] == "/static/js/radar.js"
    )


@pytest.fixture
def make_app(app_config) -> Iterator[Callable[..., Flask]]:
    """More apps on the test's database (e.g. after a file edit); engines closed afterwards."""
    made: list[Flask] = []

    def make(**config: Any) -> Flask:
        made.append(create_app({**app_config, **config}))
        return made[-1]

    yield make
    for extra in made:
        with extra.app_context():
            db.engine.dispose()


def test_result_is_unchanged_after_the_questionnaire_file_is_edited(
    tmp_path, app, make_app
) -> None:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    shutil.copy(Path(WERKSTATT) / "werkstatt.yaml", folder / "werkstatt.yaml")
    walker = Respondent(make_app(ZZCHECK_QUESTIONNAIRES=str(folder)).test_client())
    token = walker.start("werkstatt")
    for number, page in ((1, PAGE1), (2, PAGE2)):
        walker.submit(token, number, page)
    walker.submit(token, 3, PAGE3, action="finish")
    before = walker.get(f"/a/{token}/ergebnis").find("main").text
    edited = (folder / "werkstatt.yaml").read_text(encoding="utf-8")
    edited = edited.replace("name: {de: Anwender", "name: {de: Könner")
    (folder / "werkstatt.yaml").write_text(edited.replace("score: 2}", "score: 4}"), "utf-8")
    second = make_app(ZZCHECK_QUESTIONNAIRES=str(folder))
    with second.app_context():
        assert current_registry().get("werkstatt").questionnaire.levels[1].name.de == "Könner"
    after = Respondent(second.test_client()).get(f"/a/{token}/ergebnis").find("main").text
    assert after == before and "Anwender" in after and "Könner" not in after


def test_json_download_has_answers_with_texts_and_the_result(
    respondent, completed, questionnaire_of_app
) -> None:
    response = respondent.client.get(f"/a/{completed}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert (
        disposition.startswith('attachment; filename="zzcheck-werkstatt-')
        and completed not in disposition
    )
    data = json.loads(response.data)
    answers = {a["question_id"]: a for a in data["answers"]}
    assert answers["ziele"]["question"] == "Gibt es schriftliche Ziele für den KI-Einsatz?"
    assert answers["ziele"]["answer"] == "Nur mündlich"
    assert answers["anmerkung"]["value"] == NASTY_TEXT
    assert {k: a["value"] for k, a in answers.items()} == ANSWERS
    expected = score(questionnaire_of_app("werkstatt"), ANSWERS, PROFILE).to_dict("de")
    assert data["result"]["dimensions"] == expected["dimensions"]
    assert completed not in response.get_data(as_text=True)


def test_csv_download_has_one_row_per_answer_and_score(respondent, completed) -> None:
    response = respondent.client.get(f"/a/{completed}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Art", "Kennung", "Text", "Wert"]
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["anteil_digital"][2:] == [
        "Wie viel Prozent Ihrer Aufträge kommen digital an?",
        "40 %",
    ]
    assert by_id["daten"] == ["Bereich", "daten", "Daten", "79,2"]
    assert by_id["anmerkung"][3] == NASTY_TEXT
    assert sum(row[0] == "Antwort" for row in rows) == len(ANSWERS)


def test_download_works_before_the_result_too(respondent) -> None:
    token = respondent.start("werkstatt")
    respondent.submit(token, 1, PAGE1)
    data = json.loads(respondent.client.get(f"/a/{token}/export.json").data)
    assert data["status"] == "in_progress" and data["result"] is None
    assert [a["question_id"] for a in data["answers"]] == [
        "ki_genutzt",
        "ziele",
        "ziele_geprueft",
        "plan",
    ]


def test_delete_asks_first_then_removes_everything(respondent, completed, count_rows) -> None:
    root = respondent.get(f"/a/{completed}/loeschen")
    assert root.find("h1").text == "Check wirklich löschen?"
    form = form_of(root)
    assert form.action == f"/a/{completed}/loeschen" and form.names() == ["csrf_token"]
    assert (
        count_rows(Assessment) == 1
        and count_rows(Answer) == len(ANSWERS)
        and count_rows(DimensionScore) == 2
        and count_rows(ScoreSummary) == 1
    )
    response = respondent.post(form.action, form.submit())
    assert response.status_code == 200
    assert "Ihr Check ist gelöscht" in response.get_data(as_text=True)
    stored = (Assessment, Answer, DimensionScore, ScoreSummary)
    assert [count_rows(model) for model in stored] == [0, 0, 0, 0]
    for url in (
        f"/a/{completed}",
        f"/a/{completed}/ergebnis",
        f"/a/{completed}/export.csv",
        f"/a/{completed}/loeschen",
    ):
        assert respondent.client.get(url).status_code == 404


def test_result_page_links_downloads_delete_and_the_resume_link(respondent, completed) -> None:
    root = respondent.get(f"/a/{completed}/ergebnis")
    links = [a.get("href") for a in root.find("ul", class_="actions").find_all("a")]
    assert links == [
        f"/a/{completed}/export.json",
        f"/a/{completed}/export.csv",
        f"/a/{completed}/loeschen",
    ]
    assert root.by_id("resume-url").get("href") == f"http://localhost/a/{completed}"
