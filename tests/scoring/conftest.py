"""Scoring test helpers: questionnaires stated inline as YAML, and the rich fixture file."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from zzcheck.questionnaire.loader import load_file, load_text
from zzcheck.questionnaire.model import Questionnaire

FIXTURES = Path(__file__).parent / "fixtures"

HEADER = """\
id: t
version: "1"
title: Test
description: Test
levels:
  - {id: einsteiger, min: 0, name: Einsteiger, description: a}
  - {id: entdecker, min: 20, name: Entdecker, description: b}
  - {id: anwender, min: 40, name: Anwender, description: c}
  - {id: gestalter, min: 60, name: Gestalter, description: d}
  - {id: vorreiter, min: 80, name: Vorreiter, description: e}
"""


def load_yaml(text: str) -> Questionnaire:
    """Through the real loader, so every test questionnaire is also a valid file."""
    file_id = yaml.safe_load(text)["id"]
    return load_text(text, f"{file_id}.yaml").questionnaire


def make_questionnaire(body: str) -> Questionnaire:
    """HEADER (id ``t``, five levels at 0/20/40/60/80) + the dedented body."""
    return load_yaml(HEADER + textwrap.dedent(body))


@pytest.fixture
def make() -> Callable[[str], Questionnaire]:
    return make_questionnaire


@pytest.fixture(scope="session")
def rich() -> Questionnaire:
    return load_file(FIXTURES / "rich.yaml").questionnaire
