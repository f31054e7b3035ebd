"""Team-mode test data made through the storage services (fast), on the test questionnaire
``teamcheck`` (``tests/web/questionnaires_team/``): an owner's completed check, campaigns,
and completed team answers with hand-computable scores (a step i on either scale scores
25·i). ``PEOPLE`` are the 12 answers whose figures the tests work out by hand.

``SMALL_GROUPS`` answer ``teammulti`` (the same scales plus a scored multi-choice question)
with groups of 1 … k−1 people hidden at every level: a lone works-council member and two IT
people (role groups), one employee without an area (needs table), two managers who do not
know the devices (a cell within a dimension), tools chosen by 1, 2 and all but one person;
the figures are worked out by hand in ``tests/privacy/test_small_groups.py``."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import update

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment
from zzcheck.storage.campaign_answers import join_campaign
from zzcheck.storage.campaigns import close_campaign, open_centre_campaign, open_owner_campaign
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.team_models import Campaign

TEAM = str(Path(__file__).resolve().parent / "web" / "questionnaires_team")
INFO = ("nie", "spaet", "teils", "meist", "immer")
TECH = ("schlecht", "kaum", "teils", "gut", "sehr_gut")
OWNER_PROFILE = {"industry": "C", "size": "10-49", "state": "DE-SN", "works_council": "yes"}
Person = tuple[str, str | None, int, int, list[str]]  # role, area, info step, tech step, named

# management info 100, 100, 75 → 91.67, technik 25, 25, 50 → 33.33
# employees info 25, 50, 25, 0, 50, 25 → 29.17, technik 75, 75, 50, 100, 75, 75 → 75
# works council (2) and IT (1): below the group size 3, shown and counted nowhere
PEOPLE: list[Person] = [
    ("management", None, 4, 1, ["werkstatt"]),
    ("management", None, 4, 1, ["werkstatt"]),
    ("management", "office", 3, 2, []),
    ("employee", "office", 1, 3, ["leitung"]),
    ("employee", "office", 2, 3, ["leitung", "werkstatt"]),
    ("employee", "office", 1, 2, ["leitung"]),
    ("employee", "production", 0, 4, ["werkstatt"]),
    ("employee", "production", 2, 3, ["werkstatt"]),
    ("employee", "production", 1, 3, []),
    ("works_council", None, 2, 2, ["leitung"]),
    ("works_council", None, 2, 2, ["leitung"]),
    ("it", None, 4, 4, ["leitung", "werkstatt"]),
]


# role, area, info step, tech step (None: "weiß ich nicht"), tools chosen, groups named
MultiPerson = tuple[str, str | None, int, int | None, list[str], list[str]]
SMALL_GROUPS: list[MultiPerson] = [
    ("management", None, 4, None, ["chat", "text"], ["werkstatt"]),
    ("management", None, 4, None, ["chat"], ["werkstatt"]),
    ("management", None, 3, 2, ["chat", "text", "bild"], []),
    ("employee", "office", 1, 3, ["chat"], ["leitung"]),
    ("employee", "office", 2, 3, ["chat", "text"], ["leitung", "werkstatt"]),
    ("employee", "office", 1, 2, ["chat"], ["leitung"]),
    ("employee", "production", 0, 4, ["chat", "code"], ["werkstatt"]),
    ("employee", "production", 2, 3, ["chat"], ["werkstatt"]),
    ("employee", "production", 1, 3, ["keins"], []),
    ("employee", None, 3, 1, ["chat", "bild"], ["werkstatt"]),
    ("works_council", None, 2, 2, ["chat"], ["leitung"]),
    ("it", None, 4, 4, ["chat", "text", "bild", "code"], ["leitung", "werkstatt"]),
    ("it", None, 4, 4, ["chat", "text", "bild", "code"], ["leitung", "werkstatt"]),
]


def multi_answers(person: MultiPerson) -> dict[str, object]:
    """The ``teammulti`` answers of ``person``."""
    _role, _area, info, tech, tools, named = person
    answers: dict[str, object] = {
        "info_frueh": INFO[info],
        "geraete": "weiss_nicht" if tech is None else TECH[tech],
        "werkzeuge": tools,
    }
    if named:
        answers["bedarf"] = named
    return answers


def answers_of(person: Person) -> dict[str, object]:
    _role, _area, info, tech, named = person
    answers: dict[str, object] = {"info_frueh": INFO[info], "geraete": TECH[tech]}
    if named:
        answers["bedarf"] = named
    return answers


def owner_check(app: Flask, questionnaire_id: str = "teamcheck") -> tuple[int, str]:
    """A company owner's completed check (id, resume token)."""
    with app.app_context():
        loaded = current_registry().get(questionnaire_id)
        assert loaded is not None
        assessment, token = start_assessment(db.session, loaded, OWNER_PROFILE)
        save_page(db.session, assessment, answers_of(PEOPLE[0]), [], 2)
        complete_assessment(db.session, assessment)
        db.session.commit()
        return assessment.id, token


def open_campaign(
    app: Flask,
    owner_id: int,
    questionnaire_ids: Sequence[str] = ("teamcheck",),
    days: int = 14,
    k: int = 3,
) -> tuple[int, str]:
    """An owner's campaign (id, link token) closing in ``days``."""
    with app.app_context():
        owner = db.session.get(Assessment, owner_id)
        assert owner is not None
        loaded = [current_registry().get(qid) for qid in questionnaire_ids]
        campaign, token = open_owner_campaign(
            db.session, owner, loaded, utcnow() + timedelta(days=days), min_group_size=k
        )
        db.session.commit()
        return campaign.id, token


def centre_campaign(app: Flask, centre: str, client_id: int) -> tuple[int, str]:
    with app.app_context():
        loaded = [current_registry().get("teamcheck")]
        created = open_centre_campaign(
            db.session, centre, client_id, loaded, utcnow() + timedelta(days=14)
        )
        assert created is not None
        db.session.commit()
        return created[0].id, created[1]


def answer(
    app: Flask,
    campaign_id: int,
    person: Person | MultiPerson,
    completed: bool = True,
    browser: str = "",
) -> int:
    """One team answer (completed unless told otherwise); its assessment id. A ``Person``
    answers ``teamcheck``, a ``MultiPerson`` ``teammulti``."""
    role, area, *_rest = person
    given = multi_answers(person) if len(person) == 6 else answers_of(person)  # type: ignore[arg-type]
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign is not None
        browser = browser or secrets.token_urlsafe(16)
        assessment = join_campaign(db.session, campaign, role, area, browser)
        save_page(db.session, assessment, given, [], 2)
        if completed:
            complete_assessment(db.session, assessment)
        db.session.commit()
        return assessment.id


def answer_all(
    app: Flask, campaign_id: int, people: Iterable[Person | MultiPerson] = PEOPLE
) -> list[int]:
    return [answer(app, campaign_id, person) for person in people]


def backdate_completion(app: Flask, assessment_id: int, when: datetime) -> None:
    with app.app_context():
        db.session.execute(
            update(Assessment).where(Assessment.id == assessment_id).values(completed_at=when)
        )
        db.session.commit()


def set_closing(app: Flask, campaign_id: int, closes_at: datetime) -> None:
    """Move the closing date (e.g. into the past: the campaign has ended)."""
    with app.app_context():
        db.session.execute(
            update(Campaign).where(Campaign.id == campaign_id).values(closes_at=closes_at)
        )
        db.session.commit()


def close(app: Flask, campaign_id: int) -> None:
    """Close the campaign early (as its owner's button does): its results are stored now."""
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign is not None
        assert close_campaign(db.session, campaign)
        db.session.commit()


def answered_and_closed(
    app: Flask, campaign_id: int, people: Iterable[Person | MultiPerson] = PEOPLE
) -> list[int]:
    """``people`` answer, then the campaign closes: the results exist from now on."""
    found = answer_all(app, campaign_id, people)
    close(app, campaign_id)
    return found
