"""Shared fixtures: ``app`` (fresh database per test, SQLite and – when
ZZCHECK_TEST_POSTGRES_URL is set – PostgreSQL), ``client``, ``runner``, and for accounts
``create_user(role="consultant", centre=None, email=None, password=PASSWORD)`` and
``login(client, user)`` (see ``authhelp.py``)."""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import authhelp
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage.accounts import User

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("ZZCHECK_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of its own for this test run on the configured server, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("ZZCHECK_TEST_POSTGRES_URL is not set")
    name = f"zzcheck_test_{secrets.token_hex(4)}"
    admin = create_engine(_psycopg(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(_psycopg(POSTGRES_URL))
            .set(database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _psycopg(url: str) -> str:
    return (
        url.replace("postgresql://", "postgresql+psycopg://", 1)
        if url.startswith("postgresql://")
        else url
    )


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_database"))
    return f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"


@pytest.fixture
def app_config(database_url: str) -> dict[str, Any]:
    """Override in a test module to change settings; ``app`` uses it."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ZZCHECK_QUESTIONNAIRES": str(ROOT / "questionnaires"),
    }


@pytest.fixture
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_config)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def create_user(app: Flask) -> Callable[..., User]:
    """``create_user(role="consultant", centre=None, email=None, password=authhelp.PASSWORD)``:
    a committed account (consultants default to centre ``sachsen``), detached from the session."""
    counter = itertools.count(1)

    def factory(role: str = "consultant", **kwargs: Any) -> User:
        return authhelp.make_user(app, next(counter), role, **kwargs)

    return factory


@pytest.fixture
def login() -> Callable[..., object]:
    """``login(client, user, password=authhelp.PASSWORD, next=None)``: log in through the form."""
    return authhelp.login


@pytest.fixture
def consultant(
    app: Flask, create_user: Callable[..., User], login: Callable[..., object]
) -> FlaskClient:
    """A browser of its own, logged in as a consultant of Sachsen (``client`` stays free for
    the company's side)."""
    browser = app.test_client()
    login(browser, create_user("consultant", centre="sachsen"))
    return browser
