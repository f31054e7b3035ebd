"""Start-up as an operator meets it, in a process of its own: a bad value of a setting stops
every command with a message naming the variable (no traceback); without SECRET_KEY the
commands still run, while a server refuses to start and requests are refused."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zzcheck import create_app
from zzcheck.config import ConfigError, from_environment

ROOT = Path(__file__).resolve().parent.parent


def clean_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """The caller's environment without any zzcheck or Flask setting, plus ``values``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ZZCHECK_", "FLASK_")) and key not in ("SECRET_KEY", "DATABASE_URL")
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"
    return {**env, **values}


def flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "flask", "--app", "app", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ZZCHECK_MIN_GROUP_SIZE", "abc", "'abc': not a whole number (default: 5)"),
        ("ZZCHECK_RETENTION_COMPLETED_DAYS", "abc", "'abc': not a whole number (default: 730)"),
        ("ZZCHECK_RETENTION_UNFINISHED_DAYS", "0", "'0': must be at least 1 (default: 90)"),
        ("ZZCHECK_MIN_GROUP_SIZE", "2", "'2': must be at least 3 (default: 5)"),
        ("ZZCHECK_SECURE_COOKIES", "ture", "'ture': must be one of auto, 1, 0, true, false"),
        ("DATABASE_URL", "nonsense", "'nonsense': not a database URL"),
    ],
)
def test_a_bad_setting_stops_every_command_naming_the_variable(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    done = flask(clean_env(tmp_path, **{name: value}), "zzcheck", "validate")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("zzcheck: invalid settings in the environment:\n")
    assert f"{name}={message}" in done.stderr


def test_every_bad_setting_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZCHECK_PROXY_FIX", "one")
    monkeypatch.setenv("ZZCHECK_RESULT_PAGE_SECONDS", "-5")
    monkeypatch.setenv("ZZCHECK_RETENTION_SHARED_DAYS", " ")  # empty: the default
    with pytest.raises(ConfigError) as raised:
        from_environment("/tmp/instance")
    assert str(raised.value).splitlines() == [
        "ZZCHECK_RESULT_PAGE_SECONDS='-5': must be at least 0 (default: 600)",
        "ZZCHECK_PROXY_FIX='one': not a whole number (default: 0)",
    ]
    monkeypatch.delenv("ZZCHECK_PROXY_FIX")
    monkeypatch.delenv("ZZCHECK_RESULT_PAGE_SECONDS")
    assert from_environment("/tmp/instance")["ZZCHECK_RETENTION_SHARED_DAYS"] == 730


def test_commands_run_without_secret_key(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    helped = flask(env, "zzcheck", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "validate" in helped.stdout and "export" in helped.stdout
    validated = flask(env, "zzcheck", "validate")
    assert validated.returncode == 0, validated.stderr
    assert "ki-readiness 1.1:" in validated.stdout


def test_a_server_does_not_start_without_secret_key(tmp_path: Path) -> None:
    """As a gunicorn worker imports ``app.py`` (not a ``flask`` command); status 4 is
    gunicorn's "App failed to load"."""
    done = subprocess.run(
        [sys.executable, "-c", "import app"],
        cwd=ROOT,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("zzcheck: SECRET_KEY is not set.")


def test_gunicorn_stops_on_a_bad_setting_instead_of_restarting_workers(tmp_path: Path) -> None:
    env = clean_env(tmp_path, SECRET_KEY="k" * 32, ZZCHECK_PROXY_FIX="yes")
    # One worker: with several, gunicorn 27 can raise its own HaltServer a second time while
    # stopping (both workers exit with 4 at once) and then prints a traceback of its own.
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", "127.0.0.1:0"]
    done = subprocess.run(
        [*command, "--no-control-socket", "app:app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4
    assert "ZZCHECK_PROXY_FIX='yes': not a whole number (default: 0)" in done.stderr
    assert "App failed to load" in done.stderr and "Traceback" not in done.stderr


def test_requests_without_secret_key_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """``flask run`` on a deployment's database without a key: the 500 page, the log says why."""
    url = f"sqlite:///{tmp_path / 'zzcheck.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "ZZCHECK_SECURE_COOKIES": "0"})
    assert not app.secret_key
    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        response = client.get("/")
        login = client.post("/login", data={"email": "a@example.org", "password": "x" * 12})
    assert response.status_code == 500 and login.status_code == 500
    assert "SECRET_KEY is not set" in caplog.text
    assert "Set-Cookie" not in response.headers
