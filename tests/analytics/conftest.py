"""Fixtures of the analytics tests: an app context, the ki-readiness questionnaire as it is
loaded, and ``add(rows)`` to store constructed assessments (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest
from assessmentrows import Row, insert_rows
from flask import Flask

from zzcheck.extensions import db
from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.registry import current_registry


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app


@pytest.fixture
def loaded(ctx: Flask) -> LoadedQuestionnaire:
    found = current_registry().get("ki-readiness")
    assert found is not None
    return found


@pytest.fixture
def add(loaded: LoadedQuestionnaire) -> Callable[[Sequence[Row]], list[Row]]:
    return lambda rows: insert_rows(db.session, loaded, rows)


@pytest.fixture
def centres(ctx: Flask) -> dict[str, str]:
    """State code → centre id, from the app's centres file."""
    return {s: c.id for c in current_registry().centres.all() for s in c.states}
