"""Two results of one questionnaire side by side: the change per dimension, matched by id
(the versions may differ). Used by the consultant's comparison of two shared checks and by
the owner's repeated check; no query, no centre: plain data from two ``Result``s.

Changes are computed from the rounded scores the pages show, so "+7.5" is exactly the
difference of the two printed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzcheck.scoring import Result
from zzcheck.scoring.report import display_score


@dataclass(frozen=True)
class DimensionChange:
    dimension_id: str
    title: str
    before: float | None  # rounded score, None: not enough answers (or not asked then)
    after: float | None
    status: str = ""  # "new": not in the older version, "gone": not in the newer one

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return display_score(self.after - self.before)


def dimension_changes(before: Result, after: Result, lang: str) -> tuple[DimensionChange, ...]:
    """Per dimension (matched by id, the newer version's order first) the rounded scores
    before and after; ``status`` marks a dimension only one of the versions has."""
    old = {d.id: d.score for d in before.dimensions}
    new = {d.id: d.score for d in after.dimensions}
    order = [d.id for d in after.dimensions] + [d for d in old if d not in new]
    return tuple(
        DimensionChange(
            dim_id,
            _title(after if dim_id in new else before, dim_id, lang),
            display_score(old.get(dim_id)),
            display_score(new.get(dim_id)),
            "new" if dim_id not in old else "gone" if dim_id not in new else "",
        )
        for dim_id in order
    )


def _title(result: Result, dimension_id: str, lang: str) -> str:
    dimension = result.questionnaire.dimension(dimension_id)
    return dimension.title.get(lang) if dimension is not None else dimension_id
