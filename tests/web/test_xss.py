"""Cross-site scripting through the test client: the hostile questionnaire
(``tests/fixtures/xss/boese.yaml``: payloads in titles, questions, help, options, dimensions,
levels, next steps, units, employee groups) and hostile typed text (free-text answers,
company and contact names, client names, notes, action items, invitation labels) are shown
escaped on every page – respondent, consultant and programme – and only \\u003c-escaped in
the charts' JSON; downloads are attachments with their own content type, never HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from centrehelp import SACHSEN, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import Respondent
from markupsafe import escape
from webpage import form_of, parse
from xsshelp import (
    CLIENT,
    COMPANY,
    CONTACT,
    END_JSON,
    FREE_TEXT,
    HOSTILE,
    ITEM,
    LABEL,
    NOTE,
    PAYLOAD,
    json_blocks,
    markup_problems,
)

from zzcheck.charts import figure_json
from zzcheck.extensions import db
from zzcheck.storage.accounts import User
from zzcheck.storage.clients import assign_share
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.plans import add_action_item, add_note
from zzcheck.storage.workspace import Share

QUESTIONNAIRES = HOSTILE
STRONG = {"wahl": "ja", "mehrere": ["a", "b"], "wenn": "yes", "skala": "immer", "anzahl": 80}
PAGE1 = {"q_wahl": "etwas", "q_mehrere": ["a", "b"], "q_wenn": "yes"}
PAGE2 = {"q_skala": "oft", "q_anzahl": "60", "q_bedarf": ["leitung"], "q_frei": FREE_TEXT}


def shown(text: str) -> str:
    """How a template shows ``text``: HTML-escaped."""
    return str(escape(text))


@dataclass
class Pages:
    """HTML of every page visited, by name, for one check at the end."""

    html: dict[str, str] = field(default_factory=dict)

    def get(self, client: FlaskClient, url: str, name: str | None = None, status: int = 200) -> str:
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code)
        self.html[name or url] = response.get_data(as_text=True)
        return self.html[name or url]

    def problems(self) -> dict[str, list[str]]:
        found = {name: markup_problems(html) for name, html in self.html.items()}
        return {name: problems for name, problems in found.items() if problems}


def answer_the_check(walker: Respondent, pages: Pages) -> str:
    """Start, both pages (one refused submit shows the typed text again), result; token."""
    pages.get(walker.client, "/", "start")
    token = walker.start("boese")
    pages.get(walker.client, f"/a/{token}/1", "section 1")
    assert walker.submit(token, 1, PAGE1).status_code == 303
    refused = walker.submit(token, 2, {**PAGE2, "q_anzahl": "viele"}, action="finish")
    assert refused.status_code == 400
    pages.html["refused section 2"] = refused.get_data(as_text=True)
    assert walker.submit(token, 2, PAGE2, action="finish").status_code == 303
    return token


def test_respondent_pages_show_every_payload_as_text(respondent: Respondent) -> None:
    pages = Pages()
    token = answer_the_check(respondent, pages)
    result = pages.get(respondent.client, f"/a/{token}/ergebnis", "result")
    pages.get(respondent.client, "/boese/start", "profile")
    pages.get(respondent.client, f"/a/{token}/loeschen", "delete")
    pages.get(respondent.client, f"/datenschutz?next={PAYLOAD}", "privacy with a hostile query")
    pages.get(respondent.client, f"/a/{PAYLOAD}/ergebnis", "404 with a hostile URL", 404)
    assert pages.problems() == {}
    start, section = pages.html["start"], pages.html["section 1"]
    assert shown("Titel " + PAYLOAD) in start and shown("Beschreibung " + PAYLOAD) in start
    for text in ("SeiteEins " + PAYLOAD, "FrageWahl " + PAYLOAD):
        assert shown(text) in section
    assert shown(FREE_TEXT) in pages.html["refused section 2"]  # typed text, shown again
    for text in ("BereichA " + PAYLOAD, "SchrittTitel " + PAYLOAD):
        assert shown(text) in result
    assert "ThemaBedarf" in result and "GruppeLeitung" in result


def test_the_radar_json_is_escaped_for_html_and_for_plotly(respondent: Respondent) -> None:
    token = answer_the_check(respondent, Pages())
    html = respondent.client.get(f"/a/{token}/ergebnis").get_data(as_text=True)
    blocks = json_blocks(html)
    assert blocks and all("<" not in block for block in blocks)
    assert "\\u003cbr\\u003e" in blocks[0]  # plotly's line breaks, \\u003c-escaped
    figure = json.loads(blocks[0])
    labels = " ".join(figure["data"][0]["theta"])
    assert "BereichA" in labels and "<script>" not in labels and "&lt;script&gt;" in labels
    hover = json.dumps(figure["data"][0]["customdata"])
    assert "<" not in hover.replace("\\u003c", "")  # level names are text for plotly too


def test_downloads_are_attachments_not_html(respondent: Respondent) -> None:
    token = answer_the_check(respondent, Pages())
    expected = {
        "export.json": "application/json",
        "export.csv": "text/csv; charset=utf-8",
        "bericht.pdf": "application/pdf",
    }
    for name, mimetype in expected.items():
        response = respondent.client.get(f"/a/{token}/{name}")
        assert response.status_code == 200, name
        assert response.headers["Content-Type"] == mimetype
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    data = respondent.client.get(f"/a/{token}/export.json").get_json()
    assert FREE_TEXT in [answer["value"] for answer in data["answers"]]  # data, unchanged


@pytest.fixture
def centre(
    app: Flask,
    respondent: Respondent,
    create_user: Callable[..., User],
    login: Callable[..., Any],
) -> dict[str, Any]:
    """A consultant's client with two hostile shared checks, a note, an item and an
    invitation; the first check was shared through the respondent's form."""
    author = create_user("consultant", centre=SACHSEN)
    token = answer_the_check(respondent, Pages())
    share_page = respondent.get(f"/a/{token}/teilen")
    form = form_of(share_page, "share-form").submit(
        {"centre": SACHSEN, "company_name": COMPANY, "contact_person": CONTACT, "consent": "y"}
    )
    assert respondent.post(f"/a/{token}/teilen", form).status_code == 303
    client_id = new_client(app, SACHSEN, CLIENT)
    second = shared(
        app,
        completed(app, STRONG, questionnaire_id="boese")[0],
        SACHSEN,
        COMPANY,
        client_id,
        CONTACT,
    )
    with app.app_context():
        first = db.session.query(Share).filter(Share.id != second).one().id
        assert assign_share(db.session, SACHSEN, first, client_id) is not None
        add_note(db.session, SACHSEN, client_id, author.id, NOTE)
        item = add_action_item(db.session, SACHSEN, client_id, ITEM, owner=ITEM)
        invitation = create_invitation(db.session, SACHSEN, client_id, author.id, LABEL)
        assert item is not None and invitation is not None
        db.session.commit()
        values = {"client": client_id, "shares": (first, second), "item": item.id}
    browser = app.test_client()
    login(browser, author)
    return {**values, "browser": browser, "invitation": invitation[1], "token": token}


def test_consultant_pages_show_names_notes_and_the_questionnaire_as_text(
    centre: dict[str, Any], respondent: Respondent
) -> None:
    pages, browser = Pages(), centre["browser"]
    client, (first, second) = centre["client"], centre["shares"]
    for url in (
        "/berater/",
        "/berater/kunden/",
        f"/berater/kunden/{client}",
        f"/berater/freigaben/{first}",
        f"/berater/kunden/{client}/vergleich?a={first}&b={second}",
        f"/berater/kunden/{client}/massnahmen/{centre['item']}",
        "/berater/einladungen",
    ):
        pages.get(browser, url)
    pages.get(respondent.client, f"/a/{centre['token']}/teilen", "share page")
    pages.get(respondent.client, f"/einladung/{centre['invitation']}", "invitation")
    assert pages.problems() == {}
    html = pages.html
    assert shown(COMPANY) in html["/berater/"] and shown(CLIENT) in html["/berater/kunden/"]
    client_page = html[f"/berater/kunden/{client}"]
    assert shown(NOTE) in client_page and shown(ITEM) in client_page
    shared_page = html[f"/berater/freigaben/{first}"]
    assert shown(CONTACT) in shared_page and shown("SchrittTitel " + PAYLOAD) in shared_page
    assert shown(LABEL) in html["/berater/einladungen"]
    assert shown(COMPANY) in html["share page"] and shown(CONTACT) in html["share page"]
    data = browser.get(f"/berater/kunden/{client}/vergleich.json?a={first}&b={second}")
    assert data.headers["Content-Type"] == "application/json"
    assert data.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def population(app: Flask) -> None:
    """Enough completed hostile checks for the programme's aggregates (k = 5)."""
    for i in range(8):
        answers = {**STRONG, "skala": ("nie", "oft", "immer")[i % 3], "frei": FREE_TEXT}
        completed(app, answers, questionnaire_id="boese")


def test_programme_pages_show_the_questionnaire_as_text(
    app: Flask,
    population: None,
    create_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    browser, pages = app.test_client(), Pages()
    login(browser, create_user("programme"))
    pages.get(browser, "/programm/")
    items = pages.get(browser, "/programm/fragen")
    assert pages.problems() == {}
    assert shown("FrageWahl " + PAYLOAD) in items
    assert (
        shown('OptionEtwas <a href="javascript:window.__xss=1">Link</a> \'><svg onload=alert(1)>')
        in items
    )
    assert "Freitext" not in items  # free-text answers are never shown to the programme
    assert "BereichA" in pages.html["/programm/"]
    export = browser.get("/programm/export.csv")
    assert export.headers["Content-Disposition"].startswith("attachment;")
    assert export.headers["Content-Type"].startswith("text/csv")


def test_figure_json_cannot_end_its_script_element() -> None:
    """Whatever a figure holds, ``</script>`` and ``<!--`` arrive \\u003c-escaped."""
    text = str(figure_json({"label": END_JSON, "comment": "<!-- x -->", "amp": "a & b"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__xss=1" in text
    assert json.loads(text) == {"label": END_JSON, "comment": "<!-- x -->", "amp": "a & b"}


def test_the_check_detects_an_unescaped_payload() -> None:
    """The checker itself can fail: raw payloads and unescaped JSON are found."""
    assert markup_problems(f"<p>{PAYLOAD}</p>") != []
    assert markup_problems('<p title="x" onclick="y">') == ["<p onclick=…> handler"]
    hostile_json = '<script type="application/json">{"a": "</b>"}</script>'
    assert markup_problems(hostile_json) == ["'<' or '>' in a JSON block (not \\u003c-escaped)"]
    assert markup_problems(f"<p>{shown(PAYLOAD)}</p>") == []
    assert parse(f"<p>{shown(PAYLOAD)}</p>".encode()).find("p").text == " ".join(PAYLOAD.split())
