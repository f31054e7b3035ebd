"""Data for the browser tests of the security issue, made through the storage services: a
population of completed checks (for the programme's charts and the peer comparison), a
client of a centre with two shared checks (for the comparison radar), notes and items."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import User
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment
from zzcheck.storage.clients import create_client
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.models import Assessment
from zzcheck.storage.plans import add_action_item, add_note
from zzcheck.storage.sharing import share_assessment

WERKSTATT = str(Path(__file__).resolve().parents[1] / "web" / "questionnaires")
LOW = {"ki_genutzt": "no", "plan": "kein", "datenquellen": ["keine"], "ordnung": "nie"}
HIGH = {
    "ki_genutzt": "yes",
    "ziele": "schriftlich",
    "plan": "konkret",
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 80,
    "ordnung": "immer",
}  # answers of the werkstatt test questionnaire: a weak and a strong check
PASSWORD = "ein-langes-test-passwort"
SIZES = ("1-9", "10-49", "50-249")
STATES = ("DE-SN", "DE-BE", "DE-BY")


@dataclass(frozen=True)
class Client:
    id: int
    shares: tuple[int, int]  # older, newer


def completed(
    app: Flask,
    questionnaire_id: str,
    answers: Mapping[str, object],
    profile: Mapping[str, str],
    completed_at: datetime,
) -> tuple[int, str]:
    """A completed check (id, resume token), back-dated to ``completed_at``."""
    with app.app_context():
        loaded = current_registry().get(questionnaire_id)
        assert loaded is not None, questionnaire_id
        assessment, token = start_assessment(db.session, loaded, profile)
        save_page(db.session, assessment, answers, [], len(loaded.questionnaire.sections))
        complete_assessment(db.session, assessment)
        assessment.completed_at = completed_at
        db.session.commit()
        return assessment.id, token


def population(
    app: Flask, questionnaire_id: str, answer_sets: Sequence[Mapping[str, object]], n: int
) -> None:
    """``n`` completed checks over three sizes, three states and six months."""
    start = datetime(2026, 3, 1, 10, tzinfo=UTC)
    combos = itertools.product(SIZES, STATES)
    for i, (size, state) in zip(range(n), itertools.cycle(combos), strict=False):
        profile = {"industry": "C", "size": size, "state": state, "works_council": "no"}
        when = start + timedelta(days=30 * (i % 6), hours=i)
        completed(app, questionnaire_id, answer_sets[i % len(answer_sets)], profile, when)


def client_with_two_shares(
    app: Flask,
    questionnaire_id: str,
    before: Mapping[str, object],
    after: Mapping[str, object],
    name: str = "Formenbau Ost",
    company: str | None = None,
    contact: str | None = None,
) -> Client:
    """A client of Sachsen with two shared checks (March and September)."""
    profile = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "no"}
    with app.app_context():
        client_id = create_client(db.session, "sachsen", name).id
        db.session.commit()
    share_ids = []
    for answers, month in ((before, 3), (after, 9)):
        day = datetime(2026, month, 2, 10, tzinfo=UTC)
        assessment_id, _token = completed(app, questionnaire_id, answers, profile, day)
        share_ids.append(_share(app, assessment_id, client_id, company, contact))
    return Client(client_id, (share_ids[0], share_ids[1]))


def _share(
    app: Flask, assessment_id: int, client_id: int, company: str | None, contact: str | None
) -> int:
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        share = share_assessment(
            db.session,
            assessment,
            "sachsen",
            CONSENT.version,
            "de",
            centres=current_registry().centres,
            company_name=company,
            contact_person=contact,
        )
        share.client_id = client_id
        db.session.commit()
        return share.id


def notes_and_items(app: Flask, client_id: int, author: User, text: str) -> None:
    """A note and an action item (title and owner) with ``text`` on the client."""
    with app.app_context():
        add_note(db.session, "sachsen", client_id, author.id, text)
        add_action_item(db.session, "sachsen", client_id, text[:200], owner=text[:120])
        db.session.commit()
