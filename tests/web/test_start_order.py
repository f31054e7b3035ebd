"""The start page (issue 14, point 8, first half): the questionnaires in the configured order
(the KI-Readiness-Check first by default), and figures computed from each questionnaire, so
that no text on the card contradicts them."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from flask import Flask
from webpage import parse

from zzcheck.questionnaire.duration import PROFILE_SECONDS, SECONDS, estimate


def cards(client: Any) -> list[tuple[str, str]]:
    """(start link, whole card text) per card, in page order."""
    root = parse(client.get("/").data)
    return [
        (card.find("a", class_="button").get("href"), card.text)
        for card in root.find_all("li", class_="card")
    ]


def test_ki_readiness_comes_first_by_default(client: Any) -> None:
    links = [link for link, _text in cards(client)]
    assert links == ["/ki-readiness/start", "/beteiligung/start", "/qualifizierung/start"]


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    order = getattr(request, "param", None)
    return {**app_config, "ZZCHECK_START_ORDER": order} if order else app_config


@pytest.mark.parametrize(
    "app_config", ["qualifizierung, gibt-es-nicht ,beteiligung"], indirect=True
)
def test_the_order_comes_from_configuration(app_config: dict[str, Any], client: Any) -> None:
    links = [link for link, _text in cards(client)]
    assert links == ["/qualifizierung/start", "/beteiligung/start", "/ki-readiness/start"]


def test_figures_are_computed_and_nothing_contradicts_them(client: Any, app: Flask) -> None:
    from zzcheck.registry import current_registry

    with app.app_context():
        loaded = {k: v.questionnaire for k, v in current_registry().questionnaires.items()}
    for link, text in cards(client):
        questionnaire = loaded[link.split("/")[1]]
        questions = questionnaire.questions
        always = sum(1 for q in questions if q.show_if is None)
        seconds = PROFILE_SECONDS + sum(SECONDS[q.type] for q in questions)
        minutes = math.ceil(seconds / 60)
        assert estimate(questionnaire).minutes == minutes
        expected = (
            f"Dauer: höchstens etwa {minutes} Minuten · {always} bis {len(questions)} Fragen"
            if always < len(questions)
            else f"Dauer: etwa {minutes} Minuten · {len(questions)} Fragen"
        )
        assert expected in text, text
        # one figure of minutes and one count on the card: the description states none
        assert re.findall(r"(\d+)\s*(?:bis \d+ )?Minuten", text) == [str(minutes)], text
        assert not re.search(r"\b(?:Rund|etwa) \d+ (?:kurze )?Fragen", text), text
        assert 5 <= minutes <= 20  # plausible for a check of about 30 short questions


def test_english_figures(client: Any) -> None:
    client.get("/sprache/en?next=/")
    root = parse(client.get("/").data)
    meta = root.find("li", class_="card").find("p", class_="meta").text
    assert re.fullmatch(
        r"Time: at most about \d+ minutes · \d+ to \d+ questions, depending on your answers", meta
    ), meta
    assert not re.search(
        r"\d+ (?:to \d+ )?minutes", root.find("li", class_="card").find_all("p")[0].text
    )
