"""Login, logout and the guards of the staff areas, through the web (CSRF enabled).

A small blueprint of this module stands in for the consultant and programme pages.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from authhelp import PASSWORD, csrf_token_of, logout, post_login
from flask import Blueprint, Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage import accounts
from zzcheck.storage.accounts import User
from zzcheck.storage.login_limits import LoginAttempt
from zzcheck.web.access import current_user, login_required, role_required
from zzcheck.web.system import safe_next

WRONG = "E-Mail-Adresse oder Passwort ist falsch."
Factory = Callable[..., User]

guarded = Blueprint("guarded", __name__)


@guarded.get("/intern/")
@login_required
def staff_page() -> str:
    user = current_user()
    assert user is not None
    return f"hallo {user.email}"


@guarded.get("/intern/berater")
@role_required("consultant", "admin")
def consultant_page() -> str:
    return "nur Beratung"


@pytest.fixture(autouse=True)
def _guarded_routes(app: Flask) -> None:
    app.register_blueprint(guarded)


def attempts(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(LoginAttempt)) or 0)


def without_token(html: str) -> str:
    return re.sub(r'value="[^"]*"', "", html)


def test_the_login_page_has_labelled_fields(client: FlaskClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200
    html = page.text
    assert '<label for="email">E-Mail-Adresse</label>' in html
    assert '<label for="password">Passwort</label>' in html
    assert re.search(r'<input[^>]*autocomplete="username"[^>]*id="email"', html)
    assert re.search(r'<input[^>]*autocomplete="current-password"[^>]*id="password"', html)
    assert csrf_token_of(html)
    assert "Angemeldet als" not in html and "Abmelden" not in html


def test_login_follows_next_and_shows_the_user_in_the_header(
    client: FlaskClient, create_user: Factory
) -> None:
    user = create_user("consultant", email="Eva@Example.org")
    anonymous = client.get("/intern/?x=1")
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"] == "/login?next=/intern/?x%3D1"
    form = client.get("/login", query_string={"next": "/intern/?x=1"}).text
    assert '<form method="post" action="/login?next=/intern/?x%3D1"' in form
    response = post_login(client, "EVA@example.org", next="/intern/?x=1")
    assert (response.status_code, response.headers["Location"]) == (302, "/intern/?x=1")
    assert client.get("/intern/").text == "hallo eva@example.org"
    start = client.get("/")
    assert "Angemeldet als eva@example.org" in start.text
    assert re.search(r'<form method="post" action="/logout"', start.text)
    assert client.get("/login").headers["Location"] != "/login"  # logged in: sent on
    with client.application.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None and stored.last_login_at is not None


def test_without_next_a_user_lands_on_the_start_page_or_their_area(
    client: FlaskClient, create_user: Factory
) -> None:
    create_user("admin", email="chef@example.org")
    response = post_login(client, "chef@example.org")
    assert (response.status_code, response.headers["Location"]) == (302, "/")


def test_unknown_user_and_wrong_password_get_the_same_answer(
    client: FlaskClient, create_user: Factory
) -> None:
    create_user("programme", email="team@example.org")
    wrong = post_login(client, "team@example.org", "falsches-passwort")
    unknown = post_login(client, "niemand@example.org", "falsches-passwort")
    assert wrong.status_code == unknown.status_code == 400
    assert WRONG in wrong.text
    assert without_token(wrong.text) == without_token(unknown.text).replace(
        "niemand@example.org", "team@example.org"
    )
    assert client.get("/intern/").status_code == 302  # still anonymous


def test_an_empty_form_asks_for_both_fields(client: FlaskClient) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"csrf_token": csrf_token_of(page.text)})
    assert response.status_code == 400
    assert "Bitte geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein." in response.text


def test_logout_needs_a_post_with_the_token(
    client: FlaskClient, create_user: Factory, login: Callable[..., Any]
) -> None:
    login(client, create_user("admin"))
    assert client.get("/logout").status_code == 405
    forged = client.post("/logout")
    assert forged.status_code == 400
    assert "Das Formular ist abgelaufen" in forged.text
    assert client.get("/intern/").status_code == 200  # nothing changed
    response = logout(client)
    assert (response.status_code, response.headers["Location"]) == (302, "/login")
    assert "Sie sind abgemeldet." in client.get("/login").text
    assert client.get("/intern/").status_code == 302


def test_login_without_a_csrf_token_is_refused_and_changes_nothing(
    client: FlaskClient, app: Flask, create_user: Factory
) -> None:
    create_user("admin", email="chef@example.org")
    data = {"email": "chef@example.org", "password": PASSWORD}
    response = client.post("/login", data=data)
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal." in response.text
    assert client.get("/intern/").status_code == 302
    client.get("/login")
    assert client.post("/login", data={**data, "csrf_token": "forged"}).status_code == 400
    assert attempts(app) == 0


def test_a_wrong_role_gets_403_and_anonymous_is_sent_to_login(
    client: FlaskClient, create_user: Factory, login: Callable[..., Any]
) -> None:
    assert client.get("/intern/berater").headers["Location"] == "/login?next=/intern/berater"
    login(client, create_user("programme"))
    denied = client.get("/intern/berater")
    assert denied.status_code == 403
    assert "Kein Zugriff" in denied.text and "nur Beratung" not in denied.text
    logout(client)
    login(client, create_user("consultant", centre="berlin"))
    assert client.get("/intern/berater").text == "nur Beratung"


def test_failures_for_an_account_bring_429_with_retry_after(
    client: FlaskClient, create_user: Factory
) -> None:
    create_user("consultant", email="eva@example.org")
    for _ in range(3):
        assert post_login(client, "eva@example.org", "falsches-passwort").status_code == 400
    limited = post_login(client, "eva@example.org", PASSWORD)  # right password, must wait
    assert limited.status_code == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 2
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in limited.text
    assert "Sekunden erneut" in limited.text
    assert client.get("/intern/").status_code == 302
    other = post_login(client, "anna@example.org", "falsches-passwort")
    assert other.status_code == 400  # other accounts from this address go on


def test_a_stranger_cannot_lock_a_consultant_out(app: Flask, create_user: Factory) -> None:
    """The attack of issue 13: wrong passwords for a consultant's address from elsewhere.
    The stranger's address is slowed down and then stopped; the consultant logs in."""
    create_user("consultant", email="eva@example.org")
    stranger = app.test_client()
    stranger.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    answers = [
        post_login(stranger, "eva@example.org", "rate-mal-1234").status_code for _ in range(30)
    ]
    assert answers[:3] == [400, 400, 400] and set(answers[3:]) == {429}
    consultant = app.test_client()
    consultant.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    assert post_login(consultant, "eva@example.org", PASSWORD).status_code == 302
    assert consultant.get("/berater/").status_code == 200


def test_the_address_limit_holds_across_accounts(app: Flask, create_user: Factory) -> None:
    create_user("admin", email="chef@example.org")
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for n in range(20):
        assert post_login(attacker, f"raten{n}@example.org", "passwort123456").status_code == 400
    limited = post_login(attacker, "chef@example.org", PASSWORD)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    colleague = app.test_client()
    colleague.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    assert post_login(colleague, "chef@example.org", PASSWORD).status_code == 302


def test_the_limit_is_shared_by_every_worker_on_the_database(
    app: Flask, app_config: dict[str, Any], create_user: Factory
) -> None:
    """Two app instances on one database stand for two worker processes: no memory shared."""
    create_user("admin", email="chef@example.org")
    other_worker = create_app(app_config)
    first, second = app.test_client(), other_worker.test_client()
    for client in (first, second, first):
        assert post_login(client, "chef@example.org", "falsches-passwort").status_code == 400
    assert post_login(second, "chef@example.org").status_code == 429
    with other_worker.app_context():
        db.engine.dispose()


def test_deactivation_ends_access_at_the_next_request(
    app: Flask, client: FlaskClient, create_user: Factory, login: Callable[..., Any]
) -> None:
    user = create_user("consultant")
    login(client, user)
    assert client.get("/intern/").status_code == 200
    with app.app_context():
        accounts.deactivate_user(db.session, user.email)
        db.session.commit()
    response = client.get("/intern/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    page = client.get("/login").text
    assert "Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an." in page
    assert "Angemeldet als" not in page
    assert post_login(client, user.email).status_code == 400


def test_a_new_password_ends_existing_sessions(
    app: Flask, create_user: Factory, login: Callable[..., Any]
) -> None:
    user = create_user("programme")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user)
    login(phone, user)
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        accounts.set_password(db.session, stored, "ein-neues-langes-passwort")
        db.session.commit()
    assert laptop.get("/intern/").status_code == 302
    assert phone.get("/intern/").status_code == 302
    login(laptop, user, "ein-neues-langes-passwort")
    assert laptop.get("/intern/").status_code == 200


@pytest.mark.parametrize(
    ("key", "value"),
    [("user_epoch", 7), ("auth_at", None), ("user_id", "1"), ("user_id", 999)],
)
def test_a_session_with_a_stale_epoch_or_id_is_anonymous(
    client: FlaskClient, create_user: Factory, login: Callable[..., Any], key: str, value: Any
) -> None:
    login(client, create_user("admin"))
    with client.session_transaction() as session:
        session[key] = value
    assert client.get("/intern/").status_code == 302
    with client.session_transaction() as session:
        assert "user_id" not in session  # forgotten, not tried again


def test_a_login_older_than_the_session_lifetime_ends(
    client: FlaskClient, create_user: Factory, login: Callable[..., Any]
) -> None:
    login(client, create_user("admin"))
    with client.session_transaction() as session:
        session["auth_at"] = int(time.time()) - 7 * 3600
    assert client.get("/intern/").status_code == 200
    with client.session_transaction() as session:
        session["auth_at"] = int(time.time()) - 8 * 3600 - 5
    assert client.get("/intern/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "///evil.example",
        "http:/evil.example",
    ],
)
def test_next_is_followed_only_for_paths_of_this_app(
    client: FlaskClient, create_user: Factory, target: str
) -> None:
    create_user("admin", email="chef@example.org")
    page = client.get("/login", query_string={"next": target})
    action = re.search(r'<form method="post" action="([^"]*)"', page.text)
    assert action is not None and action.group(1) == "/login"  # not carried into the form
    response = post_login(client, "chef@example.org", next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert safe_next(target) == "/"
    assert safe_next("/berater/kunde/3?tab=notizen") == "/berater/kunde/3?tab=notizen"


def _session_cookie(response: Any) -> str:
    headers = response.headers.getlist("Set-Cookie")
    cookies = [str(c) for c in headers if str(c).startswith("session=")]
    assert len(cookies) == 1, response.headers
    return cookies[0]


def test_the_session_cookie_is_httponly_lax_and_lasts_eight_hours(
    client: FlaskClient, create_user: Factory, login: Callable[..., Any]
) -> None:
    cookie = _session_cookie(login(client, create_user("admin")))
    assert "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    assert "; Secure" not in cookie  # tests run on plain http
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))  # type: ignore[union-attr]
    assert abs(expires - (datetime.now(UTC) + timedelta(hours=8))) < timedelta(minutes=1)


@pytest.mark.parametrize(("setting", "secure"), [("auto", True), ("0", False), ("1", True)])
def test_the_session_cookie_is_secure_outside_debug_and_tests(
    tmp_path: Path, setting: str, secure: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app(
        {
            "SECRET_KEY": "test",
            "ZZCHECK_SECURE_COOKIES": setting,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'production.sqlite'}",
        }
    )
    assert not app.testing and not app.debug
    assert app.config["SESSION_COOKIE_SECURE"] is secure
    client = app.test_client()
    cookie = _session_cookie(client.get("/login"))  # the CSRF token lives in the session
    assert ("; Secure" in cookie) is secure
    assert "; HttpOnly" in cookie and "; SameSite=Lax" in cookie
    with app.app_context():
        db.engine.dispose()
