"""Only configured host names are answered, and the links handed out come from the configured
base URL (``zzcheck/web/hosts.py``, issue 13 point 7): a forged ``Host`` gets 400, never a
link to another server, and never one more stored result page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from sqlalchemy import func, select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage.stored_pages import StoredPage

QUESTIONNAIRES = WERKSTATT
BASE = "https://check.example.org"
RESUME_LINK = re.compile(r'id="resume-url" href="([^"]+)"')


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    settings = getattr(request, "param", {"ZZCHECK_BASE_URL": BASE + "/"})
    return {**app_config, **settings}


def stored_pages(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(StoredPage)) or 0)


def test_a_request_for_an_unknown_host_is_refused(app: Flask, completed: str) -> None:
    client = app.test_client()
    for host in ("evil.example", "check.example.org.evil.example", "example.org"):
        response = client.get(f"/a/{completed}/ergebnis", headers={"Host": host})
        assert response.status_code == 400, host
        assert "Diese Adresse wird von diesem Server nicht bedient." in response.text
        assert "Ihr Ergebnis" not in response.text
    assert stored_pages(app) == 0
    for host in ("check.example.org", "CHECK.example.org:443", "localhost", "127.0.0.1:8000"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    probe = client.get("/healthz", headers={"Host": "10.1.2.3:8000"})  # a container's address
    assert probe.status_code == 200 and probe.json == {**probe.json, "status": "ok"}


def test_the_personal_link_comes_from_the_base_url_whatever_the_host(
    app: Flask, completed: str
) -> None:
    client = app.test_client()
    for host in ("localhost", "127.0.0.1", "check.example.org", "[::1]:5000"):
        page = client.get(f"/a/{completed}/ergebnis", headers={"Host": host}).text
        assert RESUME_LINK.findall(page) == [f"{BASE}/a/{completed}"], host
    assert stored_pages(app) == 1  # one per language, never one per host


@pytest.mark.parametrize(
    "app_config", [{"ZZCHECK_TRUSTED_HOSTS": ".example.org, localhost"}], indirect=True
)
def test_trusted_hosts_without_a_base_url_link_to_the_host_asked(
    app: Flask, completed: str
) -> None:
    """Every subdomain of a trusted ``.example.org`` is answered; each sees its own name in
    the link, from one stored page."""
    respondent = Respondent(app.test_client())
    for number in range(5):
        host = f"c{number}.example.org"
        page = respondent.client.get(f"/a/{completed}/ergebnis", headers={"Host": host}).text
        assert RESUME_LINK.findall(page) == [f"http://{host}/a/{completed}"]
    assert stored_pages(app) == 1
    refused = respondent.client.get("/", headers={"Host": "example.com"})
    assert refused.status_code == 400


@pytest.mark.parametrize("app_config", [{}], indirect=True)
def test_tests_and_debug_answer_every_host_when_none_is_configured(
    app: Flask, completed: str
) -> None:
    client = app.test_client()
    for host in ("a.test", "b.test", "c.test"):
        page = client.get(f"/a/{completed}/ergebnis", headers={"Host": host}).text
        assert RESUME_LINK.findall(page) == [f"http://{host}/a/{completed}"]
    assert stored_pages(app) == 1


def test_outside_debug_and_tests_only_loopback_is_answered_until_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ZZCHECK_BASE_URL", "ZZCHECK_TRUSTED_HOSTS", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    config = {
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'zzcheck.sqlite'}",
    }
    app = create_app(config)
    client = app.test_client()
    assert client.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:5000"}).status_code == 200
    assert client.get("/", headers={"Host": "check.example.org"}).status_code == 400
    configured = create_app({**config, "ZZCHECK_BASE_URL": BASE})
    assert (
        configured.test_client().get("/", headers={"Host": "check.example.org"}).status_code == 200
    )
    with app.app_context():
        db.engine.dispose()
    with configured.app_context():
        db.engine.dispose()


@pytest.mark.parametrize(
    "value", ["check.example.org", "ftp://check.example.org", f"{BASE}/zzcheck", f"{BASE}?a=1"]
)
def test_a_base_url_that_is_not_one_stops_the_start(app_config: dict[str, Any], value: str) -> None:
    with pytest.raises(RuntimeError, match="ZZCHECK_BASE_URL"):
        create_app({**app_config, "ZZCHECK_BASE_URL": value})
