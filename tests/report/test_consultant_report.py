"""The consultant's PDF report, read back with pypdf: a shared check with its client's action
plan (``/berater/freigaben/<id>/bericht.pdf``) and two checks compared
(``/berater/kunden/<id>/vergleich.pdf?a=…&b=…``). Scores equal the engine's, every action
item is printed, the changes equal the comparison page's, notes stay out, hostile names are
text, the file name is safe, and the area's access rules hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import format_decimal
from centrehelp import BERLIN, MID, SACHSEN, WERKSTATT, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import PROFILE
from reporthelp import pdf_text
from webpage import parse

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.scoring import score
from zzcheck.scoring.report import display_score
from zzcheck.storage.plans import add_action_item, add_note
from zzcheck.storage.workspace import DONE, IN_PROGRESS, OPEN

QUESTIONNAIRES = WERKSTATT
# Of ``werkstatt``: strategy 0 → 50 (up), data 88.9 → 33.3 (down), overall 59.3 → 38.9.
BEFORE: dict[str, object] = {
    "ki_genutzt": "no",
    "plan": "kein",
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 80,
    "ordnung": "meist",
}
AFTER = MID
OLDER_AT = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
NEWER_AT = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)  # 6 March in Germany
GERMANY = ZoneInfo("Europe/Berlin")
CLIENT, COMPANY = "Müller & Söhne Metallbau", "Müller & Söhne GmbH"
NOTE = "Intern: Geschäftsführer zögert noch"
ITEMS = [  # title, owner, due date, status
    ("KI-Werkzeuge in einer Liste erfassen", "Geschäftsführung", date(2026, 4, 30), OPEN),
    ("Schulung Datenschutz beim Chat-Assistenten", "Büro", date(2026, 5, 15), IN_PROGRESS),
    ("Betriebsversammlung zum KI-Einsatz", None, None, DONE),
]
WORDS = {
    "de": {
        "status": {OPEN: "offen", IN_PROGRESS: "in Arbeit", DONE: "erledigt"},
        "dates": {date(2026, 4, 30): "30.04.2026", date(2026, 5, 15): "15.05.2026"},
        "plan": "Maßnahmenplan",
        "company": "Betrieb:",
        "earlier": "Früherer Check vom 15.01.2026",
        "own": "Ihr Ergebnis",
        "changes": "Veränderung je Bereich",
        "of": "von",
    },
    "en": {
        "status": {OPEN: "open", IN_PROGRESS: "in progress", DONE: "done"},
        "dates": {date(2026, 4, 30): "30 April 2026", date(2026, 5, 15): "15 May 2026"},
        "plan": "Action plan",
        "company": "Company:",
        "earlier": "Earlier check of 15 January 2026",
        "own": "Your result",
        "changes": "Change per area",
        "of": "of",
    },
}


def squeeze(text: str) -> str:
    """Without whitespace: PDF text extraction breaks lines inside table cells."""
    return "".join(text.split())


@dataclass
class Record:
    """Centre A's client with two checks (weak, then strong), an action plan and a note."""

    id: int
    older: int  # share ids
    newer: int


def make_client(
    app: Flask, name: str = CLIENT, company: str = COMPANY, items: Any = ITEMS
) -> Record:
    client_id = new_client(app, SACHSEN, name)
    older = shared(app, completed(app, BEFORE, OLDER_AT)[0], company=company, client_id=client_id)
    newer = shared(app, completed(app, AFTER, NEWER_AT)[0], company=company, client_id=client_id)
    with app.app_context():
        for title, owner, due_on, status in items:
            assert add_action_item(db.session, SACHSEN, client_id, title, owner, due_on, status)
        author = _consultant_id(app)
        assert add_note(db.session, SACHSEN, client_id, author, NOTE) is not None
        db.session.commit()
    return Record(client_id, older, newer)


def _consultant_id(app: Flask) -> int:
    from zzcheck.storage.accounts import User

    user = db.session.query(User).filter_by(centre_id=SACHSEN).first()
    assert user is not None
    return user.id


def download(browser: FlaskClient, url: str, lang: str = "de") -> tuple[str, Any]:
    response = browser.get(url, headers={"Accept-Language": lang})
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    return pdf_text(response.data), response


def engine(app: Flask, answers: Any, lang: str) -> dict[str, Any]:
    """The scoring engine's result for ``answers`` (no storage involved)."""
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        return score(loaded.questionnaire, answers, PROFILE).to_dict(lang)


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


def plan_rows(lang: str) -> list[str]:
    """Each action item as its printed table row: title, owner, due date, status."""
    words = WORDS[lang]
    return [
        f"{title} {owner or '–'} {words['dates'][due] if due else '–'} {words['status'][status]}"
        for title, owner, due, status in ITEMS
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_share_report_has_the_engines_scores_and_the_whole_action_plan(
    app: Flask, consultant: FlaskClient, lang: str
) -> None:
    found = make_client(app)
    text, _response = download(consultant, f"/berater/freigaben/{found.newer}/bericht.pdf", lang)
    flat, data, words = squeeze(text), engine(app, AFTER, lang), WORDS[lang]
    assert f"{words['company']} {COMPANY}" in text
    for dim in data["dimensions"]:
        assert dim["rated"], dim["id"]
        answered = f"{dim['answered']} {words['of']} {dim['total']}"
        row = f"{dim['title']} {number(dim['score'], lang)} {dim['level']['name']} {answered}"
        assert squeeze(row) in flat, row
    assert squeeze(f"{number(data['overall']['score'], lang)} {words['of']} 100") in flat
    plan = flat.index(squeeze(words["plan"]))
    for row in plan_rows(lang):
        assert squeeze(row) in flat[plan:], row
    assert "Intern" not in text and "zögert" not in text  # notes stay in the centre


def test_the_plan_is_printed_in_the_pages_order_with_its_date(
    app: Flask, consultant: FlaskClient
) -> None:
    found = make_client(app)
    text, _response = download(consultant, f"/berater/freigaben/{found.older}/bericht.pdf")
    flat = squeeze(text)
    positions = [flat.index(squeeze(row)) for row in plan_rows("de")]
    assert positions == sorted(positions)  # open by due date, done last
    today = datetime.now(UTC).astimezone(GERMANY).strftime("%d.%m.%Y")
    assert f"Maßnahmenplan Stand: {today}" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_comparison_report_shows_the_pages_changes_and_the_earlier_trace(
    app: Flask, consultant: FlaskClient, lang: str
) -> None:
    found = make_client(app)
    query = f"?a={found.older}&b={found.newer}"
    url = f"/berater/kunden/{found.id}/vergleich"
    text, _response = download(consultant, f"{url}.pdf{query}", lang)
    flat, words = squeeze(text), WORDS[lang]
    page = parse(consultant.get(url + query, headers={"Accept-Language": lang}).data)
    rows = [row for row in page.find_all("tr") if row.get("data-dimension")]
    assert len(rows) == 3  # two dimensions and the overall score
    changes = flat.index(squeeze(words["changes"]))
    for row in rows:
        cells = [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        assert squeeze(" ".join(cells)) in flat[changes:], cells
    assert f"{words['own']} {words['earlier']}" in text  # the radar's legend
    for row in plan_rows(lang):
        assert squeeze(row) in flat, row
    assert "Intern" not in text


def test_the_changes_are_the_engines_differences(app: Flask, consultant: FlaskClient) -> None:
    """Up, down and the overall score, from the rounded scores (as the page computes them)."""
    found = make_client(app)
    url = f"/berater/kunden/{found.id}/vergleich.pdf?a={found.newer}&b={found.older}"
    flat = squeeze(download(consultant, url)[0])
    before, after = engine(app, BEFORE, "de"), engine(app, AFTER, "de")
    pairs = list(zip(before["dimensions"], after["dimensions"], strict=True))
    pairs.append((before["overall"], after["overall"]))
    deltas = []
    for old, new in pairs:
        delta = display_score(new["score"] - old["score"])  # to_dict's scores are rounded
        assert delta is not None
        deltas.append(delta)
        sign = f"+{number(delta, 'de')}" if delta > 0 else f"−{number(-delta, 'de')}"
        scores = f"{number(old['score'], 'de')} {number(new['score'], 'de')}"
        row = f"{new.get('title', 'Gesamt')} {scores} {sign}"
        assert squeeze(row) in flat, row
    assert deltas == [50, -55.6, -20.4]
    for old, new in pairs[:-1]:  # the earlier check is the score table's last column
        answered = f"{new['answered']} von {new['total']}"
        assert squeeze(f"{answered} {number(old['score'], 'de')}") in flat


def test_the_download_is_a_private_attachment_with_a_safe_name(
    app: Flask, consultant: FlaskClient
) -> None:
    found = make_client(app)
    expected = 'attachment; filename="zzcheck-mueller-soehne-metallbau-2026-03-06.pdf"'
    for url in (
        f"/berater/freigaben/{found.newer}/bericht.pdf",
        f"/berater/kunden/{found.id}/vergleich.pdf?a={found.older}&b={found.newer}",
    ):
        _text, response = download(consultant, url)
        assert response.headers["Content-Disposition"] == expected, url
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Robots-Tag"] == "noindex"


def test_a_share_without_a_client_has_no_plan_and_is_named_by_questionnaire(
    app: Flask, consultant: FlaskClient
) -> None:
    share_id = shared(app, completed(app, AFTER, NEWER_AT)[0], company="Einzelbetrieb Kühn")
    text, response = download(consultant, f"/berater/freigaben/{share_id}/bericht.pdf")
    assert "Betrieb: Einzelbetrieb Kühn" in text
    assert "Maßnahmenplan" not in text
    disposition = 'attachment; filename="zzcheck-werkstatt-2026-03-06.pdf"'
    assert response.headers["Content-Disposition"] == disposition


def test_an_empty_plan_says_so(app: Flask, consultant: FlaskClient) -> None:
    found = make_client(app, items=[])
    text, _response = download(consultant, f"/berater/freigaben/{found.newer}/bericht.pdf")
    assert "Maßnahmenplan Stand:" in text and "Noch keine Maßnahmen vereinbart." in text


HOSTILE_COMPANY = '<b>Alpha</b> & "Söhne" <img src="http://example.invalid/x.png">'
HOSTILE_ITEM = '<script>alert("x")</script> & <a href="http://example.invalid/">Liste</a>'


def test_hostile_names_and_titles_print_as_text(app: Flask, consultant: FlaskClient) -> None:
    found = make_client(
        app,
        name='../<i>"Kunde"</i>\r\nX: y',
        company=HOSTILE_COMPANY,
        items=[(HOSTILE_ITEM, "<u>Chef</u>", None, OPEN)],
    )
    for url in (
        f"/berater/freigaben/{found.newer}/bericht.pdf",
        f"/berater/kunden/{found.id}/vergleich.pdf?a={found.older}&b={found.newer}",
    ):
        response = consultant.get(url)
        assert response.status_code == 200
        flat = squeeze(pdf_text(response.data))
        assert squeeze(f"Betrieb: {HOSTILE_COMPANY}") in flat
        assert squeeze(f"{HOSTILE_ITEM} <u>Chef</u> – offen") in flat
        assert b"/JavaScript" not in response.data and b"/URI" not in response.data
        disposition = 'attachment; filename="zzcheck-i-kunde-i-x-y-2026-03-06.pdf"'
        assert response.headers["Content-Disposition"] == disposition


def test_other_centres_get_404_and_other_roles_are_kept_out(
    app: Flask,
    create_user: Callable[..., object],
    login: Callable[..., object],
    consultant: FlaskClient,
) -> None:
    found = make_client(app)
    urls = [
        f"/berater/freigaben/{found.newer}/bericht.pdf",
        f"/berater/kunden/{found.id}/vergleich.pdf?a={found.older}&b={found.newer}",
    ]
    browsers = {role: app.test_client() for role in ("berlin", "programme", "admin")}
    login(browsers["berlin"], create_user("consultant", centre=BERLIN))
    login(browsers["programme"], create_user("programme"))
    login(browsers["admin"], create_user("admin"))
    for url in urls:
        assert browsers["berlin"].get(url).status_code == 404
        assert browsers["programme"].get(url).status_code == 403
        assert browsers["admin"].get(url).status_code == 403
        anonymous = app.test_client().get(url)
        assert anonymous.status_code == 302
        assert anonymous.headers["Location"].startswith("/login?next=")
        assert consultant.get(url).status_code == 200


def test_a_pair_of_another_client_or_centre_is_not_found(
    app: Flask, consultant: FlaskClient
) -> None:
    found, other = make_client(app), make_client(app, name="Anderer Kunde")
    berlin_share = shared(app, completed(app, BEFORE, OLDER_AT)[0], centre=BERLIN)
    base = f"/berater/kunden/{found.id}/vergleich.pdf"
    assert consultant.get(f"{base}?a={found.older}&b={other.newer}").status_code == 404
    assert consultant.get(f"{base}?a={found.older}&b={berlin_share}").status_code == 404
    assert consultant.get(f"{base}?a={found.older}&b={found.older}").status_code == 400
    assert consultant.get(f"{base}?a={found.older}").status_code == 400
    assert consultant.get(f"/berater/freigaben/{berlin_share}/bericht.pdf").status_code == 404


def test_the_share_client_and_comparison_pages_link_to_the_reports(
    app: Flask, consultant: FlaskClient
) -> None:
    found = make_client(app)
    share_pdf = f"/berater/freigaben/{found.newer}/bericht.pdf"
    share_page = parse(consultant.get(f"/berater/freigaben/{found.newer}").data)
    assert share_pdf in [a.get("href") for a in share_page.find_all("a")]
    client_page = parse(consultant.get(f"/berater/kunden/{found.id}").data)
    assert share_pdf in [a.get("href") for a in client_page.find_all("a")]  # the newest check
    actions = [b.get("formaction") for b in client_page.find_all("button")]
    assert f"/berater/kunden/{found.id}/vergleich.pdf" in actions
    query = f"?a={found.older}&b={found.newer}"
    comparison = parse(consultant.get(f"/berater/kunden/{found.id}/vergleich{query}").data)
    hrefs = [a.get("href") for a in comparison.find_all("a")]
    assert f"/berater/kunden/{found.id}/vergleich.pdf{query}" in hrefs
