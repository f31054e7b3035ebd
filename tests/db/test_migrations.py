"""The Alembic migrations build exactly the schema of the models, on SQLite and PostgreSQL,
and the SQLite default upgrades itself when the app starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import inspect, text

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage import schema

JOURNEY = {"questionnaire_version", "assessment", "answer", "dimension_score"}


def _tables() -> set[str]:
    """Every model's table (the app has imported them all by now) plus Alembic's own."""
    return set(db.metadata.tables) | {"alembic_version"}


def _drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_the_migrated_schema_matches_the_models(app: Flask) -> None:
    with app.app_context():
        _drop_everything()
        assert schema.upgrade_to_head(db.engine) is True
        with db.engine.connect() as connection:
            assert JOURNEY | {"user_account", "login_attempt"} <= _tables()
            assert set(inspect(connection).get_table_names()) == _tables()
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
            assert schema.schema_is_current(connection)
        assert schema.upgrade_to_head(db.engine) is False  # up to date: nothing to do
        _drop_everything()


def test_constraint_names_follow_the_naming_convention(app: Flask) -> None:
    with app.app_context():
        _drop_everything()
        schema.upgrade_to_head(db.engine)
        inspector = inspect(db.engine)
        uniques = {u["name"] for u in inspector.get_unique_constraints("answer")}
        foreign = {f["name"] for f in inspector.get_foreign_keys("dimension_score")}
        indexes = {i["name"] for i in inspector.get_indexes("assessment")}
        assert uniques == {"uq_answer_assessment_id_question_id"}
        assert foreign == {"fk_dimension_score_assessment_id_assessment"}
        assert {"ix_assessment_token_hash", "ix_assessment_completed_at"} <= indexes
        _drop_everything()


def test_flask_db_upgrade_and_downgrade(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        _drop_everything()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) == _tables()
    result = runner.invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        _drop_everything()


@pytest.fixture
def production_config(tmp_path: Path, questionnaire_folder: Path) -> dict[str, Any]:
    """Not TESTING: as ``flask --app app run`` starts on the SQLite default."""
    return {
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'instance' / 'zzcheck.sqlite'}",
        "ZZCHECK_QUESTIONNAIRES": str(questionnaire_folder),
    }


def test_sqlite_upgrades_itself_at_start_up(
    production_config: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "instance").mkdir()
    app = create_app(production_config)
    with app.app_context(), db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == _tables()
        assert schema.schema_is_current(connection)
        db.engine.dispose()
    calls: list[str] = []
    monkeypatch.setattr(schema.command, "upgrade", lambda *args: calls.append("upgrade"))
    second = create_app(production_config)  # the next start: up to date, no upgrade run
    assert calls == []
    with second.app_context():
        db.engine.dispose()
