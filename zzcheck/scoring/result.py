"""The outcome of scoring one set of answers: plain frozen records, plus ``to_dict``.

Scores are kept at full precision; what users see is rounded once, by ``display_score``
(one decimal, halves up, in ``report.py``), and the level is chosen from that rounded value,
so a page never shows "60.0" next to the level that ends below 60.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.scoring.report import display_score, result_to_dict


@dataclass(frozen=True)
class DimensionScore:
    """One dimension: ``score`` 0–100 at full precision, None when not enough answers."""

    id: str
    weight: float
    score: float | None
    level: str | None  # level id, from the rounded score
    answered: int  # answered, scored, visible questions
    total: int  # scored, visible questions
    answered_weight: float
    total_weight: float

    @property
    def rated(self) -> bool:
        return self.score is not None

    @property
    def rounded(self) -> float | None:
        return display_score(self.score)

    @property
    def urgency(self) -> float:
        """(100 − score) × weight: orders next steps, weakest important area first."""
        return (100.0 - self.score) * self.weight if self.score is not None else 0.0


@dataclass(frozen=True)
class RecommendationHit:
    """A recommendation that fired; ``position`` is its place in the file (last tie-break);
    ``first``: one of the owner's first three steps."""

    id: str
    dimension: str | None
    priority: int
    urgency: float
    position: int
    kind: str | None = None
    first: bool = False


@dataclass(frozen=True)
class Result:
    """Everything the result page, the API, storage and the CLI need from one scoring."""

    questionnaire_id: str
    questionnaire_version: str
    dimensions: tuple[DimensionScore, ...]
    overall: float | None
    overall_level: str | None
    recommendations: tuple[RecommendationHit, ...]
    needs_by_group: Mapping[str, tuple[str, ...]]  # group id → need_topic question ids
    questionnaire: Questionnaire = field(repr=False, compare=False)

    @property
    def overall_rounded(self) -> float | None:
        return display_score(self.overall)

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        """JSON-ready, localized, deterministic (rounded scores only, lists in fixed order)."""
        return result_to_dict(self, lang)
