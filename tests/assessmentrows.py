"""Constructed completed assessments for the analytics and programme tests: profile,
completion time, overall and dimension scores given explicitly (bulk INSERTs, no scoring),
so every expected figure can be computed in the test from the same rows."""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.storage.assessments import hash_token, new_token
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import COMPLETED, Assessment, DimensionScore
from zzcheck.storage.score_summary import summarize
from zzcheck.storage.versions import pin_version

DIMENSIONS = ("strategie", "daten")  # real ki-readiness dimension ids
ASSESSMENT = cast(Table, Assessment.__table__)
DIMENSION_SCORE = cast(Table, DimensionScore.__table__)


@dataclass
class Row:
    state: str | None = "DE-BY"
    size: str | None = "10-49"
    industry: str | None = "C"
    works_council: str | None = "no"
    completed_at: datetime = field(default_factory=lambda: datetime(2025, 5, 14, 12, tzinfo=UTC))
    overall: float | None = 50.0
    scores: dict[str, float | None] = field(
        default_factory=lambda: {"strategie": 40.0, "daten": 60.0}
    )
    token: str | None = None  # to open its result page; else a thrown-away one
    id: int = 0


def insert_rows(session: DbSession, loaded: LoadedQuestionnaire, rows: Sequence[Row]) -> list[Row]:
    """Store the rows as completed assessments of ``loaded``; sets ``row.id``."""
    version_id = pin_version(session, loaded).id
    records = [_assessment(row, version_id) for row in rows]
    query = insert(ASSESSMENT).returning(ASSESSMENT.c.id, sort_by_parameter_order=True)
    ids = session.execute(query, records).scalars().all()
    scores = [
        {
            "assessment_id": id_,
            "dimension_id": dim,
            "score": s,
            "level": None,
            "answered": 1,
            "total": 1,
        }
        for id_, row in zip(ids, rows, strict=True)
        for dim, s in row.scores.items()
    ]
    if scores:
        session.execute(insert(DIMENSION_SCORE), scores)
    summarize(session, ids)
    for id_, row in zip(ids, rows, strict=True):
        row.id = id_
    session.commit()
    return list(rows)


def _assessment(row: Row, version_id: int) -> dict[str, Any]:
    return {
        "token_hash": hash_token(row.token or new_token()),
        "questionnaire_version_id": version_id,
        "status": COMPLETED,
        "started_at": row.completed_at,
        "updated_at": row.completed_at,
        "completed_at": row.completed_at,
        "current_section": 1,
        "industry": row.industry,
        "size": row.size,
        "state": row.state,
        "works_council": row.works_council,
        "role": "owner",
        "overall_score": row.overall,
        "overall_level": None,
    }


def random_rows(count: int, seed: int = 7) -> list[Row]:
    """A varied population: 3 states, 2 sizes, 3 industries (one not given), 2025."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        scores = {d: rng.choice([None, *[round(rng.uniform(0, 100), 3)] * 6]) for d in DIMENSIONS}
        rows.append(
            Row(
                state=rng.choice(["DE-BY", "DE-BY", "DE-SN", "DE-BE"]),
                size=rng.choice(["1-9", "10-49"]),
                industry=rng.choice(["C", "F", None]),
                works_council=rng.choice(["yes", "no"]),
                completed_at=datetime(2025, rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=UTC),
                overall=round(rng.uniform(0, 100), 3),
                scores=scores,
            )
        )
    return rows


def quantile(values: Iterable[float], p: float) -> float:
    """Independent reference: linear interpolation between order statistics."""
    data = sorted(values)
    if len(data) == 1:
        return data[0]
    cuts = statistics.quantiles(data, n=100, method="inclusive")
    return cuts[round(p * 100) - 1]


def expected(rows: Iterable[Row], measure: str) -> dict[str, float] | None:
    """Count, mean and quantiles of one measure ("overall" or a dimension) over rows."""
    values = [r.overall if measure == "overall" else r.scores.get(measure) for r in rows]
    rated = [v for v in values if v is not None]
    if not rated:
        return None
    return {
        "count": len(rated),
        "mean": statistics.fmean(rated),
        "p10": quantile(rated, 0.10),
        "q1": quantile(rated, 0.25),
        "median": quantile(rated, 0.50),
        "q3": quantile(rated, 0.75),
        "p90": quantile(rated, 0.90),
    }
