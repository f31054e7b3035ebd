"""Peer comparison for a respondent's result: the mean dimension scores of comparable
companies (same industry section and size class; else the same size class; else all), over
all stored versions of the same questionnaire, without the respondent's own assessment.

A group is offered only if the privacy cube over industry × size (``privacy.py``) shows it,
i.e. it has at least k completed assessments and is not hidden to protect a smaller group:
a respondent can pick any profile, so every cell, size total and the total of that cube can
be asked for, and a difference of two of them must not reveal a small group. A dimension
that fewer than k peers could be rated in has no mean.

The counts and score sums come from the peer statistics (``peer_count``, ``peer_score_sum``,
kept up to date by triggers): two small reads per result page, whatever the number of
assessments. The cube includes the respondent (as the programme's aggregates do); the group
size and the means subtract the own assessment: ``(sum - own) / (rated - 1)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from zzcheck.analytics.aggregate import cube_keys
from zzcheck.analytics.keys import hierarchy
from zzcheck.analytics.privacy import ALL, Suppression, cell, suppress
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import Assessment, PeerCount, PeerScoreSum

BASES: tuple[tuple[str, ...], ...] = (("industry", "size"), ("size",), ())
CUBE = ("industry", "size")


@dataclass(frozen=True)
class PeerGroup:
    """The peers found: which profile keys they share (``basis``, with the values in
    ``profile``), how many there are, and their mean per dimension (None: not shown)."""

    basis: tuple[str, ...]
    profile: Mapping[str, str]
    n: int
    means: Mapping[str, float | None]


def peer_comparison(
    session: DbSession,
    assessment: Assessment,
    k: int,
    own: Mapping[str, float | None] | None = None,
) -> PeerGroup | None:
    """The closest peer group that may be shown, or None. ``own``: the assessment's score
    per dimension if the caller has them (else its stored dimension scores are read)."""
    questionnaire_id = assessment.questionnaire_version.questionnaire_id
    counts = _counts(session, questionnaire_id)
    found = _closest(assessment, _cube(counts, k), k) if counts else None
    if found is None:
        return None
    basis, profile, n = found
    if own is None:
        own = {score.dimension_id: score.score for score in assessment.dimension_scores}
    return PeerGroup(basis, profile, n, _means(session, questionnaire_id, profile, own, k))


def _closest(
    assessment: Assessment, cube: Suppression, k: int
) -> tuple[tuple[str, ...], dict[str, str], int] | None:
    """The first basis whose group may be shown and holds at least k others: the basis, its
    profile values and the number of peers."""
    for basis in BASES:
        profile = {key: getattr(assessment, key) for key in basis}
        if any(value is None for value in profile.values()) or not cube.shown(_cell(profile)):
            continue
        n = cube.counts[_cell(profile)] - 1  # the cube includes the respondent's own assessment
        if n >= k:
            return basis, profile, n
    return None


def _counts(session: DbSession, questionnaire_id: str) -> dict[tuple[str, ...], int]:
    """Completed assessments per (industry, size); '' (``NOT_GIVEN``) where not given."""
    query = select(PeerCount.industry, PeerCount.size, PeerCount.assessments).where(
        PeerCount.questionnaire_id == questionnaire_id, PeerCount.assessments > 0
    )
    return {(industry, size): n for industry, size, n in session.execute(query)}


def _cube(counts: Mapping[tuple[str, ...], int], k: int) -> Suppression:
    keys = cube_keys(CUBE, {})
    return suppress(counts, [hierarchy(key, {}) for key in keys], k)


def _cell(profile: Mapping[str, str]) -> tuple[tuple[int, str], ...]:
    """The cube cell of a basis: a key of the basis at its value, the others at ALL."""
    levels = [0 if key in profile else 1 for key in CUBE]
    return cell(levels, [profile.get(key, ALL) for key in CUBE])


def _means(
    session: DbSession,
    questionnaire_id: str,
    profile: Mapping[str, str],
    own: Mapping[str, float | None],
    k: int,
) -> dict[str, float | None]:
    """Mean score per dimension of the assessment's questionnaire, among its peers."""
    query = (
        select(
            PeerScoreSum.dimension_id, func.sum(PeerScoreSum.rated), func.sum(PeerScoreSum.total)
        )
        .where(PeerScoreSum.questionnaire_id == questionnaire_id)
        .where(*(getattr(PeerScoreSum, key) == value for key, value in profile.items()))
        .where(PeerScoreSum.dimension_id.in_(list(own)))
        .group_by(PeerScoreSum.dimension_id)
    )
    found = {dim: (int(rated), float(total)) for dim, rated, total in session.execute(query)}
    return {dim: _mean(*found.get(dim, (0, 0.0)), own[dim], k) for dim in own}


def _mean(rated: int, total: float, own: float | None, k: int) -> float | None:
    """The peers' mean: the group's sum and count without the own score."""
    if own is not None:
        rated, total = rated - 1, total - own
    return total / rated if rated >= k else None
