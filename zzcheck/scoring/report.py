"""Presenting a result: the JSON-ready dict, score rounding and the scoring explanation.

Only rounded scores leave this module, and every list has a fixed order, so the same
answers always give byte-identical ``json.dumps(result.to_dict(), sort_keys=True)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from zzcheck.questionnaire.model import Level, Questionnaire, Text

if TYPE_CHECKING:
    from zzcheck.scoring.result import DimensionScore, RecommendationHit, Result

LANGUAGES = ("de", "en")

SCORING_EXPLANATION: Mapping[str, str] = {
    "de": (
        "Jede Antwort zählt 0 bis 100 % der möglichen Punkte ihrer Frage, jeder Bereich "
        "erhält den gewichteten Durchschnitt seiner beantworteten Fragen (0 bis 100 Punkte), "
        "„weiß nicht“ zählt nicht mit, ein Bereich mit zu wenigen Antworten wird nicht "
        "bewertet, und der Gesamtwert ist der gewichtete Durchschnitt der bewerteten Bereiche."
    ),
    "en": (
        "Each answer counts 0 to 100 % of its question's possible points, each area gets the "
        "weighted average of its answered questions (0 to 100 points), “don't know” is left "
        "out, an area with too few answers is not rated, and the overall score is the "
        "weighted average of the rated areas."
    ),
}


def scoring_explanation(lang: str = "de") -> str:
    """The one-sentence explanation of the scoring for the result page."""
    return SCORING_EXPLANATION["en" if lang == "en" else "de"]


def display_score(score: float | None) -> float | None:
    """Round a 0–100 score to one decimal, halves up (not Python's round-half-even)."""
    if score is None:
        return None
    return float(Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _text(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


def _level(questionnaire: Questionnaire, level_id: str | None, lang: str) -> dict[str, Any] | None:
    level = next((lv for lv in questionnaire.levels if lv.id == level_id), None)
    return _level_dict(level, lang) if level is not None else None


def _level_dict(level: Level, lang: str) -> dict[str, Any]:
    return {
        "id": level.id,
        "min": level.min,
        "name": level.name.get(lang),
        "description": level.description.get(lang),
    }


def _dimension(questionnaire: Questionnaire, dim: DimensionScore, lang: str) -> dict[str, Any]:
    source = questionnaire.dimension(dim.id)
    return {
        "id": dim.id,
        "title": _text(source.title if source else None, lang),
        "weight": dim.weight,
        "score": display_score(dim.score),
        "rated": dim.rated,
        "level": _level(questionnaire, dim.level, lang),
        "answered": dim.answered,
        "total": dim.total,
    }


def _recommendation(
    questionnaire: Questionnaire, hit: RecommendationHit, lang: str
) -> dict[str, Any]:
    rec = questionnaire.recommendations[hit.position]
    dimension = questionnaire.dimension(hit.dimension) if hit.dimension else None
    return {
        "id": hit.id,
        "priority": hit.priority,
        "kind": hit.kind,
        "first": hit.first,
        "title": rec.title.get(lang),
        "text": rec.text.get(lang),
        "offers": [offer.get(lang) for offer in rec.offers],
        "dimension": (
            {"id": dimension.id, "title": dimension.title.get(lang)} if dimension else None
        ),
    }


def _needs(
    questionnaire: Questionnaire, needs: Mapping[str, tuple[str, ...]], lang: str
) -> list[dict[str, Any]]:
    groups = {group.id: group for group in questionnaire.employee_groups}
    return [
        {
            "group": group_id,
            "label": _text(groups[group_id].label if group_id in groups else None, lang),
            "topics": [_topic(questionnaire, qid, lang) for qid in question_ids],
        }
        for group_id, question_ids in needs.items()
    ]


def _topic(questionnaire: Questionnaire, question_id: str, lang: str) -> dict[str, Any]:
    question = questionnaire.question(question_id)
    topic = question.need_topic if question is not None else None
    return {"question": question_id, "topic": _text(topic, lang)}


def arrange_steps(recommendations: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The steps of ``result_to_dict`` as every page shows them: ``first`` (the owner's first
    steps, in rank order), then ``areas``: the other steps grouped by their dimension, the
    area of the most urgent step first (``dimension`` None: steps of no area, last)."""
    areas: dict[str | None, dict[str, Any]] = {}
    for step in recommendations:
        if step["first"]:
            continue
        dimension = step["dimension"]
        key = dimension["id"] if dimension else None
        areas.setdefault(key, {"dimension": dimension, "steps": []})["steps"].append(step)
    general = areas.pop(None, None)
    return {
        "first": [step for step in recommendations if step["first"]],
        "areas": [*areas.values(), *([general] if general else [])],
    }


def result_to_dict(result: Result, lang: str = "de") -> dict[str, Any]:
    """The result as plain JSON types, texts in ``lang`` (German where English is missing)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (use one of {', '.join(LANGUAGES)})")
    q = result.questionnaire
    return {
        "questionnaire": {
            "id": result.questionnaire_id,
            "version": result.questionnaire_version,
            "title": q.title.get(lang),
            "legal_status": q.legal_status,
        },
        "lang": lang,
        "explanation": scoring_explanation(lang),
        "overall": {
            "score": display_score(result.overall),
            "rated": result.overall is not None,
            "level": _level(q, result.overall_level, lang),
        },
        "dimensions": [_dimension(q, dim, lang) for dim in result.dimensions],
        "recommendations": [_recommendation(q, hit, lang) for hit in result.recommendations],
        "needs_by_group": _needs(q, result.needs_by_group, lang),
        "levels": [_level_dict(level, lang) for level in q.levels],
    }
