"""Server tests: the real app under gunicorn (``liveserver.py``) on 127.0.0.1, against a
fresh database of its own, on SQLite and – when ZZCHECK_TEST_POSTGRES_URL is set – on
PostgreSQL. Every test here is marked ``server`` (``pytest -m "not server"`` leaves them out).

Fixtures:
- ``server``: a running ``GunicornServer`` (``server.url``), one per test run and backend, on
  the small test questionnaire ``werkstatt``. SQLite: a file in a temporary folder, schema by
  the app's own start-up upgrade; PostgreSQL: a database of its own, schema by
  ``flask --app app db upgrade``, dropped afterwards; the server's connections wait at most
  ``LOCK_TIMEOUT_MS`` for a lock (as a deployment may set in ``DATABASE_URL``), so a test can
  make a save fail by holding a lock, as SQLite's busy timeout (5 s) does by itself.
- ``database``: a SQLAlchemy engine on the server's database, to check what was stored.
- ``writers_blocked``: ``with writers_blocked(): …`` holds a lock that stops every save.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from liveserver import ROOT, GunicornServer, flask_db_upgrade, server_env
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(ROOT / "tests" / "web"))  # webpage.py: read forms as a browser would
POSTGRES_URL = os.environ.get("ZZCHECK_TEST_POSTGRES_URL")
QUESTIONNAIRES = ROOT / "tests" / "web" / "questionnaires"  # werkstatt.yaml
LOCK_TIMEOUT_MS = 2000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``server``, even one that forgets the marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.server)


@dataclass(frozen=True)
class Backend:
    """The server's database: the URL the app gets and an engine for the checks."""

    url: str
    engine: Engine

    @property
    def name(self) -> str:
        return self.engine.dialect.name


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('server') / 'zzcheck.sqlite'}"
        engine = create_engine(url)
        yield Backend(url, engine)
        engine.dispose()
        return
    yield from _postgres_backend()


def _postgres_backend() -> Iterator[Backend]:
    """A PostgreSQL database of its own, dropped (connections and all) afterwards."""
    if not POSTGRES_URL:
        pytest.skip("ZZCHECK_TEST_POSTGRES_URL is not set")
    server_url = make_url(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"zzcheck_server_{secrets.token_hex(4)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(server_url.set(database=name))
    app_url = server_url.set(database=name).update_query_dict(
        {"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"}
    )
    try:
        yield Backend(app_url.render_as_string(hide_password=False), engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def server(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GunicornServer]:
    """gunicorn with 2 gthread workers on a free port; stopped (whole process group) after
    the tests of its backend, whatever happened. Fails if the server logged a traceback."""
    extra = {"ZZCHECK_QUESTIONNAIRES": str(QUESTIONNAIRES)}
    if not backend.url.startswith("sqlite"):
        flask_db_upgrade(server_env(backend.url, **extra))
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with GunicornServer(backend.url, log, **extra) as running:
        yield running
    assert "Traceback" not in running.log_text(), running.log_tail(80)


@pytest.fixture
def database(backend: Backend) -> Engine:
    return backend.engine


@pytest.fixture
def writers_blocked(backend: Backend) -> Callable[[], contextlib.AbstractContextManager[None]]:
    return lambda: _writers_blocked(backend.engine)


@contextlib.contextmanager
def _writers_blocked(engine: Engine) -> Iterator[None]:
    """Another connection holds a lock that stops every write to the answers (SQLite: the
    database's write lock; PostgreSQL: SHARE on ``answer``, so reads and the assessment's
    own UPDATE go through and the save fails in its middle, at the answers)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("LOCK TABLE answer IN SHARE MODE"))
        try:
            yield
        finally:
            conn.rollback()
