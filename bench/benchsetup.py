"""Shared set-up of the HTTP benchmarks: a prepared database (SQLite file or a PostgreSQL
database of its own, schema plus ``demo-data``) and gunicorn on 127.0.0.1 (``liveserver`` of
the server tests), plus a respondent who answers a whole questionnaire over HTTP.

Nothing here is a test; ``bench_http.py`` and ``bench_scenario.py`` print the figures.
"""

from __future__ import annotations

import contextlib
import os
import random
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests" / "server", ROOT / "tests" / "web"):
    sys.path.insert(0, str(folder))

from httpjourney import Visit  # noqa: E402
from journeyhelp import choose  # noqa: E402
from liveserver import GunicornServer, flask_db_upgrade, server_env  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from webpage import form_of, parse  # noqa: E402

from zzcheck.questionnaire.loader import load_folder  # noqa: E402
from zzcheck.questionnaire.model import Questionnaire  # noqa: E402

__all__ = ["ROOT", "GunicornServer", "Visit", "answer_all", "questionnaires", "running_server"]
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
QUESTIONNAIRES = ROOT / "questionnaires"


def questionnaires() -> dict[str, Questionnaire]:
    """The app's questionnaires by id (to choose plausible answers for their forms)."""
    return {key: item.questionnaire for key, item in load_folder(QUESTIONNAIRES).items()}


@contextlib.contextmanager
def prepared_database(backend: str, companies: int, workdir: Path) -> Iterator[str]:
    """A fresh database with the schema and ``companies`` demo assessments; its URL."""
    with _database(backend, workdir) as url:
        env = server_env(url)
        flask_db_upgrade(env)
        command = [sys.executable, "-m", "flask", "--app", "app", "zzcheck", "demo-data"]
        command += ["--companies", str(companies), "--seed", "1"]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        yield url


def settle(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE the freshly loaded database now, so that autovacuum does not
    run in the middle of a measurement (it made one route's figure vary by half)."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


@contextlib.contextmanager
def _database(backend: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite'}"
        return
    base = os.environ.get("ZZCHECK_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    server_url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"zzcheck_bench_{secrets.token_hex(4)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def worker_args(worker_class: str) -> list[str]:
    """2 worker processes; gthread ones with 4 threads each (as the server tests use)."""
    threads = ["--threads", "4"] if worker_class == "gthread" else []
    return ["--workers", "2", "--worker-class", worker_class, *threads]


@contextlib.contextmanager
def running_server(
    backend: str, companies: int, worker_class: str
) -> Iterator[tuple[GunicornServer, str, Path]]:
    """gunicorn on a prepared database: the server, the database URL and a scratch folder.

    Prints one line that says what runs; everything is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="zzcheck-bench-") as folder:
        tmp = Path(folder)
        with prepared_database(backend, companies, tmp) as url:
            workers = worker_args(worker_class)
            with GunicornServer(url, tmp / "server.log", workers) as server:
                print(f"gunicorn {' '.join(workers)} on {backend}, {companies} demo companies")
                yield server, url, tmp


def answer_all(
    visit: Visit, questionnaire: Questionnaire, rng: random.Random, profile: dict[str, str]
) -> str:
    """Start ``questionnaire``, answer every page plausibly, finish; returns the token.

    Every response must be the expected redirect (303), else AssertionError."""
    token = visit.start(questionnaire.id, profile)
    last = len(questionnaire.sections)
    for number in range(1, last + 1):
        path = f"/a/{token}/{number}"
        form = form_of(parse(visit.get(path).text), "questions")
        action = "finish" if number == last else "next"
        response = visit.post(path, form.submit(choose(questionnaire, form, rng), action))
        assert response.status_code == 303, (path, response.status_code, response.text[:500])
    assert response.headers["Location"].endswith(f"/a/{token}/ergebnis")
    return token
