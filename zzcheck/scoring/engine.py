"""Scoring one set of answers: dimension scores, levels, overall score and next steps.

This module is the contract of DESIGN.md "Scoring rules". Sums use ``math.fsum``, which is
exact before the final rounding, so the order of questions cannot change a score even in
the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from zzcheck.questionnaire.model import Dimension, Level, Question, Questionnaire
from zzcheck.scoring.answers import is_answered, visible_questions
from zzcheck.scoring.nextsteps import select_recommendations
from zzcheck.scoring.points import max_points, question_score
from zzcheck.scoring.report import display_score
from zzcheck.scoring.result import DimensionScore, Result

COVERAGE_EPSILON = 1e-9  # answered weight "at" the threshold must count as reaching it


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    profile: Mapping[str, str] | None = None,
) -> Result:
    """Score ``answers`` (question id → value, see ``answers.py``) for a company ``profile``.

    Call ``check_answers`` first: here a value that does not fit its question is simply
    left out, like an unanswered question, and answers to hidden questions are ignored.
    """
    visible = visible_questions(questionnaire, answers, profile)
    by_dimension = _question_scores(visible, answers)
    dimensions = tuple(
        _dimension(questionnaire, d, by_dimension.get(d.id, [])) for d in questionnaire.dimensions
    )
    overall = _overall(dimensions)
    return Result(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        dimensions=dimensions,
        overall=overall,
        overall_level=level_for(questionnaire.levels, overall),
        recommendations=select_recommendations(
            questionnaire, answers, visible, dimensions, profile or {}
        ),
        needs_by_group=needs_by_group(questionnaire, visible, answers),
        questionnaire=questionnaire,
    )


def level_for(levels: Sequence[Level], score: float | None) -> str | None:
    """The highest level whose ``min`` ≤ the *displayed* (rounded) score; None if unrated."""
    shown = display_score(score)
    if shown is None:
        return None
    reached = [level for level in levels if level.min <= shown]
    return max(reached, key=lambda level: level.min).id if reached else None


def _question_scores(
    visible: Sequence[Question], answers: Mapping[str, object]
) -> dict[str, list[tuple[float, float | None]]]:
    """Dimension id → (weight, s or None) of each shown, scorable question."""
    by_dimension: dict[str, list[tuple[float, float | None]]] = {}
    for question in visible:
        top = max_points(question)
        if top is not None and question.dimension is not None:
            s = question_score(question, answers.get(question.id), top)
            by_dimension.setdefault(question.dimension, []).append((question.weight, s))
    return by_dimension


def _dimension(
    questionnaire: Questionnaire,
    dimension: Dimension,
    pairs: Sequence[tuple[float, float | None]],
) -> DimensionScore:
    """Weighted mean of the answered questions, or unrated below ``min_coverage``."""
    answered = [(w, s) for w, s in pairs if s is not None]
    answered_weight = math.fsum(w for w, _ in answered)
    total_weight = math.fsum(w for w, _ in pairs)
    covered = total_weight > 0 and (
        answered_weight >= questionnaire.min_coverage * total_weight - COVERAGE_EPSILON
    )
    value = 100.0 * math.fsum(w * s for w, s in answered) / answered_weight if covered else None
    return DimensionScore(
        id=dimension.id,
        weight=dimension.weight,
        score=value,
        level=level_for(questionnaire.levels, value),
        answered=len(answered),
        total=len(pairs),
        answered_weight=answered_weight,
        total_weight=total_weight,
    )


def _overall(dimensions: Sequence[DimensionScore]) -> float | None:
    """Dimension-weighted mean of the rated dimensions; None if none is rated."""
    rated = [d for d in dimensions if d.score is not None]
    weight = math.fsum(d.weight for d in rated)
    if not rated or weight <= 0:
        return None
    return math.fsum(d.weight * d.score for d in rated if d.score is not None) / weight


def needs_by_group(
    questionnaire: Questionnaire, visible: Sequence[Question], answers: Mapping[str, object]
) -> dict[str, tuple[str, ...]]:
    """Employee group id → ids of the shown ``need_topic`` questions that chose the group.

    Every group is listed (an empty tuple: no need named), in the file's group order.
    """
    topics = [q for q in visible if q.need_topic is not None and is_answered(answers.get(q.id))]
    chosen = {q.id: answers[q.id] for q in topics}
    return {
        group.id: tuple(q.id for q in topics if _contains(chosen[q.id], group.id))
        for group in questionnaire.employee_groups
    }


def _contains(value: object, item: str) -> bool:
    return isinstance(value, list | tuple) and item in value
