"""Database set-up for the app: engine options, SQLite pragmas for parallel respondents, and
the schema upgrade at start-up for the embedded SQLite default."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from sqlalchemy import event

from zzcheck.extensions import db, migrate
from zzcheck.storage.schema import MIGRATIONS, upgrade_to_head


def register_database(app: Flask) -> None:
    """Initialise Flask-SQLAlchemy and Flask-Migrate (``migrations/`` at the top level).

    On SQLite outside tests the schema is upgraded to the newest revision right here, so
    ``flask --app app run`` works on a fresh checkout; PostgreSQL runs ``db upgrade`` on deploy.
    """
    from zzcheck.storage import (  # noqa: F401  (the tables must be known to metadata)
        accounts,
        api_tokens,
        followups,
        login_limits,
        models,
        peer_models,
        step_plans,
        stored_pages,
        team_models,
        workspace,
    )

    _engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        event.listen(db.engine, "connect", _sqlite_pragmas)
        if not app.testing:
            os.makedirs(app.instance_path, exist_ok=True)
            upgrade_to_head(db.engine)


LOCK_TIMEOUT_MS = 5000


def _engine_options(app: Flask) -> None:
    """PostgreSQL: test pooled connections before use (server restarts) and fail fast: a
    connection attempt after 5 s, a statement waiting for a lock after 5 s (the visitor
    gets "try again", 503, instead of a request hanging behind a stuck transaction)."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("pool_pre_ping", True)
        connect = options.setdefault("connect_args", {})
        connect.setdefault("connect_timeout", 5)
        if "options=" not in app.config["SQLALCHEMY_DATABASE_URI"]:  # the URL's own wins
            connect.setdefault("options", f"-c lock_timeout={LOCK_TIMEOUT_MS}")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers work while one respondent writes; the busy timeout makes writers wait."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
