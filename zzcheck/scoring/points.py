"""How one answer scores: ``s`` in [0, 1] per question type (DESIGN.md "Scoring rules" 1).

Each type has a small pair of functions (raw points of an answer, maximum points of the
question) in a registry, so a new question type adds one entry instead of another ``if``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from zzcheck.questionnaire.model import Option, Question


def is_null_option(question: Question, option: Option) -> bool:
    """``score: null`` ("weiß nicht") is never scored; on a scale a *missing* score is not null."""
    if question.type == "scale":
        return option.score is None and "score" in option.model_fields_set
    return option.score is None


def option_points(question: Question) -> dict[str, float]:
    """Points per scored option id; scale options without a score count their position."""
    points: dict[str, float] = {}
    scored = [o for o in question.options if not is_null_option(question, o)]
    for position, option in enumerate(scored):
        default = float(position) if question.type == "scale" else None
        value = option.score if option.score is not None else default
        if value is not None:
            points[option.id] = value
    return points


def _choice_max(question: Question) -> float | None:
    return max(option_points(question).values(), default=None)


def _multi_max(question: Question) -> float | None:
    if question.max_score is not None:
        return question.max_score
    return sum(p for p in option_points(question).values() if p > 0)


def _band_max(question: Question) -> float | None:
    return max((band.score for band in question.score_bands), default=None)


def _choice_raw(question: Question, value: object) -> float | None:
    return option_points(question).get(value) if isinstance(value, str) else None


def _multi_raw(question: Question, value: object) -> float | None:
    """Sum of the chosen options' points; only "weiß nicht"-like choices → not scored."""
    if not isinstance(value, list | tuple):
        return None
    points = option_points(question)
    chosen = [points[v] for v in value if isinstance(v, str) and v in points]
    return sum(chosen) if chosen else None


def _yesno_raw(question: Question, value: object) -> float | None:
    return {"yes": 1.0, "no": 0.0}.get(value) if isinstance(value, str) else None


def _number_raw(question: Question, value: object) -> float | None:
    """The band with the highest ``min`` that the value reaches; below every band → unscored."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    reached = [band for band in question.score_bands if band.min <= value]
    return max(reached, key=lambda band: band.min).score if reached else None


_Raw = Callable[[Question, object], float | None]
_Max = Callable[[Question], float | None]
_TYPES: Mapping[str, tuple[_Raw, _Max]] = {
    "single": (_choice_raw, _choice_max),
    "scale": (_choice_raw, _choice_max),
    "multi": (_multi_raw, _multi_max),
    "yesno": (_yesno_raw, lambda question: 1.0),
    "number": (_number_raw, _band_max),
}


def max_points(question: Question) -> float | None:
    """The points that make s = 1; None if the question cannot be scored at all."""
    if not question.is_scored or question.type not in _TYPES:
        return None
    top = _TYPES[question.type][1](question)
    return top if top is not None and top > 0 else None


def question_score(question: Question, value: object, top: float | None = None) -> float | None:
    """s in [0, 1] for one answer, reverse coding applied; None = left out of scoring.

    ``top`` is ``max_points(question)`` when the caller has it already. Raw points are
    capped at the maximum (multi: ``max_score``) and floored at 0, so a negative option
    score cannot push a dimension below 0.
    """
    top = max_points(question) if top is None else top
    if top is None or value is None:
        return None
    raw = _TYPES[question.type][0](question, value)
    if raw is None:
        return None
    s = min(max(raw / top, 0.0), 1.0)
    return 1.0 - s if question.reverse else s
