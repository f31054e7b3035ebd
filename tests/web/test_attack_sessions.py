"""Attack (issue 13, point 6): a copy of a consultant's session cookie, taken before logout,
replayed afterwards. Logout ends the session on the server: the copy opens nothing, neither
the client's page nor its internal notes. Password change and deactivation end sessions the
same way (``test_auth.py``)."""

from __future__ import annotations

from collections.abc import Callable

from authhelp import logout
from centrehelp import SACHSEN, WERKSTATT, csrf_of, new_client
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from zzcheck.extensions import db
from zzcheck.storage.workspace import Note

QUESTIONNAIRES = WERKSTATT
NOTE = "Interne Notiz: Geschäftsführer denkt über Verkauf nach"


def _session_cookie(browser: FlaskClient) -> str:
    cookie = browser.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_a_cookie_saved_before_logout_opens_nothing_afterwards(
    app: Flask, create_user: Callable[..., object], login: Callable[..., object]
) -> None:
    client_id = new_client(app, SACHSEN, "Glaserei Klar")
    consultant = app.test_client()
    login(consultant, create_user("consultant", centre=SACHSEN))
    page = f"/berater/kunden/{client_id}"
    token = csrf_of(consultant.get(page).get_data(as_text=True))
    consultant.post(f"{page}/notizen", data={"csrf_token": token, "text": NOTE})
    assert NOTE in consultant.get(page).get_data(as_text=True)
    saved = _session_cookie(consultant)  # copied by malware, a shared PC, a proxy log …

    assert logout(consultant).status_code == 302

    attacker = app.test_client()
    attacker.set_cookie("session", saved)
    for url in (page, "/berater/", "/berater/kunden/"):
        replayed = attacker.get(url)
        assert replayed.status_code == 302, url
        assert replayed.headers["Location"].startswith("/login"), url
        assert NOTE not in replayed.get_data(as_text=True)
    written = attacker.post(f"{page}/notizen", data={"csrf_token": token, "text": "Übernahme"})
    assert written.status_code in (302, 401)
    with app.app_context():
        assert db.session.scalars(select(Note.text)).all() == [NOTE]


def test_after_logout_the_consultant_logs_in_again_as_before(
    app: Flask, create_user: Callable[..., object], login: Callable[..., object]
) -> None:
    user = create_user("consultant", centre=SACHSEN)
    browser = app.test_client()
    login(browser, user)
    logout(browser)
    login(browser, user)
    assert browser.get("/berater/").status_code == 200
