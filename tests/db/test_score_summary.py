"""The score summaries the programme aggregates read (``zzcheck.storage.score_summary``):
written with each company's result, never for a team answer, gone with the assessment,
rebuilt by the repair command and filled by migration 0009 from the stored results; on
SQLite and PostgreSQL."""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime

from alembic import command
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import delete, insert, select, text
from test_peer_snapshot import completed_one, completed_team_answer
from werkstatt import PROFILE, StartFactory

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import schema
from zzcheck.storage.assessments import complete_assessment, delete_assessment, hash_token
from zzcheck.storage.models import COMPLETED, Assessment, DimensionScore, ScoreSummary
from zzcheck.storage.score_summary import dimension_ids, summarize
from zzcheck.storage.versions import pin_version

Summary = tuple[object, ...]


def summaries() -> dict[int, Summary]:
    """Assessment id → (version, industry, size, state, works council, month, scores)."""
    rows = db.session.execute(select(ScoreSummary).order_by(ScoreSummary.assessment_id))
    return {
        s.assessment_id: (
            s.questionnaire_version_id,
            s.industry,
            s.size,
            s.state,
            s.works_council,
            s.month,
            _unpacked(s.scores),
        )
        for (s,) in rows
    }


def _unpacked(scores: bytes) -> tuple[float | None, ...]:
    values = struct.unpack(f"<{len(scores) // 8}d", scores)
    return tuple(None if math.isnan(v) else v for v in values)


def expected(assessment: Assessment) -> Summary:
    """What the summary must say, from the assessment and its dimension scores as stored."""
    db.session.refresh(assessment)
    order = dimension_ids(db.session, assessment.questionnaire_version_id)
    by_dimension = {d.dimension_id: d.score for d in assessment.dimension_scores}
    assert assessment.completed_at is not None
    return (
        assessment.questionnaire_version_id,
        assessment.industry,
        assessment.size,
        assessment.state,
        assessment.works_council,
        assessment.completed_at.strftime("%Y-%m"),
        (assessment.overall_score, *(by_dimension.get(d) for d in order)),
    )


def test_completing_writes_the_summary_of_the_stored_result(start: StartFactory) -> None:
    assessment = completed_one(start)
    open_one, _ = start()
    found = summaries()
    assert found == {assessment.id: expected(assessment)}
    version, *_, scores = found[assessment.id]
    assert len(scores) == 1 + len(dimension_ids(db.session, int(str(version))))
    assert all(score is not None for score in scores)  # every dimension of werkstatt is rated
    assert open_one.id not in found  # in progress: no summary


def test_a_second_completion_writes_nothing_more(start: StartFactory) -> None:
    assessment = completed_one(start)
    complete_assessment(db.session, assessment)
    db.session.commit()
    assert list(summaries()) == [assessment.id]


def test_team_answers_get_no_summary(start: StartFactory) -> None:
    company = completed_one(start)
    completed_team_answer(start)
    assert list(summaries()) == [company.id]
    summarize(db.session)  # a rebuild leaves it out as well
    db.session.commit()
    assert list(summaries()) == [company.id]


def test_the_summary_goes_with_its_assessment(start: StartFactory) -> None:
    first, second = completed_one(start), completed_one(start)
    delete_assessment(db.session, first)
    db.session.commit()
    assert list(summaries()) == [second.id]
    db.session.execute(delete(Assessment))  # one statement for many, as a campaign's deletion
    db.session.commit()
    assert summaries() == {}


def test_the_repair_command_writes_the_summaries_again(
    app: Flask, start: StartFactory, runner: FlaskCliRunner
) -> None:
    completed = [completed_one(start), completed_one(start, {**PROFILE, "size": "50-249"})]
    written = summaries()
    assert written == {a.id: expected(a) for a in completed}
    db.session.execute(delete(ScoreSummary))
    db.session.commit()

    result = runner.invoke(args=["zzcheck", "rebuild-statistics"])

    assert result.exit_code == 0, result.output
    assert "2 completed assessments summarised" in result.output
    with app.app_context():
        assert summaries() == written


def test_the_migration_summarises_the_results_stored_before_it(app: Flask) -> None:
    """Results stored under revision 0008 (no summary table yet) are summarised by 0009:
    one rated and one unrated dimension, a missing profile field, a team answer left out."""
    config = schema.alembic_config()
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        command.upgrade(config, "0008")
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        version_id = pin_version(db.session, loaded).id
        company, team = (_stored_0008(version_id, token) for token in ("a", "b"))
        db.session.execute(
            text(
                "INSERT INTO campaign_response (assessment_id, position, role, browser_hash) "
                "VALUES (:id, 0, 'employee', :hash)"
            ),
            {"id": team, "hash": "b" * 64},
        )
        db.session.commit()

        command.upgrade(config, "head")

        order = dimension_ids(db.session, version_id)
        scores = tuple({"strategie": 40.0, "daten": None}.get(d) for d in order)
        assert summaries() == {
            company: (version_id, None, "10-49", "DE-SN", "no", "2025-03", (52.5, *scores))
        }
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _stored_0008(version_id: int, token: str) -> int:
    """A completed assessment as revision 0008 stored it (its tables only, no summary)."""
    completed = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)
    assessment_id = db.session.execute(
        insert(Assessment.__table__).returning(Assessment.__table__.c.id),
        {
            "token_hash": hash_token(token),
            "questionnaire_version_id": version_id,
            "status": COMPLETED,
            "started_at": completed,
            "updated_at": completed,
            "completed_at": completed,
            "current_section": 1,
            "size": "10-49",
            "state": "DE-SN",
            "works_council": "no",
            "overall_score": 52.5,
        },
    ).scalar_one()
    db.session.execute(
        insert(DimensionScore.__table__),
        [
            {
                "assessment_id": assessment_id,
                "dimension_id": dim,
                "score": s,
                "answered": 1,
                "total": 1,
            }
            for dim, s in (("strategie", 40.0), ("daten", None))
        ],
    )
    return int(assessment_id)
