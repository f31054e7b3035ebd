"""The SQL of the aggregates (data access; the shaping is in ``aggregate.py``).

Measured with 100,000 completed assessments of one questionnaire (``bench/bench_analytics.py``;
state × size, 7 dimensions, 700,000 dimension scores):

* PostgreSQL: ``percentile_cont`` over the dimension scores costs ~470 ms (a sort per group
  and dimension), while value counts (GROUP BY group, dimension, score: a hash aggregate,
  ~11,000 rows, since a dimension score takes few distinct values) cost ~150 ms and give
  exact means and quantiles. The overall score takes many values, so it uses
  ``percentile_cont`` with GROUPING SETS over the assessment table alone (~80 ms), on a
  second connection while the first runs the value counts (state × size in ~240 ms).
* SQLite has no percentile function and groups by sorting: value counts took ~710 ms and
  window functions (``row_number`` over each group, keeping only the rows at the quantile
  positions) ~2.7 s, while fetching only the needed columns, one row per assessment with the
  dimension scores as columns (one LEFT JOIN per dimension on the covering index of
  migration 0008: ~175 ms of lookups instead of ~350 ms through the unique index and the
  table), costs ~330 ms, most of it making Python objects of a million values; pandas
  counts from that in memory, without filters the privacy cube too (its GROUP BY ~65 ms).
  Sorting in SQLite, pivoting with FILTER, ``lead()`` windows and two connections at once
  (the GIL) were all slower. SQLite is the small-installation default; a programme-wide
  deployment runs PostgreSQL (DESIGN.md "Scale path").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Select, and_, func, literal, select, text, tuple_
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from zzcheck.analytics.frames import fetch_frame
from zzcheck.analytics.keys import NOT_GIVEN, expression
from zzcheck.analytics.privacy import ALL
from zzcheck.analytics.stats import QUANTILES, STAT_COLUMNS
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import (
    COMPLETED,
    SCORES_INDEX,
    Assessment,
    DimensionScore,
    QuestionnaireVersion,
)
from zzcheck.storage.team_models import is_team_answer

# SQLite's planner would look each score up by the unique (assessment, dimension) index and
# then visit the table; the covering index answers alone, in half the time at 100,000 (SQLite
# keeps INDEXED BY when it flattens the subquery into the join).
_INDEXED_SCORES = text(
    f"SELECT assessment_id, dimension_id, score FROM dimension_score INDEXED BY {SCORES_INDEX}"
).columns(DimensionScore.assessment_id, DimensionScore.dimension_id, DimensionScore.score)
OVERALL = "_overall"  # the measure name of the overall score (dimension ids never start with _)


def dialect_of(session: DbSession) -> str:
    return session.get_bind().dialect.name


def versions(session: DbSession, questionnaire_id: str) -> list[tuple[int, str]]:
    """(id, version) of the stored versions of a questionnaire that have completed
    assessments, oldest first."""
    query = (
        select(QuestionnaireVersion.id, QuestionnaireVersion.version)
        .where(QuestionnaireVersion.questionnaire_id == questionnaire_id)
        .where(
            select(Assessment.id)
            .where(Assessment.questionnaire_version_id == QuestionnaireVersion.id)
            .where(Assessment.status == COMPLETED, ~is_team_answer())
            .exists()
        )
        .order_by(QuestionnaireVersion.created_at, QuestionnaireVersion.id)
    )
    return [(row.id, row.version) for row in session.execute(query)]


def completed_months(session: DbSession, version_ids: Sequence[int]) -> tuple[str, str] | None:
    """The first and last month (``YYYY-MM``, UTC) with completed assessments, or None."""
    query = select(func.min(Assessment.completed_at), func.max(Assessment.completed_at)).where(
        Assessment.status == COMPLETED,
        Assessment.questionnaire_version_id.in_(version_ids),
        ~is_team_answer(),
    )
    first, last = session.execute(query).one()
    if first is None or last is None:
        return None
    return _utc_month(first), _utc_month(last)


def _utc_month(value: datetime | str) -> str:
    """Aggregates (min/max) skip the column type, so SQLite returns text, PostgreSQL an
    aware datetime."""
    if isinstance(value, str):
        return value[:7]
    return value.astimezone(UTC).strftime("%Y-%m")


class Scope:
    """Which assessments a query covers: completed, of these versions, matching filters."""

    def __init__(
        self,
        session: DbSession,
        version_ids: Sequence[int],
        centres: Mapping[str, str],
        filters: Mapping[str, str] | None = None,
    ) -> None:
        self.session = session
        self.dialect = dialect_of(session)
        self.centres = centres
        self.version_ids = list(version_ids)
        self.filters = dict(filters or {})

    def on(self, session: DbSession) -> Scope:
        """The same scope on another session (another connection)."""
        return Scope(session, self.version_ids, self.centres, self.filters)

    def key(self, name: str) -> ColumnElement[Any]:
        return expression(name, self.dialect, self.centres)

    def where(self, with_filters: bool = True) -> ColumnElement[bool]:
        clauses = [
            Assessment.status == COMPLETED,
            Assessment.questionnaire_version_id.in_(self.version_ids),
            ~is_team_answer(),  # employees' team answers are no company's assessment
        ]
        for name, value in self.filters.items() if with_filters else ():
            column = self.key(name)
            clauses.append(column.is_(None) if value == NOT_GIVEN else column == value)
        return and_(*clauses)

    def keyed(self, keys: Sequence[str], with_filters: bool = True) -> Select[Any]:
        """Assessments in scope with their key values labelled ``k0``, ``k1`` …"""
        labelled = [self.key(name).label(f"k{i}") for i, name in enumerate(keys)]
        return select(Assessment.id, Assessment.overall_score, *labelled).where(
            self.where(with_filters)
        )


def cube_counts(scope: Scope, keys: Sequence[str]) -> dict[tuple[str, ...], int]:
    """Completed assessments per combination of ``keys`` values, ignoring the filters
    (the privacy cube must be the same whichever filter reaches a group)."""
    inner = scope.keyed(keys, with_filters=False).subquery()
    columns = [inner.c[f"k{i}"] for i in range(len(keys))]
    query = select(*columns, func.count()).group_by(*columns)
    return {
        tuple(NOT_GIVEN if v is None else str(v) for v in row[:-1]): int(row[-1])
        for row in scope.session.execute(query)
    }


def dimension_value_counts(
    scope: Scope, keys: Sequence[str], dimensions: Sequence[str]
) -> pd.DataFrame:
    """PostgreSQL: ``*keys, measure, score, n`` for the dimension scores in scope."""
    inner = scope.keyed(keys).subquery()
    columns = [inner.c[f"k{i}"] for i in range(len(keys))]
    query = (
        select(*columns, DimensionScore.dimension_id, DimensionScore.score, func.count())
        .join(DimensionScore, DimensionScore.assessment_id == inner.c.id)
        .where(DimensionScore.dimension_id.in_(dimensions), DimensionScore.score.is_not(None))
        .group_by(*columns, DimensionScore.dimension_id, DimensionScore.score)
    )
    return fetch_frame(scope.session, query, [*keys, "measure", "score", "n"], keys)


def postgres_stats(
    scope: Scope, keys: Sequence[str], dimensions: Sequence[str], levels: Sequence[int]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dimension value counts and overall statistics. With an engine to draw a second
    connection from, the overall statement runs on it at the same time (about 90 ms less
    at 100,000 assessments); a session bound to one connection runs both in turn."""
    bind = scope.session.get_bind()  # here: a scoped session needs the caller's context
    if not isinstance(bind, Engine):
        return dimension_value_counts(scope, keys, dimensions), overall_stats(scope, keys, levels)
    with ThreadPoolExecutor(max_workers=1) as pool:
        overall = pool.submit(_on_own_connection, bind, scope, keys, levels)
        counted = dimension_value_counts(scope, keys, dimensions)
        return counted, overall.result()


def _on_own_connection(
    engine: Engine, scope: Scope, keys: Sequence[str], levels: Sequence[int]
) -> pd.DataFrame:
    with Session(engine) as session:
        return overall_stats(scope.on(session), keys, levels)


def overall_stats(scope: Scope, keys: Sequence[str], levels: Sequence[int]) -> pd.DataFrame:
    """PostgreSQL: statistics of the overall score for each level (GROUPING SETS), in the
    shape of ``stats.describe``."""
    inner = scope.keyed(keys).subquery()
    columns = [inner.c[f"k{i}"] for i in range(len(keys))]
    score = inner.c.overall_score
    quantiles = func.percentile_cont(array([literal(p) for p in QUANTILES])).within_group(score)
    sets = [tuple_(*columns[:level]) for level in levels]
    query = (
        select(
            *columns,
            func.grouping(*columns) if columns else literal(0),
            func.count(score),
            func.avg(score),
            quantiles,
        )
        .where(score.is_not(None))
        .group_by(func.grouping_sets(*sets))
    )
    return _overall_frame(scope.session.execute(query).all(), keys)


def _overall_frame(rows: Sequence[Any], keys: Sequence[str]) -> pd.DataFrame:
    """Rolled-up keys (their bit set in GROUPING) become ALL."""
    records = []
    for row in rows:
        mask = int(row[len(keys)])
        values = [
            ALL if mask >> (len(keys) - 1 - i) & 1 else (NOT_GIVEN if v is None else str(v))
            for i, v in enumerate(row[: len(keys)])
        ]
        count, mean, quantiles = row[len(keys) + 1 :]
        if not count:  # the empty grouping set () yields a row even without data
            continue
        records.append((*values, OVERALL, int(count), float(mean), *map(float, quantiles)))
    return pd.DataFrame(records, columns=[*keys, "measure", *STAT_COLUMNS])


def wide_scores(scope: Scope, keys: Sequence[str], dimensions: Sequence[str]) -> pd.DataFrame:
    """SQLite: one row per assessment in scope: ``*keys``, the overall score and one column
    per dimension (None where not rated)."""
    inner = scope.keyed(keys).subquery()
    columns = [inner.c[f"k{i}"] for i in range(len(keys))]
    joined: Any = inner
    scores = []
    for i, dimension in enumerate(dimensions):
        alias = _INDEXED_SCORES.subquery(f"d{i}")
        joined = joined.outerjoin(
            alias, and_(alias.c.assessment_id == inner.c.id, alias.c.dimension_id == dimension)
        )
        scores.append(alias.c.score)
    query = select(*columns, inner.c.overall_score, *scores).select_from(joined)
    return fetch_frame(scope.session, query, [*keys, OVERALL, *dimensions], keys)
