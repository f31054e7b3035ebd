"""Security headers on every response: every route of ``app.url_map`` (GET and POST, with
real ids of a consultant's data, logged in as the role the area is for), static and vendored
files, and the error statuses 400, 404, 405, 413, 429 and 500. Private pages are never
cached; HSTS only over HTTPS, and behind a proxy only with ``ZZCHECK_PROXY_FIX``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from centrehelp import HIGH, LOW, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Blueprint, Flask, request
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from zzcheck import create_app
from zzcheck.extensions import db
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.plans import add_action_item
from zzcheck.web.security import CONTENT_SECURITY_POLICY

QUESTIONNAIRES = WERKSTATT
EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
PRIVATE = ("/a/", "/einladung/", "/berater/", "/programm/", "/login")


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """A 500 must reach the error page (and its headers), not the test as an exception."""
    return {**app_config, "PROPAGATE_EXCEPTIONS": False}


def check_headers(response: TestResponse, path: str) -> list[str]:
    """What is wrong with the response's security headers (empty: all is well)."""
    problems = [
        f"{name}: {response.headers.get(name)!r}"
        for name, value in EXPECTED.items()
        if response.headers.get(name) != value
    ]
    if "Strict-Transport-Security" in response.headers:
        problems.append("HSTS over plain HTTP")
    private = path.startswith(PRIVATE)
    if private and response.headers.get("Cache-Control") != "no-store":
        problems.append(f"Cache-Control {response.headers.get('Cache-Control')!r}")
    return problems


def fetch(client: FlaskClient, method: str, url: str) -> TestResponse:
    response = client.open(url, method=method)
    response.get_data()
    response.close()
    return response


def test_the_policy_forbids_inline_and_eval() -> None:
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


@pytest.fixture
def values(app: Flask, clients: dict[str, FlaskClient]) -> dict[str, str]:
    """Real values for every URL argument of the app's routes (after ``clients``: the
    consultant is the invitation's author)."""
    client_id = new_client(app, SACHSEN, "Kunde")
    first_id, token = completed(app, LOW)
    share_id = shared(app, first_id, client_id=client_id)
    second = shared(app, completed(app, HIGH)[0], client_id=client_id)
    with app.app_context():
        from zzcheck.storage.accounts import User

        author = db.session.query(User).filter_by(centre_id=SACHSEN).one()
        item = add_action_item(db.session, SACHSEN, client_id, "Maßnahme")
        invitation = create_invitation(db.session, SACHSEN, client_id, author.id)
        assert item is not None and invitation is not None
        db.session.commit()
        item_id = item.id
    return {
        "token": token,
        "number": "1",
        "questionnaire_id": "werkstatt",
        "lang": "de",
        "client_id": str(client_id),
        "share_id": str(share_id),
        "item_id": str(item_id),
        "fmt": "csv",
        "invitation": invitation[1],
        "second": str(second),
        "campaign_id": "1",  # team mode: no such campaign, a 404 has the headers too
        "code": "ABCDE-FGHJK",  # no such code: the form again (404), with the headers
        "token_id": "999999",  # no such API token: 404, with the headers
        "version": "1.0",
        "filename": "bmas.svg",  # no logos configured: 404, with the headers
    }


@pytest.fixture
def clients(
    app: Flask, create_user: Callable[..., Any], login: Callable[..., Any]
) -> dict[str, FlaskClient]:
    """Anonymous, a consultant of Sachsen (first: the author of the values) and programme."""
    consultant, programme = create_user("consultant"), create_user("programme")
    result = {"anonymous": app.test_client()}
    for role, user in (("consultant", consultant), ("programme", programme)):
        result[role] = app.test_client()
        login(result[role], user)
    return result


def url_of(rule: Any, values: dict[str, str]) -> str:
    """The rule's URL with real values (a new argument name must be added to ``values``)."""
    if rule.endpoint == "static":
        return "/static/css/zzcheck.css"
    if rule.endpoint == "vendor":
        return "/static/vendor/plotly.min.js"
    args = {name: values[name] for name in rule.arguments}
    if rule.endpoint.startswith("sharing.invit"):
        args["token"] = values["invitation"]
    url = rule.build(args, append_unknown=False)[1]
    if rule.endpoint.startswith("consultant.comparison"):
        url += f"?a={values['share_id']}&b={values['second']}"
    return str(url)


def role_for(path: str) -> str:
    if path.startswith("/berater/"):
        return "consultant"
    return "programme" if path.startswith("/programm/") else "anonymous"


def test_every_route_has_the_headers(
    app: Flask, values: dict[str, str], clients: dict[str, FlaskClient]
) -> None:
    problems, seen = [], set()
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint == "auth.logout")
    for rule in rules:
        url = url_of(rule, values)
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            response = fetch(clients[role_for(url)], method, url)
            seen.add((rule.endpoint, method, response.status_code))
            problems += [
                f"{method} {rule.rule} ({response.status_code}): {problem}"
                for problem in check_headers(response, url)
            ]
    assert problems == [], "\n".join(problems)
    statuses = {status for _e, _m, status in seen}
    assert {200, 302, 400} <= statuses  # pages, redirects and refused forms were all checked
    assert ("respondent.result", "GET", 200) in seen
    assert ("consultant.client", "GET", 200) in seen
    for endpoint in ("team.owner_report", "consultant.campaign_report"):  # the team PDFs
        assert (endpoint, "GET", 404) in seen


def test_token_pages_send_no_referrer_and_are_not_stored(
    app: Flask, values: dict[str, str], clients: dict[str, FlaskClient]
) -> None:
    """Pages that set ``same-origin`` themselves get ``no-referrer`` all the same."""
    token = values["token"]
    for path in (f"/a/{token}/ergebnis", f"/a/{token}/teilen", f"/a/{token}/export.csv"):
        response = fetch(clients["anonymous"], "GET", path)
        assert response.status_code == 200, path
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
    page = fetch(clients["consultant"], "GET", f"/berater/kunden/{values['client_id']}")
    assert (page.status_code, page.headers["Referrer-Policy"]) == (200, "no-referrer")


def test_static_files_stay_cacheable(client: FlaskClient) -> None:
    css = fetch(client, "GET", "/static/css/zzcheck.css")
    assert css.status_code == 200 and css.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in css.headers.get("Cache-Control", "")
    bundle = fetch(client, "GET", "/static/vendor/plotly.min.js?v=1")
    assert bundle.headers["Cache-Control"] == "public, max-age=31536000"
    assert bundle.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.fixture
def failing_app(app: Flask) -> Flask:
    """The app with a test-only route that fails with an unhandled exception."""
    broken = Blueprint("broken", __name__)

    @broken.get("/test-only/kaputt")
    def kaputt() -> str:
        raise RuntimeError("a bug")

    app.register_blueprint(broken)
    return app


def test_error_responses_have_the_headers(
    failing_app: Flask, create_user: Callable[..., Any]
) -> None:
    client = failing_app.test_client()
    user = create_user("consultant")
    cases = [
        (404, "GET", "/gibt-es-nicht", {}),
        (404, "GET", "/a/" + "x" * 43 + "/ergebnis", {}),
        (405, "POST", "/healthz", {}),
        (400, "POST", "/werkstatt/start", {"data": {"industry": "C"}}),  # no CSRF token
        (413, "POST", "/werkstatt/start", {"data": {"x": "y" * (1024 * 1024 + 1)}}),
        (500, "GET", "/test-only/kaputt", {}),
    ]
    for status, method, path, extra in cases:
        response = client.open(path, method=method, **extra)
        assert response.status_code == status, (path, response.status_code)
        assert check_headers(response, path) == [], (status, path)
    assert _throttled(client, user.email).status_code == 429


def _throttled(client: FlaskClient, email: str) -> TestResponse:
    """Wrong passwords until the login answers 429; that answer's headers are checked."""
    from authhelp import post_login

    for _attempt in range(10):
        response = post_login(client, email, "falsch-falsch-falsch")
        if response.status_code == 429:
            assert check_headers(response, "/login") == []
            assert response.headers["Retry-After"].isdigit()
            return response
    raise AssertionError("the login was never throttled")


def test_hsts_only_over_https(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://check.example.org")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    forged = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers  # no proxy configured


@pytest.fixture
def proxied(app_config: dict[str, Any], app: Flask) -> Iterator[Flask]:
    """The same database, served behind one trusted reverse proxy; a test-only route
    shows the client address the app sees."""
    behind = create_app({**app_config, "ZZCHECK_PROXY_FIX": 1})
    echo = Blueprint("echo", __name__)
    echo.add_url_rule("/test-only/adresse", "address", lambda: str(request.remote_addr))
    behind.register_blueprint(echo)
    yield behind
    with behind.app_context():
        db.engine.dispose()


def test_behind_a_proxy_the_forwarded_scheme_and_address_count(proxied: Flask) -> None:
    client = proxied.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    local = {"REMOTE_ADDR": "127.0.0.1"}
    response = client.get("/", headers=forwarded, environ_base=local)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/test-only/adresse", headers=forwarded, environ_base=local).text == (
        "198.51.100.7"
    )
    plain = client.get("/", environ_base=local)
    assert "Strict-Transport-Security" not in plain.headers
