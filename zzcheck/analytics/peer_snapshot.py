"""Taking the peer snapshot (``peers.py`` says what it publishes and why).

``refresh_peer_snapshot`` takes a new one when the current one is a day old (or there is
none); the first result page after that does it, so no timer is needed. It computes the
figures first (reads only), then claims the single ``PeerSnapshot`` row with a conditional
UPDATE and writes them: of several workers that found it stale at once, only one writes
(the others find the claim taken and show the old figures), and the write lock is held for
the short write, not for the computation. ``take_peer_snapshot`` computes it unconditionally (``flask zzcheck
rebuild-statistics``).

One GROUP BY over the score summaries (``storage/score_summary.py``: the companies'
completed checks, team answers left out) of checks completed before the cutoff: per
version, industry and size the count, the sum of the assessment ids (part of what keys the
random rounding to the group's members) and the packed scores, which numpy sums per
dimension. Everything else is a few hundred rows of Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import delete, func, insert, select, update

from zzcheck.analytics.aggregate import cube_keys
from zzcheck.analytics.keys import NOT_GIVEN, hierarchy
from zzcheck.analytics.peers import BASES, CUBE, EVERY, band, dithered, peer_minimum
from zzcheck.analytics.privacy import ALL, Suppression, cell, suppress
from zzcheck.analytics.queries import concatenated_scores
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import Assessment, QuestionnaireVersion, ScoreSummary
from zzcheck.storage.peer_models import SNAPSHOT_ID, PeerFigure, PeerSnapshot
from zzcheck.storage.score_summary import dimension_ids, unpack

PERIOD = timedelta(days=1)  # a new snapshot at most this often
MIN_AGE = timedelta(days=1)  # checks completed less than this before it are left out

Group = tuple[str, str, str]  # questionnaire, industry, size ('' where not given)
Members = dict[Group, tuple[int, int]]  # checks, sum of their ids
Scores = dict[tuple[Group, str], tuple[int, float]]  # per dimension: scores, their sum


def refresh_peer_snapshot(session: DbSession, now: datetime, secret: bytes, k: int) -> bool:
    """Take a new snapshot if the current one is at least ``PERIOD`` old and no other
    process has claimed it meanwhile; True if taken. The figures are computed before the
    claim, so the write that follows is short and nobody waits for the computation.
    Flushes, never commits."""
    current = session.get(PeerSnapshot, SNAPSHOT_ID)
    if current is not None and current.taken_at > now - PERIOD:
        return False
    figures = _figures(session, now - MIN_AGE, secret, k)
    if current is None:
        session.add(PeerSnapshot(id=SNAPSHOT_ID, taken_at=now, cutoff=now - MIN_AGE))
        session.flush()  # a parallel first snapshot fails here on the primary key
    else:
        claim = (
            update(PeerSnapshot)
            .where(PeerSnapshot.id == SNAPSHOT_ID, PeerSnapshot.taken_at <= now - PERIOD)
            .values(taken_at=now, cutoff=now - MIN_AGE)
            .execution_options(synchronize_session=False)
        )
        if session.execute(claim).rowcount != 1:  # type: ignore[attr-defined]
            return False
        session.expire(current)
    _write(session, figures)
    return True


def take_peer_snapshot(session: DbSession, now: datetime, secret: bytes, k: int) -> int:
    """A new snapshot now, whatever the age of the current one; returns the number of
    published figures. Flushes, never commits."""
    figures = _figures(session, now - MIN_AGE, secret, k)
    session.execute(delete(PeerSnapshot))
    session.add(PeerSnapshot(id=SNAPSHOT_ID, taken_at=now, cutoff=now - MIN_AGE))
    session.flush()
    return _write(session, figures)


def _figures(
    session: DbSession, cutoff: datetime, secret: bytes, k: int
) -> list[dict[str, object]]:
    members, scores = group_sums(session, cutoff)
    return list(published_figures(members, scores, secret, peer_minimum(k)))


def _write(session: DbSession, figures: list[dict[str, object]]) -> int:
    session.execute(delete(PeerFigure))
    if figures:
        session.execute(insert(PeerFigure), figures)
    session.flush()
    return len(figures)


def group_sums(session: DbSession, cutoff: datetime) -> tuple[Members, Scores]:
    """Per group the number of checks and the sum of their ids, and per group and
    dimension the number of scores and their sum: one GROUP BY over the score summaries
    (companies' completed checks only) of checks completed before ``cutoff``."""
    keys = [
        ScoreSummary.questionnaire_version_id,
        func.coalesce(ScoreSummary.industry, NOT_GIVEN),
        func.coalesce(ScoreSummary.size, NOT_GIVEN),
    ]
    query = (
        select(*keys, func.count(), func.sum(ScoreSummary.assessment_id))
        .add_columns(concatenated_scores(session))
        .join(Assessment, Assessment.id == ScoreSummary.assessment_id)
        .where(Assessment.completed_at < cutoff)
        .group_by(*keys)
    )
    members: dict[Group, tuple[int, int]] = defaultdict(lambda: (0, 0))
    scores: dict[tuple[Group, str], tuple[int, float]] = defaultdict(lambda: (0, 0.0))
    layouts: dict[int, tuple[str, tuple[str, ...]]] = {}
    for version_id, industry, size, n, ids, packed in session.execute(query):
        if version_id not in layouts:
            layouts[version_id] = (
                _questionnaire(session, version_id),
                dimension_ids(session, version_id),
            )
        questionnaire, dimensions = layouts[version_id]
        group = (questionnaire, industry, size)
        count, id_sum = members[group]
        members[group] = (count + int(n), id_sum + int(ids))
        matrix = unpack(bytes(packed), int(n), 1 + len(dimensions))[:, 1:]
        rated, totals = (~np.isnan(matrix)).sum(axis=0), np.nansum(matrix, axis=0)
        for dim, dim_rated, dim_total in zip(dimensions, rated, totals, strict=True):
            before = scores[(group, dim)]
            scores[(group, dim)] = (before[0] + int(dim_rated), before[1] + float(dim_total))
    return dict(members), dict(scores)


def _questionnaire(session: DbSession, version_id: int) -> str:
    version = session.get(QuestionnaireVersion, version_id)
    assert version is not None  # score summaries reference stored versions
    return version.questionnaire_id


def published_figures(
    members: Mapping[Group, tuple[int, int]],
    scores: Mapping[tuple[Group, str], tuple[int, float]],
    secret: bytes,
    minimum: int,
) -> Iterator[dict[str, object]]:
    """The ``PeerFigure`` rows: per questionnaire every group a page can ask for that the
    cube (threshold ``minimum``) shows, with its band and dithered means."""
    for questionnaire in sorted({group[0] for group in members}):
        counts = {(i, s): n for (q, i, s), (n, _) in members.items() if q == questionnaire}
        cube = _cube(counts, minimum)
        for industry, size in sorted(_askable(counts)):
            if not cube.shown(_cell(industry, size)):
                continue
            chosen = {(i, s) for (i, s) in counts if industry in (EVERY, i) and size in (EVERY, s)}
            n = sum(counts[c] for c in chosen)
            ids = sum(members[(questionnaire, *c)][1] for c in chosen)
            head = {"questionnaire_id": questionnaire, "industry": industry, "size": size}
            for dim, (count, total) in _dimension_sums(scores, questionnaire, chosen).items():
                content = f"{questionnaire}|{industry}|{size}|{dim}|{n}|{ids}|{count}|{total:.3f}"
                mean = dithered(total / count, secret, content) if count >= minimum else None
                yield {**head, "dimension_id": dim, "companies": band(n, minimum), "mean": mean}


def _dimension_sums(
    scores: Mapping[tuple[Group, str], tuple[int, float]],
    questionnaire: str,
    chosen: set[tuple[str, str]],
) -> dict[str, tuple[int, float]]:
    """Per dimension the number and sum of scores over the ``chosen`` finest cells."""
    rated: dict[str, int] = defaultdict(int)
    totals: dict[str, float] = defaultdict(float)
    for ((q, i, s), dim), (count, total) in scores.items():
        if q == questionnaire and (i, s) in chosen:
            rated[dim] += count
            totals[dim] += total
    return {dim: (rated[dim], totals[dim]) for dim in sorted(rated)}


def _askable(counts: Mapping[tuple[str, str], int]) -> set[tuple[str, str]]:
    """The groups of ``peers.BASES``: industry × size, size alone, all (none with a key
    not given: nobody without it is compared by it)."""
    cells: set[tuple[str, str]] = {(EVERY, EVERY)}
    for industry, size in counts:
        if size != NOT_GIVEN:
            cells.add((EVERY, size))
            if industry != NOT_GIVEN:
                cells.add((industry, size))
    assert len(BASES) == 3  # industry × size, size, all
    return cells


def _cube(counts: Mapping[tuple[str, str], int], minimum: int) -> Suppression:
    keys = cube_keys(CUBE, {})
    return suppress(counts, [hierarchy(key, {}) for key in keys], minimum)


def _cell(industry: str, size: str) -> tuple[tuple[int, str], ...]:
    """The cube cell of a stored group: a key at its value, or at ALL (level 1)."""
    values = [ALL if v == EVERY else v for v in (industry, size)]
    return cell([1 if v == EVERY else 0 for v in (industry, size)], values)
