"""The answers the server tests send to the test questionnaire ``werkstatt`` and how to read
back what was stored (straight from the database, by resume token)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from zzcheck.storage.assessments import hash_token
from zzcheck.storage.models import Answer, Assessment

PLANS = ["kein", "ideen", "konkret", "weiss_nicht"]
PAGE2 = {
    "q_datenquellen": ["auftraege", "lager"],
    "q_anteil_digital": "40",
    "q_ki_tools_daten": "yes",
}
STORED_PAGE2 = {
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 40,
    "ki_tools_daten": "yes",
}
PAGE3 = {"q_ordnung": "meist", "q_schulungsbedarf": ["produktion"], "q_anmerkung": "Danke <b>!</b>"}


def page1(n: int) -> dict[str, str]:
    """Respondent ``n``'s answers to page 1 (they differ, so mixed-up rows would show)."""
    return {
        "q_ki_genutzt": "yes",
        "q_ziele": "schriftlich" if n % 2 else "muendlich",
        "q_ziele_geprueft": "no",
        "q_plan": PLANS[n % len(PLANS)],
    }


def stored_page1(n: int) -> dict[str, object]:
    """``page1(n)`` as the database stores it."""
    return {name.removeprefix("q_"): value for name, value in page1(n).items()}


def stored_answers(engine: Engine, tokens: list[str]) -> dict[str, dict[str, Any]]:
    """token → {question id: value}; fails if any answer is stored twice."""
    by_hash = {hash_token(token): token for token in tokens}
    query = (
        select(Assessment.token_hash, Answer.question_id, Answer.value)
        .join(Answer, Answer.assessment_id == Assessment.id)
        .where(Assessment.token_hash.in_(by_hash))
    )
    found: dict[str, dict[str, Any]] = {token: {} for token in tokens}
    with Session(engine) as session:
        for token_hash, question_id, value in session.execute(query):
            answers = found[by_hash[token_hash]]
            assert question_id not in answers, "an answer stored twice"
            answers[question_id] = value
    return found
