"""The questions on which people disagree most: the spread (standard deviation) of the item
scores over the counted respondents, and how often each answer was given.

Only choice questions of a dimension take part (``single``, ``scale``, ``yesno``, ``multi``):
numbers and free text can identify their writer. An answer given by fewer than ``k`` people
is never shown on its own: for one-answer questions such answers are shown merged with their
neighbours on the scale into rows of at least ``k`` (never across the scale); for ``multi``
an option's count is shown only if both who chose it and who did not are 0 or at least
``k``, else it is said to be below ``k``. "Weiß nicht" answers stay off the scale and are
shown from ``k`` only.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring.answers import UNKNOWN, offered_ids
from zzcheck.scoring.points import is_null_option, max_points, option_points, question_score
from zzcheck.team.groups import MIN_ANSWERS, Respondent

TOP = 5
ITEM_TYPES = ("single", "scale", "yesno", "multi")


@dataclass(frozen=True)
class AnswerCount:
    """How many chose ``options`` (one answer, or several merged); None: 1 … k−1 (multi)."""

    options: tuple[str, ...]
    count: int | None


@dataclass(frozen=True)
class ItemSpread:
    question_id: str
    n: int  # respondents with a scored answer
    spread: float  # standard deviation of the item scores, in points (0–100)
    counts: list[AnswerCount]  # every answer given, "weiß nicht" included


def disagreements(
    questionnaire: Questionnaire, respondents: Sequence[Respondent], k: int, top: int = TOP
) -> list[ItemSpread]:
    """The ``top`` questions with the largest spread (ties: in questionnaire order)."""
    found = []
    for question in questionnaire.questions:
        if question.type in ITEM_TYPES and question.is_scored:
            item = _item(questionnaire, question, respondents, k)
            if item is not None:
                found.append(item)
    found.sort(key=lambda item: -item.spread)
    return found[:top]


def _item(
    questionnaire: Questionnaire, question: Question, respondents: Sequence[Respondent], k: int
) -> ItemSpread | None:
    top = max_points(question)
    values = [r.answers[question.id] for r in respondents if question.id in r.answers]
    scores = [s for v in values if (s := question_score(question, v, top)) is not None]
    if len(scores) < max(MIN_ANSWERS, k) or top is None:
        return None
    spread = 100 * statistics.pstdev(scores)
    if spread <= 0:
        return None
    order = list(offered_ids(questionnaire, question))
    chosen = [_chosen(value) for value in values]
    return ItemSpread(question.id, len(scores), spread, answer_counts(question, order, chosen, k))


def _chosen(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def answer_counts(
    question: Question, order: list[str], chosen: list[list[str]], k: int
) -> list[AnswerCount]:
    """The distribution of answers as it may be shown (see the module docstring)."""
    counts = {option: sum(option in answer for answer in chosen) for option in order}
    null = [o for o in order if o in _null_ids(question)]
    scored = [o for o in order if o not in null]
    if question.type == "multi":
        n = sum(any(o in answer for o in scored) for answer in chosen)
        rows = [AnswerCount((o,), _binary(counts[o], n, k)) for o in scored]
    else:
        if question.type == "single":  # neighbours by points, whatever the offered order
            points = option_points(question)
            scored.sort(key=lambda o: points.get(o, 0.0))
        rows = merged(counts, scored, k)
    return rows + [AnswerCount((o,), _at_least(counts[o], k)) for o in null]


def _null_ids(question: Question) -> set[str]:
    """The "weiß nicht"-like answers: off the scale, never merged into a scale's range."""
    if question.type == "yesno":
        return {UNKNOWN}
    return {option.id for option in question.options if is_null_option(question, option)}


def _at_least(count: int, k: int) -> int | None:
    return count if count == 0 or count >= k else None


def _binary(count: int, n: int, k: int) -> int | None:
    """A multi-choice option is a yes/no per person: both who chose it and who did not (of
    the ``n`` with a scored answer) must be 0 or at least ``k``."""
    shown = _at_least(count, k) is not None and _at_least(n - count, k) is not None
    return count if shown else None


def merged(counts: dict[str, int], order: list[str], k: int) -> list[AnswerCount]:
    """Rows of neighbouring answers (in scale order) with at least ``k`` answers each; an
    answer nobody gave stands alone as 0 where it can. A row never joins answers that are
    not neighbours, so a merged row never spans opposite ends of a scale; if only one row
    with answers would be left, no row is shown at all (it would say nothing)."""
    blocks: list[list[str]] = []
    for option in order:
        if blocks and 0 < _sum(counts, blocks[-1]) < k:
            blocks[-1].append(option)
        else:
            blocks.append([option])
    while len(blocks) > 1 and 0 < _sum(counts, blocks[-1]) < k:
        last = blocks.pop()
        blocks[-1].extend(last)
    rows = [AnswerCount(tuple(block), _sum(counts, block)) for block in blocks]
    return rows if sum(1 for row in rows if row.count) > 1 else []


def _sum(counts: dict[str, int], block: list[str]) -> int:
    return sum(counts[o] for o in block)
