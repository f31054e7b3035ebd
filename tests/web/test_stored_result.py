"""A result page opened again comes from ``stored_page``: the same bytes as rendered, never
with its resume token stored, not older than ``ZZCHECK_RESULT_PAGE_SECONDS``, never for a
visitor who would see another page (logged in, a message waiting, another language)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import timedelta

from assessmentrows import Row, insert_rows
from flask import Flask
from journeyhelp import WERKSTATT, Respondent
from sqlalchemy import select, update
from webpage import form_of, parse

from zzcheck.analytics.peer_snapshot import take_peer_snapshot
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.models import utcnow
from zzcheck.storage.retention import RetentionPolicy, purge
from zzcheck.storage.stored_pages import StoredPage

QUESTIONNAIRES = WERKSTATT
PEERS = [Row(industry="C", size="10-49", scores={"strategie": 30.0}) for _ in range(10)]


def result_page(respondent: Respondent, token: str, **headers: str) -> str:
    response = respondent.client.get(f"/a/{token}/ergebnis", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def add_peers(app: Flask) -> None:
    with app.app_context():
        loaded = current_registry().get("werkstatt")
        assert loaded is not None
        insert_rows(db.session, loaded, PEERS)
        take_peer_snapshot(db.session, utcnow(), b"test-secret", 5)  # as the next day's
        db.session.commit()


def stored_html(app: Flask) -> list[str]:
    with app.app_context():
        rows = db.session.scalars(select(StoredPage.html)).all()
        return [zlib.decompress(row).decode("utf-8") for row in rows]


def expire_stored_pages(app: Flask) -> None:
    with app.app_context():
        db.session.execute(update(StoredPage).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def has_peers(html: str) -> bool:
    return parse(html.encode()).find("section", class_="peers") is not None


def test_a_result_opened_again_is_served_as_stored_until_it_expires(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    assert stored_html(app) == []
    first = result_page(respondent, completed)
    assert len(stored_html(app)) == 1
    add_peers(app)

    third = result_page(respondent, completed)

    assert third == first  # byte for byte, though ten peers have arrived since
    assert not has_peers(third)
    expire_stored_pages(app)
    fresh = result_page(respondent, completed)
    assert has_peers(fresh)
    assert "mindestens 10 Betriebe" in fresh
    assert result_page(respondent, completed) == fresh  # stored again


def test_the_stored_page_holds_no_resume_token(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    result_page(respondent, completed)
    served = result_page(respondent, completed)
    assert served.count(completed) >= 4  # personal link, downloads, PDF, sharing, deletion
    [kept] = stored_html(app)
    assert completed not in kept
    assert "localhost" not in kept  # nor the host: the personal link's base is filled in
    assert (
        kept.replace("<resume-token>", completed).replace("<base-url>", "http://localhost")
        == served
    )
    another = Respondent(app.test_client())  # a second browser gets the page with its link
    assert result_page(another, completed) == served


def test_languages_are_stored_apart(app: Flask, respondent: Respondent, completed: str) -> None:
    result_page(respondent, completed)
    german = result_page(respondent, completed)
    english = result_page(respondent, completed, **{"Accept-Language": "en"})
    assert "Your result" in english
    assert "Ihr Ergebnis" in german and "Ihr Ergebnis" not in english
    assert result_page(respondent, completed, **{"Accept-Language": "en"}) == english
    assert len(stored_html(app)) == 2
    assert result_page(respondent, completed) == german


def test_a_logged_in_visitor_or_a_waiting_message_gets_the_page_rendered(
    app: Flask,
    respondent: Respondent,
    completed: str,
    create_user: Callable[..., object],
    login: Callable[..., object],
) -> None:
    result_page(respondent, completed)
    anonymous = result_page(respondent, completed)
    add_peers(app)  # a page rendered now shows them; the stored one does not
    with respondent.client.session_transaction() as session:
        session["_flashes"] = [("status", "Gespeichert.")]
    with_message = result_page(respondent, completed)
    assert "Gespeichert." in with_message and has_peers(with_message)
    user = create_user("programme", email="prog@example.org")
    consultant = Respondent(app.test_client())
    login(consultant.client, user)
    logged_in = result_page(consultant, completed)
    assert "prog@example.org" in logged_in and has_peers(logged_in)
    assert "prog@example.org" not in stored_html(app)[0]
    assert result_page(respondent, completed) == anonymous


def test_a_new_build_or_a_zero_period_renders_again(
    app: Flask, respondent: Respondent, completed: str
) -> None:
    result_page(respondent, completed)
    result_page(respondent, completed)
    add_peers(app)
    app.extensions["zzcheck_build"] = "another build"
    assert has_peers(result_page(respondent, completed))
    app.config["ZZCHECK_RESULT_PAGE_SECONDS"] = 0
    expire_stored_pages(app)
    assert has_peers(result_page(respondent, completed))
    assert has_peers(result_page(respondent, completed))
    with app.app_context():
        assert db.session.scalars(select(StoredPage.expires_at)).one() < utcnow()


def test_deleting_or_purging_removes_stored_pages(
    app: Flask, respondent: Respondent, completed: str, count_rows: Callable[[type], int]
) -> None:
    result_page(respondent, completed)
    result_page(respondent, completed)
    result_page(respondent, completed, **{"Accept-Language": "en"})
    assert count_rows(StoredPage) == 2
    expire_stored_pages(app)
    with app.app_context():
        purge(db.session, RetentionPolicy())
        db.session.commit()
    assert count_rows(StoredPage) == 0
    result_page(respondent, completed)
    assert count_rows(StoredPage) == 1
    form = form_of(respondent.get(f"/a/{completed}/loeschen"))
    assert respondent.post(form.action, form.submit()).status_code == 200
    assert count_rows(StoredPage) == 0
    assert respondent.client.get(f"/a/{completed}/ergebnis").status_code == 404
