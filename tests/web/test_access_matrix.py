"""Every route of the app × anonymous, consultant of centre A, consultant of centre B,
programme staff, admin: the expected status per cell, with real ids of centre A's data.

The routes come from ``app.url_map``, so a new route is covered automatically: one that is
missing from ``CASES`` fails the test until someone decides who may use it. POSTs carry a
valid CSRF token of the role's own session and deliberately empty or harmless data, so a
role that is let in gets a 4xx for the form (or a harmless success), and a role that is
kept out gets the login redirect, 403 or 404 – never a change. Centre A's names must not
appear in any response to another role than consultant A and the respondent pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from centrehelp import HIGH, LOW, SACHSEN, WERKSTATT, completed, csrf_of, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from zzcheck.extensions import db
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.plans import add_action_item, add_note

QUESTIONNAIRES = WERKSTATT
ANON, A, B, PROGRAMME, ADMIN = "anonymous", "consultant A", "consultant B", "programme", "admin"
ROLES = (ANON, A, B, PROGRAMME, ADMIN)
LOGIN = "login"  # 302 to /login?next=…
COMPANY, CLIENT = "Alpha Maschinenbau", "Alpha-Kunde"  # centre A's names

Expect = Mapping[str, int | str]


def everyone(status: int | str) -> Expect:
    return dict.fromkeys(ROLES, status)


def consultants(a: int | str, b: int | str) -> Expect:
    """The consultant area: A as given, B as given (404 for A's ids), others kept out."""
    return {ANON: LOGIN, A: a, B: b, PROGRAMME: 403, ADMIN: 403}


def consultant_forms(a: int | str, b: int | str) -> Expect:
    """A form of the consultant area: sent without a login it is refused with 401."""
    return {**consultants(a, b), ANON: 401}


def token_page(status: int | str) -> Expect:
    """The user's own API-token page: consultants and programme staff, not admins."""
    return {ANON: LOGIN, A: status, B: status, PROGRAMME: status, ADMIN: 403}


def staff(status: int | str = 200) -> Expect:
    """The programme area: programme staff and admins, nobody else."""
    return {ANON: LOGIN, A: 403, B: 403, PROGRAMME: status, ADMIN: status}


@dataclass
class World:
    """Centre A's data (and throwaway checks for the routes that delete or withdraw)."""

    app: Flask
    token: str = ""  # a completed check shared with A, in A's client record
    invitation: str = ""
    campaign: str = ""  # the link of the owner's team campaign (A's is closed by a POST)
    values: dict[str, Any] = field(default_factory=dict)

    def fresh_shared(self) -> str:
        """A new completed check shared with centre A (withdrawn or deleted by one request)."""
        assessment_id, token = completed(self.app, LOW)
        shared(self.app, assessment_id)
        return token


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expect: Expect
    data: Mapping[str, str] = field(default_factory=dict)  # besides the CSRF token


CASES: dict[tuple[str, str], Case] = {
    # Public and respondent pages: the token in the URL is the key, no account needed.
    ("static", "GET"): Case(lambda w: "/static/css/zzcheck.css", everyone(200)),
    ("vendor", "GET"): Case(lambda w: "/static/vendor/plotly.css", everyone(200)),
    ("system.healthz", "GET"): Case(lambda w: "/healthz", everyone(200)),
    ("system.logo", "GET"): Case(lambda w: "/logos/bmas.svg", everyone(404)),  # none listed
    ("system.favicon", "GET"): Case(lambda w: "/favicon.ico", everyone(301)),
    ("system.set_language", "GET"): Case(lambda w: "/sprache/de?next=/", everyone(302)),
    ("respondent.start", "GET"): Case(lambda w: "/", everyone(200)),
    ("privacy.privacy", "GET"): Case(lambda w: "/datenschutz", everyone(200)),
    ("easy.start", "GET"): Case(lambda w: "/leichte-sprache", everyone(200)),
    ("easy.privacy", "GET"): Case(lambda w: "/leichte-sprache/datenschutz", everyone(200)),
    ("easy.result", "GET"): Case(lambda w: "/leichte-sprache/ergebnis", everyone(200)),
    ("respondent.profile", "GET"): Case(lambda w: "/werkstatt/start", everyone(200)),
    ("respondent.profile", "POST"): Case(lambda w: "/werkstatt/start", everyone(400)),
    ("respondent.resume", "GET"): Case(lambda w: f"/a/{w.token}", everyone(302)),
    ("respondent.section", "GET"): Case(lambda w: f"/a/{w.token}/1", everyone(303)),
    ("respondent.section", "POST"): Case(lambda w: f"/a/{w.token}/1", everyone(303)),
    ("respondent.result", "GET"): Case(lambda w: f"/a/{w.token}/ergebnis", everyone(200)),
    # a completed check has nothing to review or save: back to its result
    ("respondent.review", "GET"): Case(lambda w: f"/a/{w.token}/pruefen", everyone(303)),
    ("respondent.review", "POST"): Case(lambda w: f"/a/{w.token}/pruefen", everyone(303)),
    ("respondent.saved", "GET"): Case(lambda w: f"/a/{w.token}/gespeichert", everyone(302)),
    ("respondent.export_json", "GET"): Case(lambda w: f"/a/{w.token}/export.json", everyone(200)),
    ("respondent.export_csv", "GET"): Case(lambda w: f"/a/{w.token}/export.csv", everyone(200)),
    ("respondent.delete", "GET"): Case(lambda w: f"/a/{w.token}/loeschen", everyone(200)),
    ("respondent.delete", "POST"): Case(lambda w: f"/a/{w.fresh_shared()}/loeschen", everyone(200)),
    ("followthrough.plan", "GET"): Case(lambda w: f"/a/{w.token}/plan", everyone(200)),
    ("followthrough.plan", "POST"): Case(lambda w: f"/a/{w.token}/plan", everyone(303)),
    ("followthrough.plan_ics", "GET"): Case(lambda w: f"/a/{w.token}/plan.ics", everyone(200)),
    ("followthrough.repeat", "GET"): Case(lambda w: f"/a/{w.token}/wiederholen", everyone(200)),
    ("followthrough.repeat", "POST"): Case(lambda w: f"/a/{w.token}/wiederholen", everyone(303)),
    ("reports.result_pdf", "GET"): Case(lambda w: f"/a/{w.token}/bericht.pdf", everyone(200)),
    ("sharing.share", "GET"): Case(lambda w: f"/a/{w.token}/teilen", everyone(200)),
    ("sharing.share", "POST"): Case(lambda w: f"/a/{w.token}/teilen", everyone(200)),
    ("sharing.withdraw", "POST"): Case(
        lambda w: f"/a/{w.fresh_shared()}/teilen/widerrufen", everyone(303)
    ),
    ("sharing.invitation", "GET"): Case(lambda w: f"/einladung/{w.invitation}", everyone(200)),
    ("sharing.invited_start", "GET"): Case(
        lambda w: f"/einladung/{w.invitation}/werkstatt", everyone(200)
    ),
    ("sharing.invited_start", "POST"): Case(
        lambda w: f"/einladung/{w.invitation}/werkstatt", everyone(400)
    ),
    # Accounts.
    ("auth.login", "GET"): Case(lambda w: "/login", {**everyone(302), ANON: 200}),
    ("auth.login", "POST"): Case(lambda w: "/login", everyone(400)),  # empty form
    ("auth.logout", "POST"): Case(lambda w: "/logout", everyone(302)),  # runs last
    # The consultant area: only consultants, and only their own centre's ids.
    ("consultant.index", "GET"): Case(lambda w: "/berater/", consultants(200, 200)),
    ("consultant.clients", "GET"): Case(lambda w: "/berater/kunden/", consultants(200, 200)),
    ("consultant.create", "POST"): Case(lambda w: "/berater/kunden/", consultant_forms(400, 400)),
    ("consultant.invitations", "GET"): Case(
        lambda w: "/berater/einladungen", consultants(200, 200)
    ),
    ("consultant.invitations", "POST"): Case(
        lambda w: "/berater/einladungen", consultant_forms(400, 400)
    ),
    ("consultant.share", "GET"): Case(
        lambda w: f"/berater/freigaben/{w.values['share']}", consultants(200, 404)
    ),
    ("consultant.export", "GET"): Case(
        lambda w: f"/berater/freigaben/{w.values['share']}/export.json", consultants(200, 404)
    ),
    ("consultant.assign", "POST"): Case(
        lambda w: f"/berater/freigaben/{w.values['share']}/kunde", consultant_forms(400, 404)
    ),
    ("consultant.client", "GET"): Case(
        lambda w: f"/berater/kunden/{w.values['client']}", consultants(200, 404)
    ),
    ("consultant.comparison", "GET"): Case(
        lambda w: (
            f"/berater/kunden/{w.values['client']}/vergleich?a={w.values['share']}"
            f"&b={w.values['second']}"
        ),
        consultants(200, 404),
    ),
    ("consultant.comparison_data", "GET"): Case(
        lambda w: (
            f"/berater/kunden/{w.values['client']}/vergleich.json?a={w.values['share']}"
            f"&b={w.values['second']}"
        ),
        consultants(200, 404),
    ),
    ("consultant.share_report", "GET"): Case(
        lambda w: f"/berater/freigaben/{w.values['share']}/bericht.pdf", consultants(200, 404)
    ),
    ("consultant.comparison_report", "GET"): Case(
        lambda w: (
            f"/berater/kunden/{w.values['client']}/vergleich.pdf?a={w.values['share']}"
            f"&b={w.values['second']}"
        ),
        consultants(200, 404),
    ),
    ("consultant.add_client_note", "POST"): Case(
        lambda w: f"/berater/kunden/{w.values['client']}/notizen", consultant_forms(400, 404)
    ),
    ("consultant.add_item", "POST"): Case(
        lambda w: f"/berater/kunden/{w.values['client']}/massnahmen", consultant_forms(400, 404)
    ),
    ("consultant.edit_item", "GET"): Case(
        lambda w: f"/berater/kunden/{w.values['client']}/massnahmen/{w.values['item']}",
        consultants(200, 404),
    ),
    ("consultant.edit_item", "POST"): Case(
        lambda w: f"/berater/kunden/{w.values['client']}/massnahmen/{w.values['item']}",
        consultant_forms(400, 404),
    ),
    # Team mode: the campaign link is the key for respondents (without a start, the pages
    # lead back to the entry); the owner's pages are behind the resume link; the consultant's
    # only for their own centre's campaigns (A's has five answers, so its table downloads).
    ("team.entry", "GET"): Case(lambda w: f"/team/{w.campaign}", everyone(200)),
    ("team.entry", "POST"): Case(lambda w: f"/team/{w.campaign}", everyone(400)),
    ("team.section", "GET"): Case(lambda w: f"/team/{w.campaign}/1", everyone(303)),
    ("team.section", "POST"): Case(lambda w: f"/team/{w.campaign}/1", everyone(303)),
    ("team.thanks", "GET"): Case(lambda w: f"/team/{w.campaign}/danke", everyone(303)),
    ("team.next_part", "POST"): Case(lambda w: f"/team/{w.campaign}/weiter", everyone(303)),
    ("team.code_start", "GET"): Case(lambda w: "/team/code", everyone(200)),
    ("team.code_start", "POST"): Case(lambda w: "/team/code", everyone(400)),
    ("team.code_link", "GET"): Case(lambda w: "/team/code/ABCDE-FGHJK", everyone(404)),
    ("team.owner_campaigns", "GET"): Case(lambda w: f"/a/{w.token}/team", everyone(200)),
    ("team.owner_campaigns", "POST"): Case(lambda w: f"/a/{w.token}/team", everyone(400)),
    ("team.owner_campaign_page", "GET"): Case(
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}", everyone(200)
    ),
    ("team.owner_close", "POST"): Case(
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}/schliessen", everyone(303)
    ),
    ("team.owner_report", "GET"): Case(  # fewer than 5 answers: no report yet
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}/bericht.pdf", everyone(404)
    ),
    ("team.owner_needs", "GET"): Case(  # fewer than 5 answers: no table to download
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}/1/bedarf.csv", everyone(404)
    ),
    # more codes only for a code campaign that is open: the world's campaigns use the link
    ("team.owner_more_codes", "GET"): Case(
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}/codes", everyone(404)
    ),
    ("team.owner_more_codes", "POST"): Case(
        lambda w: f"/a/{w.token}/team/{w.values['owner_campaign']}/codes", everyone(404)
    ),
    ("consultant.more_codes", "GET"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}/codes", consultants(404, 404)
    ),
    ("consultant.more_codes", "POST"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}/codes", consultant_forms(404, 404)
    ),
    ("consultant.campaigns", "GET"): Case(lambda w: "/berater/team/", consultants(200, 200)),
    ("consultant.campaigns", "POST"): Case(lambda w: "/berater/team/", consultant_forms(400, 400)),
    ("consultant.campaign", "GET"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}", consultants(200, 404)
    ),
    ("consultant.campaign_needs", "GET"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}/1/bedarf.xlsx", consultants(200, 404)
    ),
    ("consultant.campaign_report", "GET"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}/bericht.pdf", consultants(200, 404)
    ),
    ("consultant.close_campaign", "POST"): Case(
        lambda w: f"/berater/team/{w.values['campaign']}/schliessen", consultant_forms(303, 404)
    ),
    # The programme area (another team's); its GET pages without URL arguments are
    # covered by ``programme_case`` below.
    ("programme.export_file", "GET"): Case(lambda w: "/programm/export.csv", staff()),
    # API tokens: each consultant and programme staff member manages their own (admins get
    # none); an unknown token id is 404 for everyone.
    ("tokens.index", "GET"): Case(lambda w: "/konto/api-tokens", token_page(200)),
    ("tokens.create", "POST"): Case(lambda w: "/konto/api-tokens", token_page(400)),
    ("tokens.revoke", "POST"): Case(
        lambda w: "/konto/api-tokens/999999/widerrufen", token_page(404)
    ),
    # The JSON API: the document and its page are public; every operation takes a token
    # and never the session cookie, so every logged-in role gets 401 like anonymous.
    ("api.openapi_json", "GET"): Case(lambda w: "/api/v1/openapi.json", everyone(200)),
    ("api.docs", "GET"): Case(lambda w: "/api/v1/docs", everyone(200)),
    **{
        (f"api.{name}", method): Case(lambda w, url=url: url(w), everyone(401))
        for name, method, url in (
            ("list_questionnaires", "GET", lambda w: "/api/v1/questionnaires"),
            ("questionnaire", "GET", lambda w: "/api/v1/questionnaires/werkstatt"),
            (
                "questionnaire_version",
                "GET",
                lambda w: "/api/v1/questionnaires/werkstatt/versions/1.0",
            ),
            ("shares", "GET", lambda w: "/api/v1/shares"),
            ("share", "GET", lambda w: f"/api/v1/shares/{w.values['share']}"),
            ("clients", "GET", lambda w: "/api/v1/clients"),
            ("client_plan", "GET", lambda w: f"/api/v1/clients/{w.values['client']}/plan"),
            (
                "create_action_item",
                "POST",
                lambda w: f"/api/v1/clients/{w.values['client']}/action-items",
            ),
            ("create_note", "POST", lambda w: f"/api/v1/clients/{w.values['client']}/notes"),
            (
                "comparison",
                "GET",
                lambda w: f"/api/v1/clients/{w.values['client']}/comparison?a=1&b=2",
            ),
            ("aggregates", "GET", lambda w: "/api/v1/aggregates?questionnaire=werkstatt"),
        )
    },
}
# Respondent pages show the respondent's own data (by token); everything else must not
# show centre A's names to anyone but consultant A.
PUBLIC_PREFIXES = ("respondent.", "sharing.", "reports.")


def programme_case(endpoint: str, method: str, arguments: set[str]) -> Case | None:
    """The programme area (``/programm/``, another team's): a GET page without URL
    arguments is for programme staff and admins only; anything else must be listed above."""
    if not endpoint.startswith("programme.") or method != "GET" or arguments:
        return None
    return Case(lambda w, e=endpoint: _url_for(w.app, e), staff())


def _url_for(app: Flask, endpoint: str) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint)


@pytest.fixture
def world(app: Flask, browsers: dict[str, FlaskClient]) -> World:
    world = World(app)
    client_id = new_client(app, SACHSEN, CLIENT)
    first_id, world.token = completed(app, LOW)
    share_id = shared(app, first_id, company=COMPANY, client_id=client_id)
    second = shared(app, completed(app, HIGH)[0], company=COMPANY, client_id=client_id)
    with app.app_context():
        created = add_action_item(db.session, SACHSEN, client_id, "Alpha-Maßnahme")
        assert created is not None
        invitation = create_invitation(db.session, SACHSEN, client_id, _author(app))
        assert invitation is not None
        add_note(db.session, SACHSEN, client_id, _author(app), "Alpha-Notiz")
        db.session.commit()
        world.values = {
            "client": client_id,
            "share": share_id,
            "second": second,
            "item": created.id,
        }
    world.invitation = invitation[1]
    world.values["campaign"] = _team_campaign(app, client_id)
    world.values["owner_campaign"], world.campaign = _owner_campaign(app, world.token)
    return world


def _team_campaign(app: Flask, client_id: int) -> int:
    """Centre A's campaign for its client, with five completed team answers."""
    from centrehelp import LOW

    from zzcheck.registry import current_registry
    from zzcheck.storage.assessments import complete_assessment, save_page
    from zzcheck.storage.campaign_answers import join_campaign
    from zzcheck.storage.campaigns import open_centre_campaign
    from zzcheck.storage.models import utcnow

    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        closes = utcnow() + timedelta(days=14)
        created = open_centre_campaign(db.session, SACHSEN, client_id, [loaded], closes)
        assert created is not None
        for n in range(5):
            team = join_campaign(db.session, created[0], "employee", None, f"browser-{n}")
            save_page(db.session, team, LOW, [], 3)
            complete_assessment(db.session, team)
        db.session.commit()
        return created[0].id


def _owner_campaign(app: Flask, token: str) -> tuple[int, str]:
    from zzcheck.registry import current_registry
    from zzcheck.storage.assessments import find_assessment
    from zzcheck.storage.campaigns import open_owner_campaign
    from zzcheck.storage.models import utcnow

    with app.app_context():
        owner = find_assessment(db.session, token)
        loaded = current_registry().get("werkstatt")
        assert owner is not None and loaded is not None
        closes = utcnow() + timedelta(days=14)
        campaign, link = open_owner_campaign(db.session, owner, [loaded], closes)
        db.session.commit()
        return campaign.id, link


def _author(app: Flask) -> int:
    from zzcheck.storage.accounts import User

    user = db.session.query(User).filter_by(centre_id=SACHSEN).first()
    assert user is not None
    return user.id


@pytest.fixture
def browsers(
    app: Flask, create_user: Callable[..., Any], login: Callable[..., Any]
) -> dict[str, FlaskClient]:
    """One logged-in browser per role (consultant A first: the world's author)."""
    accounts = {
        A: create_user("consultant", centre=SACHSEN),
        B: create_user("consultant", centre="berlin"),
        PROGRAMME: create_user("programme"),
        ADMIN: create_user("admin"),
    }
    result = {ANON: app.test_client()}
    for role, user in accounts.items():
        result[role] = app.test_client()
        login(result[role], user)
    return result


def _csrf(browser: FlaskClient, role: str) -> str:
    page = browser.get("/login" if role == ANON else "/")
    return csrf_of(page.get_data(as_text=True))


def _matches(response: TestResponse, expected: int | str) -> bool:
    if expected == LOGIN:
        location = response.headers.get("Location", "")
        return response.status_code == 302 and location.startswith("/login?next=")
    return response.status_code == expected


def _cases(app: Flask) -> tuple[list[tuple[str, str, Case]], list[str]]:
    """(endpoint, method, case) for every route of the app, logout last; and the missing."""
    found, missing = [], []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            case = CASES.get((rule.endpoint, method)) or programme_case(
                rule.endpoint, method, set(rule.arguments)
            )
            if case is None:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
            else:
                found.append((rule.endpoint, method, case))
    found.sort(key=lambda item: item[0] == "auth.logout")
    return found, missing


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    found, missing = _cases(app)
    assert missing == [], "routes without an expectation (add them to CASES):\n" + "\n".join(
        missing
    )
    routes = {(endpoint, method) for endpoint, method, _case in found}
    assert set(CASES) <= routes, f"CASES lists routes that do not exist: {set(CASES) - routes}"


def test_the_access_matrix(app: Flask, world: World, browsers: dict[str, FlaskClient]) -> None:
    found, _missing = _cases(app)
    tokens = {role: _csrf(browser, role) for role, browser in browsers.items()}
    failures = []
    for endpoint, method, case in found:
        for role in ROLES:
            response = _request(browsers[role], method, case.url(world), tokens[role], case)
            if not _matches(response, case.expect[role]):
                failures.append(
                    f"{method} {endpoint} as {role}: {response.status_code} "
                    f"{response.headers.get('Location', '')}, expected {case.expect[role]}"
                )
            if role != A and not endpoint.startswith(PUBLIC_PREFIXES):
                body = response.get_data(as_text=True)
                if COMPANY in body or CLIENT in body or "Alpha-Notiz" in body:
                    failures.append(f"{method} {endpoint} as {role}: shows centre A's data")
    assert failures == [], "\n".join(failures)


def _request(browser: FlaskClient, method: str, url: str, token: str, case: Case) -> TestResponse:
    """The response, read completely and closed (static files are streamed)."""
    if method == "GET":
        response = browser.get(url)
    else:
        response = browser.post(url, data={"csrf_token": token, **case.data})
    response.get_data()
    response.close()
    return response
