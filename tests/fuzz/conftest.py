"""Fixtures of the fuzz tests (issue 8, point 4): the test questionnaire ``werkstatt``, the
world of ``fuzzworld.py``, the Hypothesis profile, and the example budget per backend.

Profiles: ``fuzz`` (random, for developers) and ``fuzz-ci`` (``derandomize=True``: the same
examples on every run, chosen when the environment says ``CI=true``). Both are used only as
the parent of the fuzz tests' settings, so the scoring properties keep their own. The budget
is ``max_examples`` per route: 40 on SQLite, 8 on PostgreSQL (the same properties, fewer
examples, to keep CI time sane); ``ZZCHECK_FUZZ_EXAMPLES`` and ``ZZCHECK_FUZZ_EXAMPLES_PG``
override them for a longer hunt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))  # the web helpers

from fuzzworld import World, build_world
from journeyhelp import WERKSTATT

settings.register_profile(
    "fuzz",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("fuzz-ci", settings.get_profile("fuzz"), derandomize=True)
SQLITE_EXAMPLES = int(os.environ.get("ZZCHECK_FUZZ_EXAMPLES", "40"))
POSTGRES_EXAMPLES = int(os.environ.get("ZZCHECK_FUZZ_EXAMPLES_PG", "8"))


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """The small test questionnaire; guessed links are not limited here (fuzzed tokens would
    soon meet the limit and stop reaching the views: its own tests are elsewhere)."""
    return {**app_config, "ZZCHECK_QUESTIONNAIRES": WERKSTATT, "ZZCHECK_LINK_GUESSES": 10**9}


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def budget(database_url: str) -> int:
    """Examples per route: the smaller subset on PostgreSQL."""
    return POSTGRES_EXAMPLES if database_url.startswith("postgresql") else SQLITE_EXAMPLES
