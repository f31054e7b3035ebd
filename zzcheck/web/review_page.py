"""The summary of all answers before "Auswerten" (the owner's check, ``/a/<token>/pruefen``).

After the last page the owner sees every question that applies to them, by section, with the
chosen answer's label(s) or "nicht beantwortet", and a link back to each question. Hidden
questions (``show_if`` not met, by answer or company profile) are not listed. "Auswerten"
here completes the check with the same rules as before: a required answer still missing
sends the owner to that question with a message, and nothing is completed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from flask_babel import format_decimal
from werkzeug.wrappers import Response

from zzcheck.extensions import db
from zzcheck.i18n import select_locale
from zzcheck.questionnaire.model import Question, Questionnaire, Section
from zzcheck.scoring import is_answered, visible_questions
from zzcheck.storage.assessments import answers_of, complete_assessment, questionnaire_of
from zzcheck.storage.errors import MissingAnswers
from zzcheck.storage.models import Assessment
from zzcheck.web.fields import choices_of
from zzcheck.web.journey import page_of
from zzcheck.web.translate import _


@dataclass(frozen=True)
class ReviewedAnswer:
    """One shown question with its answer as the owner reads it (empty: not answered)."""

    question: Question
    answer: tuple[str, ...]  # the label(s) or the typed value; () when not answered
    page: int  # the 1-based page that asks it


@dataclass(frozen=True)
class ReviewedSection:
    section: Section
    number: int
    answers: tuple[ReviewedAnswer, ...]


def answer_texts(
    questionnaire: Questionnaire, question: Question, value: object, lang: str
) -> tuple[str, ...]:
    """A stored answer as the page showed it: option labels, a number with its unit, text."""
    if not is_answered(value):
        return ()
    if question.type in ("single", "scale", "yesno", "multi"):
        labels = dict(choices_of(questionnaire, question, lang))
        chosen = value if isinstance(value, list | tuple) else [value]
        return tuple(labels.get(str(item), str(item)) for item in chosen)
    if question.type == "number" and isinstance(value, int | float):
        unit = question.unit.get(lang) if question.unit else ""
        return (f"{format_decimal(value)} {unit}".strip(),)
    return (str(value),)


def review_sections(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    profile: Mapping[str, str],
    lang: str,
) -> list[ReviewedSection]:
    """The sections with at least one shown question, each with its shown questions."""
    shown = {q.id for q in visible_questions(questionnaire, answers, profile)}
    result = []
    for number, section in enumerate(questionnaire.sections, start=1):
        rows = tuple(
            ReviewedAnswer(q, answer_texts(questionnaire, q, answers.get(q.id), lang), number)
            for q in section.questions
            if q.id in shown
        )
        if rows:
            result.append(ReviewedSection(section, number, rows))
    return result


def show(assessment: Assessment, token: str) -> str:
    """GET: all answers by section, each with a link back to change it."""
    questionnaire = questionnaire_of(assessment)
    lang = select_locale()
    sections = review_sections(questionnaire, answers_of(assessment), assessment.profile, lang)
    return render_template(
        "respondent/review.html",
        token=token,
        questionnaire=questionnaire,
        sections=sections,
        lang=lang,
    )


def complete(assessment: Assessment, token: str) -> Response:
    """POST "Auswerten": complete the check, or lead to the first missing required answer."""
    try:
        complete_assessment(db.session, assessment)
    except MissingAnswers as missing:
        db.session.rollback()
        return _to_missing(assessment, token, missing.question_ids)
    db.session.commit()
    return redirect(url_for("respondent.result", token=token), 303)


def _to_missing(assessment: Assessment, token: str, question_ids: list[str]) -> Response:
    flash(_("Es fehlen noch Antworten auf Pflichtfragen. Bitte ergänzen Sie diese Seite."), "error")
    questionnaire = questionnaire_of(assessment)
    first = question_ids[0] if question_ids else ""
    number = page_of(questionnaire, first)
    anchor = f"frage-{first}" if first else None
    return redirect(url_for("respondent.section", token=token, number=number, _anchor=anchor), 303)
