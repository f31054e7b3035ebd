"""Storage test fixtures: the app on two small questionnaires of our own (``werkstatt.py``)
and a factory for assessments.

Every test here runs on SQLite and, with ZZCHECK_TEST_POSTGRES_URL set, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkstatt import PROFILE, write_questionnaires

from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage import versions
from zzcheck.storage.assessments import start_assessment
from zzcheck.storage.models import Assessment


@pytest.fixture
def questionnaire_folder(tmp_path: Path) -> Path:
    return write_questionnaires(tmp_path / "questionnaires")


@pytest.fixture
def app_config(app_config: dict[str, Any], questionnaire_folder: Path) -> dict[str, Any]:
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": str(questionnaire_folder)}


@pytest.fixture(autouse=True)
def _fresh_snapshot_cache() -> None:
    """Each test parses stored snapshots itself, as a fresh process would."""
    versions.clear_cache()


@pytest.fixture
def start(ctx: Flask) -> Callable[..., tuple[Assessment, str]]:
    """``start(questionnaire_id="werkstatt", profile=None)``: a committed assessment, its token."""

    def factory(
        questionnaire_id: str = "werkstatt", profile: Mapping[str, str] | None = None
    ) -> tuple[Assessment, str]:
        loaded = current_registry().get(questionnaire_id)
        assert loaded is not None
        assessment, token = start_assessment(db.session, loaded, profile or PROFILE)
        db.session.commit()
        return assessment, token

    return factory


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    """An app context for the test body (the session lives in it)."""
    with app.app_context():
        yield app
