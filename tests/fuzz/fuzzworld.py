"""The data the fuzz tests aim at: centre A's client with two shared checks, an action item,
a note and an invitation (as in the access matrix), a check in progress, and one logged-in
browser per role. Routes that consume their object (delete, withdraw, share, save a page)
get a fresh one per example, so every example reaches the view, not a 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from authhelp import login, make_user
from centrehelp import HIGH, LOW, SACHSEN, completed, new_client, shared
from flask import Flask
from flask.testing import FlaskClient
from journeyhelp import PROFILE
from webpage import form_of, parse

from zzcheck.extensions import db
from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import find_assessment, start_assessment
from zzcheck.storage.campaigns import open_centre_campaign, open_owner_campaign
from zzcheck.storage.invitations import create_invitation
from zzcheck.storage.models import utcnow
from zzcheck.storage.plans import add_action_item, add_note

ANON, CONSULTANT, PROGRAMME, ADMIN = "anonymous", "consultant", "programme", "admin"


@dataclass
class World:
    app: Flask
    consultant_id: int = 0
    token: str = ""  # completed, shared with centre A, in A's client record
    progress: str = ""  # in progress, nothing answered yet
    invitation: str = ""
    team: str = ""  # the link of centre A's team campaign for the client
    ids: dict[str, int] = field(default_factory=dict)  # client, share, second, item, campaigns

    def fresh_completed(self) -> str:
        return completed(self.app, LOW)[1]

    def fresh_shared(self) -> str:
        assessment_id, token = completed(self.app, LOW)
        shared(self.app, assessment_id)
        return token

    def fresh_progress(self) -> str:
        with self.app.app_context():
            loaded = current_registry().get("werkstatt")
            assert loaded is not None
            _assessment, token = start_assessment(db.session, loaded, PROFILE)
            db.session.commit()
        return token

    def fresh_owner_campaign(self) -> int:
        """A new team campaign opened from the completed check behind ``token``."""
        with self.app.app_context():
            owner = find_assessment(db.session, self.token)
            assert owner is not None
            campaign, _link = open_owner_campaign(
                db.session, owner, [_werkstatt()], _in_two_weeks()
            )
            db.session.commit()
            return campaign.id

    def fresh_centre_campaign(self) -> tuple[int, str]:
        """A new team campaign of centre A for its client: (id, link token)."""
        with self.app.app_context():
            created = open_centre_campaign(
                db.session, SACHSEN, self.ids["client"], [_werkstatt()], _in_two_weeks()
            )
            assert created is not None
            db.session.commit()
            return created[0].id, created[1]


def _werkstatt() -> LoadedQuestionnaire:
    loaded = current_registry().get("werkstatt")
    assert loaded is not None
    return loaded


def _in_two_weeks() -> datetime:
    return utcnow() + timedelta(days=14)


def build_world(app: Flask) -> World:
    world = World(app)
    world.consultant_id = make_user(app, 1, CONSULTANT, centre=SACHSEN).id
    client_id = new_client(app, SACHSEN, "Alpha-Kunde")
    first_id, world.token = completed(app, LOW)
    share_id = shared(app, first_id, company="Alpha Maschinenbau", client_id=client_id)
    second = shared(app, completed(app, HIGH)[0], client_id=client_id)
    world.progress = world.fresh_progress()
    with app.app_context():
        item = add_action_item(db.session, SACHSEN, client_id, "Alpha-Maßnahme")
        invitation = create_invitation(db.session, SACHSEN, client_id, world.consultant_id)
        add_note(db.session, SACHSEN, client_id, world.consultant_id, "Alpha-Notiz")
        assert item is not None and invitation is not None
        db.session.commit()
        world.ids = {"client": client_id, "share": share_id, "second": second, "item": item.id}
    world.invitation = invitation[1]
    world.ids["campaign"], world.team = world.fresh_centre_campaign()
    world.ids["owner_campaign"] = world.fresh_owner_campaign()
    return world


def join_team(world: World, client: FlaskClient) -> None:
    """Take part in the world's team campaign in ``client`` (its team cookie is kept)."""
    page = client.get(f"/team/{world.team}")
    form = form_of(parse(page.data))
    data = form.submit({"role": form.options("role")[0]})
    assert client.post(f"/team/{world.team}", data=data).status_code == 303


def browser(app: Flask, role: str) -> FlaskClient:
    """A new browser, logged in as a new account of ``role`` (anonymous: not logged in)."""
    client = app.test_client()
    if role != ANON:
        number = {CONSULTANT: 2, PROGRAMME: 3, ADMIN: 4}[role]
        user = make_user(app, number, role, centre=SACHSEN if role == CONSULTANT else None)
        login(client, user)
    return client


class Session:
    """A browser's session cookie, put back before every example: a drawn request that
    logs out, switches the language or leaves a flash message does not leak into the next."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.cookie = client.get_cookie("session")

    def restore(self) -> None:
        if self.cookie is None:
            self.client.delete_cookie("session")
        else:
            self.client.set_cookie("session", self.cookie.value)
