"""Fixtures of the report tests: ``complete`` and ``started`` assessments (through the storage
services, see ``reporthelp``), on the shipped questionnaires or, in a module that sets
``QUESTIONNAIRES = HOSTILE``, on ``tests/report/questionnaires/``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from reporthelp import PROFILE, completed_assessment

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import start_assessment

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))  # webpage: the HTML reader


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    folder = getattr(request.module, "QUESTIONNAIRES", None)
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": folder} if folder else app_config


@pytest.fixture
def complete(app: Flask) -> Callable[..., str]:
    """``complete("ki-readiness", seed=1, answers=None)`` → the token of a completed assessment."""
    return lambda *args, **kwargs: completed_assessment(app, *args, **kwargs)


@pytest.fixture
def started(app: Flask) -> Callable[[str], str]:
    """The token of an assessment that is started but not completed."""

    def factory(questionnaire_id: str) -> str:
        with app.app_context():
            loaded = current_registry().get(questionnaire_id)
            assert loaded is not None
            _assessment, token = start_assessment(db.session, loaded, PROFILE)
            db.session.commit()
            return token

    return factory
