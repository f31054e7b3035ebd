"""The SQL of the aggregates (data access; the shaping is in ``aggregate.py``).

Everything is read from ``score_summary`` (``zzcheck/storage/score_summary.py``): one narrow
row per company's completed assessment, its scores packed into one value. One GROUP BY on
the group keys returns per group its count and the packed scores of its assessments
concatenated (``string_agg`` on PostgreSQL, ``group_concat`` on SQLite): a few hundred rows
of bytes that numpy reads without making a Python object per score.

Measured with 100,000 completed assessments of one questionnaire (``bench/bench_analytics.py``,
state × size): before, the dimension scores were joined per assessment (700,000 rows) and
read as Python objects (SQLite, ~330 ms) or counted per value in SQL (PostgreSQL, ~150 ms, and
``percentile_cont`` for the overall score on a second connection); the summary's GROUP BY
takes a fraction of that (figures in the README).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import LargeBinary, and_, cast, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from zzcheck.analytics.keys import NOT_GIVEN, expression
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import QuestionnaireVersion, ScoreSummary

OVERALL = "_overall"  # the measure name of the overall score (dimension ids never start with _)


def versions(session: DbSession, questionnaire_id: str) -> list[tuple[int, str]]:
    """(id, version) of the stored versions of a questionnaire that have completed
    assessments of companies, oldest first."""
    query = (
        select(QuestionnaireVersion.id, QuestionnaireVersion.version)
        .where(QuestionnaireVersion.questionnaire_id == questionnaire_id)
        .where(
            select(ScoreSummary.assessment_id)
            .where(ScoreSummary.questionnaire_version_id == QuestionnaireVersion.id)
            .exists()
        )
        .order_by(QuestionnaireVersion.created_at, QuestionnaireVersion.id)
    )
    return [(row.id, row.version) for row in session.execute(query)]


def completed_months(session: DbSession, version_ids: Sequence[int]) -> tuple[str, str] | None:
    """The first and last month (``YYYY-MM``, UTC) with completed assessments, or None."""
    query = select(func.min(ScoreSummary.month), func.max(ScoreSummary.month)).where(
        ScoreSummary.questionnaire_version_id.in_(version_ids)
    )
    first, last = session.execute(query).one()
    return None if first is None or last is None else (first, last)


class Scope:
    """Which assessments a query covers: the companies' completed assessments of these
    versions that match the filters."""

    def __init__(
        self,
        session: DbSession,
        version_ids: Sequence[int],
        centres: Mapping[str, str],
        filters: Mapping[str, str] | None = None,
    ) -> None:
        self.session = session
        self.centres = centres
        self.version_ids = list(version_ids)
        self.filters = dict(filters or {})

    def key(self, name: str) -> ColumnElement[Any]:
        return expression(name, self.centres)

    def where(self, with_filters: bool = True) -> ColumnElement[bool]:
        clauses: list[ColumnElement[bool]] = [
            ScoreSummary.questionnaire_version_id.in_(self.version_ids)
        ]
        for name, value in self.filters.items() if with_filters else ():
            column = self.key(name)
            clauses.append(column.is_(None) if value == NOT_GIVEN else column == value)
        return and_(*clauses)


def cube_counts(scope: Scope, keys: Sequence[str]) -> dict[tuple[str, ...], int]:
    """Completed assessments per combination of ``keys`` values, ignoring the filters
    (the privacy cube must be the same whichever filter reaches a group)."""
    columns = [scope.key(name) for name in keys]
    query = select(*columns, func.count()).where(scope.where(with_filters=False))
    return {
        tuple(_text(v) for v in row[:-1]): int(row[-1])
        for row in scope.session.execute(query.group_by(*columns))
    }


@dataclass(frozen=True)
class PackedGroup:
    """The assessments of one group and version: ``n`` packed score vectors, concatenated."""

    version_id: int
    values: tuple[str, ...]
    n: int
    scores: bytes


def packed_groups(scope: Scope, keys: Sequence[str]) -> list[PackedGroup]:
    """Per version and combination of ``keys`` values in scope: count and packed scores."""
    columns = [scope.key(name) for name in keys]
    version = ScoreSummary.questionnaire_version_id
    query = (
        select(version, *columns, func.count(), concatenated_scores(scope.session))
        .where(scope.where())
        .group_by(version, *columns)
    )
    return [
        PackedGroup(row[0], tuple(_text(v) for v in row[1:-2]), int(row[-2]), bytes(row[-1]))
        for row in scope.session.execute(query)
    ]


def concatenated_scores(session: DbSession) -> ColumnElement[Any]:
    """The group's ``scores`` values, one after the other. SQLite's ``group_concat`` copies
    a BLOB's bytes as they are (zero bytes included) and the CAST hands them back as bytes;
    every vector of a version has the same length, so their order within a group is free."""
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(ScoreSummary.scores, literal(b"", LargeBinary))
    return cast(func.group_concat(ScoreSummary.scores, literal("")), LargeBinary)


def _text(value: object) -> str:
    return NOT_GIVEN if value is None else str(value)
