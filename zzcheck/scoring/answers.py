"""Answers to a questionnaire: checking them, and which questions are shown.

An answer value is, by question type: ``single``/``scale``/``yesno`` → an option id (yesno:
``"yes"``, ``"no"``, ``"unknown"``); ``multi`` → a list of option ids; ``number`` → int or
float; ``text`` → str. ``None``, ``""`` and ``[]`` mean "not answered".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from zzcheck.questionnaire.model import Condition, Question, Questionnaire

MAX_TEXT_LENGTH = 5000
YESNO_VALUES = ("yes", "no")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AnswerProblem:
    """One bad answer; ``code`` lets a form show its own (translated) message.

    Codes: unknown_question, wrong_type, unknown_option, out_of_range, duplicate,
    exclusive, too_long.
    """

    question_id: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.question_id}: {self.message}"


def is_answered(value: object) -> bool:
    """True unless the value is missing or empty (``None``, ``""``, ``[]``)."""
    return value is not None and value != "" and value != [] and value != ()


def offered_ids(questionnaire: Questionnaire, question: Question) -> tuple[str, ...]:
    """The answer ids a choice question accepts (need_topic: the employee groups)."""
    if question.type == "yesno":
        return YESNO_VALUES + ((UNKNOWN,) if question.allow_unknown else ())
    if question.need_topic is not None and not question.options:
        return tuple(group.id for group in questionnaire.employee_groups)
    return tuple(option.id for option in question.options)


def _matches(value: object, wanted: tuple[str, ...]) -> bool:
    """Whether an answer is one of ``wanted`` (multi: any chosen id is)."""
    if isinstance(value, list | tuple):
        return any(v in wanted for v in value)
    return isinstance(value, str) and value in wanted


def visible_questions(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    profile: Mapping[str, str] | None = None,
) -> tuple[Question, ...]:
    """The questions shown for these answers and this company profile, in file order.

    A ``show_if`` on a question holds only if that question is itself shown, answered, and
    matches; conditions may refer to earlier questions only, so one pass in file order
    decides everything (a later or unknown reference hides the question). A ``show_if`` on
    the profile holds if the profile has one of the values (no profile: hidden).
    """
    shown: list[Question] = []
    shown_ids: set[str] = set()
    for question in questionnaire.questions:
        condition = question.show_if
        if condition is None or condition_holds(condition, answers, profile or {}, shown_ids):
            shown.append(question)
            shown_ids.add(question.id)
    return tuple(shown)


def condition_holds(
    condition: Condition,
    answers: Mapping[str, object],
    profile: Mapping[str, str],
    shown_ids: set[str],
) -> bool:
    """One ``show_if``, given the ids of the questions shown so far (for callers that walk
    the questions one at a time, like the demo-data generator)."""
    if condition.profile is not None:
        return profile.get(condition.profile) in condition.values
    return condition.question in shown_ids and _matches(
        answers.get(condition.question), condition.values
    )


def required_missing(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    profile: Mapping[str, str] | None = None,
) -> list[str]:
    """Ids of shown, required questions without an answer (hidden ones are never required)."""
    return [
        q.id
        for q in visible_questions(questionnaire, answers, profile)
        if q.required and not is_answered(answers.get(q.id))
    ]


def check_answers(
    questionnaire: Questionnaire, answers: Mapping[str, object]
) -> list[AnswerProblem]:
    """One problem per bad answer, in answer order; an empty list means all are usable.

    Answers to questions that are currently hidden are not problems (the scoring ignores
    them), and a missing answer is not one either (see ``required_missing``).
    """
    by_id = {q.id: q for q in questionnaire.questions}
    problems: list[AnswerProblem] = []
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        problem: AnswerProblem | None
        if question is None:
            problem = _problem(question_id, "unknown_question", "no such question")
        elif not is_answered(value):
            continue
        else:
            problem = _CHECKS[question.type](questionnaire, question, value)
        if problem is not None:
            problems.append(problem)
    return problems


def _problem(question_id: str, code: str, message: str) -> AnswerProblem:
    return AnswerProblem(question_id, code, message)


def _check_choice(
    questionnaire: Questionnaire, question: Question, value: object
) -> AnswerProblem | None:
    offered = offered_ids(questionnaire, question)
    if not isinstance(value, str):
        return _problem(question.id, "wrong_type", f"expected one option id, got {value!r}")
    if value not in offered:
        return _problem(
            question.id, "unknown_option", f"option {value!r} not offered ({', '.join(offered)})"
        )
    return None


def _check_multi(
    questionnaire: Questionnaire, question: Question, value: object
) -> AnswerProblem | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return _problem(question.id, "wrong_type", f"expected a list of option ids, got {value!r}")
    offered = offered_ids(questionnaire, question)
    unknown = [v for v in value if v not in offered]
    if unknown:
        return _problem(question.id, "unknown_option", f"options not offered: {unknown!r}")
    if len(set(value)) != len(value):
        return _problem(question.id, "duplicate", f"option chosen twice in {list(value)!r}")
    exclusive = [o.id for o in question.options if o.exclusive and o.id in value]
    if exclusive and len(value) > 1:
        return _problem(
            question.id, "exclusive", f"{exclusive[0]!r} cannot be combined with other options"
        )
    return None


def _check_number(
    questionnaire: Questionnaire, question: Question, value: object
) -> AnswerProblem | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return _problem(question.id, "wrong_type", f"expected a number, got {value!r}")
    low = question.min if question.min is not None else -math.inf
    high = question.max if question.max is not None else math.inf
    if not low <= value <= high:
        return _problem(
            question.id, "out_of_range", f"{value!r} outside {question.min}–{question.max}"
        )
    return None


def _check_text(
    questionnaire: Questionnaire, question: Question, value: object
) -> AnswerProblem | None:
    if not isinstance(value, str):
        return _problem(question.id, "wrong_type", f"expected text, got {value!r}")
    if len(value) > MAX_TEXT_LENGTH:
        return _problem(
            question.id, "too_long", f"text has {len(value)} characters (at most {MAX_TEXT_LENGTH})"
        )
    return None


_Check = Callable[[Questionnaire, Question, object], AnswerProblem | None]
_CHECKS: Mapping[str, _Check] = {
    "single": _check_choice,
    "scale": _check_choice,
    "yesno": _check_choice,
    "multi": _check_multi,
    "number": _check_number,
    "text": _check_text,
}
