"""Cross-check of question settings that are valid on their own but cannot work on this
question: a ``dimension`` on a text question (never scored), ``reverse`` on a question that is
not scored, a ``max_score`` on another type than ``multi`` or above what the options can
reach (the question could then never score 1)."""

from __future__ import annotations

from zzcheck.questionnaire.checked_file import CheckedFile, WrittenQuestion
from zzcheck.questionnaire.model import Question


def check_settings(file: CheckedFile, q: WrittenQuestion, typed: Question) -> None:
    path = q.path
    if typed.type == "text" and typed.dimension is not None:
        file.add((*path, "dimension"), "a text question is never scored: remove 'dimension'")
    if typed.reverse:
        if typed.type == "text":
            file.add((*path, "reverse"), "a text question is never scored: remove 'reverse'")
        elif typed.dimension is None:
            file.add(
                (*path, "reverse"),
                "reverse needs a scored question: add 'dimension' or remove 'reverse'",
            )
    if typed.max_score is not None:
        _max_score(file, q, typed)


def _max_score(file: CheckedFile, q: WrittenQuestion, typed: Question) -> None:
    path, cap = (*q.path, "max_score"), typed.max_score
    assert cap is not None
    if typed.type != "multi":
        file.add(path, f"max_score applies to multi questions only, not to {typed.type}")
    elif typed.dimension is None:
        file.add(path, "max_score needs a scored question: add 'dimension' or remove 'max_score'")
    else:
        top = reachable(typed)
        if 0 < top < cap:
            file.add(
                path,
                f"max_score {cap:g} is more than the options can reach ({top:g}), so the "
                f"question could never score full marks",
            )


def reachable(question: Question) -> float:
    """The most points one answer to a multi question can collect: all positive options
    together, or an ``exclusive`` one alone (choosing it clears the others)."""
    points = [(o.score or 0.0, o.exclusive) for o in question.options]
    together = sum(score for score, exclusive in points if not exclusive and score > 0)
    return max([together, *(score for score, exclusive in points if exclusive)])
