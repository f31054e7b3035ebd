"""Next steps that address the gaps between management and staff: the questionnaire's
``gap_recommendations`` whose dimension shows a gap of at least ``min_gap`` points in their
direction. The gap is compared as the page shows it (rounded to one decimal)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zzcheck.questionnaire.model import GapRecommendation, Questionnaire
from zzcheck.scoring.report import display_score


@dataclass(frozen=True)
class GapStep:
    recommendation: GapRecommendation
    gap: float  # management − employees in points, rounded as shown


def gap_steps(questionnaire: Questionnaire, gaps: Mapping[str, float | None]) -> list[GapStep]:
    """The recommendations that fire for ``gaps`` (dimension id → management − employees),
    most urgent first, then the largest gap first."""
    steps = []
    for recommendation in questionnaire.gap_recommendations:
        gap = _shown(gaps.get(recommendation.dimension))
        if gap is not None and _fires(recommendation, gap):
            steps.append(GapStep(recommendation, gap))
    return sorted(steps, key=lambda step: (step.recommendation.priority, -abs(step.gap)))


def _shown(gap: float | None) -> float | None:
    if gap is None:
        return None
    shown = display_score(abs(gap))
    assert shown is not None
    return shown if gap >= 0 else -shown


def _fires(recommendation: GapRecommendation, gap: float) -> bool:
    if recommendation.direction == "management_higher":
        return gap >= recommendation.min_gap
    return -gap >= recommendation.min_gap
