"""The language of the pages: a switch that the session remembers, else the browser's
Accept-Language, else German; questionnaires and chart labels in the chosen language; and a
questionnaire without English shown in German inside an English page, marked ``lang="de"``
(WCAG 3.1.2) – while a German page or a translated text carries no such mark."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from centrehelp import SACHSEN, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import Respondent
from webpage import Element, json_script, parse

HERE = Path(__file__).resolve().parent
FILES = (
    HERE / "questionnaires" / "werkstatt.yaml",
    HERE / "questionnaires-de" / "nur-deutsch.yaml",
)
# "don't know" twice: the area "Strategie & Ziele" is not rated, "Daten" is
UNRATED_STRATEGY = {
    "ki_genutzt": "unknown",
    "plan": "weiss_nicht",
    "datenquellen": ["auftraege"],
    "ordnung": "nie",
}


@pytest.fixture
def app_config(app_config: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """The web tests' questionnaire and one without any English text."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    for file in FILES:
        shutil.copy(file, folder / file.name)
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(folder)}


def lang_of(client: FlaskClient, url: str, **headers: str) -> str:
    root = parse(client.get(url, headers=headers).data)
    return root.find("html").get("lang") or ""  # type: ignore[union-attr]


def test_the_switch_is_remembered_across_pages(client: FlaskClient) -> None:
    response = client.get("/sprache/en?next=/datenschutz")
    assert response.status_code == 302 and response.headers["Location"] == "/datenschutz"
    english = {url: lang_of(client, url) for url in ("/", "/datenschutz", "/leichte-sprache")}
    assert english == dict.fromkeys(english, "en")
    assert lang_of(client, "/login", **{"Accept-Language": "de-DE"}) == "en"  # choice wins
    client.get("/sprache/de?next=/")
    assert lang_of(client, "/", **{"Accept-Language": "en-US"}) == "de"
    assert client.get("/sprache/fr?next=/").status_code == 404


@pytest.mark.parametrize(
    ("header", "lang"),
    [("en-US", "en"), ("en-GB,en;q=0.9", "en"), ("fr", "de"), ("fr-FR,en;q=0.5", "en"),
     ("de-CH", "de"), ("", "de")],
)  # fmt: skip
def test_without_a_choice_accept_language_decides(app: Flask, header: str, lang: str) -> None:
    headers = {"Accept-Language": header} if header else {}
    assert lang_of(app.test_client(), "/", **headers) == lang


def test_questionnaires_are_shown_in_the_chosen_language(client: FlaskClient) -> None:
    client.get("/sprache/en?next=/")
    start = parse(client.get("/").data)
    assert "Workshop check" in [h3.text for h3 in start.find_all("h3")]
    respondent = Respondent(client)
    token = respondent.start("werkstatt")
    page = parse(client.get(f"/a/{token}/1").data)
    legend = page.find("fieldset").find("legend")  # type: ignore[union-attr]
    assert legend is not None and legend.text.startswith("Does your company use AI tools yet?")
    labels = [label.text for label in page.find_all("label")]
    assert {"Yes", "No", "Only spoken", "First ideas"} <= set(labels)
    assert page.find("h1").text == "Getting started"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", ("Strategie & Ziele", "von 100 Punkten", "zu wenige Antworten", "Einsteiger", ",.")),
     ("en", ("Strategy & goals", "of 100 points", "not enough answers", "Beginner", ".,"))],
)  # fmt: skip
def test_chart_labels_follow_the_language(
    app: Flask, client: FlaskClient, lang: str, expected: tuple[str, ...]
) -> None:
    title, of_100, not_rated, level, separators = expected
    client.get(f"/sprache/{lang}?next=/")
    _id, token = completed(app, UNRATED_STRATEGY)
    root = parse(client.get(f"/a/{token}/ergebnis").data)
    figure = json_script(root, "radar-data")
    trace = figure["data"][0]
    assert trace["theta"][0].startswith(title.replace("& ", "&amp;<br>"))
    assert trace["theta"][0].replace("<br>", " ").endswith(f"({not_rated})")  # not rated
    assert of_100 in trace["hovertemplate"]
    assert trace["customdata"][1][1] == level  # the hover label's level name ("Daten")
    assert figure["layout"]["separators"] == separators


def marked(root: Element, lang: str) -> list[str]:
    """The texts of the elements inside <main> that carry ``lang``."""
    main = root.find("main")
    assert main is not None
    return [e.text for e in main.iter() if e.get("lang") == lang]


def test_german_text_in_an_english_page_is_marked_german(app: Flask, client: FlaskClient) -> None:
    client.get("/sprache/en?next=/")
    start = parse(client.get("/").data)
    assert marked(start, "de") == ["Nur-Deutsch-Check", "Ein Fragebogen ohne englische Texte."]
    token = Respondent(client).start("nur-deutsch")
    page = parse(client.get(f"/a/{token}/1").data)
    german = marked(page, "de")
    assert german[:3] == ["Nur-Deutsch-Check", "Einstieg", "Zuerst zum Stand der Dinge."]
    assert {"Nutzt Ihr Betrieb schon KI-Werkzeuge?", "Auch Chat-Assistenten zählen."} <= set(german)
    assert {"Kein Plan", "Konkret", "Aufträge", "Lagerbestand", "Prozent"} <= set(german)
    assert "Yes" not in german and "No" not in german  # the app's own yes/no are English
    _id, done = completed(app, {"ki_genutzt": "no", "plan": "kein"}, questionnaire_id="nur-deutsch")
    result = parse(client.get(f"/a/{done}/ergebnis").data)
    assert {"Nur-Deutsch-Check", "Strategie", "Daten", "Werkzeuge erfassen"} <= set(
        marked(result, "de")
    )
    assert marked(result, "en") == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_translated_questionnaire_carries_no_language_marks(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    client.get(f"/sprache/{lang}?next=/")
    token = Respondent(client).start("werkstatt")
    _id, done = completed(app, UNRATED_STRATEGY)
    pages = [f"/a/{token}/{n}" for n in (1, 2, 3)] + [f"/a/{done}/ergebnis"]
    for url in pages:
        root = parse(client.get(url).data)
        assert [e.get("lang") for e in root.find("main").iter() if e.get("lang")] == [], url  # type: ignore[union-attr]


def test_consultant_pages_mark_german_questionnaire_text_on_english_pages(
    app: Flask, consultant: FlaskClient
) -> None:
    consultant.get("/sprache/en?next=/")
    client_id = new_client(app, SACHSEN, "Formenbau Ost")
    answers = {"nur-deutsch": {"ki_genutzt": "no", "plan": "kein"}, "werkstatt": UNRATED_STRATEGY}
    shares = [
        shared(app, completed(app, answers[qid], questionnaire_id=qid)[0], client_id=client_id)
        for qid in ("nur-deutsch", "nur-deutsch", "werkstatt")
    ]
    share_page = parse(consultant.get(f"/berater/freigaben/{shares[0]}").data)
    assert {"Nur-Deutsch-Check", "Strategie", "Daten", "Werkzeuge erfassen"} <= set(
        marked(share_page, "de")
    )
    url = f"/berater/kunden/{client_id}/vergleich?a={shares[1]}&b={shares[0]}"
    comparison = parse(consultant.get(url).data)
    assert {"Nur-Deutsch-Check", "Strategie", "Daten"} <= set(marked(comparison, "de"))
    translated = parse(consultant.get(f"/berater/freigaben/{shares[2]}").data)
    assert marked(translated, "de") == []
