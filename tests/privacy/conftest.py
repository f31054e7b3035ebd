"""Fixtures of the attack tests: a module sets ``QUESTIONNAIRES`` (a folder) to run on its
test questionnaires; CSRF stays on, so every request goes through the forms as a browser's
would. ``owner`` is a company owner's completed check (id, resume token)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from teamhelp import owner_check

for folder in ("web", "report"):  # webpage, test_team_pages; reporthelp (PDF text)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / folder))


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    folder = getattr(request.module, "QUESTIONNAIRES", None)
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": folder} if folder else app_config


@pytest.fixture
def owner(app: Flask) -> tuple[int, str]:
    return owner_check(app)
