"""API tokens (issue 17, point 4): made on the user's own page and by the CLI, shown once,
stored hashed; revoked or deactivated → refused at the next request; last use recorded;
failed tokens rate-limited like logins; never accepted in a URL nor logged; the session
cookie is never accepted by the API."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pytest
from apihelp import bearer, get, token_for
from centrehelp import SACHSEN, WERKSTATT, csrf_of
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from zzcheck.extensions import db
from zzcheck.storage.accounts import User, deactivate_user
from zzcheck.storage.api_tokens import ApiToken
from zzcheck.web.redact import TokenFilter

QUESTIONNAIRES = WERKSTATT
TOKEN = re.compile(r"zzk_[A-Za-z0-9_-]{20,}")


def _stored(app: Flask) -> list[ApiToken]:
    with app.app_context():
        rows = list(db.session.scalars(select(ApiToken)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_page_creates_a_token_shown_once_and_stored_hashed(
    app: Flask, client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> None:
    login(client, create_user("consultant", centre=SACHSEN))
    page = client.get("/konto/api-tokens").get_data(as_text=True)
    response = client.post("/konto/api-tokens", data={"label": "CRM", "csrf_token": csrf_of(page)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    secret = TOKEN.search(html).group(0)  # type: ignore[union-attr]
    assert secret not in client.get("/konto/api-tokens").get_data(as_text=True)  # once
    [row] = _stored(app)
    assert row.label == "CRM" and secret not in row.token_hash
    with app.app_context():  # the secret is nowhere in the database
        dump = "".join(str(r) for r in db.session.execute(text("SELECT * FROM api_token")))
    assert secret not in dump
    assert get(client, "/api/v1/shares", secret).json["total"] == 0


def test_page_refuses_a_form_without_csrf_and_a_blank_label(
    app: Flask, client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> None:
    login(client, create_user("programme"))
    assert client.post("/konto/api-tokens", data={"label": "x"}).status_code == 400
    page = client.get("/konto/api-tokens").get_data(as_text=True)
    blank = client.post("/konto/api-tokens", data={"label": " ", "csrf_token": csrf_of(page)})
    assert blank.status_code == 400 and not _stored(app)


def test_revoking_on_the_page_stops_the_token_at_once(
    app: Flask, client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> None:
    user = create_user("consultant", centre=SACHSEN)
    secret = token_for(app, user)
    login(client, user)
    api = app.test_client()
    get(api, "/api/v1/shares", secret)
    page = client.get("/konto/api-tokens").get_data(as_text=True)
    [row] = _stored(app)
    assert row.last_used_at is not None  # the use was recorded, and is listed
    revoked = client.post(
        f"/konto/api-tokens/{row.id}/widerrufen", data={"csrf_token": csrf_of(page)}
    )
    assert revoked.status_code == 302
    problem = get(api, "/api/v1/shares", secret, status=401)
    assert problem.content_type == "application/problem+json" and problem.json["detail"]


def test_another_users_token_cannot_be_revoked(
    app: Flask, client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> None:
    owner = create_user("consultant", centre=SACHSEN)
    secret = token_for(app, owner)
    login(client, create_user("consultant", centre=SACHSEN))
    page = client.get("/konto/api-tokens").get_data(as_text=True)
    [row] = _stored(app)
    response = client.post(
        f"/konto/api-tokens/{row.id}/widerrufen", data={"csrf_token": csrf_of(page)}
    )
    assert response.status_code == 404
    get(app.test_client(), "/api/v1/shares", secret)


def test_the_page_is_for_consultants_and_programme_staff_only(
    client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> None:
    assert client.get("/konto/api-tokens").status_code == 302  # to the login
    login(client, create_user("admin"))
    assert client.get("/konto/api-tokens").status_code == 403


def test_cli_creates_a_token_that_works(
    app: Flask, runner: object, create_user: Callable[..., User]
) -> None:
    user = create_user("programme")
    result = runner.invoke(args=["zzcheck", "create-token", "--email", user.email])  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.output
    secret = TOKEN.search(result.output).group(0)  # type: ignore[union-attr]
    get(app.test_client(), "/api/v1/questionnaires", secret)
    unknown = runner.invoke(args=["zzcheck", "create-token", "--email", "x@example.org"])  # type: ignore[attr-defined]
    assert unknown.exit_code == 1 and "no account" in unknown.output


def test_a_deactivated_users_token_stops_at_the_next_request(
    app: Flask, client: FlaskClient, create_user: Callable[..., User]
) -> None:
    user = create_user("consultant", centre=SACHSEN)
    secret = token_for(app, user)
    get(client, "/api/v1/shares", secret)
    with app.app_context():
        deactivate_user(db.session, user.email)
        db.session.commit()
    get(client, "/api/v1/shares", secret, status=401)


def test_a_token_in_the_url_is_refused_and_not_logged(
    app: Flask, client: FlaskClient, create_user: Callable[..., User]
) -> None:
    secret = token_for(app, create_user("consultant", centre=SACHSEN))
    for query in (f"?token={secret}", f"?access_token={secret}", f"?x={secret}"):
        response = client.get("/api/v1/shares" + query)
        assert response.status_code == 400, query
        assert "Authorization" in response.json["detail"]
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        "",
        0,
        '"GET /api/v1/shares?token=%s HTTP/1.1" 400',
        (secret,),
        None,
    )
    TokenFilter().filter(record)
    assert secret not in record.getMessage() and "zzk_…" in record.getMessage()


def test_the_session_cookie_is_not_accepted(
    consultant_browser: FlaskClient,
) -> None:
    response = consultant_browser.get("/api/v1/shares")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert consultant_browser.get("/berater/").status_code == 200  # logged in indeed


@pytest.fixture
def consultant_browser(
    client: FlaskClient, create_user: Callable[..., User], login: Callable[..., object]
) -> FlaskClient:
    login(client, create_user("consultant", centre=SACHSEN))
    return client


def test_guessing_tokens_is_rate_limited_per_address(
    app: Flask, client: FlaskClient, create_user: Callable[..., User]
) -> None:
    secret = token_for(app, create_user("consultant", centre=SACHSEN))
    for n in range(20):
        get(client, "/api/v1/shares", f"zzk_guess{n:040d}", status=401)
    limited = client.get("/api/v1/shares", headers=bearer("zzk_guess-again"))
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.content_type == "application/problem+json"
    get(client, "/api/v1/shares", secret, status=429)  # the address waits, whatever it sends
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    get(other, "/api/v1/shares", secret)  # another address is not affected
