"""The peer snapshot (``zzcheck.analytics.peer_snapshot``): which checks it covers (companies'
checks completed a day before it; no team answers, nothing in progress), that it is taken at
most once a day and then reflects deletions, the repair command, and that the migration
removed the old trigger-maintained statistics. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select, text, update
from test_assessments import answer_all
from werkstatt import PROFILE, StartFactory

from zzcheck.analytics.peer_snapshot import group_sums, refresh_peer_snapshot, take_peer_snapshot
from zzcheck.extensions import db
from zzcheck.storage import schema
from zzcheck.storage.assessments import complete_assessment, delete_assessment
from zzcheck.storage.models import Assessment, DimensionScore, utcnow
from zzcheck.storage.peer_models import PeerFigure, PeerSnapshot
from zzcheck.storage.score_summary import summarize
from zzcheck.storage.team_models import CampaignResponse

SECRET = b"test-secret"
GROUP = ("werkstatt", PROFILE["industry"], PROFILE["size"])


def completed_one(start: StartFactory, profile: dict[str, str] | None = None) -> Assessment:
    assessment, _ = start(profile=profile)
    answer_all(assessment)
    complete_assessment(db.session, assessment)
    db.session.commit()
    return assessment


def link(assessment_id: int) -> None:
    """Make the assessment a team answer (as ``campaign_answers`` links each one)."""
    db.session.add(
        CampaignResponse(
            assessment_id=assessment_id, position=0, role="employee", browser_hash="b" * 64
        )
    )
    db.session.commit()


def completed_team_answer(start: StartFactory) -> Assessment:
    """An assessment linked as a team answer from its start, then completed."""
    team_answer, _ = start()
    link(team_answer.id)
    answer_all(team_answer)
    complete_assessment(db.session, team_answer)
    db.session.commit()
    return team_answer


def age(assessments: list[Assessment], days: float) -> None:
    """Completed ``days`` ago."""
    ids = [a.id for a in assessments]
    when = utcnow() - timedelta(days=days)
    db.session.execute(update(Assessment).where(Assessment.id.in_(ids)).values(completed_at=when))
    db.session.commit()


def published() -> dict[tuple[str, str, str], dict[str, object]]:
    """Per stored group: its band and its means."""
    db.session.expire_all()
    groups: dict[tuple[str, str, str], dict[str, object]] = {}
    for figure in db.session.scalars(select(PeerFigure)):
        group = groups.setdefault(
            (figure.questionnaire_id, figure.industry, figure.size),
            {"companies": figure.companies},
        )
        group[figure.dimension_id] = figure.mean
    return groups


def test_the_snapshot_covers_companies_checks_older_than_a_day(start: StartFactory) -> None:
    old = [completed_one(start) for _ in range(10)]
    age(old, 2)
    recent = completed_one(start)  # completed now: not yet
    age([completed_team_answer(start) for _ in range(3)], 2)  # never
    start()  # in progress: never
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    groups = published()
    assert set(groups) == {GROUP, ("werkstatt", "*", "10-49"), ("werkstatt", "*", "*")}
    assert groups[GROUP]["companies"] == 10
    exact = {s.dimension_id: s.score for s in old[0].dimension_scores}  # all answered alike
    for dimension, score in exact.items():
        mean = groups[GROUP][dimension]
        assert isinstance(mean, float) and mean % 5 == 0 and abs(mean - (score or 0)) < 5
    age([recent], 2)
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    assert published()[GROUP]["companies"] == 10  # 11: still the band "at least 10"


def test_nine_companies_are_no_group(start: StartFactory) -> None:
    age([completed_one(start) for _ in range(9)], 2)
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    assert published() == {}


def test_a_snapshot_is_taken_at_most_once_a_day(start: StartFactory) -> None:
    checks = [completed_one(start) for _ in range(11)]
    age(checks, 2)
    now = utcnow()
    assert refresh_peer_snapshot(db.session, now, SECRET, 5) is True
    db.session.commit()
    first = published()
    assert first[GROUP]["companies"] == 10
    for check in checks[:2]:
        delete_assessment(db.session, check)
    db.session.commit()
    later = now + timedelta(hours=23)
    assert refresh_peer_snapshot(db.session, later, SECRET, 5) is False
    assert published() == first  # a deleted check stays in the figures until the next day
    assert refresh_peer_snapshot(db.session, now + timedelta(hours=25), SECRET, 5) is True
    db.session.commit()
    assert published() == {}  # 9 left: no group any more
    snapshot = db.session.get(PeerSnapshot, 1)
    assert snapshot is not None
    assert snapshot.cutoff == snapshot.taken_at - timedelta(days=1)


def test_a_dimension_rated_by_fewer_than_ten_has_no_value(start: StartFactory) -> None:
    checks = [completed_one(start) for _ in range(12)]
    age(checks, 2)
    db.session.execute(
        update(DimensionScore)
        .where(DimensionScore.assessment_id.in_([c.id for c in checks[:3]]))
        .where(DimensionScore.dimension_id == "strategie")
        .values(score=None)
    )
    summarize(db.session, [c.id for c in checks[:3]])  # as an edit by hand and a repair
    db.session.commit()
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    group = published()[GROUP]
    assert group["strategie"] is None and group["daten"] is not None


def test_the_repair_command_takes_a_snapshot(
    app: Flask, start: StartFactory, runner: FlaskCliRunner
) -> None:
    age([completed_one(start) for _ in range(10)], 2)
    assert published() == {}
    result = runner.invoke(args=["zzcheck", "rebuild-statistics"])
    assert result.exit_code == 0, result.output
    assert "Peer snapshot taken" in result.output
    assert published()[GROUP]["companies"] == 10


def test_the_migrations_leave_no_trigger(app: Flask) -> None:
    """The statistics kept by triggers (migrations 0005, 0006) are gone with 0013."""
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        schema.upgrade_to_head(db.engine)
        with db.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            else:
                query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            assert connection.execute(text(query)).all() == []
            tables = connection.dialect.get_table_names(connection)
            assert "peer_count" not in tables and "peer_score_sum" not in tables
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.mark.parametrize("days", [0.5])
def test_checks_younger_than_a_day_are_left_out(start: StartFactory, days: float) -> None:
    age([completed_one(start) for _ in range(10)], days)
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    assert published() == {}


def test_the_packed_sums_agree_with_a_plain_group_by(start: StartFactory) -> None:
    """The snapshot reads the score summaries; counting the stored dimension scores gives
    the same counts and sums (profiles varied, one dimension unrated, a team answer)."""
    checks = [completed_one(start) for _ in range(3)]
    checks.append(completed_one(start, {**PROFILE, "industry": "F"}))
    no_industry = {key: value for key, value in PROFILE.items() if key != "industry"}
    checks.append(completed_one(start, {**no_industry, "size": "1-9"}))
    age([*checks, completed_team_answer(start)], 2)
    members, scores = group_sums(db.session, utcnow())
    rows = db.session.execute(
        select(
            func.coalesce(Assessment.industry, ""),
            func.coalesce(Assessment.size, ""),
            DimensionScore.dimension_id,
            func.count(DimensionScore.score),
            func.coalesce(func.sum(DimensionScore.score), 0.0),
        )
        .join(DimensionScore, DimensionScore.assessment_id == Assessment.id)
        .where(Assessment.id.in_([c.id for c in checks]))
        .group_by(Assessment.industry, Assessment.size, DimensionScore.dimension_id)
    ).all()
    assert scores.keys() == {(("werkstatt", i, s), d) for i, s, d, _, _ in rows}
    for industry, size, dim, rated, total in rows:
        got = scores[(("werkstatt", industry, size), dim)]
        assert got[0] == rated and got[1] == pytest.approx(total)
    assert members[GROUP] == (3, sum(c.id for c in checks[:3]))
