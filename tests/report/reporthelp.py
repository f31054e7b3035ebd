"""Helpers of the report tests (also used by the print test in ``tests/browser/``): complete
an assessment through the storage services with answers generated from the questionnaire,
and read a PDF back with pypdf.

Answers are generated (seeded), so a test states what it checks, not a list of answers that
would break with each edit of a shipped questionnaire.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from pypdf import PdfReader

from zzcheck.extensions import db
from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.registry import current_registry
from zzcheck.scoring import visible_questions
from zzcheck.scoring.answers import offered_ids
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment

HOSTILE = str(Path(__file__).resolve().parent / "questionnaires")  # markup in titles
PROFILE = {
    "industry": "C",
    "size": "10-49",
    "state": "DE-SN",
    "works_council": "no",
    "role": "owner",
}
COMPLETED_AT = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)  # 6 March in Germany


def generated_answers(
    questionnaire: Questionnaire, seed: int, skip: Callable[[Question], bool] = lambda q: False
) -> dict[str, object]:
    """A valid answer to every shown question (but those ``skip`` names), from ``seed``."""
    rng = random.Random(seed)
    answers = {q.id: _value(questionnaire, q, rng) for q in questionnaire.questions if not skip(q)}
    shown = {q.id for q in visible_questions(questionnaire, answers, PROFILE)}
    return {qid: value for qid, value in answers.items() if qid in shown}


def _value(questionnaire: Questionnaire, question: Question, rng: random.Random) -> object:
    if question.type in ("single", "scale", "yesno"):
        return rng.choice(offered_ids(questionnaire, question))
    if question.type == "multi":
        plain = [i for i in offered_ids(questionnaire, question) if not _exclusive(question, i)]
        return sorted(rng.sample(plain, rng.randint(1, len(plain))))
    if question.type == "number":
        low = int(question.min or 0)
        return rng.randint(low, int(question.max) if question.max is not None else low + 100)
    return "Mehr Schulung, bitte."


def _exclusive(question: Question, option_id: str) -> bool:
    return any(o.id == option_id and o.exclusive for o in question.options)


def completed_assessment(
    app: Flask, questionnaire_id: str, seed: int = 1, answers: Mapping[str, object] | None = None
) -> str:
    """The token of an assessment completed at ``COMPLETED_AT`` (``answers`` replace the
    generated ones)."""
    with app.app_context():
        loaded = current_registry().get(questionnaire_id)
        assert loaded is not None, questionnaire_id
        given = generated_answers(loaded.questionnaire, seed) if answers is None else answers
        assessment, token = start_assessment(db.session, loaded, PROFILE)
        save_page(
            db.session, assessment, given, [], next_section=len(loaded.questionnaire.sections)
        )
        complete_assessment(db.session, assessment)
        assessment.completed_at = COMPLETED_AT
        db.session.commit()
        return token


def pdf_text(data: bytes) -> str:
    """All pages' text, whitespace collapsed (line breaks in a table cell become spaces)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in millimetres."""
    reader = PdfReader(io.BytesIO(data))
    return [
        (float(p.mediabox.width) * 25.4 / 72, float(p.mediabox.height) * 25.4 / 72)
        for p in reader.pages
    ]
