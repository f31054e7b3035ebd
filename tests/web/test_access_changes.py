"""Access under change (issue 8, point 3), on every route of the consultant area (and the
programme area for deactivation), taken from ``app.url_map`` so a new route is covered:

- a share the company withdraws is gone at the consultant's next request: its pages,
  downloads, reports and comparisons answer 404, and no other page names the company;
- an account that is deactivated loses access at its next request: pages send it to the
  login, forms are refused with 401.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from authhelp import csrf_token_of, login, make_user
from centrehelp import HIGH, LOW, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from zzcheck.extensions import db
from zzcheck.storage.accounts import deactivate_user
from zzcheck.storage.plans import add_action_item

QUESTIONNAIRES = WERKSTATT
WITHDRAWN = "Beta Zerspanung"
PLACEHOLDER = re.compile(r"<(?:[^>]*:)?(\w+)>")
SHARE_ARGUMENTS = {"share_id"}  # a route with this part is about one share
COMPARISONS = ("comparison",)  # endpoints named so take the shares in ?a=…&b=…


class Centre:
    """Centre A's client with two checks of one questionnaire, the first to be withdrawn."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client_id = new_client(app, SACHSEN, "Kunde Beta")
        first, self.token = completed(app, LOW)
        self.share = shared(app, first, company=WITHDRAWN, client_id=self.client_id)
        self.second = shared(
            app, completed(app, HIGH)[0], company="Gamma Metallbau", client_id=self.client_id
        )
        with app.app_context():
            item = add_action_item(db.session, SACHSEN, self.client_id, "Maßnahme")
            assert item is not None
            db.session.commit()
            self.item_id = item.id

    def url(self, rule: Rule) -> str:
        """The rule with centre A's ids (1 for ids of objects made elsewhere, e.g. campaigns)."""
        values = {
            "share_id": self.share,
            "client_id": self.client_id,
            "item_id": self.item_id,
            "fmt": "csv",
        }
        path = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), 1)), rule.rule)
        return f"{path}?a={self.share}&b={self.second}"


@pytest.fixture
def centre(app: Flask) -> Centre:
    return Centre(app)


def area_routes(app: Flask, *prefixes: str) -> Iterator[tuple[Rule, str]]:
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith(prefixes):
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                yield rule, method


def send(browser: FlaskClient, method: str, url: str, token: str) -> TestResponse:
    response = browser.open(url, method=method, data={"csrf_token": token})
    response.get_data()
    response.close()
    return response


def body(response: TestResponse) -> str:
    """The response as text (PDF and XLSX downloads too, as far as they are readable)."""
    return response.get_data().decode("utf-8", "replace")


def about_the_share(rule: Rule) -> bool:
    return bool(SHARE_ARGUMENTS & set(rule.arguments)) or rule.endpoint.split(".")[-1].startswith(
        COMPARISONS
    )


def test_a_withdrawn_share_is_gone_at_the_next_request_on_every_route(
    app: Flask, centre: Centre
) -> None:
    consultant = app.test_client()
    login(consultant, make_user(app, 1, "consultant", centre=SACHSEN))
    token = csrf_token_of(consultant.get("/berater/").text)
    routes = list(area_routes(app, "consultant."))
    before = [(r, m, send(consultant, m, centre.url(r), token)) for r, m in routes]
    pages = {(r.endpoint, m): body(response) for r, m, response in before}
    row = f'data-share="{centre.share}"'  # a row of the lists of shared checks
    assert row in pages[("consultant.index", "GET")]
    assert row in pages[("consultant.client", "GET")]
    for rule, method, response in before:  # the share's own routes let A in
        if about_the_share(rule):
            assert response.status_code in (200, 400), (method, rule.endpoint, response.status_code)

    withdraw(app, centre.token)

    failures = []
    for rule, method in routes:
        response = send(consultant, method, centre.url(rule), token)
        if about_the_share(rule) and response.status_code != 404:
            failures.append(f"{method} {rule.endpoint}: {response.status_code}, expected 404")
        if WITHDRAWN in body(response) or row in body(response):
            failures.append(f"{method} {rule.endpoint}: still names the withdrawn check")
    assert failures == []
    kept = consultant.get(f"/berater/kunden/{centre.client_id}").text
    assert f'data-share="{centre.second}"' in kept  # the other check stays


def withdraw(app: Flask, token: str) -> None:
    """The company withdraws its share on its own share page (with the page's CSRF token)."""
    company = app.test_client()
    page = company.get(f"/a/{token}/teilen")
    response = company.post(
        f"/a/{token}/teilen/widerrufen", data={"csrf_token": csrf_token_of(page.text)}
    )
    assert response.status_code == 303


@pytest.mark.parametrize("area", ["consultant.", "programme."])
def test_a_deactivated_account_is_refused_at_the_next_request_on_every_route(
    app: Flask, centre: Centre, area: str
) -> None:
    role = area.rstrip(".")
    failures = []
    for number, (rule, method) in enumerate(area_routes(app, area), start=10):
        user = make_user(app, number, role, centre=SACHSEN if role == "consultant" else None)
        browser = app.test_client()
        login(browser, user)
        token = csrf_token_of(browser.get("/login", follow_redirects=True).text)
        url = centre.url(rule)
        admitted = send(browser, method, url, token)
        if admitted.status_code in (302, 401, 403):
            failures.append(f"{method} {rule.endpoint}: {admitted.status_code} before")
        with app.app_context():
            deactivate_user(db.session, user.email)
            db.session.commit()
        refused = send(browser, method, url, token)
        if not refused_as_logged_out(refused, method):
            failures.append(f"{method} {rule.endpoint}: {refused.status_code} after deactivation")
    assert failures == []


def refused_as_logged_out(response: TestResponse, method: str) -> bool:
    """A page sends to the login (and back afterwards); a form is refused with 401."""
    if method == "POST" and response.status_code == 401:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and location.startswith("/login?next=")
