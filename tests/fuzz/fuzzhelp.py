"""Running the fuzz properties: ``fuzz`` (Hypothesis under the ``fuzz``/``fuzz-ci`` profile
of ``conftest.py``), a ``Sender`` that reaches one route as its role, and the two checks
every fuzzed request must pass: no 5xx, and a refused request leaves the database as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from authhelp import csrf_token_of
from dbstate import State, changed_tables, db_state
from flask import Flask
from flask.testing import FlaskClient
from fuzzworld import World, browser
from hypothesis import given, settings
from hypothesis import strategies as st
from targets import Target, form_fields
from werkzeug.test import TestResponse


def profile() -> settings:
    """``fuzz-ci`` (derandomised) when the environment says CI=true, else ``fuzz``."""
    name = "fuzz-ci" if os.environ.get("CI", "").lower() == "true" else "fuzz"
    return settings.get_profile(name)


def fuzz(examples: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> None:
    """Run ``check`` on ``examples`` drawn values (an inner ``@given``: the app, its data
    and the logged-in browsers are made once per test, not once per example)."""

    @settings(profile(), max_examples=max(1, examples))
    @given(strategy)
    def run(value: Any) -> None:
        check(value)

    run()


@dataclass
class Sender:
    """One route as its role reaches it: a logged-in browser (its session put back before
    every request), that session's CSRF token, and the fields the route's form has."""

    app: Flask
    world: World
    target: Target
    client: FlaskClient
    cookie: str | None
    token: str
    fields: dict[str, list[str]]

    @classmethod
    def open(cls, app: Flask, world: World, target: Target, method: str) -> Sender:
        client = browser(app, target.role)
        if target.prepare is not None:
            target.prepare(world, client)
        url = target.url(world)
        page = client.get((target.page or target.url)(world))
        html = page.get_data(as_text=True) if page.mimetype == "text/html" else ""
        page.close()
        fields = form_fields(app, html, url, method)
        token = csrf_token_of(html) or session_token(client)
        cookie = client.get_cookie("session")
        return cls(app, world, target, client, cookie.value if cookie else None, token, fields)

    def browser(self, own_session: bool) -> FlaskClient:
        """The role's browser with its session as after login, or a browser without any."""
        if not own_session:
            return self.app.test_client()
        if self.cookie is None:
            self.client.delete_cookie("session")
        else:
            self.client.set_cookie("session", self.cookie)
        return self.client


def session_token(client: FlaskClient) -> str:
    """A CSRF token of the browser's session from a page with a form (the login page for
    the anonymous, the logout button for everyone else)."""
    return csrf_token_of(client.get("/login", follow_redirects=True).get_data(as_text=True))


def checked(
    app: Flask,
    send: Callable[[], TestResponse],
    request: str,
    keeps: Callable[[TestResponse], bool] | None = None,
) -> TestResponse:
    """Send, then assert the two properties: no 5xx; a 4xx changed nothing, unless ``keeps``
    says it is one that stores what was acceptable (``request`` describes what was sent)."""
    before = db_state(app)
    response = send()
    response.get_data()
    response.close()
    after = db_state(app)
    status = response.status_code
    assert status < 500, f"{status} for {request}"
    if status >= 400 and not (keeps and keeps(response)):
        assert unchanged(before, after), (
            f"{status} for {request} changed {changed_tables(before, after)}"
        )
    return response


def unchanged(before: State, after: State) -> bool:
    return changed_tables(before, after) == []


def describe(method: str, url: str, sent: Any) -> str:
    text = f"{method} {url} {sent!r}"
    return text if len(text) < 600 else text[:600] + f"… ({len(text)} characters)"
