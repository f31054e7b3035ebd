"""Where the advice differs for 1–9 staff, a firm of that size gets its own variant and never
the general step (e.g. no 'a second person also looks' for a one-person firm)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.scoring.test_step_limits import SIZES, answers_for
from zzcheck.questionnaire.loader import load_folder
from zzcheck.scoring import score, visible_questions

FOLDER = Path(__file__).resolve().parents[2] / "questionnaires"
# (questionnaire, general step, variant for 1–9, the trigger answer that fires them)
VARIANTS = [
    ("qualifizierung", "vier-augen-regel", "vier-augen-regel-klein", ("ki_pruefen", "ungeprueft"))
]


@pytest.mark.parametrize(("qid", "general", "small", "answer"), VARIANTS)
@pytest.mark.parametrize("size", SIZES)
def test_a_small_firm_gets_the_variant_and_others_the_general_step(
    qid: str, general: str, small: str, answer: tuple[str, str], size: str
) -> None:
    q = load_folder(FOLDER)[qid].questionnaire
    profile = {"industry": "C", "size": size, "state": "DE-TH", "works_council": "no"}
    for seed in range(50):  # generated answers under which the trigger question is asked
        answers = {**answers_for(q, random.Random(seed), low=False), answer[0]: answer[1]}
        shown = {question.id for question in visible_questions(q, answers, profile)}
        if answer[0] in shown:
            break
    assert answer[0] in shown
    answers = {key: value for key, value in answers.items() if key in shown}
    ids = {step.id for step in score(q, answers, profile).recommendations}
    expected, excluded = (small, general) if size == "1-9" else (general, small)
    assert expected in ids
    assert excluded not in ids


def test_the_small_firm_variant_does_without_a_second_person() -> None:
    q = load_folder(FOLDER)["qualifizierung"].questionnaire
    [general] = [rec for rec in q.recommendations if rec.id == "vier-augen-regel"]
    [small] = [rec for rec in q.recommendations if rec.id == "vier-augen-regel-klein"]
    assert "zweite Person" in general.text.de
    assert "zweite Person" not in small.text.de and "second person" not in small.text.en
    assert "Inhaber" in small.text.de and "diese Woche" in small.text.de and small.offers
