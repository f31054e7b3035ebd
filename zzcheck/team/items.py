"""The questions on which people disagree most: the spread (standard deviation) of the item
scores over the counted respondents, and how often each answer was given.

Only choice questions of a dimension take part (``single``, ``scale``, ``yesno``, ``multi``):
numbers and free text can identify their writer. An answer given by fewer than ``k`` people
is never shown on its own: for one-answer questions such answers are shown merged into one
row of at least ``k`` (with the next smallest answers if needed); for ``multi`` its count is
only said to be below ``k``.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.scoring.answers import offered_ids
from zzcheck.scoring.points import max_points, question_score
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
    if question.type == "multi":
        return [AnswerCount((o,), _at_least(counts[o], k)) for o in order]
    return merged(counts, order, k)


def _at_least(count: int, k: int) -> int | None:
    return count if count == 0 or count >= k else None


def merged(counts: dict[str, int], order: list[str], k: int) -> list[AnswerCount]:
    """One row per answer of ≥ k, and one merged row of all others (itself ≥ k: the smallest
    answers join it until it is). Answers nobody gave are shown as 0 unless a merged row
    exists, which then holds them too."""
    small = {o for o in order if counts[o] < k}
    if not any(counts[o] for o in small):
        return [AnswerCount((o,), counts[o]) for o in order]
    big = [o for o in order if o not in small]
    block = sum(counts[o] for o in small)
    while block < k and big:
        smallest = min(big, key=lambda o: (counts[o], order.index(o)))
        big.remove(smallest)
        small.add(smallest)
        block += counts[smallest]
    rows = [AnswerCount((o,), counts[o]) for o in big]
    return [*rows, AnswerCount(tuple(o for o in order if o in small), block)]
