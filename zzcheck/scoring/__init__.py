"""Scoring: (questionnaire, answers) → dimension scores, levels and next steps.

Plain Python (no Flask, no SQL); the rules are DESIGN.md "Scoring rules".
"""

from zzcheck.scoring.answers import (
    AnswerProblem,
    check_answers,
    is_answered,
    required_missing,
    visible_questions,
)
from zzcheck.scoring.engine import score
from zzcheck.scoring.report import SCORING_EXPLANATION, display_score, scoring_explanation
from zzcheck.scoring.result import DimensionScore, RecommendationHit, Result

__all__ = [
    "SCORING_EXPLANATION",
    "AnswerProblem",
    "DimensionScore",
    "RecommendationHit",
    "Result",
    "check_answers",
    "display_score",
    "is_answered",
    "required_missing",
    "score",
    "scoring_explanation",
    "visible_questions",
]
