"""Peer statistics (``peer_count``, ``peer_score_sum``): every way a completed assessment
comes or goes keeps them equal to a count and sum over the stored rows, computed here in
Python; the migration and ``create_all`` install the same triggers."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session
from test_assessments import answer_all
from werkstatt import PROFILE, StartFactory

from zzcheck.extensions import db
from zzcheck.storage import schema
from zzcheck.storage.assessments import complete_assessment, delete_assessment, find_assessment
from zzcheck.storage.models import (
    COMPLETED,
    IN_PROGRESS,
    Assessment,
    DimensionScore,
    PeerCount,
    PeerScoreSum,
    QuestionnaireVersion,
    utcnow,
)
from zzcheck.storage.peer_triggers import TRIGGERS, rebuild_peer_stats
from zzcheck.storage.retention import RetentionPolicy, purge
from zzcheck.storage.team_models import CampaignResponse, is_team_answer

Stats = tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], tuple[int, float]]]
GROUP = ("werkstatt", PROFILE["industry"], PROFILE["size"])


def stored() -> Stats:
    """The two tables, without groups that are empty now (their rows stay at 0)."""
    counts = {
        (row.questionnaire_id, row.industry, row.size): row.assessments
        for row in db.session.scalars(select(PeerCount))
        if row.assessments
    }
    sums = {
        (r.questionnaire_id, r.industry, r.size, r.dimension_id): (r.rated, r.total)
        for r in db.session.scalars(select(PeerScoreSum))
    }
    for key, (rated, total) in list(sums.items()):
        if rated == 0:
            assert total == pytest.approx(0, abs=1e-9)
            del sums[key]
    return counts, sums


def recomputed() -> Stats:
    """The same figures from the companies' completed assessments and their scores."""
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    sums: dict[tuple[str, ...], tuple[int, float]] = {}
    query = (
        select(Assessment.id, QuestionnaireVersion.questionnaire_id, Assessment.industry)
        .add_columns(Assessment.size)
        .join(QuestionnaireVersion)
        .where(Assessment.status == COMPLETED, ~is_team_answer())
    )
    groups = {}
    for id_, questionnaire_id, industry, size in db.session.execute(query):
        groups[id_] = (questionnaire_id, industry or "", size or "")
        counts[groups[id_]] += 1
    for score in db.session.scalars(select(DimensionScore)):
        if score.assessment_id in groups and score.score is not None:
            rated, total = sums.get((*groups[score.assessment_id], score.dimension_id), (0, 0.0))
            sums[(*groups[score.assessment_id], score.dimension_id)] = (
                rated + 1,
                total + score.score,
            )
    return dict(counts), sums


def assert_consistent() -> Stats:
    db.session.expire_all()
    counts, sums = stored()
    expected_counts, expected_sums = recomputed()
    assert counts == expected_counts
    assert sums.keys() == expected_sums.keys()
    for key, (rated, total) in sums.items():
        assert rated == expected_sums[key][0]
        assert total == pytest.approx(expected_sums[key][1])
    return counts, sums


def completed_one(start: StartFactory, profile: dict[str, str] | None = None) -> Assessment:
    assessment, _ = start(profile=profile)
    answer_all(assessment)
    complete_assessment(db.session, assessment)
    db.session.commit()
    return assessment


def test_completion_counts_the_assessment_and_its_scores(start: StartFactory) -> None:
    start()  # in progress: not counted
    assessment = completed_one(start)
    counts, sums = assert_consistent()
    assert counts == {GROUP: 1}
    own = {score.dimension_id: score.score for score in assessment.dimension_scores}
    assert sums[(*GROUP, "strategie")] == (1, pytest.approx(own["strategie"]))
    completed_one(start)
    counts, sums = assert_consistent()
    assert counts == {GROUP: 2}
    assert sums[(*GROUP, "strategie")] == (2, pytest.approx(2 * own["strategie"]))


def test_a_second_completion_of_the_same_assessment_counts_nothing(
    start: StartFactory,
) -> None:
    assessment = completed_one(start)
    complete_assessment(db.session, assessment)  # double submit
    db.session.commit()
    assert assert_consistent()[0] == {GROUP: 1}


def test_deleting_subtracts_the_assessment(start: StartFactory) -> None:
    keep, gone = completed_one(start), completed_one(start, {**PROFILE, "size": "1-9"})
    delete_assessment(db.session, gone)
    db.session.commit()
    assert assert_consistent()[0] == {GROUP: 1}
    delete_assessment(db.session, keep)
    db.session.commit()
    assert assert_consistent() == ({}, {})


def test_two_parallel_deletes_subtract_once(start: StartFactory) -> None:
    """Two tabs confirm the deletion at the same time: the statistics lose one company."""
    completed_one(start)
    _, token = start()
    other_id = completed_one(start).id
    engine, barrier = db.engine, threading.Barrier(2)

    def confirm() -> None:
        with Session(engine) as tab:
            seen = tab.scalars(select(Assessment).where(Assessment.id == other_id)).one()
            barrier.wait()
            tab.execute(delete(Assessment).where(Assessment.id == seen.id))
            tab.commit()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert find_assessment(db.session, token) is not None
    assert assert_consistent()[0] == {GROUP: 1}


def test_purge_subtracts_old_completed_assessments(start: StartFactory) -> None:
    old, recent = completed_one(start), completed_one(start)
    long_ago = utcnow() - timedelta(days=800)
    db.session.execute(
        update(Assessment).where(Assessment.id == old.id).values(completed_at=long_ago)
    )
    db.session.commit()
    counts = purge(db.session, RetentionPolicy(completed_days=730))
    db.session.commit()
    assert counts.completed_deleted == 1
    assert assert_consistent()[0] == {GROUP: 1}
    assert db.session.get(Assessment, recent.id) is not None


def test_bulk_deletes_and_profile_changes_move_the_figures(start: StartFactory) -> None:
    """What a campaign's deletion (one DELETE for many assessments) and an edited profile or
    status of a completed assessment do: the old contribution goes, a new one comes."""
    first, second, third = (completed_one(start) for _ in range(3))
    db.session.execute(update(Assessment).where(Assessment.id == first.id).values(industry="F"))
    db.session.execute(update(Assessment).where(Assessment.id == second.id).values(size=None))
    db.session.commit()
    counts, _ = assert_consistent()
    assert counts == {GROUP: 1, ("werkstatt", "F", "10-49"): 1, ("werkstatt", "C", ""): 1}
    db.session.execute(
        update(Assessment).where(Assessment.id == third.id).values(status=IN_PROGRESS)
    )
    db.session.execute(delete(Assessment).where(Assessment.id.in_([first.id, second.id])))
    db.session.commit()
    assert assert_consistent() == ({}, {})


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


def test_team_answers_are_no_company_and_never_count(start: StartFactory) -> None:
    company = completed_one(start)
    team_answer = completed_team_answer(start)
    counts, _ = assert_consistent()
    assert counts == {GROUP: 1}
    delete_assessment(db.session, team_answer)  # its link goes with it (ON DELETE CASCADE)
    db.session.commit()
    assert assert_consistent()[0] == {GROUP: 1}
    assert db.session.get(Assessment, company.id) is not None


def test_linking_or_unlinking_a_completed_assessment_moves_it(start: StartFactory) -> None:
    first, second = completed_one(start), completed_one(start)
    link(second.id)
    assert assert_consistent()[0] == {GROUP: 1}
    db.session.execute(delete(CampaignResponse))
    db.session.commit()
    assert assert_consistent()[0] == {GROUP: 2}
    link(first.id)
    db.session.execute(delete(Assessment).where(Assessment.id == first.id))
    db.session.commit()
    assert assert_consistent()[0] == {GROUP: 1}


def test_demo_data_is_counted(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["zzcheck", "demo-data", "--companies", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        counts, sums = assert_consistent()
        assert sum(counts.values()) == 60
        assert len(counts) > 10 and sums


def test_rebuild_gives_the_maintained_figures(start: StartFactory) -> None:
    completed_one(start)
    completed_one(start, {**PROFILE, "industry": "G"})
    maintained = assert_consistent()
    db.session.execute(delete(PeerScoreSum))
    db.session.execute(update(PeerCount).values(assessments=99))
    rebuild_peer_stats(db.session)
    db.session.commit()
    assert assert_consistent() == maintained


def _installed(connection: Any) -> dict[str, str]:
    """Each trigger's definition (and on PostgreSQL its function's body) as the database
    keeps it."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
        return dict(rows.all())
    triggers = connection.execute(
        text("SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal")
    ).all()
    functions = connection.execute(
        text("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'peer_stats_%'")
    ).all()
    return {**dict(triggers), **{f"{name}()": source for name, source in functions}}


def test_the_migration_installs_the_same_triggers_as_create_all(app: Flask) -> None:
    with app.app_context():
        with db.engine.connect() as connection:
            from_models = _installed(connection)
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        schema.upgrade_to_head(db.engine)
        with db.engine.connect() as connection:
            from_migrations = _installed(connection)
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    names = {name for name, _, _, _ in TRIGGERS}
    assert names <= from_models.keys()
    assert from_migrations == from_models


def test_the_repair_command_reinstalls_dropped_triggers(
    app: Flask, start: StartFactory, runner: FlaskCliRunner
) -> None:
    """A table rebuild drops its triggers; ``rebuild-statistics`` puts them back and refills
    the tables, after which completions count again."""
    completed_one(start)
    maintained = assert_consistent()
    suffix = " ON assessment" if db.engine.dialect.name == "postgresql" else ""
    for name, event, _, _ in TRIGGERS:
        if event.endswith(" ON assessment"):
            db.session.execute(text(f"DROP TRIGGER {name}{suffix}"))
    db.session.execute(delete(PeerScoreSum))
    db.session.execute(delete(PeerCount))
    db.session.commit()
    assert stored() != maintained

    result = runner.invoke(args=["zzcheck", "rebuild-statistics"])

    assert result.exit_code == 0, result.output
    assert "rebuilt" in result.output
    assert assert_consistent() == maintained
    completed_one(start)
    counts, _ = assert_consistent()
    assert counts[GROUP] == 2
