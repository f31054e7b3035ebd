"""Qualification needs by group, from the ``need_topic`` questions ("Which groups need …?",
answered with the questionnaire's employee groups): per topic and named group, the share of
respondents who named it, over everyone and per respondent group.

Respondent groups are one partition (``groups.need_group``: the role, employees split by
area), shown from ``k`` answers with complementary suppression, since the "everyone" column
stands beside them. A company can bring this table to its works council when it determines
training needs (§96 BetrVG).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zzcheck.questionnaire.model import Question, Questionnaire
from zzcheck.team.groups import Respondent, counts_by, need_group, shown_groups

EVERYONE = "all"


@dataclass(frozen=True)
class NeedRow:
    question_id: str  # the need_topic question (its topic names the row)
    target: str  # the employee group that needs it (one of the questionnaire's)
    shares: list[float]  # per column: share (0–1) of the column's respondents naming it


@dataclass(frozen=True)
class NeedsTable:
    columns: list[tuple[str, int]]  # ("all", n), then the shown respondent groups with n
    rows: list[NeedRow]


def need_questions(questionnaire: Questionnaire) -> list[Question]:
    return [q for q in questionnaire.questions if q.need_topic is not None]


def needs_table(
    questionnaire: Questionnaire, respondents: Sequence[Respondent], k: int
) -> NeedsTable | None:
    """The table, or None if the questionnaire asks no need_topic question."""
    questions = need_questions(questionnaire)
    if not questions or not respondents:
        return None
    counts = counts_by(list(respondents), "need")
    groups = shown_groups(counts, k)
    members = {EVERYONE: list(respondents)}
    members |= {g: [r for r in respondents if need_group(r) == g] for g in groups}
    columns = [(name, len(people)) for name, people in members.items()]
    rows = [
        NeedRow(q.id, target.id, [_share(people, q.id, target.id) for people in members.values()])
        for q in questions
        for target in questionnaire.employee_groups
    ]
    return NeedsTable(columns, rows)


def _share(people: Sequence[Respondent], question_id: str, target: str) -> float:
    named = sum(_names(r.answers.get(question_id), target) for r in people)
    return named / len(people)


def _names(value: object, target: str) -> bool:
    return isinstance(value, list | tuple) and target in value
