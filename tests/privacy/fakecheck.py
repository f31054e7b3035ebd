"""Checks done the way an outsider does them: through HTTP, with a chosen profile and known
answers, for the attack tests of the peer comparison and the programme statistics.

``SCALE_YAML`` is a questionnaire with two dimensions of one eleven-point scale question
each, so a check's dimension scores are exactly ``10 · step`` (0, 10, …, 100).
``let_time_pass`` moves every stored time back (as if the days had passed), since a test
cannot wait a day.
"""

from __future__ import annotations

import importlib
import re
from datetime import timedelta
from pathlib import Path

from authhelp import csrf_token_of
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from zzcheck.extensions import db
from zzcheck.storage.models import Assessment

STEPS = [f"s{i}" for i in range(11)]
SCALE_YAML = """
id: skala
version: "1.0"
title: {de: Skalen-Check, en: Scale check}
description: {de: Zwei Bereiche mit je einer Frage., en: Two areas with one question each.}
legal_status: "11/2026"
duration_minutes: 1
dimensions:
  - {id: eins, title: {de: Bereich eins, en: Area one}}
  - {id: zwei, title: {de: Bereich zwei, en: Area two}}
levels:
  - {id: a, min: 0, name: {de: Anfang, en: Start}, description: {de: Anfang., en: Start.}}
sections:
  - id: alles
    title: {de: Fragen, en: Questions}
    questions:
""" + "".join(
    f"""      - id: frage_{dim}
        type: scale
        dimension: {dim}
        required: true
        text: {{de: Frage {dim}, en: Question {dim}}}
        options:
"""
    + "".join(
        f"          - {{id: {step}, label: {{de: '{i}', en: '{i}'}}}}\n"
        for i, step in enumerate(STEPS)
    )
    for dim in ("eins", "zwei")
)
TOKEN = re.compile(r"/a/([A-Za-z0-9_-]{32,})/1$")


def write_questionnaire(folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "skala.yaml").write_text(SCALE_YAML, encoding="utf-8")
    return str(folder)


def complete_check(client: FlaskClient, profile: dict[str, str], eins: int, zwei: int) -> str:
    """Start a check with ``profile``, answer so that the scores are ``eins`` and ``zwei``
    (multiples of 10), finish it; returns the resume token."""
    page = client.get("/skala/start")
    assert page.status_code == 200
    form = {"csrf_token": csrf_token_of(page.get_data(as_text=True)), "role": "owner", **profile}
    response = client.post("/skala/start", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    found = TOKEN.search(response.headers["Location"])
    assert found is not None
    token = found.group(1)
    section = client.get(f"/a/{token}/1").get_data(as_text=True)
    answers = {
        "csrf_token": csrf_token_of(section),
        "q_frage_eins": STEPS[eins // 10],
        "q_frage_zwei": STEPS[zwei // 10],
        "action": "finish",
    }
    finished = client.post(f"/a/{token}/1", data=answers)
    assert finished.status_code == 303, finished.get_data(as_text=True)[:300]
    return token


def let_time_pass(app: Flask, days: int) -> None:
    """Every stored time of the checks (and of the peer snapshot, where there is one)
    ``days`` earlier: for the data, the days have passed."""
    shift = timedelta(days=days)
    with app.app_context():
        for assessment in db.session.scalars(select(Assessment)):
            assessment.started_at -= shift
            assessment.updated_at -= shift
            if assessment.completed_at is not None:
                assessment.completed_at -= shift
        snapshot_model = getattr(models_module(), "PeerSnapshot", None)
        if snapshot_model is not None:
            for snapshot in db.session.scalars(select(snapshot_model)):
                snapshot.taken_at -= shift
                snapshot.cutoff -= shift
        db.session.commit()


def models_module() -> object:
    """Where the snapshot model lives (absent before the snapshot existed)."""
    try:
        return importlib.import_module("zzcheck.storage.peer_models")
    except ImportError:
        return object()
