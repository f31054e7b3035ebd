"""Every kind of page, in German and in English, as the test client gets it: a unique,
descriptive ``<title>`` in the chosen language (WCAG 2.4.2), ``<html lang>`` of that language
(3.1.1), and every chart ``role="img"`` with a label and a table after it as its text
alternative (1.1.1).

Forms and errors: ``test_wcag_forms.py``; language of parts and the language switch:
``test_language.py``; the browser side (axe-core, keyboard, focus order): ``tests/browser/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from centrehelp import HIGH, LOW, SACHSEN, WERKSTATT, completed, csrf_of, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import Respondent
from webpage import Element, parse

from zzcheck.extensions import db
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.plans import add_action_item

QUESTIONNAIRES = WERKSTATT
BRAND = {"de": "zzcheck KI-Readiness-Check", "en": "zzcheck AI readiness check"}
TOKEN = re.compile(r"/(a|einladung)/[A-Za-z0-9_-]+")
NAMES = {"/berater/kunden/1": "Formenbau Ost"}  # a client's page is titled by its name


def page_of(client: FlaskClient, url: str, status: int = 200) -> Element:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return parse(response.data)


def choose_language(client: FlaskClient, lang: str) -> None:
    assert client.get(f"/sprache/{lang}?next=/").status_code == 302


def respondent_urls(respondent: Respondent) -> tuple[list[str], str]:
    """The pages of an open and of a completed check, and the public pages; the completed
    check's token."""
    open_check = respondent.start("werkstatt")
    respondent.submit(open_check, 1, {"q_ki_genutzt": "yes"})
    respondent.submit(open_check, 2, {"q_datenquellen": ["auftraege"]})
    token = respondent.start("werkstatt")
    for number, answers in ((1, {"q_ki_genutzt": "no"}), (2, {"q_datenquellen": ["keine"]})):
        respondent.submit(token, number, answers)
    respondent.submit(token, 3, {"q_ordnung": "meist"}, action="finish")
    pages = ["/", "/werkstatt/start", *(f"/a/{open_check}/{n}" for n in (1, 2, 3))]
    pages += [f"/a/{token}/{path}" for path in ("ergebnis", "teilen", "loeschen")]
    pages += ["/datenschutz", "/login", "/leichte-sprache", "/leichte-sprache/datenschutz"]
    return [*pages, "/leichte-sprache/ergebnis"], token


@pytest.fixture
def workspace(app: Flask, create_user: Callable[..., Any]) -> dict[str, Any]:
    """A consultant and programme staff; a client with two shared checks and an item."""
    client_id = new_client(app, SACHSEN, "Formenbau Ost")
    first = shared(app, completed(app, LOW)[0], client_id=client_id)
    second = shared(app, completed(app, HIGH)[0], client_id=client_id)
    consultant = create_user("consultant", centre=SACHSEN)
    with app.app_context():
        item = add_action_item(db.session, SACHSEN, client_id, "Werkzeugliste anlegen")
        invitation = create_invitation(db.session, SACHSEN, client_id, consultant.id)
        assert item is not None and invitation is not None
        db.session.commit()
        item_id = item.id
    client = f"/berater/kunden/{client_id}"
    return {
        "consultant": consultant,
        "invitation": [f"/einladung/{invitation[1]}", f"/einladung/{invitation[1]}/werkstatt"],
        "programme": create_user("programme"),
        "pages": [
            "/berater/", "/berater/kunden/", client, f"/berater/freigaben/{second}",
            f"{client}/vergleich?a={first}&b={second}", "/berater/einladungen",
            f"{client}/massnahmen/{item_id}",
        ],
    }  # fmt: skip


def titles_of(
    app: Flask, lang: str, workspace: dict[str, Any], login: Callable[..., Any]
) -> dict[str, str]:
    """url → <title> of every kind of page in ``lang``; each page's <html lang> checked."""
    respondent = Respondent(app.test_client())
    choose_language(respondent.client, lang)
    urls, token = respondent_urls(respondent)
    urls += workspace["invitation"]
    visits = [(respondent.client, url, 200) for url in urls]
    visits.append((respondent.client, "/gibt-es-nicht", 404))
    programme = ["/programm/", "/programm/fragen"]
    for role, area in (("consultant", workspace["pages"]), ("programme", programme)):
        browser = app.test_client()
        login(browser, workspace[role])
        choose_language(browser, lang)
        visits += [(browser, url, 200) for url in area]
    titles, charts = {}, 0
    for browser, url, status in visits:
        root = page_of(browser, url, status)
        assert root.find("html").get("lang") == lang, url  # type: ignore[union-attr]
        found, problems = chart_alternatives(root)
        assert problems == [], url
        charts += found
        key = TOKEN.sub(r"/\1/<token>", url)  # the same page in both languages
        titles[key] = root.find("title").text  # type: ignore[union-attr]
    titles["(deleted)"] = deleted_title(respondent, token)
    assert charts >= 3  # the result, the shared result, the comparison
    return titles


def chart_alternatives(root: Element) -> tuple[int, list[str]]:
    """How many charts the page has; those without ``role="img"`` and a label, or without a
    table (their text alternative) after them."""
    elements = list(root.iter())
    problems, charts = [], 0
    for index, chart in enumerate(elements):
        name = chart.get("data-radar") or chart.get("data-chart")
        if not name:
            continue
        charts += 1
        if chart.get("role") != "img" or len(chart.get("aria-label") or "") < 20:
            problems.append(f"{name}: no role=img with a label")
        if not any(e.tag == "table" for e in elements[index:]):
            problems.append(f"{name}: no table after it")
    return charts, problems


def deleted_title(respondent: Respondent, token: str) -> str:
    html = respondent.client.get(f"/a/{token}/loeschen").get_data(as_text=True)
    response = respondent.client.post(f"/a/{token}/loeschen", data={"csrf_token": csrf_of(html)})
    assert response.status_code == 200
    return parse(response.data).find("title").text  # type: ignore[union-attr]


def test_every_page_has_a_unique_descriptive_title_in_its_language(
    app: Flask, workspace: dict[str, Any], login: Callable[..., Any]
) -> None:
    specific: dict[str, dict[str, str]] = {}
    for lang in ("de", "en"):
        titles = titles_of(app, lang, workspace, login)
        assert all(title.endswith(f" – {BRAND[lang]}") for title in titles.values()), titles
        specific[lang] = {url: t.removesuffix(f" – {BRAND[lang]}") for url, t in titles.items()}
        assert all(len(text) >= 4 for text in specific[lang].values()), specific[lang]
        seen: dict[str, list[str]] = {}
        for url, text in specific[lang].items():
            seen.setdefault(text, []).append(url)
        assert {t: urls for t, urls in seen.items() if len(urls) > 1} == {}, lang
    same = {url: text for url, text in specific["de"].items() if specific["en"][url] == text}
    assert same == NAMES  # everything else is translated
    assert len(specific["de"]) >= 26
