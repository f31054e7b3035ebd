"""The result as JSON: localized, rounded once, byte-identical for the same answers."""

from __future__ import annotations

import json

import pytest

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring import SCORING_EXPLANATION, display_score, score, scoring_explanation

ANSWERS = {
    "ki_nutzung": "teils", "ki_tools": ["chat", "analyse"], "ziele": "teils",
    "datenqualitaet": "mittel", "datensilos": "oft", "anzahl_nutzende": 7,
    "sorgen": "yes", "lernzeit": "yes", "lernzeit_umfang": "viel", "ki_inventar": "nein",
    "bedarf_grundlagen": ["leitung", "it"], "bedarf_datenschutz": ["it"],
}  # fmt: skip
PROFILE = {"works_council": "yes", "size": "1-9"}


def test_to_dict_in_english(rich: Questionnaire) -> None:
    data = score(rich, ANSWERS, PROFILE).to_dict("en")
    assert data["questionnaire"] == {
        "id": "rich", "version": "1.0", "title": "Test questionnaire", "legal_status": "11/2026"
    }  # fmt: skip
    assert data["overall"]["score"] == 47.8  # (2·62.5 + 38.89 + 75 + 0) / 5
    assert data["overall"]["level"]["name"] == "User"
    daten = data["dimensions"][1]
    assert daten == {
        "id": "daten", "title": "Data", "weight": 1.0, "score": 38.9, "rated": True,
        "level": {
            "id": "entdecker", "min": 20.0, "name": "Explorer", "description": "First trials"
        },
        "answered": 3, "total": 3,
    }  # fmt: skip
    # priority 1: ki-inventar (recht 0 → gap 100) before daten-start (gap 61.1);
    # priority 2: betriebsvereinbarung and chat-regeln (both strategie) in file order;
    # priority 3: kleine-firma
    assert [r["id"] for r in data["recommendations"]] == [
        "ki-inventar", "daten-start", "betriebsvereinbarung", "chat-regeln", "kleine-firma"
    ]  # fmt: skip
    assert data["recommendations"][0]["dimension"] == {"id": "recht", "title": "Law"}
    assert data["explanation"] == SCORING_EXPLANATION["en"]


def test_to_dict_in_german_with_offers(rich: Questionnaire) -> None:
    data = score(rich, {"ki_nutzung": "nein", "ziele": "wenig"}).to_dict("de")
    # strategie: ki_nutzung 0 (w1), ziele 1/4 (w2) → 2·0.25 / 3 = 16.7 → Einsteiger
    strategie = data["dimensions"][0]
    assert (strategie["title"], strategie["score"], strategie["level"]["name"]) == (
        "Strategie",
        16.7,
        "Einsteiger",
    )
    first = data["recommendations"][0]
    assert (first["id"], first["title"], first["offers"]) == (
        "strategie-start",
        "Ziele festlegen",
        ["Regionales Zukunftszentrum"],
    )
    assert data["overall"]["score"] == 16.7  # the only rated dimension
    assert data["explanation"].startswith("Jede Antwort zählt 0 bis 100 %")


def test_unrated_dimension_in_dict(rich: Questionnaire) -> None:
    data = score(rich, {}).to_dict()
    assert data["overall"] == {"score": None, "rated": False, "level": None}
    assert data["dimensions"][0]["score"] is None and data["dimensions"][0]["level"] is None


def test_needs_by_group_lists_every_group_and_its_topics(rich: Questionnaire) -> None:
    result = score(rich, ANSWERS)
    assert result.needs_by_group == {
        "leitung": ("bedarf_grundlagen",),
        "buero": (),
        "produktion": (),
        "it": ("bedarf_grundlagen", "bedarf_datenschutz"),
    }
    needs = result.to_dict("de")["needs_by_group"]
    assert needs[3] == {
        "group": "it",
        "label": "IT",
        "topics": [
            {"question": "bedarf_grundlagen", "topic": "KI-Grundlagen"},
            {"question": "bedarf_datenschutz", "topic": "Datenschutz bei KI"},
        ],
    }


def test_needs_of_hidden_question_are_left_out(rich: Questionnaire) -> None:
    result = score(rich, {**ANSWERS, "ki_nutzung": "nein"})  # hides bedarf_datenschutz
    assert result.needs_by_group["it"] == ("bedarf_grundlagen",)


def test_same_answers_give_byte_identical_json(rich: Questionnaire) -> None:
    first = json.dumps(score(rich, ANSWERS, PROFILE).to_dict("de"), sort_keys=True)
    shuffled = dict(reversed(list(ANSWERS.items())))
    again = json.dumps(score(rich, shuffled, dict(PROFILE)).to_dict("de"), sort_keys=True)
    assert first == again


def test_unsupported_language_is_an_error(rich: Questionnaire) -> None:
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        score(rich, {}).to_dict("fr")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, None),
        (0.0, 0.0),
        (0.05, 0.1),
        (2.25, 2.3),
        (19.94, 19.9),
        (59.95, 60.0),
        (100.0, 100.0),
    ],
)
def test_display_score_rounds_halves_up(value: float | None, shown: float | None) -> None:
    assert display_score(value) == shown


def test_explanation_falls_back_to_german() -> None:
    assert scoring_explanation("fr") == scoring_explanation("de") != scoring_explanation("en")
