"""Commands on a database without the schema (PostgreSQL before ``db upgrade``) or one that
cannot be reached end with a message that says what to do, never with a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import inspect, text

from zzcheck import create_app
from zzcheck.extensions import db

COMMANDS = [
    ["demo-data", "--companies", "3", "--seed", "1"],
    ["purge"],
    ["rebuild-statistics"],
    ["create-user", "--email", "eva@example.org", "--role", "programme", "--password", "x" * 12],
    ["export", "--questionnaire", "werkstatt", "--by", "state", "--out", "/tmp/never.csv"],
]


@pytest.fixture
def empty(app: Flask) -> Flask:
    """The app's database as a new PostgreSQL database is before ``db upgrade``: no tables."""
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        assert inspect(db.engine).get_table_names() == []
    return app


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_commands_before_db_upgrade_say_to_run_it(empty: Flask, command: list[str]) -> None:
    result = empty.test_cli_runner().invoke(args=["zzcheck", *command])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "error: the database has no current schema" in result.output
    assert "run `flask --app app db upgrade` (with the same DATABASE_URL) first" in result.output
    with empty.app_context():
        assert inspect(db.engine).get_table_names() == []  # nothing half-created


def test_demo_data_works_after_the_upgrade(empty: Flask) -> None:
    runner: FlaskCliRunner = empty.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["zzcheck", "demo-data", "--companies", "3", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "Created 3 completed demo assessments" in result.output
    with empty.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def test_a_database_that_cannot_be_reached(app_config: dict[str, Any]) -> None:
    unreachable = "postgresql+psycopg://zzcheck@127.0.0.1:1/zzcheck"  # nothing listens on port 1
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": unreachable})
    result = app.test_cli_runner().invoke(args=["zzcheck", "purge", "--dry-run"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "error: cannot reach the database (" in result.output
    assert "check DATABASE_URL" in result.output
