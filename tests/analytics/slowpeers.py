"""The peer comparison as it was computed before the peer statistics: a privacy cube counted
over all completed assessments and the means averaged over their dimension scores, on every
call. Kept as the reference the fast path (``zzcheck.analytics.peers``) must agree with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from zzcheck.analytics import queries
from zzcheck.analytics.aggregate import cube_keys
from zzcheck.analytics.keys import hierarchy
from zzcheck.analytics.peers import BASES, CUBE, PeerGroup
from zzcheck.analytics.privacy import ALL, Suppression, cell, suppress
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import COMPLETED, Assessment, DimensionScore
from zzcheck.storage.team_models import is_team_answer


def slow_peer_comparison(session: DbSession, assessment: Assessment, k: int) -> PeerGroup | None:
    """The closest peer group that may be shown, or None."""
    questionnaire_id = assessment.questionnaire_version.questionnaire_id
    version_ids = [vid for vid, _ in queries.versions(session, questionnaire_id)]
    if not version_ids:
        return None
    scope = Scope(session, version_ids)
    hidden = _cube(scope, k)
    for basis in BASES:
        profile = {key: getattr(assessment, key) for key in basis}
        if any(value is None for value in profile.values()) or not hidden.shown(_cell(profile)):
            continue
        n = _count(scope, profile, assessment.id)
        if n >= k:
            return PeerGroup(basis, profile, n, _means(scope, profile, assessment, k))
    return None


@dataclass(frozen=True)
class Scope:
    """The companies' completed assessments of these versions, read from the assessments
    themselves (not from the summaries the aggregates read)."""

    session: DbSession
    version_ids: list[int]

    def where(self) -> ColumnElement[bool]:
        return and_(
            Assessment.status == COMPLETED,
            Assessment.questionnaire_version_id.in_(self.version_ids),
            ~is_team_answer(),
        )


def _cube(scope: Scope, k: int) -> Suppression:
    keys = cube_keys(CUBE, {})
    columns = [getattr(Assessment, key) for key in keys]
    query = select(*columns, func.count()).where(scope.where()).group_by(*columns)
    counts = {
        tuple("" if v is None else v for v in row[:-1]): row[-1]
        for row in scope.session.execute(query)
    }
    return suppress(counts, [hierarchy(key, {}) for key in keys], k)


def _cell(profile: Mapping[str, str]) -> tuple[tuple[int, str], ...]:
    """The cube cell of a basis: a key of the basis at its value, the others at ALL."""
    levels = [0 if key in profile else 1 for key in CUBE]
    return cell(levels, [profile.get(key, ALL) for key in CUBE])


def _peers(scope: Scope, profile: Mapping[str, str], own_id: int) -> list[ColumnElement[bool]]:
    clauses = [scope.where(), Assessment.id != own_id]
    return clauses + [getattr(Assessment, key) == value for key, value in profile.items()]


def _count(scope: Scope, profile: Mapping[str, str], own_id: int) -> int:
    query = select(func.count()).select_from(Assessment).where(*_peers(scope, profile, own_id))
    return int(scope.session.execute(query).scalar_one())


def _means(
    scope: Scope, profile: Mapping[str, str], assessment: Assessment, k: int
) -> dict[str, float | None]:
    """Mean score per dimension of the assessment's questionnaire, among its peers."""
    wanted = [score.dimension_id for score in assessment.dimension_scores]
    query = (
        select(
            DimensionScore.dimension_id,
            func.count(DimensionScore.score),
            func.avg(DimensionScore.score),
        )
        .join(Assessment, Assessment.id == DimensionScore.assessment_id)
        .where(*_peers(scope, profile, assessment.id), DimensionScore.dimension_id.in_(wanted))
        .group_by(DimensionScore.dimension_id)
    )
    found = {row[0]: (int(row[1]), row[2]) for row in scope.session.execute(query)}
    return {dim: _mean(*found.get(dim, (0, None)), k) for dim in wanted}


def _mean(count: int, mean: float | None, k: int) -> float | None:
    return float(mean) if count >= k and mean is not None else None
