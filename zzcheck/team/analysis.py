"""A campaign's results for one questionnaire: group means per dimension, the gap between
management and employees, the spread, the questions people disagree on, gap-based next
steps and (for questionnaires that ask them) qualification needs by group.

Who is counted: the role groups with at least ``k`` answers. Answers of a smaller role group
go into no figure at all (not into the spread, the question statistics or the needs table),
so no figure over "everyone" can be subtracted from the shown groups to reveal them. Within a
dimension, a shown group's mean needs ``k`` rated answers too; if the hidden ones of a
dimension are 1 … k−1 people, more are hidden (``groups.shown_groups``). The spread
(quartiles) covers only the groups whose mean the row shows, and only from
``QUANTILE_FACTOR · k`` values (``groups.quantiles_allowed``).

The results are computed once, when the campaign closes (``storage.campaign_results``): two
views at different times can never be subtracted from each other.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.team.gaps import GapStep, gap_steps
from zzcheck.team.groups import (
    EMPLOYEE,
    MANAGEMENT,
    Respondent,
    counts_by,
    group_size,
    quantiles_allowed,
    shown_groups,
    threshold,
)
from zzcheck.team.items import ItemSpread, disagreements
from zzcheck.team.needs import NeedsTable, needs_table


@dataclass(frozen=True)
class DimensionRow:
    """One dimension: the mean per shown role group (None: hidden or not rated), the gap
    management − employees, and the quartiles over the scores of the shown groups."""

    id: str
    means: dict[str, float | None]
    gap: float | None
    quartiles: tuple[float, float] | None  # (Q1, Q3): the spread is Q3 − Q1

    @property
    def spread(self) -> float | None:
        return None if self.quartiles is None else self.quartiles[1] - self.quartiles[0]


@dataclass(frozen=True)
class TeamResults:
    """What a campaign page may show for one questionnaire (empty lists until ``shown``)."""

    total: int  # completed answers
    k: int  # group size of the campaign
    groups: list[tuple[str, int]] = field(default_factory=list)  # shown role groups, n
    dimensions: list[DimensionRow] = field(default_factory=list)
    disagreements: list[ItemSpread] = field(default_factory=list)
    next_steps: list[GapStep] = field(default_factory=list)
    needs: NeedsTable | None = None

    @property
    def needed(self) -> int:
        """Answers still missing before anything is shown."""
        return max(threshold(self.k) - self.total, 0)

    @property
    def shown(self) -> bool:
        return self.needed == 0

    @property
    def counted(self) -> int:
        return sum(n for _group, n in self.groups)

    @property
    def left_out(self) -> int:
        """Answers of role groups too small to show: they go into no figure."""
        return self.total - self.counted


def analyse(questionnaire: Questionnaire, respondents: Sequence[Respondent], k: int) -> TeamResults:
    """The results of ``respondents`` (completed answers) for a campaign of group size ``k``."""
    k = group_size(k)
    everyone = list(respondents)
    if len(everyone) < threshold(k):
        return TeamResults(total=len(everyone), k=k)
    counts = counts_by(everyone, "role")
    shown = shown_groups(counts, k, complementary=False)
    counted = [r for r in everyone if r.role in shown]
    rows = [_dimension(d.id, shown, counted, k) for d in questionnaire.dimensions]
    return TeamResults(
        total=len(everyone),
        k=k,
        groups=[(group, counts[group]) for group in shown],
        dimensions=rows,
        disagreements=disagreements(questionnaire, counted, k),
        next_steps=gap_steps(questionnaire, {row.id: row.gap for row in rows}),
        needs=needs_table(questionnaire, counted, k),
    )


def _dimension(
    dimension_id: str, groups: Sequence[str], counted: Sequence[Respondent], k: int
) -> DimensionRow:
    rated = {group: _rated(counted, dimension_id, group) for group in groups}
    visible = shown_groups({group: len(scores) for group, scores in rated.items()}, k)
    means = {g: statistics.fmean(rated[g]) if g in visible else None for g in groups}
    management, employees = means.get(MANAGEMENT), means.get(EMPLOYEE)
    gap = None if management is None or employees is None else management - employees
    shown = [score for group in visible for score in rated[group]]
    return DimensionRow(dimension_id, means, gap, _quartiles(shown, k))


def _rated(respondents: Sequence[Respondent], dimension_id: str, group: str) -> list[float]:
    scores = (r.scores.get(dimension_id) for r in respondents if r.role == group)
    return [score for score in scores if score is not None]


def _quartiles(scores: list[float], k: int) -> tuple[float, float] | None:
    """Q1 and Q3 (inclusive method, as spreadsheets' QUARTILE.INC), from 3·k scores."""
    if not quantiles_allowed(len(scores), k):
        return None
    q1, _median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return q1, q3
