"""Which recommendations fire for a result, and in which order (DESIGN.md rule 5).

A recommendation fires when *all* its conditions hold: its dimension's level is one of
``levels`` (rated dimensions only), its ``trigger`` question is shown and answered with one
of the values (multi: any chosen), and each ``profile`` key is in the company profile with
an allowed value. Order: priority (1 first), then the dimension's gap (100 − score) × weight,
largest first (unrated or no dimension: 0), then file order.

Of the steps that fire, one that another fired step ``replaces`` is left out (the other says
it in full); a step that comes ``before`` others (e.g. it names the person they address) is
moved directly before the first of them and takes its priority; and at most ``MAX_STEPS`` are shown. The owner's *first three steps* are chosen
from that ranked list by one rule: the highest-ranked step of each kind, where the duty must
be of priority 1 (a duty that must not wait): one ``quick_win``, one ``duty``, one
``people`` step, fewer when a kind has none. They are always among the steps shown.

Nobody does more than three things at once: at most ``MAX_URGENT`` steps keep priority 1 (a
first step of priority 1, then the best-ranked); further ones are shown with priority 2, in
their place right after them. The questionnaires mark priority 1 sparingly (legal duties in
force); this only bounds a firm that misses several of them at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from zzcheck.questionnaire.model import (
    ProfileKey,
    Question,
    Questionnaire,
    Recommendation,
    Trigger,
)
from zzcheck.scoring.answers import is_answered
from zzcheck.scoring.result import DimensionScore, RecommendationHit

MAX_STEPS = 12
MAX_URGENT = 3
FIRST_STEP_KINDS = ("quick_win", "duty", "people")


def select_recommendations(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    visible: Sequence[Question],
    dimensions: Sequence[DimensionScore],
    profile: Mapping[str, str],
) -> tuple[RecommendationHit, ...]:
    """The recommendations shown, most urgent first (the first three steps marked)."""
    by_id = {d.id: d for d in dimensions}
    visible_ids = {q.id for q in visible}
    fired = [
        (rec, position)
        for position, rec in enumerate(questionnaire.recommendations)
        if _level_holds(rec, by_id)
        and _trigger_holds(rec.trigger, visible_ids, answers)
        and profile_matches(rec.profile, profile)
    ]
    replaced = {other for rec, _ in fired for other in rec.replaces}
    hits = [_hit(questionnaire, rec, position, by_id) for rec, position in fired]
    ranked = _before_first_needed(
        sorted(
            (hit for hit in hits if hit.id not in replaced),
            key=lambda hit: (hit.priority, -hit.urgency, hit.position),
        ),
        {rec.id: rec.before for rec, _ in fired},
    )
    first = _first_steps(ranked)
    return _shown(_at_most_urgent(ranked, first), first)


def _before_first_needed(
    ranked: Sequence[RecommendationHit], before: Mapping[str, Sequence[str]]
) -> list[RecommendationHit]:
    """Each step with ``before`` moved directly in front of the first shown step it names,
    with that step's priority (so priorities still run 1, 2, 3 down the list)."""
    order = list(ranked)
    for hit in ranked:
        ids = [h.id for h in order]
        here = ids.index(hit.id)
        targets = [ids.index(rid) for rid in before.get(hit.id, ()) if rid in ids]
        if targets and min(targets) < here:
            there = min(targets)
            moved = replace(order.pop(here), priority=min(hit.priority, order[there].priority))
            order.insert(there, moved)
    return order


def _at_most_urgent(
    ranked: Sequence[RecommendationHit], first: set[str]
) -> list[RecommendationHit]:
    """Priority 1 for the first steps of priority 1 and the best-ranked others, at most
    ``MAX_URGENT`` in all; the rest of priority 1 become priority 2 (order unchanged)."""
    urgent = [hit.id for hit in ranked if hit.priority == 1]
    keep = [rid for rid in urgent if rid in first]
    keep += [rid for rid in urgent if rid not in first][: max(MAX_URGENT - len(keep), 0)]
    return [
        replace(hit, priority=2) if hit.priority == 1 and hit.id not in keep else hit
        for hit in ranked
    ]


def _first_steps(ranked: Sequence[RecommendationHit]) -> set[str]:
    """The ids of the first three steps: the highest-ranked of each kind (a duty only of
    priority 1)."""
    first: dict[str, str] = {}
    for hit in ranked:
        eligible = hit.kind in FIRST_STEP_KINDS and (hit.kind != "duty" or hit.priority == 1)
        if eligible and hit.kind not in first:
            first[str(hit.kind)] = hit.id
    return set(first.values())


def _shown(ranked: Sequence[RecommendationHit], first: set[str]) -> tuple[RecommendationHit, ...]:
    """At most ``MAX_STEPS`` in rank order: the first steps, and the best-ranked others."""
    others = [hit.id for hit in ranked if hit.id not in first][: MAX_STEPS - len(first)]
    keep = first | set(others)
    return tuple(replace(hit, first=hit.id in first) for hit in ranked if hit.id in keep)


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
        kind=rec.kind,
    )
