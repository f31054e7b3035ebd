"""Fixtures of the respondent-journey tests. CSRF stays ENABLED here (the helpers read the
token from each form like a browser). A test module sets ``QUESTIONNAIRES = WERKSTATT`` (from
``journeyhelp``) to run on the small test questionnaire in ``tests/web/questionnaires/``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from journeyhelp import PAGE1, PAGE2, PAGE3, Respondent
from sqlalchemy import func, select

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.assessments import answers_of, find_assessment


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    folder = getattr(request.module, "QUESTIONNAIRES", None)
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": folder} if folder else app_config


@pytest.fixture
def respondent(app: Flask) -> Respondent:
    return Respondent(app.test_client())


@pytest.fixture
def completed(respondent: Respondent) -> str:
    """The token of a completed ``werkstatt`` assessment (industry C, 10-49 employees)."""
    token = respondent.start("werkstatt")
    for number, page in ((1, PAGE1), (2, PAGE2)):
        assert respondent.submit(token, number, page).status_code == 303
    assert respondent.submit(token, 3, PAGE3, action="finish").status_code == 303
    return token


@pytest.fixture
def new_respondent(app: Flask) -> Callable[[], Respondent]:
    """Another browser with its own cookies (resume on a second device)."""
    return lambda: Respondent(app.test_client())


@pytest.fixture
def questionnaire_of_app(app: Flask) -> Callable[[str], Any]:
    def get(questionnaire_id: str) -> Any:
        with app.app_context():
            loaded = current_registry().get(questionnaire_id)
            assert loaded is not None, questionnaire_id
            return loaded.questionnaire

    return get


@pytest.fixture
def stored(app: Flask) -> Callable[[str], dict[str, Any]]:
    """The answers stored for a token, read straight from the database."""

    def read(token: str) -> dict[str, Any]:
        with app.app_context():
            assessment = find_assessment(db.session, token)
            assert assessment is not None
            return answers_of(assessment)

    return read


@pytest.fixture
def count_rows(app: Flask) -> Callable[[type], int]:
    def count(model: type) -> int:
        with app.app_context():
            return int(db.session.scalar(select(func.count()).select_from(model)) or 0)

    return count
