"""The whole respondent journey through the test client, for every shipped questionnaire:
profile → each page → "Auswerten" → the result page shows exactly the engine's numbers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from journeyhelp import PROFILE, Respondent, as_answer, choose, question_of
from resultcheck import assert_result_page

from zzcheck.questionnaire.loader import questionnaire_files
from zzcheck.scoring import score

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [path.stem for path in questionnaire_files(ROOT / "questionnaires")]


def answer_all_pages(respondent: Respondent, questionnaire, token: str, seed: str) -> dict:
    """Answer every shown question on every page; returns the answers as stored values."""
    rng = random.Random(seed)
    submitted: dict = {}
    total = len(questionnaire.sections)
    for number in range(1, total + 1):
        root, form = respondent.page(token, number)
        assert root.find("label", for_="fortschritt").text == f"Abschnitt {number} von {total}"
        assert root.find("progress").get("value") == str(number)
        chosen = choose(questionnaire, form, rng)
        response = respondent.post(
            f"/a/{token}/{number}", form.submit(chosen, "finish" if number == total else "next")
        )
        assert response.status_code == 303, response.data.decode()[:2000]
        for name, value in chosen.items():
            question = question_of(questionnaire, name)
            submitted[question.id] = as_answer(question, value)
    assert response.headers["Location"] == f"/a/{token}/ergebnis"
    return submitted


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_journey_shows_the_engine_result(
    respondent, questionnaire_of_app, questionnaire_id
) -> None:
    questionnaire = questionnaire_of_app(questionnaire_id)
    token = respondent.start(questionnaire_id)
    submitted = answer_all_pages(respondent, questionnaire, token, questionnaire_id)
    root = respondent.get(f"/a/{token}/ergebnis")
    result = score(questionnaire, submitted, PROFILE)
    assert len(result.dimensions) == len(questionnaire.dimensions)
    assert_result_page(root, result)
    assert (
        questionnaire.legal_status.removeprefix("Rechtsstand ")
        in root.find(class_="legal-status").text
    )


def test_shipped_questionnaires_are_found() -> None:
    assert {"ki-readiness", "beteiligung", "qualifizierung"} <= set(SHIPPED)
