"""Plausible, correlated answers for demo data.

Each company has a latent maturity; each dimension shifts it a little (a firm can be good
at data and weak at training). Every question then takes the option whose score lies near
that target, with noise, so dimensions correlate without being identical. Conditions
(``show_if``) are respected, and some answers are "weiß nicht".
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring.answers import condition_holds, offered_ids
from zzcheck.scoring.points import question_score

DIMENSION_SPREAD = 0.6  # sd of a dimension's offset from the company's maturity (logit)
QUESTION_NOISE = 0.12  # sd of a question's target around its dimension's (0–1 scale)
CHOICE_WIDTH = 0.18  # how sharply an option near the target is preferred
SKIP_OPTIONAL = 0.03  # optional questions left unanswered
TEXT_ANSWERS = (
    "Wir möchten zuerst die Angebotserstellung vereinfachen.",
    "Unsere Beschäftigten wünschen sich mehr Zeit zum Ausprobieren.",
    "Datenschutz ist für uns die größte offene Frage.",
    "Uns fehlt jemand, der sich um das Thema kümmert.",
)


@dataclass(frozen=True)
class Choice:
    """An answer value and its score in [0, 1] (None: "weiß nicht", not scored)."""

    value: object
    score: float | None


class AnswerModel:
    """Draws answer sets for one questionnaire; the per-question options are prepared once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.choices = {q.id: _choices(questionnaire, q) for q in questionnaire.questions}

    def answers(
        self, rng: random.Random, maturity: float, profile: Mapping[str, str]
    ) -> dict[str, object]:
        """One company's answers, in file order, only to the questions shown to it."""
        offsets = {d.id: rng.gauss(0, DIMENSION_SPREAD) for d in self.questionnaire.dimensions}
        answers: dict[str, object] = {}
        shown: set[str] = set()
        for question in self.questionnaire.questions:
            condition = question.show_if
            if condition and not condition_holds(condition, answers, profile, shown):
                continue
            shown.add(question.id)
            target = _sigmoid(maturity + offsets.get(question.dimension or "", 0.0))
            value = self._answer(rng, question, target)
            if value is not None:
                answers[question.id] = value
        return answers

    def _answer(self, rng: random.Random, question: Question, target: float) -> object | None:
        """An answer, or None for "left empty" (never for a required question)."""
        if not question.required and rng.random() < SKIP_OPTIONAL:
            return None
        choices = self.choices[question.id]
        if question.type == "text":
            wanted = question.required or rng.random() < 0.1
            return rng.choice(TEXT_ANSWERS) if wanted else None
        if question.type == "multi":
            picked = _multi(rng, question, choices, target)
            return [str(rng.choice(choices).value)] if not picked and question.required else picked
        if question.type == "number" and not question.score_bands:
            return _free_number(rng, question)
        return _single(rng, choices, target)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _choices(questionnaire: Questionnaire, question: Question) -> list[Choice]:
    """The possible answers of a choice or banded number question, with their scores."""
    if question.type == "number":
        values: list[object] = [_band_value(question, i) for i in range(len(question.score_bands))]
    else:
        values = list(offered_ids(questionnaire, question))
    wrap = question.type == "multi"
    return [Choice(v, question_score(question, [v] if wrap else v)) for v in values]


def _unknown_rate(target: float) -> float:
    """Less mature firms say "weiß nicht" more often (4–10 %)."""
    return 0.04 + 0.06 * (1.0 - target)


def _near(rng: random.Random, choices: Sequence[Choice], target: float) -> Choice:
    """A scored choice, preferring scores near a noisy ``target``."""
    aim = min(1.0, max(0.0, rng.gauss(target, QUESTION_NOISE)))
    weights = [math.exp(-((((c.score or 0.0) - aim) / CHOICE_WIDTH) ** 2) / 2) for c in choices]
    return rng.choices(choices, weights=weights)[0]


def _single(rng: random.Random, choices: Sequence[Choice], target: float) -> object:
    scored = [c for c in choices if c.score is not None]
    unknown = [c for c in choices if c.score is None]
    if not scored or (unknown and rng.random() < _unknown_rate(target)):
        return rng.choice(unknown).value if unknown else None
    return _near(rng, scored, target).value


def _multi(
    rng: random.Random, question: Question, choices: Sequence[Choice], target: float
) -> list[str] | None:
    """Positive options are ticked with probability ≈ target; else an exclusive "none"."""
    exclusive = {o.id for o in question.options if o.exclusive}
    regular = [c for c in choices if c.value not in exclusive]
    if all(c.score is None for c in regular):  # unscored, e.g. training needs by group
        rate = 0.15 + 0.5 * (1 - target) if question.need_topic is not None else 0.3
        picked = [str(c.value) for c in regular if rng.random() < rate]
    else:
        scored = [c for c in regular if c.score is not None]
        picked = [str(c.value) for c in scored if rng.random() < _tick_rate(c.score or 0.0, target)]
    if picked:
        return picked
    fallback = [c for c in choices if c.value in exclusive]
    none_of_these = [c for c in fallback if c.score is not None] or fallback
    return [str(none_of_these[0].value)] if none_of_these else None


def _tick_rate(score: float, target: float) -> float:
    return min(0.95, max(0.03, target if score > 0 else 0.3 * (1 - target)))


def _band_value(question: Question, index: int) -> float | int:
    """A typical value inside score band ``index``, within the question's min and max."""
    bands = sorted(question.score_bands, key=lambda band: band.min)
    low = bands[index].min
    high = bands[index + 1].min if index + 1 < len(bands) else low + max(10.0, abs(low))
    value: float | int = low + (high - low) / 3
    bounds = [low, high, question.min or 0, question.max or 0]
    if all(float(b).is_integer() for b in bounds):
        value = math.floor(value)
    if question.min is not None:
        value = max(value, question.min)
    if question.max is not None:
        value = min(value, question.max)
    return value


def _free_number(rng: random.Random, question: Question) -> int:
    low = int(question.min) if question.min is not None else 0
    high = int(question.max) if question.max is not None else low + 50
    return rng.randint(low, max(low, high))
