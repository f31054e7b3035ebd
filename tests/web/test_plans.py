"""Notes and the action plan of a client; refused input (empty, too long, invalid dates,
unknown status, missing CSRF token, expired session) changes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest
from centrehelp import BERLIN, SACHSEN, WERKSTATT, csrf_of, ids, new_client, one, snapshot
from flask import Flask
from flask.testing import FlaskClient
from webpage import parse

from zzcheck.extensions import db
from zzcheck.storage.plans import add_action_item
from zzcheck.storage.workspace import ActionItem, Note

QUESTIONNAIRES = WERKSTATT


@pytest.fixture
def author(create_user: Callable[..., object]) -> object:
    return create_user("consultant", centre=SACHSEN, email="beraterin@example.org")


@pytest.fixture
def consultant(app: Flask, author: object, login: Callable[..., object]) -> FlaskClient:
    browser = app.test_client()
    login(browser, author)
    return browser


@pytest.fixture
def client_id(app: Flask) -> int:
    return new_client(app, SACHSEN, "Glaserei Klar")


def token_of(consultant: FlaskClient, client_id: int) -> str:
    return csrf_of(consultant.get(f"/berater/kunden/{client_id}").get_data(as_text=True))


def item(
    app: Flask, client_id: int, title: str, due: date | None = None, status: str = "open"
) -> int:
    with app.app_context():
        created = add_action_item(db.session, SACHSEN, client_id, title, None, due, status)
        assert created is not None
        db.session.commit()
        return created.id


def test_notes_are_stored_with_their_author_and_shown_newest_first(
    app: Flask, consultant: FlaskClient, client_id: int, author: object
) -> None:
    url = f"/berater/kunden/{client_id}/notizen"
    token = token_of(consultant, client_id)
    first = consultant.post(
        url, data={"csrf_token": token, "text": "Erstgespräch <b>am</b> Telefon"}
    )
    assert first.status_code == 303
    assert first.headers["Location"] == f"/berater/kunden/{client_id}#notizen"
    consultant.post(url, data={"csrf_token": token, "text": "Workshop vereinbart"})
    note = one(app, Note, text="Erstgespräch <b>am</b> Telefon")
    assert (note.client_id, note.author_id) == (client_id, author.id)  # type: ignore[attr-defined]
    page = consultant.get(f"/berater/kunden/{client_id}").get_data(as_text=True)
    assert page.index("Workshop vereinbart") < page.index("Erstgespräch")
    assert "Erstgespräch &lt;b&gt;am&lt;/b&gt; Telefon" in page  # escaped, not markup
    assert "beraterin@example.org" in page


def test_empty_or_too_long_notes_are_refused(
    app: Flask, consultant: FlaskClient, client_id: int
) -> None:
    url = f"/berater/kunden/{client_id}/notizen"
    token = token_of(consultant, client_id)
    before = snapshot(app)
    empty = consultant.post(url, data={"csrf_token": token, "text": "   "})
    assert empty.status_code == 400
    assert "Bitte schreiben Sie einen Text." in empty.get_data(as_text=True)
    long = consultant.post(url, data={"csrf_token": token, "text": "x" * 5001})
    assert long.status_code == 400
    assert "Höchstens 5000 Zeichen." in long.get_data(as_text=True)
    assert snapshot(app) == before


def test_action_items_are_added_changed_and_ordered(
    app: Flask, consultant: FlaskClient, client_id: int
) -> None:
    token = token_of(consultant, client_id)
    data = {
        "csrf_token": token,
        "title": "KI-Werkzeuge erfassen",
        "owner": "Geschäftsführung",
        "due_on": "31.12.2026",
        "status": "open",
    }
    response = consultant.post(f"/berater/kunden/{client_id}/massnahmen", data=data)
    assert response.status_code == 303
    added = one(app, ActionItem, title="KI-Werkzeuge erfassen")
    assert (added.owner, added.due_on, added.status) == (
        "Geschäftsführung",
        date(2026, 12, 31),
        "open",
    )
    soon = item(app, client_id, "Schulung planen", date(2026, 12, 1))
    undated = item(app, client_id, "Ideen sammeln")
    done = item(app, client_id, "Erstgespräch", date(2026, 1, 1), "done")
    page = consultant.get(f"/berater/kunden/{client_id}").get_data(as_text=True)
    assert ids(page, "item") == [soon, added.id, undated, done]
    edit_url = f"/berater/kunden/{client_id}/massnahmen/{added.id}"
    form_page = consultant.get(edit_url).get_data(as_text=True)
    assert 'value="2026-12-31"' in form_page
    change = {**data, "csrf_token": csrf_of(form_page), "status": "done", "owner": "Frau Klar"}
    assert consultant.post(edit_url, data=change).status_code == 303
    changed = one(app, ActionItem, id=added.id)
    assert (changed.status, changed.owner) == ("done", "Frau Klar")
    assert changed.updated_at > added.updated_at


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"due_on": "31.02.2026"}, "Bitte geben Sie ein Datum wie 31.12.2026 ein."),
        ({"due_on": "bald"}, "Bitte geben Sie ein Datum wie 31.12.2026 ein."),
        ({"status": "vergessen"}, "Bitte wählen Sie einen der angebotenen Werte."),
        ({"title": ""}, "Bitte beschreiben Sie die Maßnahme."),
        ({"owner": "x" * 121}, "Höchstens 120 Zeichen."),
    ],
)
def test_bad_action_items_are_refused(
    app: Flask, consultant: FlaskClient, client_id: int, bad: dict[str, str], message: str
) -> None:
    existing = item(app, client_id, "Bestehend")
    token = token_of(consultant, client_id)
    data = {"csrf_token": token, "title": "Neu", "owner": "", "due_on": "", "status": "open"} | bad
    before = snapshot(app)
    added = consultant.post(f"/berater/kunden/{client_id}/massnahmen", data=data)
    assert added.status_code == 400
    assert message in added.get_data(as_text=True)
    edited = consultant.post(f"/berater/kunden/{client_id}/massnahmen/{existing}", data=data)
    assert edited.status_code == 400
    assert message in edited.get_data(as_text=True)
    assert snapshot(app) == before


def test_other_clients_and_centres_are_not_found(
    app: Flask, consultant: FlaskClient, client_id: int
) -> None:
    other_client = new_client(app, SACHSEN, "Zweiter Kunde")
    foreign_client = new_client(app, BERLIN, "Berliner Kunde")
    own_item = item(app, client_id, "Eigene Maßnahme")
    with app.app_context():
        foreign = add_action_item(db.session, BERLIN, foreign_client, "Fremde Maßnahme")
        assert foreign is not None
        foreign_item = foreign.id
        db.session.commit()
    token = token_of(consultant, client_id)
    data = {"csrf_token": token, "title": "X", "text": "X", "status": "open"}
    before = snapshot(app)
    for method, url in (
        ("get", f"/berater/kunden/{foreign_client}"),
        ("post", f"/berater/kunden/{foreign_client}/notizen"),
        ("post", f"/berater/kunden/{foreign_client}/massnahmen"),
        ("get", f"/berater/kunden/{foreign_client}/massnahmen/{foreign_item}"),
        ("post", f"/berater/kunden/{foreign_client}/massnahmen/{foreign_item}"),
        ("get", f"/berater/kunden/{client_id}/massnahmen/{foreign_item}"),
        ("get", f"/berater/kunden/{other_client}/massnahmen/{own_item}"),
        ("post", f"/berater/kunden/{other_client}/massnahmen/{own_item}"),
    ):
        response = (
            getattr(consultant, method)(url, data=data) if method == "post" else consultant.get(url)
        )
        assert response.status_code == 404, url
    assert snapshot(app) == before


def test_a_missing_csrf_token_saves_nothing(
    app: Flask, consultant: FlaskClient, client_id: int
) -> None:
    before = snapshot(app)
    response = consultant.post(f"/berater/kunden/{client_id}/notizen", data={"text": "ohne Token"})
    assert response.status_code == 400
    page = parse(response.data)
    assert "Das Formular ist abgelaufen" in page.text
    assert page.find("a", href=f"/berater/kunden/{client_id}") is not None
    assert snapshot(app) == before


def test_an_expired_session_leads_to_the_login_and_saves_nothing(
    app: Flask, consultant: FlaskClient, client_id: int
) -> None:
    token = token_of(consultant, client_id)
    with consultant.session_transaction() as session:
        session["auth_at"] = int(time.time()) - 10 * 24 * 3600  # long past the lifetime
    before = snapshot(app)
    posted = consultant.post(
        f"/berater/kunden/{client_id}/notizen", data={"csrf_token": token, "text": "zu spät"}
    )
    assert posted.status_code == 401
    page = parse(posted.data)
    assert "Ihre Anmeldung ist abgelaufen. Es wurde nichts gespeichert." in page.text
    assert page.find("a", href=f"/login?next=/berater/kunden/{client_id}") is not None
    response = consultant.get(f"/berater/kunden/{client_id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=/berater/kunden/{client_id}"
    assert snapshot(app) == before
