"""Log in as a test account through the real login form (CSRF token read from the page, so
it works with WTF_CSRF_ENABLED on or off). Used by the ``create_user`` and ``login``
fixtures of ``tests/conftest.py``; import it directly where a fixture does not fit."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import accounts
from zzcheck.storage.accounts import User

PASSWORD = "ein-langes-test-passwort"
DEFAULT_CENTRE = "sachsen"
_INPUT = re.compile(r"<input\b[^>]*>")
_VALUE = re.compile(r'\bvalue="([^"]+)"')


def csrf_token_of(html: str) -> str:
    """The value of the first ``csrf_token`` input of the page (attributes in any order)."""
    for tag in _INPUT.findall(html):
        found = _VALUE.search(tag)
        if 'name="csrf_token"' in tag and found:
            return found.group(1)
    return ""


def make_user(
    app: Flask,
    n: int,
    role: str = "consultant",
    centre: str | None = None,
    email: str | None = None,
    password: str = PASSWORD,
) -> User:
    """A committed, active account; a consultant without ``centre`` gets ``sachsen``.

    The returned object is detached (its attributes stay readable after the app context)."""
    if role == accounts.CONSULTANT and centre is None:
        centre = DEFAULT_CENTRE
    with app.app_context():
        user = accounts.create_user(
            db.session,
            email or f"{role}{n}@example.org",
            role,
            centre,
            password,
            centres=current_registry().centres,
        )
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    return user


def login(
    client: FlaskClient,
    user: User | str,
    password: str = PASSWORD,
    next: str | None = None,
    **extra: Any,
) -> TestResponse:
    """POST the login form as a browser would; asserts it succeeded (a redirect)."""
    response = post_login(client, user, password, next, **extra)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def post_login(
    client: FlaskClient,
    user: User | str,
    password: str = PASSWORD,
    next: str | None = None,
    **extra: Any,
) -> TestResponse:
    """POST the login form without asserting the outcome (for tests of failures)."""
    query = {"next": next} if next is not None else {}
    page = client.get("/login", query_string=query, follow_redirects=True)  # logged in: sent on
    email = user if isinstance(user, str) else user.email
    data = {"email": email, "password": password, "csrf_token": csrf_token_of(page.text)}
    return client.post("/login", query_string=query, data=data, **extra)


def logout(client: FlaskClient) -> TestResponse:
    """POST /logout with the token from the current page's header form."""
    page = client.get("/")
    return client.post("/logout", data={"csrf_token": csrf_token_of(page.text)})
