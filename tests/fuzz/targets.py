"""Where each route of the app takes input, for the fuzz tests: who sends it (the role whose
session reaches the view), the URL (a fresh object per example where the route consumes
it), the page whose form names the fields, and query parameters that no form shows.

Like the access matrix, the table must name every route of ``app.url_map``
(``test_every_route_is_a_fuzz_target``): a new form or filter is fuzzed from the day it
exists. The field names and the values a form offers are read from the page itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from fuzzworld import ADMIN, ANON, CONSULTANT, PROGRAMME, World, join_team
from webpage import forms, parse
from werkzeug.exceptions import HTTPException
from werkzeug.test import TestResponse

Url = Callable[[World], str]


@dataclass(frozen=True)
class Target:
    role: str
    url: Url  # called per example: may create a fresh object
    page: Url | None = None  # the page with the form (default: ``url``, read with GET)
    params: Mapping[str, Sequence[str]] = field(default_factory=dict)  # besides the form's
    weight: float = 1.0  # share of the example budget (slow pages: the PDF)
    # A 4xx that still stores the acceptable part, by design (see ``only_missing_answers``).
    keeps: Callable[[TestResponse], bool] | None = None
    prepare: Callable[[World, FlaskClient], None] | None = None  # once, in the role's browser


MISSING = "Bitte beantworten Sie diese Frage."


def only_missing_answers(response: TestResponse) -> bool:
    """A questionnaire page sent with required answers missing: what was typed is saved and
    the page comes back with 400 naming only the missing answers (``section_page``: nothing
    typed is lost). A page with any other problem is refused whole."""
    messages = [p.text for p in parse(response.data).find_all("p", class_="error-message")]
    return bool(messages) and all(text.endswith(MISSING) for text in messages)


def _client(path: str = "") -> Url:
    return lambda w: f"/berater/kunden/{w.ids['client']}{path}"


def _comparison(path: str) -> Url:
    return lambda w: (
        f"/berater/kunden/{w.ids['client']}/{path}?a={w.ids['share']}&b={w.ids['second']}"
    )


def _item(w: World) -> str:
    return f"/berater/kunden/{w.ids['client']}/massnahmen/{w.ids['item']}"


def _campaign(path: str = "") -> Url:
    return lambda w: f"/berater/team/{w.ids['campaign']}{path}"


def _owner(path: str = "") -> Url:
    return lambda w: f"/a/{w.token}/team{path}"


def _share(path: str = "") -> Url:
    return lambda w: f"/berater/freigaben/{w.ids['share']}{path}"


PAGE = {"page": ["1", "2"]}
COMPARE = {"a": ["1", "2"], "b": ["1", "2"]}
KUNDE = {"kunde": ["1", ""]}
NEXT = {"next": ["/", "/berater/", "//evil.example", "https://evil.example/"]}

GET: dict[str, Target] = {
    "static": Target(ANON, lambda w: "/static/css/zzcheck.css"),
    "vendor": Target(ANON, lambda w: "/static/vendor/plotly.css"),
    "system.healthz": Target(ANON, lambda w: "/healthz"),
    "system.logo": Target(ANON, lambda w: "/logos/bmas.svg"),
    "system.favicon": Target(ANON, lambda w: "/favicon.ico"),
    "system.set_language": Target(ANON, lambda w: "/sprache/en", params=NEXT),
    "privacy.privacy": Target(ANON, lambda w: "/datenschutz"),
    "easy.start": Target(ANON, lambda w: "/leichte-sprache"),
    "easy.privacy": Target(ANON, lambda w: "/leichte-sprache/datenschutz"),
    "easy.result": Target(
        ANON, lambda w: "/leichte-sprache/ergebnis", params={"fragebogen": ["werkstatt", ""]}
    ),
    "respondent.start": Target(ANON, lambda w: "/"),
    "respondent.profile": Target(ANON, lambda w: "/werkstatt/start"),
    "respondent.resume": Target(ANON, lambda w: f"/a/{w.progress}"),
    "respondent.section": Target(ANON, lambda w: f"/a/{w.progress}/1"),
    "respondent.review": Target(ANON, lambda w: f"/a/{w.progress}/pruefen"),
    "respondent.saved": Target(ANON, lambda w: f"/a/{w.progress}/gespeichert"),
    "respondent.result": Target(ANON, lambda w: f"/a/{w.token}/ergebnis"),
    "respondent.export_json": Target(ANON, lambda w: f"/a/{w.token}/export.json"),
    "respondent.export_csv": Target(ANON, lambda w: f"/a/{w.token}/export.csv"),
    "respondent.delete": Target(ANON, lambda w: f"/a/{w.token}/loeschen"),
    "reports.result_pdf": Target(ANON, lambda w: f"/a/{w.token}/bericht.pdf", weight=0.2),
    "followthrough.plan": Target(ANON, lambda w: f"/a/{w.token}/plan"),
    "followthrough.plan_ics": Target(ANON, lambda w: f"/a/{w.token}/plan.ics"),
    "followthrough.repeat": Target(ANON, lambda w: f"/a/{w.token}/wiederholen"),
    "sharing.share": Target(ANON, lambda w: f"/a/{w.token}/teilen"),
    "sharing.invitation": Target(ANON, lambda w: f"/einladung/{w.invitation}"),
    "sharing.invited_start": Target(ANON, lambda w: f"/einladung/{w.invitation}/werkstatt"),
    "auth.login": Target(ANON, lambda w: "/login", params=NEXT),
    "consultant.index": Target(CONSULTANT, lambda w: "/berater/", params=PAGE),
    "consultant.clients": Target(CONSULTANT, lambda w: "/berater/kunden/", params=PAGE),
    "consultant.invitations": Target(
        CONSULTANT, lambda w: "/berater/einladungen", params={**PAGE, **KUNDE}
    ),
    "consultant.share": Target(CONSULTANT, _share()),
    "consultant.export": Target(CONSULTANT, _share("/export.json")),
    "consultant.client": Target(CONSULTANT, _client()),
    "consultant.comparison": Target(CONSULTANT, _comparison("vergleich"), params=COMPARE),
    "consultant.comparison_data": Target(CONSULTANT, _comparison("vergleich.json"), params=COMPARE),
    "consultant.edit_item": Target(CONSULTANT, _item),
    "consultant.share_report": Target(CONSULTANT, _share("/bericht.pdf"), weight=0.2),
    "consultant.comparison_report": Target(
        CONSULTANT, _comparison("vergleich.pdf"), params=COMPARE, weight=0.2
    ),
    "consultant.campaigns": Target(CONSULTANT, lambda w: "/berater/team/", params=KUNDE),
    "consultant.campaign": Target(CONSULTANT, _campaign()),
    "consultant.campaign_needs": Target(CONSULTANT, _campaign("/1/bedarf.csv")),
    "consultant.campaign_report": Target(CONSULTANT, _campaign("/bericht.pdf"), weight=0.2),
    "team.entry": Target(ANON, lambda w: f"/team/{w.team}"),
    "team.section": Target(ANON, lambda w: f"/team/{w.team}/1", prepare=join_team),
    "team.thanks": Target(ANON, lambda w: f"/team/{w.team}/danke", prepare=join_team),
    "team.owner_more_codes": Target(ANON, lambda w: _owner(f"/{w.ids['owner_campaign']}/codes")(w)),
    "consultant.more_codes": Target(CONSULTANT, _campaign("/codes")),
    "team.code_start": Target(ANON, lambda w: "/team/code"),
    "team.code_link": Target(ANON, lambda w: "/team/code/ABCDE-FGHJK"),
    "team.owner_campaigns": Target(ANON, _owner()),
    "team.owner_campaign_page": Target(ANON, lambda w: _owner(f"/{w.ids['owner_campaign']}")(w)),
    "team.owner_needs": Target(
        ANON, lambda w: _owner(f"/{w.ids['owner_campaign']}/1/bedarf.xlsx")(w)
    ),
    "team.owner_report": Target(
        ANON, lambda w: _owner(f"/{w.ids['owner_campaign']}/bericht.pdf")(w), weight=0.2
    ),
    "programme.index": Target(PROGRAMME, lambda w: "/programm/"),
    "programme.items": Target(PROGRAMME, lambda w: "/programm/fragen"),
    "programme.export_file": Target(
        PROGRAMME, lambda w: "/programm/export.csv", page=lambda w: "/programm/"
    ),
    "tokens.index": Target(CONSULTANT, lambda w: "/konto/api-tokens"),
    "api.openapi_json": Target(ANON, lambda w: "/api/v1/openapi.json"),
    "api.docs": Target(ANON, lambda w: "/api/v1/docs"),
}

POST: dict[str, Target] = {
    "respondent.profile": Target(ANON, lambda w: "/werkstatt/start"),
    "respondent.section": Target(
        ANON, lambda w: f"/a/{w.fresh_progress()}/1", keeps=only_missing_answers
    ),
    "respondent.delete": Target(ANON, lambda w: f"/a/{w.fresh_completed()}/loeschen"),
    "respondent.review": Target(
        ANON,
        lambda w: f"/a/{w.fresh_progress()}/pruefen",
        page=lambda w: f"/a/{w.progress}/pruefen",
    ),
    "followthrough.plan": Target(
        ANON, lambda w: f"/a/{w.fresh_completed()}/plan", page=lambda w: f"/a/{w.token}/plan"
    ),
    "followthrough.repeat": Target(
        ANON,
        lambda w: f"/a/{w.fresh_completed()}/wiederholen",
        page=lambda w: f"/a/{w.token}/wiederholen",
    ),
    "sharing.share": Target(ANON, lambda w: f"/a/{w.fresh_completed()}/teilen"),
    "sharing.withdraw": Target(
        ANON,
        lambda w: f"/a/{w.fresh_shared()}/teilen/widerrufen",
        page=lambda w: f"/a/{w.token}/teilen",
    ),
    "sharing.invited_start": Target(ANON, lambda w: f"/einladung/{w.invitation}/werkstatt"),
    "auth.login": Target(ANON, lambda w: "/login"),
    "auth.logout": Target(CONSULTANT, lambda w: "/logout", page=lambda w: "/berater/"),
    "consultant.create": Target(CONSULTANT, lambda w: "/berater/kunden/"),
    "consultant.invitations": Target(CONSULTANT, lambda w: "/berater/einladungen"),
    "consultant.assign": Target(CONSULTANT, _share("/kunde"), page=_share()),
    "consultant.add_client_note": Target(CONSULTANT, _client("/notizen"), page=_client()),
    "consultant.add_item": Target(CONSULTANT, _client("/massnahmen"), page=_client()),
    "consultant.edit_item": Target(CONSULTANT, _item),
    "consultant.campaigns": Target(CONSULTANT, lambda w: "/berater/team/"),
    "consultant.close_campaign": Target(
        CONSULTANT,
        lambda w: f"/berater/team/{w.fresh_centre_campaign()[0]}/schliessen",
        page=_campaign(),
    ),
    "team.entry": Target(ANON, lambda w: f"/team/{w.team}"),
    "team.section": Target(
        ANON, lambda w: f"/team/{w.team}/1", keeps=only_missing_answers, prepare=join_team
    ),
    "team.next_part": Target(
        ANON, lambda w: f"/team/{w.team}/weiter", page=lambda w: f"/team/{w.team}/danke"
    ),
    "team.code_start": Target(ANON, lambda w: "/team/code"),
    "team.owner_more_codes": Target(
        ANON,
        lambda w: _owner(f"/{w.ids['owner_campaign']}/codes")(w),
        page=lambda w: _owner(f"/{w.ids['owner_campaign']}")(w),
    ),
    "consultant.more_codes": Target(CONSULTANT, _campaign("/codes"), page=_campaign()),
    "team.owner_campaigns": Target(ANON, _owner()),
    "team.owner_close": Target(
        ANON,
        lambda w: _owner(f"/{w.fresh_owner_campaign()}/schliessen")(w),
        page=lambda w: _owner(f"/{w.ids['owner_campaign']}")(w),
    ),
}
POST.update(
    {
        "tokens.create": Target(CONSULTANT, lambda w: "/konto/api-tokens"),
        "tokens.revoke": Target(
            CONSULTANT,
            lambda w: "/konto/api-tokens/1/widerrufen",
            page=lambda w: "/konto/api-tokens",
        ),
    }
)
# The API's operations take a token, not a session: tests/web/test_api_contract.py fuzzes
# them (Schemathesis, every operation with every role's token).
TOKEN_ROUTES = "api."
ROLES = (ANON, CONSULTANT, PROGRAMME, ADMIN)


def form_fields(app: Flask, html: str | bytes, url: str, method: str) -> dict[str, list[str]]:
    """Field name → the values the form offers (options, or its default), for the forms of
    the page that send to the route of ``url`` with ``method`` (``"GET"`` or ``"POST"``)."""
    endpoint = endpoint_of(app, url, method)
    found: dict[str, list[str]] = {}
    for form in forms(parse(html)):
        sends = (form.element.get("method") or "get").upper()
        if sends != method or endpoint_of(app, form.action or url, method) != endpoint:
            continue
        defaults = form.defaults()
        for name in form.names():
            offered = found.setdefault(name, [])
            offered += [v for v in form.options(name) or defaults.get(name, []) if v not in offered]
    found.pop("csrf_token", None)  # the token is drawn separately: valid, wrong or missing
    return found


def endpoint_of(app: Flask, url: str, method: str) -> str | None:
    """The endpoint that serves ``url`` with ``method``, or None."""
    try:
        endpoint, _args = app.url_map.bind("localhost").match(url.split("?", 1)[0], method=method)
    except HTTPException:
        return None
    return str(endpoint)
