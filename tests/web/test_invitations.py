"""Invitation links: created by a consultant (shown once, stored as a hash), opened by a
company, leading into the normal start; the check joins the client's record only when the
company shares it with that centre. Expired and unknown links are refused."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

from centrehelp import BERLIN, HIGH, SACHSEN, WERKSTATT, csrf_of, ids, new_client, one, snapshot
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import PROFILE
from sqlalchemy import select, text, update
from webpage import Element, form_of, parse

from zzcheck.extensions import db
from zzcheck.storage.assessments import complete_assessment, find_assessment, save_page
from zzcheck.storage.models import utcnow
from zzcheck.storage.workspace import Client, Invitation, InvitedAssessment, Share

QUESTIONNAIRES = WERKSTATT
LINK = re.compile(r'id="invitation-link" href="http://localhost/einladung/([A-Za-z0-9_-]+)"')


def invited_profile_page(company: FlaskClient, token: str) -> Element:
    """The invitation's profile page: its form posts back to the invitation, and its kicker
    names the questionnaire and the inviting centre."""
    page = parse(company.get(f"/einladung/{token}/werkstatt").data)
    assert page.find("form").get("action") == f"/einladung/{token}/werkstatt"
    kicker = page.find(class_="kicker")
    assert (
        kicker is not None
        and kicker.text == "Werkstatt-Check · Einladung von Zukunftszentrum Sachsen"
    )
    return page


def invite(consultant: FlaskClient, **fields: str) -> str:
    """Create an invitation through the page; returns the token from the link shown."""
    page = consultant.get("/berater/einladungen").get_data(as_text=True)
    data = {"csrf_token": csrf_of(page), "client": "", "new_client_name": "", "label": ""}
    response = consultant.post("/berater/einladungen", data=data | fields)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    found = LINK.search(response.get_data(as_text=True))
    assert found, "no invitation link on the page"
    return found.group(1)


def start_invited(app: Flask, token: str, profile: dict[str, str] | None = None) -> str:
    """A company opens the link and starts ``werkstatt``; returns its resume token."""
    company = app.test_client()
    page = parse(company.get(f"/einladung/{token}").data)
    start = page.find("a", href=f"/einladung/{token}/werkstatt")
    assert start is not None
    profile_page = invited_profile_page(company, token)
    form = form_of(profile_page)
    response = company.post(f"/einladung/{token}/werkstatt", data=form.submit(profile or PROFILE))
    assert response.status_code == 303
    found = re.fullmatch(r"/a/([A-Za-z0-9_-]+)/1", response.headers["Location"])
    assert found
    return found.group(1)


def finish_and_share(app: Flask, resume: str, centre: str | None = None) -> None:
    """Complete the check (services) and share it through the page (centre as preselected)."""
    with app.app_context():
        assessment = find_assessment(db.session, resume)
        assert assessment is not None
        save_page(db.session, assessment, HIGH, [], 3)
        complete_assessment(db.session, assessment)
        db.session.commit()
    company = app.test_client()
    form = form_of(parse(company.get(f"/a/{resume}/teilen").data), "share-form")
    data = form.submit({"consent": "y"} | ({"centre": centre} if centre else {}))
    assert company.post(f"/a/{resume}/teilen", data=data).status_code == 303


def test_the_link_is_shown_once_and_only_its_hash_is_stored(
    app: Flask, consultant: FlaskClient
) -> None:
    token = invite(consultant, new_client_name="Schlosserei Eisen", label="Messe Leipzig")
    assert len(token) >= 32  # 24 random bytes = 192 bits
    invitation = one(app, Invitation)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert invitation.centre_id == SACHSEN and invitation.label == "Messe Leipzig"
    assert invitation.expires_at - invitation.created_at == timedelta(days=60)
    assert one(app, Client, id=invitation.client_id).display_name == "Schlosserei Eisen"
    with app.app_context():
        dump = " ".join(str(row) for row in db.session.execute(text("SELECT * FROM invitation")))
    assert token not in dump
    again = consultant.get("/berater/einladungen").get_data(as_text=True)
    assert token not in again and "Messe Leipzig" in again


def test_an_invited_check_joins_the_client_when_shared_with_that_centre(
    app: Flask, consultant: FlaskClient
) -> None:
    client_id = new_client(app, SACHSEN, "Holzbau Nord")
    token = invite(consultant, client=str(client_id))
    berlin_profile = {**PROFILE, "state": "DE-BE"}  # the inviting centre still comes first
    resume = start_invited(app, token, berlin_profile)
    with app.app_context():
        assessment = find_assessment(db.session, resume)
        assert assessment is not None
        link = db.session.get(InvitedAssessment, assessment.id)
        assert link is not None and link.invitation_id == one(app, Invitation).id
        assert db.session.scalars(select(Share)).all() == []  # nothing shared yet
    finish_and_share(app, resume)
    share = one(app, Share)
    assert (share.centre_id, share.client_id) == (SACHSEN, client_id)
    page = consultant.get(f"/berater/kunden/{client_id}").get_data(as_text=True)
    assert ids(page, "share") == [share.id]
    listing = consultant.get("/berater/einladungen").get_data(as_text=True)
    assert re.search(r"<td>1</td>\s*<td>1</td>", listing)  # started 1, shared 1


def test_shared_with_another_centre_it_joins_no_client(app: Flask, consultant: FlaskClient) -> None:
    token = invite(consultant, new_client_name="Holzbau Süd")
    resume = start_invited(app, token)
    finish_and_share(app, resume, centre=BERLIN)
    share = one(app, Share)
    assert (share.centre_id, share.client_id) == (BERLIN, None)


def test_expired_and_unknown_links(app: Flask, consultant: FlaskClient) -> None:
    token = invite(consultant, new_client_name="Spät GmbH")
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
    company = app.test_client()
    before = snapshot(app)
    expired = company.get(f"/einladung/{token}")
    assert expired.status_code == 410
    assert "Diese Einladung ist abgelaufen" in expired.get_data(as_text=True)
    assert company.get(f"/einladung/{token}/werkstatt").status_code == 410
    posted = company.post(f"/einladung/{token}/werkstatt", data=PROFILE)
    assert posted.status_code in (400, 410)
    assert snapshot(app) == before
    assert company.get("/einladung/not-a-real-token").status_code == 404
    assert company.get("/einladung/" + "x" * 500 + "/werkstatt").status_code == 404
    live = invite(consultant, new_client_name="Früh GmbH")
    assert company.get(f"/einladung/{live}/gibtsnicht").status_code == 404


def test_the_invited_start_checks_the_profile_and_csrf(app: Flask, consultant: FlaskClient) -> None:
    token = invite(consultant, new_client_name="Prüf GmbH")
    company = app.test_client()
    profile_page = invited_profile_page(company, token)
    form = form_of(profile_page)
    before = snapshot(app)
    bad = company.post(f"/einladung/{token}/werkstatt", data=form.submit({"state": "DE-XX"}))
    assert bad.status_code == 400
    no_csrf = form.submit(PROFILE)
    no_csrf.pop("csrf_token")
    response = company.post(f"/einladung/{token}/werkstatt", data=no_csrf)
    assert response.status_code == 400
    assert "nicht gespeichert" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_creating_an_invitation_refuses_bad_input(app: Flask, consultant: FlaskClient) -> None:
    foreign = new_client(app, BERLIN, "Fremd")
    page = consultant.get("/berater/einladungen").get_data(as_text=True)
    token = csrf_of(page)
    before = snapshot(app)
    for bad in (
        {"client": "", "new_client_name": ""},
        {"client": str(foreign), "new_client_name": ""},
        {"client": "", "new_client_name": "Neu", "label": "x" * 121},
    ):
        response = consultant.post("/berater/einladungen", data={"csrf_token": token, **bad})
        assert response.status_code == 400, bad
        assert 'id="invitation-link"' not in response.get_data(as_text=True)
    assert consultant.post("/berater/einladungen", data={"new_client_name": "X"}).status_code == 400
    assert snapshot(app) == before


def test_the_client_page_link_preselects_the_client(app: Flask, consultant: FlaskClient) -> None:
    client_id = new_client(app, SACHSEN, "Vorauswahl KG")
    page = consultant.get(f"/berater/einladungen?kunde={client_id}").get_data(as_text=True)
    assert f'<option value="{client_id}" selected>Vorauswahl KG</option>' in page


def test_only_the_own_centres_invitations_are_listed(
    app: Flask,
    consultant: FlaskClient,
    create_user: Callable[..., object],
    login: Callable[..., object],
) -> None:
    invite(consultant, new_client_name="Sachsen-Kunde", label="nur Sachsen")
    other = app.test_client()
    login(other, create_user("consultant", centre=BERLIN))
    page = other.get("/berater/einladungen").get_data(as_text=True)
    assert "nur Sachsen" not in page and "Sachsen-Kunde" not in page
    assert "Noch keine Einladungen." in page
