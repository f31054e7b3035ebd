"""Data of the consultant-workspace tests, made through the storage services (fast) rather
than the pages: completed assessments of the web test questionnaire ``werkstatt``, shares,
clients, and a snapshot of the workspace tables to prove that a refused request changed
nothing. Test modules set ``QUESTIONNAIRES = WERKSTATT``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask import Flask
from journeyhelp import PROFILE, WERKSTATT
from sqlalchemy import select, text, update

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import complete_assessment, save_page, start_assessment
from zzcheck.storage.clients import create_client
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.models import Assessment
from zzcheck.storage.sharing import share_assessment

__all__ = ["WERKSTATT"]  # re-exported: the test modules set QUESTIONNAIRES = WERKSTATT
SACHSEN, BERLIN = "sachsen", "berlin"
# Stored answers of ``werkstatt``: a weak, a middling and a strong company.
LOW: Mapping[str, object] = {
    "ki_genutzt": "no",
    "plan": "kein",
    "datenquellen": ["keine"],
    "anteil_digital": 10,
    "ordnung": "nie",
}
HIGH: Mapping[str, object] = {
    "ki_genutzt": "yes",
    "ziele": "schriftlich",
    "ziele_geprueft": "yes",
    "plan": "konkret",
    "datenquellen": ["auftraege", "lager"],
    "anteil_digital": 80,
    "ki_tools_daten": "yes",
    "ordnung": "immer",
}
MID: Mapping[str, object] = {
    "ki_genutzt": "yes",
    "ziele": "muendlich",
    "ziele_geprueft": "no",
    "plan": "ideen",
    "datenquellen": ["auftraege"],
    "anteil_digital": 40,
    "ki_tools_daten": "no",
    "ordnung": "manchmal",
}
WORKSPACE_TABLES = (
    "client",
    "share",
    "invitation",
    "invited_assessment",
    "note",
    "action_item",
    "assessment",
)
_CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def completed(
    app: Flask,
    answers: Mapping[str, object] = LOW,
    completed_at: datetime | None = None,
    profile: Mapping[str, str] = PROFILE,
    questionnaire_id: str = "werkstatt",
) -> tuple[int, str]:
    """A completed assessment (id, resume token), optionally back-dated."""
    with app.app_context():
        loaded = current_registry().get(questionnaire_id)
        assert loaded is not None
        assessment, token = start_assessment(db.session, loaded, profile)
        save_page(db.session, assessment, answers, [], 3)
        complete_assessment(db.session, assessment)
        if completed_at is not None:
            db.session.execute(
                update(Assessment)
                .where(Assessment.id == assessment.id)
                .values(completed_at=completed_at)
            )
        db.session.commit()
        return assessment.id, token


def shared(
    app: Flask,
    assessment_id: int,
    centre: str = SACHSEN,
    company: str | None = None,
    client_id: int | None = None,
    contact: str | None = None,
) -> int:
    """Share the assessment with ``centre`` (and file it under ``client_id``); the share id."""
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment is not None
        share = share_assessment(
            db.session,
            assessment,
            centre,
            CONSENT.version,
            "de",
            centres=current_registry().centres,
            company_name=company,
            contact_person=contact,
        )
        if client_id is not None:
            share.client_id = client_id
        db.session.commit()
        return share.id


def new_client(app: Flask, centre: str, name: str) -> int:
    with app.app_context():
        client = create_client(db.session, centre, name)
        db.session.commit()
        return client.id


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the workspace tables (and assessments), to compare before and after."""
    with app.app_context():
        return {
            table: [
                tuple(row) for row in db.session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            ]
            for table in WORKSPACE_TABLES
        }


def csrf_of(html: str) -> str:
    """The CSRF token of the (first) form on a page."""
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1) or found.group(2)


def ids(html: str, attribute: str) -> list[int]:
    """The values of ``data-<attribute>="…"`` on a page, in order (rows of a list)."""
    return [int(value) for value in re.findall(rf'data-{attribute}="(\d+)"', html)]


def one(app: Flask, model: type, **where: object) -> Any:
    """The single row of ``model`` matching ``where`` (read in a fresh app context)."""
    with app.app_context():
        query = select(model).filter_by(**where)
        row = db.session.scalars(query).one()
        db.session.expunge(row)
        return row
