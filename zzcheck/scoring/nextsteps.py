"""Which recommendations fire for a result, and in which order (DESIGN.md rule 5).

A recommendation fires when *all* its conditions hold: its dimension's level is one of
``levels`` (rated dimensions only), its ``trigger`` question is shown and answered with one
of the values (multi: any chosen), and each ``profile`` key is in the company profile with
an allowed value. Order: priority (1 first), then the dimension's gap (100 − score) × weight,
largest first (unrated or no dimension: 0), then file order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from zzcheck.questionnaire.model import (
    ProfileKey,
    Question,
    Questionnaire,
    Recommendation,
    Trigger,
)
from zzcheck.scoring.answers import is_answered
from zzcheck.scoring.result import DimensionScore, RecommendationHit


def select_recommendations(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    visible: Sequence[Question],
    dimensions: Sequence[DimensionScore],
    profile: Mapping[str, str],
) -> tuple[RecommendationHit, ...]:
    """The recommendations that fire, most urgent first."""
    by_id = {d.id: d for d in dimensions}
    visible_ids = {q.id for q in visible}
    hits = [
        _hit(questionnaire, rec, position, by_id)
        for position, rec in enumerate(questionnaire.recommendations)
        if _level_holds(rec, by_id)
        and _trigger_holds(rec.trigger, visible_ids, answers)
        and profile_matches(rec.profile, profile)
    ]
    return tuple(sorted(hits, key=lambda hit: (hit.priority, -hit.urgency, hit.position)))


def recommendation_dimension(questionnaire: Questionnaire, rec: Recommendation) -> str | None:
    """The recommendation's own dimension, else its trigger question's."""
    if rec.dimension is not None or rec.trigger is None:
        return rec.dimension
    question = questionnaire.question(rec.trigger.question)
    return question.dimension if question is not None else None


def profile_matches(limits: Mapping[ProfileKey, Sequence[str]], profile: Mapping[str, str]) -> bool:
    """Every limited key must be in the profile with an allowed value (missing → no)."""
    return all(key in profile and profile[key] in allowed for key, allowed in limits.items())


def _level_holds(rec: Recommendation, dimensions: Mapping[str, DimensionScore]) -> bool:
    if not rec.levels:
        return True
    dim = dimensions.get(rec.dimension) if rec.dimension is not None else None
    return dim is not None and dim.rated and dim.level in rec.levels


def _trigger_holds(
    trigger: Trigger | None, visible_ids: set[str], answers: Mapping[str, object]
) -> bool:
    if trigger is None:
        return True
    value = answers.get(trigger.question)
    if trigger.question not in visible_ids or not is_answered(value):
        return False
    if isinstance(value, list | tuple):
        return any(v in trigger.values for v in value)
    return isinstance(value, str) and value in trigger.values


def _hit(
    questionnaire: Questionnaire,
    rec: Recommendation,
    position: int,
    dimensions: Mapping[str, DimensionScore],
) -> RecommendationHit:
    dimension_id = recommendation_dimension(questionnaire, rec)
    dim = dimensions.get(dimension_id) if dimension_id is not None else None
    return RecommendationHit(
        id=rec.id,
        dimension=dimension_id,
        priority=rec.priority,
        urgency=dim.urgency if dim is not None else 0.0,
        position=position,
    )
