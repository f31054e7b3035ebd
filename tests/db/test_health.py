"""``GET /healthz``: 200 with the database up, 503 without leaking why when it is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from zzcheck import create_app
from zzcheck.extensions import db


def test_healthz_reports_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "questionnaires": 2}
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://zzcheck:geheim@127.0.0.1:1/zzcheck",  # nothing listens on port 1
        "sqlite:///{tmp}/does/not/exist/zzcheck.sqlite",
    ],
    ids=["postgresql", "sqlite"],
)
def test_healthz_reports_an_unreachable_database(
    url: str, tmp_path: Path, questionnaire_folder: Path
) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": url.format(tmp=tmp_path),
            "ZZCHECK_QUESTIONNAIRES": str(questionnaire_folder),
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
    body = response.get_data(as_text=True)
    for secret in ("geheim", "127.0.0.1", "does/not/exist", "Error"):
        assert secret not in body
    with app.app_context():
        db.engine.dispose()


def test_a_statement_waits_for_a_lock_at_most_five_seconds(app: Flask) -> None:
    """Then the visitor gets "try again" (503) instead of a request that hangs."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            assert db.session.execute(text("SHOW lock_timeout")).scalar() == "5s"
        else:
            assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
