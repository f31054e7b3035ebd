"""The ``score_summary`` rows: one per company's completed assessment, what the programme
aggregates read (``zzcheck/analytics/queries.py``).

``scores`` packs the overall score and the dimension scores as little-endian float64, the
overall score first, then the dimensions in the order of the assessment's questionnaire
version (``dimension_ids``); NaN stands for "not rated". Packed, a group's scores travel
from the database as one value (``string_agg``/``group_concat``) instead of one Python
object per score, the cost that dominated the aggregates at 100,000 assessments.

The rows are derived from ``assessment`` and ``dimension_score``: ``summarize`` writes them
from what is stored, on completion, for demo data and (all of them) in the migration and
``flask zzcheck rebuild-statistics``.
"""

from __future__ import annotations

import math
import struct
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import delete, insert, select

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import (
    COMPLETED,
    Assessment,
    DimensionScore,
    QuestionnaireVersion,
    ScoreSummary,
)
from zzcheck.storage.team_models import is_team_answer
from zzcheck.storage.versions import questionnaire_of_version

_SCORE = np.dtype("<f8")  # little-endian float64, as ``pack`` writes them
BATCH = 2_000  # assessments per round trip when all are summarised again


def dimension_ids(session: DbSession, version_id: int) -> tuple[str, ...]:
    """The dimensions of a stored questionnaire version, in the order ``scores`` packs them."""
    version = session.get(QuestionnaireVersion, version_id)
    if version is None:
        raise LookupError(f"questionnaire version {version_id} is not stored")
    return tuple(d.id for d in questionnaire_of_version(version).dimensions)


def pack(overall: float | None, dimensions: Sequence[float | None]) -> bytes:
    """The ``scores`` value: overall score, then dimension scores; None becomes NaN."""
    values = [math.nan if v is None else float(v) for v in (overall, *dimensions)]
    return struct.pack(f"<{len(values)}d", *values)


def unpack(scores: bytes, count: int, width: int) -> np.ndarray:
    """``count`` concatenated ``scores`` values of ``width`` each as a ``count × width``
    array (read in place, no copy); raises ValueError if the bytes do not fit."""
    if len(scores) != count * width * _SCORE.itemsize:
        raise ValueError(f"{len(scores)} bytes are not {count} packed vectors of {width}")
    return np.frombuffer(scores, dtype=_SCORE).reshape(count, width)


def summarize(session: DbSession, assessment_ids: Iterable[int] | None = None) -> int:
    """Write the summary rows of these assessments (None: of all) from what is stored,
    replacing any they had; in-progress assessments and team answers get none. Returns
    the number written. Flushes, never commits."""
    ids = None if assessment_ids is None else list(assessment_ids)
    if ids is None:
        session.execute(delete(ScoreSummary))
    elif not ids:
        return 0
    else:
        session.execute(delete(ScoreSummary).where(ScoreSummary.assessment_id.in_(ids)))
    query = select(*_COLUMNS).where(Assessment.status == COMPLETED, ~is_team_answer())
    if ids is not None:
        query = query.where(Assessment.id.in_(ids))
    orders: dict[int, tuple[str, ...]] = {}
    rows = session.execute(query.order_by(Assessment.id)).all()
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        scores = _dimension_scores(session, [row.id for row in batch])
        records = []
        for row in batch:
            version = row.questionnaire_version_id
            if version not in orders:
                orders[version] = dimension_ids(session, version)
            records.append(_record(row, [scores[row.id].get(d) for d in orders[version]]))
        session.execute(insert(ScoreSummary), records)
    session.flush()
    return len(rows)


_COLUMNS = (
    Assessment.id,
    Assessment.questionnaire_version_id,
    Assessment.industry,
    Assessment.size,
    Assessment.state,
    Assessment.works_council,
    Assessment.completed_at,
    Assessment.overall_score,
)


def _dimension_scores(session: DbSession, ids: Sequence[int]) -> dict[int, dict[str, float | None]]:
    query = select(
        DimensionScore.assessment_id, DimensionScore.dimension_id, DimensionScore.score
    ).where(DimensionScore.assessment_id.in_(ids), DimensionScore.score.is_not(None))
    found: dict[int, dict[str, float | None]] = defaultdict(dict)
    for assessment_id, dimension_id, score in session.execute(query):
        found[assessment_id][dimension_id] = score
    return found


def _record(row: Any, dimensions: Sequence[float | None]) -> dict[str, object]:
    completed: datetime = row.completed_at
    return {
        "assessment_id": row.id,
        "questionnaire_version_id": row.questionnaire_version_id,
        "industry": row.industry,
        "size": row.size,
        "state": row.state,
        "works_council": row.works_council,
        "month": completed.astimezone(UTC).strftime("%Y-%m"),
        "scores": pack(row.overall_score, dimensions),
    }
