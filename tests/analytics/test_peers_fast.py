"""The peer comparison from the peer statistics gives what counting and averaging all
assessments gives (``slowpeers.py``, the computation it replaced), on random companies,
scores and deletions, for every company and several k."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from assessmentrows import Row
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slowpeers import slow_peer_comparison
from sqlalchemy import delete, select, update

from zzcheck.analytics.peers import PeerGroup, peer_comparison
from zzcheck.extensions import db
from zzcheck.storage.models import IN_PROGRESS, Assessment
from zzcheck.storage.team_models import CampaignResponse, is_team_answer

Add = Callable[[Sequence[Row]], list[Row]]

scores = st.one_of(st.none(), st.floats(0, 100), st.sampled_from([0.0, 37.5, 100.0]))
rows = st.builds(
    lambda industry, size, strategie, daten: Row(
        industry=industry, size=size, scores={"strategie": strategie, "daten": daten}
    ),
    st.sampled_from(["C", "C", "F", "G", None]),
    st.sampled_from(["1-9", "10-49", "10-49", None]),
    scores,
    scores,
)


def assert_same(fast: PeerGroup | None, slow: PeerGroup | None) -> None:
    if slow is None:
        assert fast is None
        return
    assert fast is not None
    assert (fast.basis, dict(fast.profile), fast.n) == (slow.basis, dict(slow.profile), slow.n)
    assert fast.means.keys() == slow.means.keys()
    for dimension, mean in slow.means.items():
        assert fast.means[dimension] == (None if mean is None else pytest.approx(mean))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    companies=st.lists(rows, min_size=1, max_size=45),
    gone=st.sets(st.integers(0, 44), max_size=12),
    reopened=st.sets(st.integers(0, 44), max_size=3),
    team=st.sets(st.integers(0, 44), max_size=8),
)
def test_the_fast_comparison_agrees_with_counting_everything(
    add: Add, companies: list[Row], gone: set[int], reopened: set[int], team: set[int]
) -> None:
    """Random companies; some deleted, some back in progress, some made team answers."""
    db.session.execute(delete(Assessment))
    stored = add(companies)
    ids = [row.id for row in stored]
    for i in sorted({i for i in team if i < len(ids)}):
        response = {"position": 0, "role": "employee", "browser_hash": "b" * 64}
        db.session.add(CampaignResponse(assessment_id=ids[i], **response))
    db.session.execute(
        delete(Assessment).where(Assessment.id.in_([ids[i] for i in gone if i < len(ids)]))
    )
    db.session.execute(
        update(Assessment)
        .where(Assessment.id.in_([ids[i] for i in reopened if i < len(ids)]))
        .values(status=IN_PROGRESS)
    )
    db.session.commit()
    companies_left = select(Assessment).where(Assessment.status != IN_PROGRESS, ~is_team_answer())
    for assessment in db.session.scalars(companies_left):
        for k in (3, 5):
            fast = peer_comparison(db.session, assessment, k)
            assert_same(fast, slow_peer_comparison(db.session, assessment, k))


def test_a_group_that_emptied_is_not_a_zero_cell(add: Add) -> None:
    """A group whose companies were all deleted keeps a row with 0: it must not count as a
    hidden cell of the privacy cube (that would hide its neighbours)."""
    rows = add([Row(industry="C", size="10-49")] * 6 + [Row(industry="F", size="10-49")] * 6)
    stored = add([Row(industry="G", size="10-49"), Row(industry="G", size="10-49")])
    db.session.execute(delete(Assessment).where(Assessment.id.in_([r.id for r in stored])))
    db.session.commit()
    me = db.session.get(Assessment, rows[0].id)
    assert me is not None
    fast = peer_comparison(db.session, me, 5)
    assert fast is not None and fast.basis == ("industry", "size") and fast.n == 5
    assert_same(fast, slow_peer_comparison(db.session, me, 5))
